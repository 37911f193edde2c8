package sqlite

import "context"

// Exec runs SQL on the writer, for tests that try to break invariants.
func Exec(ctx context.Context, db *DB, query string, args ...any) error {
	_, err := db.writer.ExecContext(ctx, query, args...)
	return err
}
