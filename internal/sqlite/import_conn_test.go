package sqlite_test

import (
	"context"
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/sqlite"
)

// TestImportForeignKeys checks a new partner's import, which writes with
// the writer's foreign keys off, refuses what they would have refused,
// writing nothing, and leaves the writer with its keys on, whether it
// commits or not.
func TestImportForeignKeys(t *testing.T) {
	db := MustOpen(t)
	seedPartners(t, db, "county")
	ctx := adminCtx()
	keysOn := func(when string) {
		t.Helper()
		if on, err := sqlite.QueryInt(context.Background(), db, `PRAGMA foreign_keys`); err != nil || on != 1 {
			t.Errorf("%s: foreign keys %d (%v)", when, on, err)
		}
	}
	for _, c := range []struct {
		name  string
		asset *estate.Asset
		want  string // in the error; "" to commit
	}{
		{"occupier that is no partner", occupied(newAsset("county", "A", -2, 52), "nobody"), `no partner "nobody"`},
		{"partner that is none", newAsset("nobody", "B", -2, 52), `not a new one of partner "county"`},
		{"good", occupied(newAsset("county", "C", -2, 52), "county"), ""},
	} {
		err := writeImport(ctx, db, "county", c.asset)
		if c.want == "" && err != nil || c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
		keysOn(c.name)
	}
	if n := count(t, db, "assets"); n != 1 {
		t.Errorf("%d assets, want the good one", n)
	}
	// The writer goes on refusing what the keys refuse.
	err := sqlite.Exec(context.Background(), db, `INSERT INTO asset_occupiers (asset_id, partner_id)
		SELECT id, 'nobody' FROM assets WHERE asset_code = 'C'`)
	if err == nil || !strings.Contains(err.Error(), "FOREIGN KEY") {
		t.Errorf("an occupier that is no partner, after the imports: %v", err)
	}
}

func occupied(a *estate.Asset, by string) *estate.Asset {
	a.Occupiers = []estate.Occupier{{Partner: by}}
	return a
}

// writeImport writes a as a new asset of partner through the store's
// import, without the service's checks.
func writeImport(ctx context.Context, db *sqlite.DB, partner string, a *estate.Asset) error {
	snap, err := db.OpenImportSnapshot(ctx, partner)
	if err != nil {
		return err
	}
	defer snap.Close()
	w, _, err := snap.BeginWrite(ctx, admin)
	if err != nil {
		return err
	}
	defer w.Close()
	estate.StampNewAsset(a, admin, snap.Now())
	rows := func(yield func(*estate.DecidedRow, error) bool) {
		yield(&estate.DecidedRow{Kind: estate.DecidedInsert, Asset: a, Row: &estate.ImportRow{Row: 2, AssetCode: a.AssetCode}}, nil)
	}
	if err := w.Write(ctx, rows, func(*estate.ImportRow) {}); err != nil {
		return err
	}
	return w.Commit(ctx, nil)
}
