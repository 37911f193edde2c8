package sqlite

import (
	"context"
	"fmt"
)

// Asset ids are never given twice (migrations/sqlite/0004_asset_ids.sql):
// a new asset's id is one above every id the register has ever given.
// Reading the audit trail's largest asset id costs one step down its
// index, so no counter has to be written on every insert.

// nextAssetID is the least id no asset has ever had, read inside the
// write transaction that will use it (the single writer keeps it so), or
// in the snapshot a copy dumps.
func nextAssetID(ctx context.Context, tx querier) (int64, error) {
	var next int64
	err := tx.QueryRowContext(ctx, `SELECT max(
		coalesce((SELECT max(id) FROM assets), 0) + 1,
		coalesce((SELECT max(asset_id) FROM audit_events), 0) + 1,
		(SELECT next FROM asset_id_floor))`).Scan(&next)
	if err != nil {
		return 0, fmt.Errorf("sqlite: next asset id: %w", err)
	}
	return next, nil
}

// retireAssetIDs raises the floor to next, so ids below it that a
// rolled-back import reported are never given to other assets. It runs
// after that import's transaction has ended, in one of its own.
func (db *DB) retireAssetIDs(ctx context.Context, next int64) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `UPDATE asset_id_floor SET next = max(next, ?)`, next); err != nil {
		return fmt.Errorf("sqlite: retire asset ids: %w", err)
	}
	return commit(tx)
}
