package sqlite

import (
	"context"
	"fmt"
	"time"

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
	tx, version, ids, err := s.changesSince(ctx, since, maxAssetChanges)
	if err != nil || tx == nil {
		return version, nil, nil, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT `+snapshotColumns+` FROM assets
		WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`, idList(ids))
	if err != nil {
		return 0, nil, nil, fmt.Errorf("sqlite: find asset changes: %w", err)
	}
	defer rows.Close()
	changed := make([]*estate.Asset, 0, len(ids))
	var deleted []int64
	next := 0 // ids and rows are both in id order: what rows skip is gone
	for rows.Next() {
		a := &estate.Asset{}
		if err := scanSnapshot(rows, a, new(time.Time)); err != nil {
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
