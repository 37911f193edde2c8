package sqlite

import (
	"context"
	"fmt"
)

// CountRows counts a table's rows, for tests that check nothing was written.
func CountRows(ctx context.Context, db *DB, table string) (int, error) {
	switch table {
	case "partners", "assets", "assets_rtree", "asset_tags", "asset_occupiers", "audit_events", "tokens":
	default:
		return 0, fmt.Errorf("unknown table %q", table)
	}
	var n int
	err := db.reader.QueryRowContext(ctx, `SELECT count(*) FROM `+table).Scan(&n)
	return n, err
}

// Exec runs SQL on the writer, for tests that try to break invariants.
func Exec(ctx context.Context, db *DB, query string, args ...any) error {
	_, err := db.writer.ExecContext(ctx, query, args...)
	return err
}
