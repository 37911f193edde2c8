package sqlite

import (
	"context"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/estate/estatetest"
	"github.com/placetrust/placetrust/migrations"
)

// TestStoreHoldsEveryField holds the store's hand-written layout to
// estate.Fields: an asset with every described field set is written
// (assetRow, packRow), read back both ways (scanAsset, scanAssetPacked),
// spooled (appendAsset, decoder.asset), and its packed row rebuilt by the
// newest migration that builds packed rows, and no field is lost or
// changed on any of these ways. A field added to the description fails
// here until the columns, the packed codec, the spool and a migration
// carry it.
func TestStoreHoldsEveryField(t *testing.T) {
	ctx, db := openWithPartners(t, "county", "police")
	want := estatetest.Full()
	if err := NewServices(db).Assets.CreateAsset(ctx, want); err != nil {
		t.Fatal(err)
	}
	check := func(way string, got *estate.Asset, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", way, err)
		}
		if d := estatetest.Differing(got, want); len(d) > 0 || got.ID != want.ID {
			t.Errorf("%s loses or changes %v (id %d)", way, d, got.ID)
		}
	}
	byID := func(cols string) string { return `SELECT ` + cols + ` FROM assets a WHERE a.id = ?` }
	got, err := scanAsset(db.reader.QueryRowContext(ctx, byID(assetColumns), want.ID))
	check("scanAsset", got, err)
	got, err = scanAssetPacked(db.reader.QueryRowContext(ctx, byID(assetColumnsPacked), want.ID))
	check("scanAssetPacked", got, err)

	b, err := db.AppendImportAsset(nil, want)
	if err != nil {
		t.Fatal(err)
	}
	got, _, err = db.ReadImportAsset(b)
	check("the import spool", got, err)

	ms, err := loadMigrations(migrations.SQLite)
	if err != nil {
		t.Fatal(err)
	}
	var rebuild string
	for _, m := range ms {
		if s := packedRebuild.FindString(m.SQL); s != "" {
			rebuild = s
		}
	}
	if rebuild == "" {
		t.Fatal("no migration builds packed rows")
	}
	if _, err := db.writer.ExecContext(ctx, rebuild); err != nil {
		t.Fatal(err)
	}
	got, err = scanAssetPacked(db.reader.QueryRowContext(ctx, byID(assetColumnsPacked), want.ID))
	check("the packed row a migration builds", got, err)
}

// openWithPartners opens a new register, its clock fixed, holding the
// partners, and an admin's context.
func openWithPartners(t *testing.T, ids ...string) (context.Context, *DB) {
	t.Helper()
	ctx := estate.NewContextWithActor(context.Background(), estate.Actor{Name: "t", Role: estate.RoleAdmin})
	db, err := Open(ctx, filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.Now = func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 120000000, time.UTC) }
	for _, id := range ids {
		if err := NewServices(db).Partners.CreatePartner(ctx, &estate.Partner{ID: id, Name: id, Kind: estate.KindOther}); err != nil {
			t.Fatal(err)
		}
	}
	return ctx, db
}

// packedRebuild finds a migration's statement rebuilding packed rows.
var packedRebuild = regexp.MustCompile(`(?s)UPDATE assets SET packed = json_array\(.*?\);`)
