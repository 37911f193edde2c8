package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/sqlite"
)

// TestAssetIDsNeverReused deletes the newest asset and makes new ones
// every way the store can: each gets an id above the deleted one, and
// the deleted asset's history stays its own.
func TestAssetIDsNeverReused(t *testing.T) {
	db := MustOpen(t)
	seedPartners(t, db, "county", "police")
	s := sqlite.AssetsOf(db)
	ctx := adminCtx()
	keep, gone := newAsset("county", "KEEP", -2.2, 52.2), newAsset("police", "GONE", -2.21, 52.21)
	if err := s.CreateAssets(ctx, []*estate.Asset{keep, gone}, estate.ActionCreate); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteAsset(ctx, gone.ID, 1); err != nil {
		t.Fatal(err)
	}
	created := newAsset("county", "NEW", -2.22, 52.22)
	if err := s.CreateAsset(ctx, created); err != nil {
		t.Fatal(err)
	}
	if created.ID <= gone.ID {
		t.Fatalf("created asset got id %d, the deleted asset had %d", created.ID, gone.ID)
	}
	rep, err := importRows(t, db, "police", estate.ImportOptions{}, row(newAsset("police", "IMP", -2.23, 52.23)))
	if err != nil {
		t.Fatal(err)
	}
	if id := rep.Rows[0].AssetID; id <= created.ID {
		t.Fatalf("imported asset got id %d, at or below %d", id, created.ID)
	}
	hist, err := s.FindAssetHistory(ctx, gone.ID, estate.HistoryFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(hist) != 2 || hist[0].Action != estate.ActionDelete || hist[1].Action != estate.ActionCreate {
		t.Fatalf("deleted asset's history: %+v", hist)
	}
	for _, ev := range hist {
		if ev.Partner != "police" || ev.AssetID != gone.ID {
			t.Errorf("deleted asset's history holds another's event: %+v", ev)
		}
	}
}

// TestAssetIDsAfterFailedImport: ids a rolled-back import reported are
// never given to other assets, and a dry run reports none.
func TestAssetIDsAfterFailedImport(t *testing.T) {
	db := MustOpen(t)
	seedPartners(t, db, "county")
	s := sqlite.AssetsOf(db)
	bad := newAsset("county", "BAD", -2.2, 52.2)
	bad.Name = "" // a name is required: the whole import fails
	rep, err := importRows(t, db, "county", estate.ImportOptions{},
		row(newAsset("county", "A", -2.2, 52.2)), row(newAsset("county", "B", -2.21, 52.21)), row(bad))
	if err == nil || rep.Committed {
		t.Fatalf("import with a bad row: committed %v, err %v", rep.Committed, err)
	}
	var shown int64
	for _, r := range rep.Rows {
		shown = max(shown, r.AssetID)
	}
	if count(t, db, "assets") != 0 {
		t.Fatal("the failed import wrote assets")
	}
	a := newAsset("county", "LATER", -2.2, 52.2)
	if err := s.CreateAsset(adminCtx(), a); err != nil {
		t.Fatal(err)
	}
	if shown > 0 && a.ID <= shown {
		t.Errorf("new asset took id %d, which the failed import's report showed", a.ID)
	}
	rep, err = importRows(t, db, "county", estate.ImportOptions{DryRun: true}, row(newAsset("county", "D", -2.2, 52.2)))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Rows[0].AssetID != 0 {
		t.Errorf("a dry run reported id %d for a row it never wrote", rep.Rows[0].AssetID)
	}
}

// TestAssetIDsAfterRestore: a backup carries what keeps ids unique, so
// the restored register gives no deleted asset's id again.
func TestAssetIDsAfterRestore(t *testing.T) {
	db := MustOpen(t)
	seedPartners(t, db, "county")
	s := sqlite.AssetsOf(db)
	a, b := newAsset("county", "A", -2.2, 52.2), newAsset("county", "B", -2.21, 52.21)
	if err := s.CreateAssets(adminCtx(), []*estate.Asset{a, b}, estate.ActionCreate); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteAsset(adminCtx(), b.ID, 1); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "backup.db")
	if err := db.Backup(context.Background(), path); err != nil {
		t.Fatal(err)
	}
	restored, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer restored.Close()
	c := newAsset("county", "C", -2.22, 52.22)
	if err := sqlite.AssetsOf(restored).CreateAsset(adminCtx(), c); err != nil {
		t.Fatal(err)
	}
	if c.ID <= b.ID {
		t.Errorf("restored register gave id %d; the deleted asset had %d", c.ID, b.ID)
	}
}
