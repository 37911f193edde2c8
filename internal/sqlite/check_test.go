package sqlite_test

import (
	"context"
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/sqlite"
	"github.com/placetrust/placetrust/internal/sqlite/sqlitetest"
)

// TestCheckCatchesStaleRows holds sqlitetest.Check, which other tests
// trust to say a database is whole, to finding a row whose search_text no
// longer says what its columns do (a stale one would hide the asset from
// q).
func TestCheckCatchesStaleRows(t *testing.T) {
	ctx := context.Background()
	db := MustOpen(t)
	seedPartners(t, db, "p")
	if err := sqlite.NewServices(db).Assets.CreateAsset(adminCtx(), newAsset("p", "A-1", -2, 52)); err != nil {
		t.Fatal(err)
	}
	if err := sqlitetest.Check(ctx, db); err != nil {
		t.Fatal(err)
	}
	if err := sqlite.Exec(ctx, db, `UPDATE assets SET name = 'Chapel'`); err != nil {
		t.Fatal(err)
	}
	if err := sqlitetest.Check(ctx, db); err == nil || !strings.Contains(err.Error(), "search_text") {
		t.Errorf("a stale search_text: %v", err)
	}
}
