package postgres

import (
	"context"
	"net"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/postgres/pgtest"
	"github.com/placetrust/placetrust/migrations"
)

// mustOpen opens a fresh database, closed when tb ends.
func mustOpen(tb testing.TB) (*DB, string) {
	tb.Helper()
	url := pgtest.URL(tb)
	db, err := Open(context.Background(), url)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db, url
}

func TestOpenMigratesOnce(t *testing.T) {
	ctx := context.Background()
	db, url := mustOpen(t)
	if err := db.Ping(ctx); err != nil {
		t.Fatal(err)
	}
	// Opened again, and by several servers at once: each migration is
	// applied once, under the advisory lock.
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Go(func() {
			again, err := Open(ctx, url)
			if err == nil {
				again.Close()
			}
			errs[i] = err
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	var n, max int
	if err := db.pool.QueryRow(ctx, `SELECT count(*), max(version) FROM schema_migrations`).Scan(&n, &max); err != nil {
		t.Fatal(err)
	}
	// One row a migration file; numbers may skip some, left to other
	// branches' migrations.
	ms, err := loadMigrations(migrations.Postgres)
	if err != nil {
		t.Fatal(err)
	}
	if n != len(ms) || max != SchemaVersion() || max == 0 {
		t.Errorf("schema_migrations holds %d rows up to %d, want %d up to %d", n, max, len(ms), SchemaVersion())
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	ctx := context.Background()
	db, url := mustOpen(t)
	newer := SchemaVersion() + 1
	if _, err := db.pool.Exec(ctx, `INSERT INTO schema_migrations (version, name) VALUES ($1, 'future.sql')`, newer); err != nil {
		t.Fatal(err)
	}
	_, err := Open(ctx, url)
	want := "postgres: database schema version " + strconv.Itoa(newer) + " is newer than this placetrust (" + strconv.Itoa(SchemaVersion()) + "): upgrade placetrust"
	if err == nil || err.Error() != want {
		t.Fatalf("Open of a newer database: %v, want %q", err, want)
	}
}

func TestOpenUnreachableNamesDatabaseNotPassword(t *testing.T) {
	// A port nothing listens on: taken, then let go.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
	l.Close()
	const password = "s3cret-Pa55word"
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	_, err = Open(ctx, "postgres://officer:"+password+"@127.0.0.1:"+port+"/register?sslmode=disable&connect_timeout=5")
	if err == nil {
		t.Fatal("Open of a closed port succeeded")
	}
	msg := err.Error()
	t.Log(msg)
	for _, want := range []string{"127.0.0.1:" + port, `"register"`} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q does not name %s", msg, want)
		}
	}
	if strings.Contains(msg, password) {
		t.Errorf("error %q shows the password", msg)
	}
}

func TestOpenBadAddressHidesPassword(t *testing.T) {
	const password = "s3cret-Pa55word"
	_, err := Open(context.Background(), "postgres://officer:"+password+"@127.0.0.1:notaport/register")
	if err == nil || strings.Contains(err.Error(), password) {
		t.Fatalf("Open of a bad address: %v", err)
	}
}

func TestAuditIsAppendOnly(t *testing.T) {
	ctx := context.Background()
	db, _ := mustOpen(t)
	for _, table := range []string{"audit_events", "admin_events"} {
		if _, err := db.pool.Exec(ctx, `INSERT INTO `+table+` (`+map[string]string{
			"audit_events": `asset_id, partner_id, action, actor, at, version, changes) VALUES (1, 'p', 'create', 'a', now(), 1, '[]')`,
			"admin_events": `entity, entity_id, action, actor, at, changes) VALUES ('partner', 'p', 'create', 'a', now(), '[]')`,
		}[table]); err != nil {
			t.Fatal(err)
		}
		for _, stmt := range []string{`UPDATE ` + table + ` SET actor = 'x'`, `DELETE FROM ` + table, `TRUNCATE ` + table} {
			_, err := db.pool.Exec(ctx, stmt)
			if err == nil || !strings.Contains(err.Error(), "append-only") {
				t.Errorf("%s: %v, want refused as append-only", stmt, err)
			}
		}
	}
}

func TestBumpRegister(t *testing.T) {
	ctx := context.Background()
	db, _ := mustOpen(t)
	for _, ids := range [][]int64{{3, 4}, make([]int64, maxLoggedIDs+1)} {
		tx, err := db.pool.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := bumpRegister(ctx, tx, ids); err != nil {
			t.Fatal(err)
		}
		if err := tx.Commit(ctx); err != nil {
			t.Fatal(err)
		}
	}
	var head int64
	var reloads int
	if err := db.pool.QueryRow(ctx, `SELECT (SELECT version FROM register_head), (SELECT count(*) FROM register_log WHERE reload AND asset_ids = '{}')`).Scan(&head, &reloads); err != nil {
		t.Fatal(err)
	}
	if head != 2 || reloads != 1 {
		t.Errorf("head %d with %d reloads logged, want 2 and 1", head, reloads)
	}
}
