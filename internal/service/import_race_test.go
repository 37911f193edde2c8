package service_test

import (
	"reflect"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
)

// TestImportRespectsChangesWhileReading: what officers change while an
// import reads its file is neither lost nor doubled. An asset the file
// updates is edited, an asset with a code the file has is created, and an
// asset the file names is given to another partner; the import's report
// and the register after it are as if the import had run after them.
func TestImportRespectsChangesWhileReading(t *testing.T) {
	for _, c := range []struct {
		name     string
		changes  []string
		outcomes []string
	}{
		{"all", []string{"edit A", "create C", "give M away"}, []string{"updated", "updated", "inserted"}},
		// Only events of another partner's now: M was county's.
		{"given away", []string{"give M away"}, []string{"updated", "inserted", "inserted"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			during, sDuring := importAroundChanges(t, true, c.changes)
			after, sAfter := importAroundChanges(t, false, c.changes)
			if !reflect.DeepEqual(during, after) {
				t.Errorf("changes while reading give\n%+v\nchanges before give\n%+v", during, after)
			}
			if got := outcomes(during); !reflect.DeepEqual(got, c.outcomes) {
				t.Errorf("outcomes %v, want %v: %+v", got, c.outcomes, during.Rows)
			}
			for _, s := range []*register{sDuring, sAfter} {
				checkAroundChanges(t, s, during, c.changes[0] == "edit A")
			}
		})
	}
}

func checkAroundChanges(t *testing.T, s *register, rep *estate.ImportReport, edited bool) {
	t.Helper()
	a, err := s.FindAssetByID(adminCtx(), rep.Rows[0].AssetID)
	if err != nil || a.Name != "Town Hall" || edited != (*a.MarketValueGBP == 2_000_000) {
		t.Errorf("A after the import (the officer's value kept, the file's name): %v %+v", err, a)
	}
	county, err := s.FindAssets(adminCtx(), estate.AssetFilter{Selection: estate.Selection{Partners: []string{"county"}}, Page: estate.Page{Limit: 10}})
	if err != nil {
		t.Fatal(err)
	}
	codes := map[string]int{}
	for _, a := range county {
		codes[a.AssetCode]++
	}
	if !reflect.DeepEqual(codes, map[string]int{"A": 1, "C": 1, "M": 1}) {
		t.Errorf("county's codes %v: each once", codes)
	}
	m, err := s.FindAssetByID(adminCtx(), 2)
	if err != nil || m.Partner != "police" || m.Version != 2 {
		t.Errorf("M, given to police, is police's still: %v %+v", err, m)
	}
}

// importAroundChanges imports rows A (renamed), C and M for county, with
// the officers' changes made while the import reads (during) or before.
func importAroundChanges(t *testing.T, during bool, changes []string) (*estate.ImportReport, *register) {
	t.Helper()
	db := MustOpen(t)
	seedPartners(t, db, "county", "police")
	s := newRegister(db)
	a, m := newAsset("county", "A", -2.2, 52.2), newAsset("county", "M", -2.3, 52.3)
	if err := s.CreateAssets(adminCtx(), []*estate.Asset{a, m}, estate.ActionCreate); err != nil {
		t.Fatal(err)
	}
	do := map[string]func() error{
		"edit A": func() error {
			_, err := s.UpdateAsset(adminCtx(), a.ID, 1, func(a *estate.Asset) error {
				a.MarketValueGBP = ptr[int64](2_000_000) // the file does not carry it
				return nil
			})
			return err
		},
		"create C": func() error {
			c := newAsset("county", "C", -2.4, 52.4)
			c.Name = "Depot"
			return s.CreateAsset(adminCtx(), c)
		},
		"give M away": func() error {
			_, err := s.UpdateAsset(adminCtx(), m.ID, 1, func(a *estate.Asset) error {
				a.Partner = "police"
				return nil
			})
			return err
		},
	}
	change := func() {
		for _, c := range changes {
			if err := do[c](); err != nil {
				t.Fatal(err)
			}
		}
	}
	renamed := newAsset("county", "A", -2.2, 52.2)
	renamed.Name = "Town Hall"
	items := []*estate.ImportItem{row(renamed), row(newAsset("county", "C", -2.4, 52.4)), row(newAsset("county", "M", -2.3, 52.3))}
	var rep *estate.ImportReport
	var err error
	if during {
		release, done := importPaused(t, s, "county", items, len(items), estate.ImportOptions{})
		change()
		release()
		r := <-done
		rep, err = r.rep, r.err
	} else {
		change()
		rep, err = importRows(t, s, "county", estate.ImportOptions{}, items...)
	}
	if err != nil || !rep.Committed {
		t.Fatalf("import (changes during: %v): %v %+v", during, err, rep)
	}
	return rep, s
}

// TestImportPartnerDeletedWhileReading: a partner with no assets can be
// deleted while an import for it reads its file; the import then finds
// no partner, as it would have had it started after, and writes nothing.
func TestImportPartnerDeletedWhileReading(t *testing.T) {
	db := MustOpen(t)
	seedPartners(t, db, "county")
	s := newRegister(db)
	release, done := importPaused(t, s, "county", manyRows("county", 3), 3, estate.ImportOptions{})
	if err := services(db).Partners.DeletePartner(adminCtx(), "county"); err != nil {
		t.Fatal(err)
	}
	release()
	r := <-done
	if estate.ErrorCode(r.err) != estate.EINVALID || r.rep.Committed {
		t.Errorf("import for a partner deleted meanwhile: %v %+v", r.err, r.rep)
	}
	if n := count(t, db, "assets"); n != 0 {
		t.Errorf("%d assets written", n)
	}
}
