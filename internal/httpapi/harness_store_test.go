package httpapi_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/postgres"
	"github.com/placetrust/placetrust/internal/postgres/pgtest"
	"github.com/placetrust/placetrust/internal/service"
	"github.com/placetrust/placetrust/internal/sqlite"
	"github.com/placetrust/placetrust/internal/sqlite/sqlitetest"
)

// storeEnv chooses the store the HTTP suite's servers run over: unset or
// "sqlite" for a SQLite file, "postgres" for a fresh PostgreSQL database
// from pgtest (PLACETRUST_TEST_POSTGRES names the cluster). .ci/test runs
// the suite both ways.
const storeEnv = "PLACETRUST_HTTP_STORE"

// testStore is the store under a test server.
type testStore interface {
	service.Store
	io.Closer
}

// openTestStore opens the store storeEnv asks for, closed when t ends:
// on SQLite, with the *sqlite.DB; on PostgreSQL, with its database's URL.
func openTestStore(t *testing.T) (st testStore, lite *sqlite.DB, pgURL string) {
	t.Helper()
	ctx := context.Background()
	switch engine := os.Getenv(storeEnv); engine {
	case "", "sqlite":
		db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "api.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db, db, ""
	case "postgres":
		url := pgtest.URL(t)
		db, err := postgres.Open(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db, nil, url
	default:
		t.Fatalf("%s=%q: use sqlite or postgres", storeEnv, engine)
		return nil, nil, ""
	}
}

// needSQLite returns the server's SQLite store, or skips a test that
// reaches into SQLite itself (a raw file, its own connections) when the
// suite runs on PostgreSQL, saying why.
func (ts *testServer) needSQLite(why string) *sqlite.DB {
	ts.t.Helper()
	if ts.DB == nil {
		ts.t.Skipf("SQLite only (%s=postgres): %s", storeEnv, why)
	}
	return ts.DB
}

// storeClock is the clock the services stamp writes with: the store's
// own Now, read at each write, so a test that sets it (setClock) sets
// both the services' times and those the store stamps itself.
func storeClock(st service.Store) func() time.Time {
	switch db := st.(type) {
	case *sqlite.DB:
		return func() time.Time { return db.Now() }
	case *postgres.DB:
		return func() time.Time { return db.Now() }
	}
	return nil // the system clock
}

// setClock sets the time of every write from now on.
func (ts *testServer) setClock(now func() time.Time) {
	switch db := ts.Store.(type) {
	case *sqlite.DB:
		db.Now = now
	case *postgres.DB:
		db.Now = now
	default:
		ts.t.Fatalf("no clock to set on %T", ts.Store)
	}
}

// newServices builds the services over st as serve does, serving area,
// on the store's clock, so a test can set the time of every write.
func newServices(st service.Store, area estate.ServiceArea) *service.Services {
	return service.New(st, service.Options{ServiceArea: area, Now: storeClock(st)})
}

// counts returns row counts of the tables a write touches.
func (ts *testServer) counts() map[string]int {
	ts.t.Helper()
	var out map[string]int
	var err error
	if ts.DB != nil {
		out, err = sqlitetest.TableCounts(context.Background(), ts.DB)
	} else {
		out, err = pgCounts(ts.pgURL)
	}
	if err != nil {
		ts.t.Fatal(err)
	}
	return out
}

// snapshot returns a digest of the whole database, to show a refused
// write changed nothing, not even a value.
func (ts *testServer) snapshot() string {
	ts.t.Helper()
	var fp string
	var err error
	if ts.DB != nil {
		fp, err = sqlitetest.Fingerprint(context.Background(), ts.DB)
	} else {
		fp, err = pgFingerprint(ts.pgURL)
	}
	if err != nil {
		ts.t.Fatal(err)
	}
	return fp
}

// pgTables lists the register's tables in a PostgreSQL database, PostGIS's
// own left out.
const pgTables = `SELECT quote_ident(table_name) FROM information_schema.tables
	WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'spatial_ref_sys' ORDER BY 1`

// pgRead runs fn on a connection of its own to the database at url, in
// one read-only snapshot, with the register's table names.
func pgRead(url string, fn func(tx pgx.Tx, tables []string) error) error {
	ctx := context.Background()
	c, err := pgx.Connect(ctx, url)
	if err != nil {
		return err
	}
	defer c.Close(ctx)
	tx, err := c.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	rows, _ := tx.Query(ctx, pgTables)
	tables, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return err
	}
	return fn(tx, tables)
}

// pgCounts is sqlitetest.TableCounts for a PostgreSQL database.
func pgCounts(url string) (map[string]int, error) {
	out := map[string]int{}
	err := pgRead(url, func(tx pgx.Tx, tables []string) error {
		for _, t := range tables {
			var n int
			// t is a quoted name from the catalogue, never input.
			if err := tx.QueryRow(context.Background(), `SELECT count(*) FROM `+t).Scan(&n); err != nil {
				return fmt.Errorf("count %s: %w", t, err)
			}
			out[t] = n
		}
		return nil
	})
	return out, err
}

// pgFingerprint is sqlitetest.Fingerprint for a PostgreSQL database: every
// row of every table, as text, in one snapshot.
func pgFingerprint(url string) (string, error) {
	h := sha256.New()
	err := pgRead(url, func(tx pgx.Tx, tables []string) error {
		for _, t := range tables {
			var digest string
			if err := tx.QueryRow(context.Background(),
				`SELECT coalesce(md5(string_agg(r::text, E'\n' ORDER BY r::text)), '') FROM `+t+` r`).Scan(&digest); err != nil {
				return fmt.Errorf("fingerprint %s: %w", t, err)
			}
			fmt.Fprintf(h, "%s\x00%s\x00", t, digest)
		}
		return nil
	})
	return hex.EncodeToString(h.Sum(nil)), err
}
