package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// registerChannel is the LISTEN/NOTIFY channel told each new version of
// the register, its payload the version in decimal.
const registerChannel = "placetrust_register"

// maxLoggedIDs bounds the ids one register_log row lists: a transaction
// changing more (an import) logs a reload instead, and a follower reads
// the register again rather than a list as long as it.
const maxLoggedIDs = 10_000

// bumpRegister gives the transaction tx, which changed the assets ids,
// the register's next version, logs them under it and notifies the
// servers following the register. It must be tx's LAST statement before
// COMMIT: it locks the one head row, so the versions are in commit order,
// and the lock is then held only for the commit itself, so writers do not
// wait on each other for longer (migrations/postgres/0001_register.sql).
func bumpRegister(ctx context.Context, tx pgx.Tx, ids []int64) (int64, error) {
	reload := len(ids) > maxLoggedIDs
	if reload || ids == nil {
		ids = []int64{}
	}
	var version int64
	err := tx.QueryRow(ctx, `WITH head AS (
			UPDATE register_head SET version = version + 1 RETURNING version
		), logged AS (
			INSERT INTO register_log (version, asset_ids, reload)
			SELECT version, $1, $2 FROM head RETURNING version
		)
		SELECT version, pg_notify('`+registerChannel+`', version::text) IS NULL FROM logged`,
		ids, reload).Scan(&version, new(bool))
	if err != nil {
		return 0, fmt.Errorf("postgres: register version: %w", err)
	}
	return version, nil
}
