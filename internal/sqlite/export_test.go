package sqlite

import "context"

// Exec runs SQL on the writer, for tests that try to break invariants.
func Exec(ctx context.Context, db *DB, query string, args ...any) error {
	_, err := db.writer.ExecContext(ctx, query, args...)
	return err
}

// SpatialKey is spatialKey, for tests of the order new assets are laid
// out in.
var SpatialKey = spatialKey

// SpatialWindow is spatialWindow.
const SpatialWindow = spatialWindow

// JSONOf is jsonOf, for the external tests.
var JSONOf = jsonOf
