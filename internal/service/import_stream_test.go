package service_test

import (
	"context"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
)

// streamRows is enough rows for a new partner's import to write while it
// reads (import_stream.go): several times what it decides first.
const streamRows = 12_000

// TestImportNewPartnerWrongRowLate: a new partner's import finds a wrong
// row after it began writing. It rolls back, leaving the register exactly
// as it was, reports every row, and the ids its report showed are never
// given again.
func TestImportNewPartnerWrongRowLate(t *testing.T) {
	db, s := countyAndPolice(t, newAsset("police", "P", -2, 52))
	before := fingerprint(t, db)
	items := manyRows("county", streamRows)
	items[streamRows-500] = row(newAsset("county", "A7", -1, 52)) // A7 twice
	var shown []int64
	reported := 0
	rep, err := s.ImportAssets(adminCtx(), "county", rowsOf(items...), estate.ImportOptions{OnRow: func(r estate.ImportRow) {
		reported++
		if r.AssetID != 0 {
			shown = append(shown, r.AssetID)
		}
	}})
	if err == nil || estate.ErrorCode(err) != estate.EINVALID || rep.Committed || rep.Errors != 1 {
		t.Fatalf("import with a wrong row: %v %+v", err, rep)
	}
	if after := fingerprint(t, db); after != before {
		t.Error("the failed import changed the register")
	}
	if reported != streamRows || rep.Inserted+rep.Errors != streamRows {
		t.Errorf("%d rows reported, %d inserted and %d wrong, want each of %d rows once", reported, rep.Inserted, rep.Errors, streamRows)
	}
	// Ids shown are the sign the import wrote before it found the row.
	if len(shown) == 0 {
		t.Fatal("no row was written before the wrong one was found: the test no longer covers writing while reading")
	}
	highest := shown[0]
	for _, id := range shown {
		highest = max(highest, id)
	}

	items[streamRows-500] = row(newAsset("county", "B7", -1, 52))
	var ids []int64
	rep, err = s.ImportAssets(adminCtx(), "county", rowsOf(items...), estate.ImportOptions{OnRow: func(r estate.ImportRow) {
		ids = append(ids, r.AssetID)
	}})
	if err != nil || !rep.Committed || rep.Inserted != streamRows || len(ids) != streamRows {
		t.Fatalf("import put right: %v %+v", err, rep)
	}
	a := newAsset("police", "P2", -2, 52)
	if err := s.CreateAsset(adminCtx(), a); err != nil {
		t.Fatal(err)
	}
	for _, id := range append(ids, a.ID) {
		if id <= highest {
			t.Fatalf("id %d given again: the failed import showed ids up to %d", id, highest)
		}
	}
	if n := count(t, db, "assets"); n != streamRows+2 {
		t.Errorf("%d assets, want %d", n, streamRows+2)
	}
}

// TestImportNewPartnerChangedBeforeWriting: an asset created for a new
// partner while its import reads the first rows is matched by the file's
// row with its code, as if the import had begun after it.
func TestImportNewPartnerChangedBeforeWriting(t *testing.T) {
	db := MustOpen(t)
	seedPartners(t, db, "county")
	s := newRegister(db)
	items := manyRows("county", streamRows)
	release, done := importPaused(t, s, "county", items, 100, estate.ImportOptions{})
	made := newAsset("county", "A9000", -2, 52)
	writesWithin(t, "a create", func(ctx context.Context) error { return s.CreateAsset(ctx, made) })
	release()
	r := <-done
	if r.err != nil || !r.rep.Committed || r.rep.Inserted != streamRows-1 || r.rep.Updated != 1 {
		t.Fatalf("import: %v inserted %d updated %d", r.err, r.rep.Inserted, r.rep.Updated)
	}
	if n := count(t, db, "assets"); n != streamRows {
		t.Errorf("%d assets, want %d: the row with the created asset's code matched it", n, streamRows)
	}
}
