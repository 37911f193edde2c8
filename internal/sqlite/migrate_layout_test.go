package sqlite

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/placetrust/placetrust/migrations"
)

// TestMigrateOldLayout opens a database migrated when the SQL files sat
// at the top of migrations/ rather than in migrations/sqlite/. The store
// keys schema_migrations on the version and records the file's name, so
// the move must keep both: nothing is applied again and the names read
// the same.
func TestMigrateOldLayout(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	raw := openRaw(t, path)
	// The names the old embed gave, at its root.
	all, old := withMigrations(t, nil), fstest.MapFS{}
	for _, name := range []string{"0001_register.sql", "0002_admin_audit.sql", "0003_packed_rows.sql",
		"0004_asset_ids.sql", "0005_search_text.sql", "0006_import_mappings.sql"} {
		if all[name] == nil {
			t.Fatalf("%s is no longer a migration's name", name)
		}
		old[name] = all[name]
	}
	if err := migrateFS(ctx, raw, old); err != nil {
		t.Fatal(err)
	}
	recorded := func() map[int]string {
		rows, err := raw.Query(`SELECT version, name || ' ' || applied_at FROM schema_migrations`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		out := map[int]string{}
		for rows.Next() {
			var v int
			var s string
			if err := rows.Scan(&v, &s); err != nil {
				t.Fatal(err)
			}
			out[v] = s
		}
		return out
	}
	before := recorded()
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("opening a database of the old layout: %v", err)
	}
	db.Close()
	after := recorded()
	ms, err := loadMigrations(migrations.SQLite)
	if err != nil {
		t.Fatal(err)
	}
	if len(after) < len(before) || len(after) != len(ms) {
		t.Fatalf("versions before %v, after %v, known %d", before, after, len(ms))
	}
	for _, m := range ms {
		if _, was := before[m.Version]; !was {
			continue // a migration added since the move: applied now
		}
		if after[m.Version] != before[m.Version] || !strings.HasPrefix(after[m.Version], m.Name+" ") {
			t.Errorf("version %d: recorded %q, then %q; the layout names it %q", m.Version, before[m.Version], after[m.Version], m.Name)
		}
	}
}
