package sqlite

import (
	"context"
	"database/sql"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/service"
	"github.com/placetrust/placetrust/migrations"
)

func openRaw(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	return db
}

func versions(t *testing.T, db *sql.DB) []int {
	t.Helper()
	rows, err := db.Query(`SELECT version FROM schema_migrations ORDER BY version`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []int
	for rows.Next() {
		var v int
		rows.Scan(&v)
		out = append(out, v)
	}
	return out
}

// embedded lists the versions of the embedded migrations: numbers may
// skip some, left to other branches' migrations.
func embedded(t *testing.T) []int {
	t.Helper()
	ms, err := loadMigrations(migrations.SQLite)
	if err != nil {
		t.Fatal(err)
	}
	var out []int
	for _, m := range ms {
		out = append(out, m.Version)
	}
	return out
}

// withMigrations returns the real migrations plus extra files.
func withMigrations(t *testing.T, extra map[string]string) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	ms, err := loadMigrations(migrations.SQLite)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		fsys[m.Name] = &fstest.MapFile{Data: []byte(m.SQL)}
	}
	for name, body := range extra {
		fsys[name] = &fstest.MapFile{Data: []byte(body)}
	}
	return fsys
}

func TestMigrateFreshThenExisting(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "m.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	raw := openRaw(t, path)
	if got := versions(t, raw); !slices.Equal(got, embedded(t)) {
		t.Fatalf("fresh database at versions %v", got)
	}
	// Reopening applies nothing twice.
	db, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	if got := versions(t, raw); !slices.Equal(got, embedded(t)) {
		t.Fatalf("reopened database at versions %v", got)
	}
	// A new migration is applied to an existing database, keeping its data.
	if _, err := raw.Exec(`INSERT INTO partners (id, name, kind, created_at, updated_at) VALUES ('p', 'P', 'other', 'x', 'x')`); err != nil {
		t.Fatal(err)
	}
	fsys := withMigrations(t, map[string]string{
		"9999_later.sql": `ALTER TABLE partners ADD COLUMN phone TEXT NOT NULL DEFAULT '';`,
	})
	if err := migrateFS(ctx, raw, fsys); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := raw.QueryRow(`SELECT count(*) FROM partners WHERE phone = ''`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("after upgrade: %d partners, %v", n, err)
	}
	// This binary refuses the database that a newer one upgraded.
	_, err = Open(ctx, path)
	if err == nil || !strings.Contains(err.Error(), "newer") {
		t.Fatalf("opening a newer database: %v", err)
	}
}

func TestMigrationFailureLeavesNoHalf(t *testing.T) {
	ctx := context.Background()
	raw := openRaw(t, filepath.Join(t.TempDir(), "m.db"))
	fsys := withMigrations(t, map[string]string{
		"9999_broken.sql": `CREATE TABLE half (x INTEGER); INSERT INTO nowhere VALUES (1);`,
	})
	if err := migrateFS(ctx, raw, fsys); err == nil {
		t.Fatal("a broken migration succeeded")
	}
	var n int
	raw.QueryRow(`SELECT count(*) FROM sqlite_master WHERE name = 'half'`).Scan(&n)
	if n != 0 {
		t.Error("the broken migration left its first statement applied")
	}
	if got := versions(t, raw); !slices.Equal(got, embedded(t)) {
		t.Errorf("versions %v", got)
	}
}

func TestMigrationNames(t *testing.T) {
	for _, name := range []string{"1.sql", "abc_x.sql", "0000_zero.sql"} {
		if _, err := loadMigrations(fstest.MapFS{name: &fstest.MapFile{Data: []byte("SELECT 1;")}}); err == nil {
			t.Errorf("%s accepted", name)
		}
	}
	if _, err := loadMigrations(fstest.MapFS{
		"0001_a.sql": &fstest.MapFile{Data: []byte("SELECT 1;")},
		"0001_b.sql": &fstest.MapFile{Data: []byte("SELECT 1;")},
	}); err == nil {
		t.Error("two migrations numbered 1 accepted")
	}
}

// TestMigrateKeepsTokens upgrades a database made by the first schema:
// its tokens survive the rebuild of their table, and deleting their
// partner then revokes them rather than cascading.
func TestMigrateKeepsTokens(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v1.db")
	raw := openRaw(t, path)
	all := withMigrations(t, nil)
	v1 := fstest.MapFS{"0001_register.sql": all["0001_register.sql"]}
	if err := migrateFS(ctx, raw, v1); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO partners (id, name, kind, created_at, updated_at) VALUES ('p', 'P', 'other', 'x', 'x')`,
		`INSERT INTO tokens (name, role, partner_id, hash, created_at) VALUES ('t', 'editor', 'p', x'01', '2026-01-01T00:00:00Z')`,
	} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	if err := migrateFS(ctx, raw, all); err != nil {
		t.Fatal(err)
	}
	var name, partner string
	if err := raw.QueryRow(`SELECT name, partner_id FROM tokens`).Scan(&name, &partner); err != nil || name != "t" || partner != "p" {
		t.Fatalf("token after upgrade: %q %q %v", name, partner, err)
	}
	if _, err := raw.Exec(`DELETE FROM partners WHERE id = 'p'`); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := raw.QueryRow(`SELECT count(*) FROM tokens`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("deleting the partner cascaded to its token: %d left, %v", n, err)
	}
}

// TestMigratePacksStoredRows checks migration 0003 packs the assets
// stored before it as the store packs the ones it writes.
func TestMigratePacksStoredRows(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v2.db")
	raw := openRaw(t, path)
	all := withMigrations(t, nil)
	v2 := fstest.MapFS{"0001_register.sql": all["0001_register.sql"], "0002_admin_audit.sql": all["0002_admin_audit.sql"]}
	if err := migrateFS(ctx, raw, v2); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO partners (id, name, kind, created_at, updated_at) VALUES ('p', 'P', 'other', 'x', 'x'), ('q', 'Q', 'other', 'x', 'x')`,
		`INSERT INTO assets (partner_id, asset_code, uprn, name, town, holding, lon, lat, min_lon, min_lat, max_lon, max_lat,
			tenure, annual_rent_gbp, gia_m2, market_value_gbp, occupiers, rag, rag_rationale, rag_set_by, rag_set_at, tags,
			notes, sensitive, effective_date, version, created_at, updated_at)
			VALUES ('p', 'A"1\', '000100012345', 'Café "Ōkami" \ tab	here', 'Worcester', 'building', -2.2, 52.1, -2.2, 52.1, -2.2, 52.1,
			'leasehold', 25000, 750.5, 1250000, '[{"partner":"q","area_m2":120.25}]', 'amber', 'Line one
line two', 'officer', '2026-01-02T03:04:05.12Z', '["hub-candidate","surplus"]',
			'', 1, '2026-03-31', 3, '2026-01-01T00:00:00Z', '2026-01-02T03:04:05.12Z')`,
		`INSERT INTO assets (partner_id, asset_code, name, lon, lat, min_lon, min_lat, max_lon, max_lat, version, created_at, updated_at)
			VALUES ('q', 'B', 'Bare', 1, -1, 1, -1, 1, -1, 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`,
	} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	if err := migrateFS(ctx, raw, all); err != nil {
		t.Fatal(err)
	}
	db := &DB{reader: raw}
	if err := db.CheckPacked(ctx); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := raw.QueryRow(`SELECT count(*) FROM assets WHERE packed LIKE '[%]'`).Scan(&n); err != nil || n != 2 {
		t.Fatalf("%d packed rows, %v", n, err)
	}
	// And a row whose packed text disagrees is caught.
	if _, err := raw.Exec(`UPDATE assets SET packed = replace(packed, 'Bare', 'Bore')`); err != nil {
		t.Fatal(err)
	}
	if err := db.CheckPacked(ctx); err == nil {
		t.Error("a stale packed row passed the check")
	}
}

// TestMigrateFillsSearchText checks migration 0005 gives the assets stored
// before it the search_text the store writes, so q finds them folded,
// though their names were stored as sent (here in NFD and upper case).
// TestCheckCatchesStaleRows holds the check that finds a stale one.
func TestMigrateFillsSearchText(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v3.db")
	raw := openRaw(t, path)
	all := withMigrations(t, nil)
	v3 := fstest.MapFS{}
	for _, name := range []string{"0001_register.sql", "0002_admin_audit.sql", "0003_packed_rows.sql"} {
		v3[name] = all[name]
	}
	if err := migrateFS(ctx, raw, v3); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO partners (id, name, kind, created_at, updated_at) VALUES ('p', 'P', 'other', 'x', 'x')`,
		"INSERT INTO assets (partner_id, asset_code, name, town, lon, lat, min_lon, min_lat, max_lon, max_lat, version, created_at, updated_at)" +
			" VALUES ('p', 'A-1', 'E\u0301GLISE', 'Evesham', -2, 52, -2, 52, -2, 52, 1, 'x', 'x')",
	} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	if err := migrateFS(ctx, raw, all); err != nil {
		t.Fatal(err)
	}
	var got string
	if err := raw.QueryRow(`SELECT search_text FROM assets`).Scan(&got); err != nil {
		t.Fatal(err)
	}
	want := (&estate.Asset{Name: "E\u0301GLISE", Town: "Evesham", AssetCode: "A-1"}).SearchText()
	if got != want || want != "\u00e9glise\x1f\x1fevesham\x1f\x1f\x1fa-1" {
		t.Errorf("search_text %q, want %q", got, want)
	}
	where, args := assetWhere(estate.AssetFilter{Selection: estate.Selection{Q: "\u00c9glise"}}, service.Scope{AllSensitive: true}, false)
	var n int
	if err := raw.QueryRow(`SELECT count(*) FROM assets a WHERE `+where, args...).Scan(&n); err != nil || n != 1 {
		t.Errorf("q found %d, %v", n, err)
	}
}
