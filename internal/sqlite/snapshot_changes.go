package sqlite

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/placetrust/placetrust/internal/estate"
)

// maxAssetChanges is how many changed assets a patch of the analyses'
// copy may carry: reading one by id costs about what reading ten in a
// full scan does, so past this a reload of a large register is as cheap,
// and a small register reloads fast anyway.
const maxAssetChanges = 20_000

// FindAssetChanges returns the assets changed after version since, read
// from the audit trail in one snapshot: every committed change to an
// asset writes an audit event naming it in the same transaction.
func (s *AssetService) FindAssetChanges(ctx context.Context, since int64) (int64, []*estate.Asset, []int64, error) {
	// Nearly always nothing has changed: answer that without a
	// transaction, from a prepared statement.
	if v, err := auditHead(ctx, s.db.reads); err != nil || v == since {
		return v, nil, nil, err
	}
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return 0, nil, nil, err
	}
	defer tx.Rollback()
	version, err := auditHead(ctx, tx)
	if err != nil || version == since {
		return version, nil, nil, err
	}
	if version < since {
		// The trail went back (another database file): the copy is from
		// elsewhere.
		return version, nil, nil, estate.Errorf(estate.ECONFLICT, "The register is older than the copy: reload.")
	}
	ids, err := changedAssetIDs(ctx, tx, since, maxAssetChanges)
	if err != nil {
		return version, nil, nil, err
	}
	// The ids travel as one JSON array: one placeholder however many.
	list, _ := json.Marshal(ids)
	rows, err := tx.QueryContext(ctx, `SELECT `+snapshotColumns+` FROM assets
		WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`, string(list))
	if err != nil {
		return 0, nil, nil, fmt.Errorf("sqlite: find asset changes: %w", err)
	}
	defer rows.Close()
	changed := make([]*estate.Asset, 0, len(ids))
	var deleted []int64
	next := 0 // ids and rows are both in id order: what rows skip is gone
	for rows.Next() {
		a := &estate.Asset{}
		if err := scanSnapshot(rows, a); err != nil {
			return 0, nil, nil, err
		}
		for next < len(ids) && ids[next] < a.ID {
			deleted = append(deleted, ids[next])
			next++
		}
		next++
		changed = append(changed, a)
	}
	if err := rows.Err(); err != nil {
		return 0, nil, nil, fmt.Errorf("sqlite: find asset changes: %w", err)
	}
	deleted = append(deleted, ids[min(next, len(ids)):]...)
	return version, changed, deleted, nil
}
