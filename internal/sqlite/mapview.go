package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/service"
)

var _ estate.PointSource = (*AssetService)(nil)

// FindAssetExtent returns the extent of the assets in scope. It reads
// every row in scope, so it is remembered until the register changes.
func (db *DB) FindAssetExtent(ctx context.Context, scope service.Scope) (estate.AssetExtent, error) {
	where, args := assetWhere(estate.AssetFilter{}, scope, false)
	v, err := db.memo.get(ctx, db.reads, "extent\x00"+countKey(where, args), func() (any, error) {
		var e estate.AssetExtent
		var minLon, minLat, maxLon, maxLat sql.NullFloat64
		err := db.reads.QueryRowContext(ctx, `SELECT count(*), min(a.min_lon), min(a.min_lat),
			max(a.max_lon), max(a.max_lat)
			FROM assets a WHERE `+where, args...).Scan(&e.Count, &minLon, &minLat, &maxLon, &maxLat)
		if err != nil {
			return nil, fmt.Errorf("sqlite: asset extent: %w", err)
		}
		if e.Count == 0 {
			return e, nil
		}
		e.BBox = estate.BBox{MinLon: minLon.Float64, MinLat: minLat.Float64, MaxLon: maxLon.Float64, MaxLat: maxLat.Float64}
		return e, nil
	})
	if err != nil {
		return estate.AssetExtent{}, err
	}
	return v.(estate.AssetExtent), nil
}

const pointColumns = `a.id, a.partner_id, a.rag, a.holding, a.use, a.name, a.lon, a.lat, a.sensitive`

func scanPoint(row scanner, p *estate.AssetPoint) error {
	if err := row.Scan(&p.ID, &p.Partner, &p.RAG, &p.Holding, &p.Use, &p.Name,
		&p.Location.Lon, &p.Location.Lat, &p.Sensitive); err != nil {
		return fmt.Errorf("sqlite: scan asset point: %w", err)
	}
	return nil
}

// FindAssetPoints calls fn with every asset's point, in id order, from
// one snapshot, and returns the register version of that snapshot.
func (s *AssetService) FindAssetPoints(ctx context.Context, fn func(*estate.AssetPoint) error) (int64, error) {
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	version, err := auditHead(ctx, tx)
	if err != nil {
		return 0, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+pointColumns+` FROM assets a ORDER BY a.id`)
	if err != nil {
		return 0, fmt.Errorf("sqlite: find asset points: %w", err)
	}
	defer rows.Close()
	var p estate.AssetPoint
	for rows.Next() {
		if err := scanPoint(rows, &p); err != nil {
			return 0, err
		}
		if err := fn(&p); err != nil {
			return 0, err
		}
	}
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("sqlite: find asset points: %w", err)
	}
	return version, nil
}

// maxPointChanges is how many changed assets a patch may carry; beyond
// it, reading every point again is about as cheap.
const maxPointChanges = 20_000

// FindAssetPointChanges returns the points of assets changed after
// version since, read from the audit trail in one snapshot.
func (s *AssetService) FindAssetPointChanges(ctx context.Context, since int64) (int64, []estate.AssetPoint, []int64, error) {
	tx, version, ids, err := s.changesSince(ctx, since, maxPointChanges)
	if err != nil || tx == nil {
		return version, nil, nil, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT `+pointColumns+` FROM assets a
		WHERE a.id IN (SELECT value FROM json_each(?))`, idList(ids))
	if err != nil {
		return 0, nil, nil, fmt.Errorf("sqlite: find point changes: %w", err)
	}
	defer rows.Close()
	found := make(map[int64]bool, len(ids))
	changed := make([]estate.AssetPoint, 0, len(ids))
	for rows.Next() {
		var p estate.AssetPoint
		if err := scanPoint(rows, &p); err != nil {
			return 0, nil, nil, err
		}
		found[p.ID] = true
		changed = append(changed, p)
	}
	if err := rows.Err(); err != nil {
		return 0, nil, nil, fmt.Errorf("sqlite: find point changes: %w", err)
	}
	var deleted []int64
	for _, id := range ids {
		if !found[id] {
			deleted = append(deleted, id)
		}
	}
	return version, changed, deleted, nil
}

// changesSince opens a read snapshot and lists, in id order, the assets
// with audit events after version since: the start of every patch of a
// copy of the register. tx is nil, with the version, when nothing has
// changed, which is nearly always and is answered without a transaction.
// A trail that went back (another database file under the copy) or more
// than max changes is an ECONFLICT error: reload rather than patch. The
// caller rolls tx back.
func (s *AssetService) changesSince(ctx context.Context, since int64, max int) (*sql.Tx, int64, []int64, error) {
	if v, err := auditHead(ctx, s.db.reads); err != nil || v == since {
		return nil, v, nil, err
	}
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return nil, 0, nil, err
	}
	version, err := auditHead(ctx, tx)
	if err == nil && version < since {
		err = estate.Errorf(estate.ECONFLICT, "The register is older than the copy: reload.")
	}
	if err != nil || version == since {
		tx.Rollback()
		return nil, version, nil, err
	}
	ids, err := changedAssetIDs(ctx, tx, since, max)
	if err != nil {
		tx.Rollback()
		return nil, version, nil, err
	}
	return tx, version, ids, nil
}

// idList passes ids as one JSON array: one placeholder however many.
func idList(ids []int64) string {
	b, _ := json.Marshal(ids) // int64s: it cannot fail
	return string(b)
}

// changedAssetIDs lists, in id order, the assets with audit events after
// version since, in the snapshot of tx. More than max is an ECONFLICT
// error: a copy that far behind is better reloaded than patched.
func changedAssetIDs(ctx context.Context, tx *sql.Tx, since int64, max int) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT DISTINCT asset_id FROM audit_events WHERE id > ? ORDER BY asset_id LIMIT ?`,
		since, max+1)
	if err != nil {
		return nil, fmt.Errorf("sqlite: find changed assets: %w", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("sqlite: find changed assets: %w", err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: find changed assets: %w", err)
	}
	if len(ids) > max {
		return nil, estate.Errorf(estate.ECONFLICT, "Too many changes to patch: reload.")
	}
	return ids, nil
}

// auditHead is the id of the newest audit event: every committed change
// to an asset writes one in the same transaction, so it serves as the
// register's version.
func auditHead(ctx context.Context, q querier) (int64, error) {
	var v int64
	if err := q.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM audit_events`).Scan(&v); err != nil {
		return 0, fmt.Errorf("sqlite: register version: %w", err)
	}
	return v, nil
}
