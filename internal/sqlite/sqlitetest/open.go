package sqlitetest

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/service"
	"github.com/placetrust/placetrust/internal/sqlite"
)

// Open opens a fresh database in a temporary directory, closed when the
// test ends, whose clock ticks a second a reading from 2026-11-22 09:00
// UTC, so times in tests are exact and ordered.
func Open(tb testing.TB) *sqlite.DB {
	tb.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(tb.TempDir(), "test.db"))
	if err != nil {
		tb.Fatal(err)
	}
	now := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { now = now.Add(time.Second); return now }
	tb.Cleanup(func() { db.Close() })
	return db
}

// Services builds the services over db as the command line does, serving
// Great Britain, on db's clock.
func Services(db *sqlite.DB) *service.Services {
	return service.New(db, service.Options{ServiceArea: estate.GreatBritain, Now: func() time.Time { return db.Now() }})
}
