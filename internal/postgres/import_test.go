package postgres

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"reflect"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/estate/estatetest"
	"github.com/placetrust/placetrust/internal/service"
)

var importer = estate.Actor{Name: "importer", Role: estate.RoleAdmin}

// newRow is an import's decided insert of a, stamped.
func newRow(a *estate.Asset, row int) *estate.DecidedRow {
	estate.StampNewAsset(a, importer, testTime)
	return &estate.DecidedRow{Kind: estate.DecidedInsert, Asset: a,
		Row: &estate.ImportRow{Row: row, AssetCode: a.AssetCode, Outcome: estate.OutcomeInserted}}
}

// renameRow is an import's decided update renaming the stored a.
func renameRow(a *estate.Asset, name string, row int) *estate.DecidedRow {
	b := a.Clone()
	b.Name = name
	return &estate.DecidedRow{Kind: estate.DecidedUpdate, Asset: b,
		Changes: `[{"field":"name","before":"` + a.Name + `","after":"` + name + `"}]`,
		Row:     &estate.ImportRow{Row: row, AssetCode: a.AssetCode, AssetID: a.ID, Outcome: estate.OutcomeUpdated}}
}

// decidedRows yields rows, calling between(i) before the i-th; an error
// from it ends the rows with that error.
func decidedRows(rows []*estate.DecidedRow, between func(i int) error) iter.Seq2[*estate.DecidedRow, error] {
	return func(yield func(*estate.DecidedRow, error) bool) {
		for i, r := range rows {
			if between != nil {
				if err := between(i); err != nil {
					yield(nil, err)
					return
				}
			}
			if !yield(r, nil) {
				return
			}
		}
	}
}

// beginImport opens a snapshot for partner and takes its write.
func beginImport(t *testing.T, db *DB, partner string) (service.ImportSnapshot, service.ImportWrite) {
	t.Helper()
	ctx := context.Background()
	snap, err := db.OpenImportSnapshot(ctx, partner)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(snap.Close)
	w, changed, err := snap.BeginWrite(ctx, importer)
	if err != nil || changed {
		t.Fatalf("begin write: changed %v, %v", changed, err)
	}
	t.Cleanup(func() { w.Close() })
	return snap, w
}

// registerState is what a failed import must leave as it was.
type registerState struct {
	Assets, Audit, Admin, Occupiers, Version int64
	Partners                                 []string
}

func stateOf(t *testing.T, db *DB) registerState {
	t.Helper()
	var s registerState
	err := db.pool.QueryRow(context.Background(), `SELECT (SELECT count(*) FROM assets), (SELECT count(*) FROM audit_events),
		(SELECT count(*) FROM admin_events), (SELECT count(*) FROM asset_occupiers), (SELECT version FROM register_head),
		(SELECT array_agg(id ORDER BY id) FROM partners)`).Scan(&s.Assets, &s.Audit, &s.Admin, &s.Occupiers, &s.Version, &s.Partners)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// An import that fails part way, in its rows or in its set-based write,
// leaves nothing, and the ids it reported are never given again.
func TestImportFailingMidwayLeavesNothing(t *testing.T) {
	ctx := context.Background()
	db, _ := mustOpen(t)
	stored := asset("county", "STORED")
	stored.Occupiers = []estate.Occupier{{Partner: "police"}}
	seed(t, db, []string{"county", "police"}, stored)
	before := stateOf(t, db)

	var reported []int64
	written := func(r *estate.ImportRow) { reported = append(reported, r.AssetID) }
	fresh := func() []*estate.DecidedRow {
		a, b := asset("county", "A"), asset("county", "B")
		b.Occupiers = []estate.Occupier{{Partner: "police"}}
		return []*estate.DecidedRow{newRow(a, 2), renameRow(stored, "Renamed", 3), newRow(b, 4)}
	}

	t.Run("a row that cannot be read", func(t *testing.T) {
		_, w := beginImport(t, db, "county")
		p := &estate.Partner{ID: "made", Name: "made", Kind: estate.KindOther, CreatedAt: testTime, UpdatedAt: testTime}
		if err := w.CreatePartner(ctx, p, &estate.AdminEvent{Entity: estate.EntityPartner, EntityID: "made",
			Action: estate.ActionCreate, Actor: "importer", At: testTime}); err != nil {
			t.Fatal(err)
		}
		cut := errors.New("the file was cut short")
		err := w.Write(ctx, decidedRows(fresh(), func(i int) error {
			if i == 2 {
				return cut
			}
			return nil
		}), written)
		if !errors.Is(err, cut) {
			t.Fatalf("write: %v, want the rows' error", err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		if got := stateOf(t, db); !reflect.DeepEqual(got, before) {
			t.Errorf("after a failed import: %+v, want %+v", got, before)
		}
	})
	t.Run("a code twice", func(t *testing.T) {
		_, w := beginImport(t, db, "county")
		rows := append(fresh(), newRow(asset("county", "A"), 5))
		err := w.Write(ctx, decidedRows(rows, nil), written)
		if estate.ErrorCode(err) != estate.ECONFLICT {
			t.Fatalf("write: %v, want ECONFLICT", err)
		}
		w.Close()
		if got := stateOf(t, db); !reflect.DeepEqual(got, before) {
			t.Errorf("after a failed import: %+v, want %+v", got, before)
		}
	})
	// Ids a failed import reported are never given to another asset.
	later := asset("county", "LATER")
	seed(t, db, nil, later)
	for _, id := range reported {
		if id != 0 && id >= later.ID {
			t.Errorf("asset %d made after the failed imports, which reported %v", later.ID, reported)
		}
	}
}

// An import writes rows, occupiers, audit events and the register's
// version, all at the snapshot's time, and commits them together.
func TestImportWrites(t *testing.T) {
	ctx := context.Background()
	db, _ := mustOpen(t)
	stored := asset("county", "STORED")
	stored.Occupiers = []estate.Occupier{{Partner: "police"}}
	seed(t, db, []string{"county", "police"}, stored)
	snap, w := beginImport(t, db, "county")

	full := estatetest.Full()
	full.Partner, full.AssetCode = "county", "FULL"
	moved := stored.Clone()
	moved.Occupiers = nil // no longer shared
	update := renameRow(moved, "Renamed", 3)
	var got []estate.ImportRow
	rows := []*estate.DecidedRow{newRow(full, 2), update,
		{Kind: estate.DecidedNothing, Row: &estate.ImportRow{Row: 4, Outcome: estate.OutcomeSkipped}}}
	if err := w.Write(ctx, decidedRows(rows, nil), func(r *estate.ImportRow) { got = append(got, *r) }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[0].AssetID == 0 || got[0].AssetID != full.ID || got[1].AssetID != stored.ID || got[2].Row != 4 {
		t.Fatalf("reports %+v", got)
	}
	if err := w.Commit(ctx, []estate.Change{{Field: "rows", After: 3}}); err != nil {
		t.Fatal(err)
	}
	snap.Close()

	back, err := db.FindAsset(ctx, full.ID)
	if err != nil {
		t.Fatal(err)
	}
	if d := estatetest.Differing(back, full); len(d) > 0 || back.Version != 1 || !back.CreatedAt.Equal(testTime) {
		t.Errorf("inserted asset differs: %v (version %d, created %v)", d, back.Version, back.CreatedAt)
	}
	renamed, err := db.FindAsset(ctx, stored.ID)
	if err != nil {
		t.Fatal(err)
	}
	if renamed.Name != "Renamed" || renamed.Version != 2 || renamed.Occupiers != nil || !renamed.UpdatedAt.Equal(snap.Now()) {
		t.Errorf("updated asset %+v", renamed)
	}
	var occupied []int64
	var logged []int64
	err = db.pool.QueryRow(ctx, `SELECT (SELECT array_agg(asset_id ORDER BY asset_id) FROM asset_occupiers),
		(SELECT asset_ids FROM register_log ORDER BY version DESC LIMIT 1)`).Scan(&occupied, &logged)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(occupied, []int64{full.ID}) || !reflect.DeepEqual(logged, []int64{full.ID, stored.ID}) {
		t.Errorf("occupied %v, logged %v", occupied, logged)
	}
	_, h, err := db.FindAssetHistory(ctx, full.ID, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(h) != 1 || h[0].Action != estate.ActionImport || h[0].Actor != "importer" || len(h[0].Changes) == 0 {
		t.Errorf("inserted asset's history %+v", h)
	}
	evs, err := db.FindAdminEvents(ctx, estate.AdminEventFilter{Entity: estate.EntityImport, Limit: 5})
	if err != nil || len(evs) != 1 || evs[0].EntityID != "county" {
		t.Errorf("import's record %+v, %v", evs, err)
	}
}

// While an import's write is open, an edit of another partner's asset
// goes through at once, mid-COPY and after the set-based statements;
// an edit of an asset the import changed waits for it.
func TestImportLeavesOtherPartnersFree(t *testing.T) {
	ctx := context.Background()
	db, _ := mustOpen(t)
	mine, theirs := asset("county", "MINE"), asset("police", "THEIRS")
	seed(t, db, []string{"county", "police"}, mine, theirs)
	_, w := beginImport(t, db, "county")

	edit := func(a *estate.Asset, within time.Duration) error {
		c, cancel := context.WithTimeout(ctx, within)
		defer cancel()
		cur, err := db.FindAsset(c, a.ID)
		if err != nil {
			return err
		}
		b := *cur
		b.Name, b.Version = "edited", cur.Version+1
		ev := &estate.AuditEvent{AssetID: a.ID, Partner: a.Partner, Action: estate.ActionUpdate, Actor: "test", At: testTime, Version: b.Version}
		return db.UpdateAsset(c, service.AssetWrite{Asset: &b, Event: ev}, cur.Version)
	}
	var rows []*estate.DecidedRow
	for i := range 600 {
		rows = append(rows, newRow(asset("county", fmt.Sprint("N", i)), i+2))
	}
	rows = append(rows, renameRow(mine, "Imported", 602))
	// Deadlines are hang detectors, not timings.
	mid := func(i int) error {
		if i == 300 {
			return edit(theirs, 10*time.Second)
		}
		return nil
	}
	if err := w.Write(ctx, decidedRows(rows, mid), func(*estate.ImportRow) {}); err != nil {
		t.Fatalf("write with an edit mid-COPY: %v", err)
	}
	if err := edit(theirs, 10*time.Second); err != nil {
		t.Fatalf("edit beside the import's written rows: %v", err)
	}
	if err := edit(mine, 300*time.Millisecond); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("edit of an asset the import changed: %v, want it to wait", err)
	}
	if err := w.Commit(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if got, err := db.FindAsset(ctx, theirs.ID); err != nil || got.Version != 3 {
		t.Errorf("other partner's asset after both edits: %+v, %v", got, err)
	}
}
