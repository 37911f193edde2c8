package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// indexedTables are the tables whose indexes a copy builds after their
// rows rather than row by row: a million assets go in several times
// faster, their GIN and GiST indexes built in bulk.
var indexedTables = []string{"assets", "asset_occupiers", "audit_events", "admin_events"}

// dropIndexes drops the indexes of indexedTables that back no constraint
// (keys and unique constraints stay, and check as rows go in), in tx, and
// returns the statements that make them again, read from the catalog so
// an index a migration adds is made again too. Dropping an index locks
// its table against readers until tx ends: a copy's target is empty,
// and nothing reads it meanwhile.
func dropIndexes(ctx context.Context, tx pgx.Tx) (rebuild []string, err error) {
	rows, err := tx.Query(ctx, `SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
		FROM pg_index i
		WHERE i.indrelid = ANY (SELECT t::regclass FROM unnest($1::text[]) t)
			AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
		ORDER BY 1`, indexedTables)
	if err != nil {
		return nil, fmt.Errorf("postgres: load: indexes: %w", err)
	}
	var names []string
	for rows.Next() {
		var name, def string
		if err := rows.Scan(&name, &def); err != nil {
			return nil, fmt.Errorf("postgres: load: indexes: %w", err)
		}
		names, rebuild = append(names, name), append(rebuild, def)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: load: indexes: %w", err)
	}
	for _, name := range names {
		// name is the catalog's, quoted as needed.
		if _, err := tx.Exec(ctx, `DROP INDEX `+name); err != nil {
			return nil, fmt.Errorf("postgres: load: drop index %s: %w", name, err)
		}
	}
	return rebuild, nil
}

// buildIndexes runs dropIndexes' statements, with memory enough to sort
// a national register's in one pass, and gathers the planner's
// statistics of what the copy wrote, so the first queries after it are
// planned for its rows.
func buildIndexes(ctx context.Context, tx pgx.Tx, rebuild []string) error {
	stmts := append([]string{`SET LOCAL maintenance_work_mem = '256MB'`}, rebuild...)
	for _, t := range indexedTables {
		stmts = append(stmts, `ANALYZE `+t) // t from the fixed list
	}
	for _, s := range stmts {
		if _, err := tx.Exec(ctx, s); err != nil {
			return fmt.Errorf("postgres: load: %.60s: %w", s, err)
		}
	}
	return nil
}
