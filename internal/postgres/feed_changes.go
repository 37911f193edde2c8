package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/placetrust/placetrust/internal/estate"
)

// RegisterChanges returns the assets changed after version since, read
// from register_log in one repeatable-read snapshot (see feed.go for why
// that is exact). When nothing changed it costs one lookup of the head.
// A head behind since (another database under the copy), a log row that
// says reload (an import), a log with versions missing, or more than
// estate.MaxFeedChanges assets ask for a reload.
func (db *DB) RegisterChanges(ctx context.Context, since int64) (estate.Changes, error) {
	v, err := registerHead(ctx, db.pool)
	if err != nil {
		return estate.Changes{}, err
	}
	if v == since {
		return estate.Changes{Version: v}, nil
	}
	var ch estate.Changes
	err = db.inSnapshot(ctx, func(tx pgx.Tx) error {
		ch, err = changesIn(ctx, tx, since)
		return err
	})
	return ch, err
}

// changesIn reads the changes after since in tx's snapshot.
func changesIn(ctx context.Context, tx pgx.Tx, since int64) (estate.Changes, error) {
	version, err := registerHead(ctx, tx)
	switch {
	case err != nil:
		return estate.Changes{}, err
	case version < since:
		return estate.Changes{Version: version, Reload: true}, nil
	case version == since:
		return estate.Changes{Version: version}, nil
	}
	// One row: how many versions the log holds after since, whether one
	// asks for a reload, and the distinct assets they name (bounded).
	var logged int64
	var reload bool
	var ids []int64
	err = tx.QueryRow(ctx, `WITH log AS (
			SELECT asset_ids, reload FROM register_log WHERE version > $1 AND version <= $2
		), named AS (
			SELECT DISTINCT unnest(asset_ids) AS id FROM log ORDER BY 1 LIMIT $3
		)
		SELECT (SELECT count(*) FROM log), (SELECT coalesce(bool_or(reload), false) FROM log),
			coalesce((SELECT array_agg(id ORDER BY id) FROM named), '{}')`,
		since, version, estate.MaxFeedChanges+1).Scan(&logged, &reload, &ids)
	if err != nil {
		return estate.Changes{}, fmt.Errorf("postgres: find changed assets: %w", err)
	}
	if reload || logged != version-since || len(ids) > estate.MaxFeedChanges {
		return estate.Changes{Version: version, Reload: true}, nil
	}
	if len(ids) == 0 {
		return estate.Changes{Version: version}, nil
	}
	rows, err := tx.Query(ctx, `SELECT `+feedColumns+` FROM assets WHERE id = ANY($1) ORDER BY id`, ids)
	if err != nil {
		return estate.Changes{}, fmt.Errorf("postgres: register changes: %w", err)
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
		return estate.Changes{}, fmt.Errorf("postgres: register changes: %w", err)
	}
	return estate.ChangesOf(version, ids, found), nil
}
