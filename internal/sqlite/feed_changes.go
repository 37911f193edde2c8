package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/placetrust/placetrust/internal/estate"
)

// RegisterChanges returns the assets changed after version since, read
// from the audit trail in one snapshot: every committed change to an
// asset writes an audit event naming it in the same transaction. A trail
// that went back (another database file under the copy) or more than
// estate.MaxFeedChanges changes asks for a reload.
func (db *DB) RegisterChanges(ctx context.Context, since int64) (estate.Changes, error) {
	if v, err := auditHead(ctx, db.reads); err != nil || v == since {
		return estate.Changes{Version: v}, err
	}
	tx, err := db.beginRead(ctx)
	if err != nil {
		return estate.Changes{}, err
	}
	defer tx.Rollback()
	version, err := auditHead(ctx, tx)
	switch {
	case err != nil:
		return estate.Changes{}, err
	case version < since:
		return estate.Changes{Version: version, Reload: true}, nil
	case version == since:
		return estate.Changes{Version: version}, nil
	}
	ids, err := changedAssetIDs(ctx, tx, since, estate.MaxFeedChanges)
	if err != nil || ids == nil {
		return estate.Changes{Version: version, Reload: ids == nil}, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+feedColumns+` FROM assets
		WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`, idList(ids))
	if err != nil {
		return estate.Changes{}, fmt.Errorf("sqlite: register changes: %w", err)
	}
	defer rows.Close()
	found := make([]*estate.Asset, 0, len(ids))
	for rows.Next() {
		a := &estate.Asset{}
		if err := scanFeed(rows, a); err != nil {
			return estate.Changes{}, err
		}
		found = append(found, a)
	}
	if err := rows.Err(); err != nil {
		return estate.Changes{}, fmt.Errorf("sqlite: register changes: %w", err)
	}
	return estate.ChangesOf(version, ids, found), nil
}

// idList passes ids as one JSON array: one placeholder however many.
func idList(ids []int64) string {
	b, _ := json.Marshal(ids) // int64s: it cannot fail
	return string(b)
}

// changedAssetIDs lists, in id order, the assets with audit events after
// version since, in the snapshot of tx: never empty, as since is older
// than the snapshot. More than max is nil: a copy that far behind is
// better reloaded than patched.
func changedAssetIDs(ctx context.Context, tx *sql.Tx, since int64, max int) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT DISTINCT asset_id FROM audit_events WHERE id > ? ORDER BY asset_id LIMIT ?`,
		since, max+1)
	if err != nil {
		return nil, fmt.Errorf("sqlite: find changed assets: %w", err)
	}
	defer rows.Close()
	ids := []int64{}
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
		return nil, nil
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
