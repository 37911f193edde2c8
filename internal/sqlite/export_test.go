package sqlite

import (
	"context"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/service"
)

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

// TimeWrite runs queries in one write transaction, then commits it, and
// says how long each took, the commit last: for benchmarks that time
// SQLite's own part of a write.
func TimeWrite(ctx context.Context, db *DB, queries ...string) ([]time.Duration, error) {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	var took []time.Duration
	for _, q := range queries {
		start := time.Now()
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return nil, err
		}
		took = append(took, time.Since(start))
	}
	start := time.Now()
	if err := commit(tx); err != nil {
		return nil, err
	}
	return append(took, time.Since(start)), nil
}

// QueryInt runs a query of one integer on the writer.
func QueryInt(ctx context.Context, db *DB, query string, args ...any) (int64, error) {
	var n int64
	err := db.writer.QueryRowContext(ctx, query, args...).Scan(&n)
	return n, err
}

// NewServices builds the services over db as the command line does,
// serving Great Britain, on db's clock.
func NewServices(db *DB) *service.Services {
	return service.New(db, service.Options{Now: func() time.Time { return db.Now() }})
}

// Assets joins what the tests call on assets: the services' reads and
// writes, built as NewServices builds them, and the store's imports and
// feeds of the register's copies.
type Assets struct {
	estate.AssetService
	estate.ExtentSource
	estate.DateSource
	estate.RegisterFeed
}

// AssetsOf returns db's Assets.
func AssetsOf(db *DB) *Assets {
	svc := NewServices(db)
	return &Assets{svc.Assets, svc.Extent, svc.Dates, db}
}
