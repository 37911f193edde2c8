package postgres_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/postgres"
	"github.com/placetrust/placetrust/internal/postgres/pgtest"
	"github.com/placetrust/placetrust/internal/sqlite"
	"github.com/placetrust/placetrust/internal/sqlite/sqlitetest"
	"github.com/placetrust/placetrust/internal/storetest"
)

// TestCopyRegister copies the demo register, as use leaves it, SQLite to
// PostgreSQL, PostgreSQL to PostgreSQL, and back to SQLite: every copy
// holds every asset, version, history event, token and id of the first,
// and each database passes its engine's checks. The refusals run SQLite
// to PostgreSQL. (The register is built on SQLite: it takes an import.)
func TestCopyRegister(t *testing.T) {
	storetest.RunCopy(t, sqliteCopyEnd, postgresCopyEnd, postgresCopyEnd, sqliteCopyEnd)
}

// TestCopyFromPostgres builds the register on PostgreSQL, with its
// imports, and copies it PostgreSQL to PostgreSQL, to SQLite and back;
// the refusals run PostgreSQL to PostgreSQL.
func TestCopyFromPostgres(t *testing.T) {
	storetest.RunCopy(t, postgresCopyEnd, postgresCopyEnd, sqliteCopyEnd, postgresCopyEnd)
}

// postgresCopyEnd opens a fresh PostgreSQL database, checked with
// DB.Check.
func postgresCopyEnd(tb testing.TB, now func() time.Time) storetest.CopyEnd {
	db := openCopyDB(tb, now)
	return storetest.CopyEnd{Store: db, Check: db.Check}
}

func openCopyDB(tb testing.TB, now func() time.Time) *postgres.DB {
	tb.Helper()
	db, err := postgres.Open(context.Background(), pgtest.URL(tb))
	if err != nil {
		tb.Fatal(err)
	}
	db.Now = now
	tb.Cleanup(func() { db.Close() })
	return db
}

// sqliteCopyEnd opens a fresh SQLite store, checked with sqlitetest.Check.
func sqliteCopyEnd(tb testing.TB, now func() time.Time) storetest.CopyEnd {
	db, err := sqlite.Open(context.Background(), filepath.Join(tb.TempDir(), "copy.db"))
	if err != nil {
		tb.Fatal(err)
	}
	db.Now = now
	tb.Cleanup(func() { db.Close() })
	return storetest.CopyEnd{Store: db, Check: func(ctx context.Context) error { return sqlitetest.Check(ctx, db) }}
}
