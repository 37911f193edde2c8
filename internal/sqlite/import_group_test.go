package sqlite_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/sqlite"
	"github.com/placetrust/placetrust/internal/sqlite/sqlitetest"
)

// groupRows are n rows of varied shapes, as a new partner's file: some
// without an area, some with notes, every 37th tagged (written alone,
// between groups) and every 50th skipped.
func groupRows(n int) []*estate.ImportItem {
	var items []*estate.ImportItem
	for i := range n {
		a := newAsset("county", fmt.Sprintf("G%03d", i), -2-float64(i)/10000, 52+float64(i)/10000)
		switch {
		case i%3 == 0:
			a.GIAM2 = nil
		case i%5 == 0:
			a.Notes = fmt.Sprintf("note \"%d\"", i)
		}
		if i%37 == 0 {
			a.Tags = []string{"surplus"}
		}
		it := &estate.ImportItem{AssetCode: a.AssetCode, Asset: a, Fields: estate.AllFields}
		if i%50 == 49 {
			it.Asset, it.Skip = nil, "no location"
		}
		items = append(items, it)
	}
	return items
}

// TestImportGroups checks new rows written several a statement: ids in
// spatial order, each asset with its own audit event, the report in file
// order as it goes.
func TestImportGroups(t *testing.T) {
	const n = 300
	db := MustOpen(t)
	seedPartners(t, db, "county")
	s := sqlite.AssetsOf(db)
	var seen []int
	rep, err := importRows(t, db, "county", estate.ImportOptions{OnRow: func(r estate.ImportRow) { seen = append(seen, r.Row) }}, groupRows(n)...)
	if err != nil || !rep.Committed || rep.Inserted != n-n/50 || rep.Skipped != n/50 {
		t.Fatalf("%v %+v", err, rep)
	}
	keys := map[int64]uint64{} // id: spatial key
	for i, r := range rep.Rows {
		if seen[i] != r.Row || r.Row != i+2 {
			t.Fatalf("row %d reported as %d, seen as %d", i+2, r.Row, seen[i])
		}
		if r.Outcome != estate.OutcomeInserted {
			continue
		}
		a, err := s.FindAssetByID(adminCtx(), r.AssetID)
		if err != nil || a.AssetCode != r.AssetCode {
			t.Fatalf("row %d: asset %d is %v (%v)", r.Row, r.AssetID, a, err)
		}
		hist, err := s.FindAssetHistory(adminCtx(), a.ID, estate.HistoryFilter{})
		if err != nil || len(hist) != 1 || hist[0].Action != estate.ActionImport || hist[0].Partner != "county" {
			t.Fatalf("history of %d: %v %+v", a.ID, err, hist)
		}
		if got, want := roundTripJSON(t, hist[0].Changes), roundTripJSON(t, estate.Diff(nil, a)); !reflect.DeepEqual(got, want) {
			t.Fatalf("history of %s\n got %v\nwant %v", a.AssetCode, got, want)
		}
		keys[a.ID] = sqlite.SpatialKey(a.Location)
	}
	// The ids are 1..inserted, given along the Hilbert curve, which the
	// file's diagonal line of rows crosses back and forth.
	backwards := 0
	for id := int64(1); id <= int64(len(keys)); id++ {
		k, ok := keys[id]
		if !ok {
			t.Fatalf("no asset %d among %d inserted", id, len(keys))
		}
		if id > 1 && k < keys[id-1] {
			t.Fatalf("asset %d is before asset %d on the curve", id, id-1)
		}
		if id > 1 && k != keys[id-1] && rowOf(rep, id) < rowOf(rep, id-1) {
			backwards++
		}
	}
	if backwards == 0 {
		t.Error("every id follows file order: the test no longer shows the spatial order")
	}
	if err := sqlitetest.Check(adminCtx(), db); err != nil {
		t.Error(err)
	}
	// Importing the file again changes nothing.
	rep, err = importRows(t, db, "county", estate.ImportOptions{}, groupRows(n)...)
	if err != nil || rep.Unchanged != n-n/50 || rep.Inserted+rep.Updated != 0 {
		t.Fatalf("again: %v %+v", err, rep)
	}
}

// TestImportGroupRepeatedCode checks a code repeated within one INSERT
// of new rows, or in two, is laid at the later row, and nothing is
// written.
func TestImportGroupRepeatedCode(t *testing.T) {
	for _, first := range []int{40, 10} { // 40 and 70 go in one statement
		t.Run(fmt.Sprint(first), func(t *testing.T) {
			db := MustOpen(t)
			seedPartners(t, db, "county")
			items := groupRows(100)
			items[70].Asset.AssetCode = items[first].Asset.AssetCode
			// Row 70 placed before the first on the curve, so the spatial
			// order would write it first.
			moved := false
			for _, it := range items {
				if it.Asset != nil && sqlite.SpatialKey(it.Asset.Location) < sqlite.SpatialKey(items[first].Asset.Location) {
					items[70].Asset.Location, moved = it.Asset.Location, true
					break
				}
			}
			if !moved {
				t.Fatal("no row lies before the first on the curve")
			}
			before, err := sqlitetest.Fingerprint(adminCtx(), db)
			if err != nil {
				t.Fatal(err)
			}
			rep, err := importRows(t, db, "county", estate.ImportOptions{}, items...)
			if estate.ErrorCode(err) != estate.EINVALID || rep.Committed || rep.Errors != 1 {
				t.Fatalf("%v %+v", err, rep)
			}
			for _, r := range rep.Rows {
				bad := r.Outcome == estate.OutcomeError
				if bad != (r.Row == 72) || bad && !strings.Contains(r.Reason, fmt.Sprintf(`"G%03d" is used by an earlier row`, first)) {
					t.Errorf("row %d: %s %s", r.Row, r.Outcome, r.Reason)
				}
			}
			if after, err := sqlitetest.Fingerprint(adminCtx(), db); err != nil || after != before {
				t.Errorf("tables changed (%v)", err)
			}
		})
	}
}

// rowOf is the report row that inserted asset id.
func rowOf(rep *estate.ImportReport, id int64) int {
	for _, r := range rep.Rows {
		if r.AssetID == id {
			return r.Row
		}
	}
	return 0
}

// TestImportWindowRepeatedCode checks a code repeated in two windows of
// spatially ordered rows is laid at the later row, and that a file of
// several windows goes in whole otherwise.
func TestImportWindowRepeatedCode(t *testing.T) {
	n := sqlite.SpatialWindow + 200
	db := MustOpen(t)
	seedPartners(t, db, "county")
	s := sqlite.AssetsOf(db)
	items := groupRows(n)
	later := sqlite.SpatialWindow + 100
	items[later].Asset.AssetCode = items[10].Asset.AssetCode
	rep, err := importRows(t, db, "county", estate.ImportOptions{}, items...)
	if estate.ErrorCode(err) != estate.EINVALID || rep.Errors != 1 {
		t.Fatalf("%v %+v", err, rep)
	}
	for _, r := range rep.Rows {
		if bad := r.Outcome == estate.OutcomeError; bad != (r.Row == later+2) {
			t.Errorf("row %d: %s %s", r.Row, r.Outcome, r.Reason)
		}
	}
	items = groupRows(n)
	rep, err = importRows(t, db, "county", estate.ImportOptions{}, items...)
	if err != nil || rep.Inserted != n-n/50 || len(rep.Rows) != n {
		t.Fatalf("%v %+v", err, rep)
	}
	if err := sqlitetest.Check(adminCtx(), db); err != nil {
		t.Error(err)
	}
	// So many rows are bulk-loaded into the R*Tree: every asset is there
	// under its own id, with its own bounds.
	entries, check, err := sqlite.RTreeRows(adminCtx(), db)
	if err != nil || check != "ok" || len(entries) != rep.Inserted {
		t.Fatalf("rtreecheck %q, %d entries, %v", check, len(entries), err)
	}
	for _, e := range entries {
		var id int64
		var minLon, maxLon, minLat, maxLat float64
		if _, err := fmt.Sscan(e, &id, &minLon, &maxLon, &minLat, &maxLat); err != nil {
			t.Fatal(err)
		}
		a, err := s.FindAssetByID(adminCtx(), id)
		if err != nil {
			t.Fatal(err)
		}
		if p := a.Location; p.Lon < minLon || p.Lon > maxLon || p.Lat < minLat || p.Lat > maxLat || maxLon-minLon > 1e-5 {
			t.Fatalf("asset %d at %v has entry %s", id, p, e)
		}
	}
}
