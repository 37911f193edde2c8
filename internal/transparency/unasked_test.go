package transparency_test

import (
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/sqlite"
	"github.com/placetrust/placetrust/internal/transparency"
)

// importDescribed imports a testdata CSV with no mapping and copies the
// reader's account of the columns into the report.
func importDescribed(t *testing.T, db *sqlite.DB, partner, name string) *estate.ImportReport {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rd, err := transparency.NewReader(f, transparency.Options{Partner: partner})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := imports(db).ImportAssets(adminCtx(), partner, rd.Items(), estate.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	rd.Describe(rep)
	return rep
}

// TestFireStationsUnasked imports the Home Office fire stations with no
// flag: their columns are those the preset reads, so they are read by
// it, and the same file given the preset afterwards changes nothing.
func TestFireStationsUnasked(t *testing.T) {
	db := mustOpen(t)
	seedPartner(t, db, "fire", estate.KindFire)
	rep := importDescribed(t, db, "fire", fireStations)
	if rep.Total != 1399 || rep.Inserted != 1373 || rep.Skipped != 26 || rep.Errors != 0 {
		t.Fatalf("report: total %d inserted %d skipped %d errors %d", rep.Total, rep.Inserted, rep.Skipped, rep.Errors)
	}
	if len(rep.Notices) != 1 || !strings.Contains(rep.Notices[0], "preset home-office-fire-stations") {
		t.Errorf("notices %q", rep.Notices)
	}
	for _, c := range rep.Columns {
		if c.How != "preset" || c.Field == "" {
			t.Errorf("column %+v", c)
		}
	}
	// Warnings: West Sussex's 25 stations say "Not available here..." in
	// place of coordinates and Fowey's easting has lost a digit (skips,
	// not warnings); the warnings are about postcodes.
	if got := warningKinds(rep.Rows); got["postcode"] != rep.Warnings || rep.Warnings != 34 {
		t.Errorf("%d warnings: %v", rep.Warnings, got)
	}
	again, err := importFile(t, db, "fire", fireStations, transparency.Presets["home-office-fire-stations"], estate.ImportOptions{})
	if err != nil || again.Unchanged != 1373 || again.Inserted+again.Updated != 0 {
		t.Fatalf("with the preset: %v %+v", err, again)
	}
	if a := allAssets(t, db, "fire")["E06000053/Bryher"]; a == nil || a.Name != "Bryher" || a.Use != "Fire station" {
		t.Errorf("Bryher stored as %+v", a)
	}
}

// TestTraffordColumns checks Trafford's file reads by the Code's own
// names, every column but the organisation's.
func TestTraffordColumns(t *testing.T) {
	db := mustOpen(t)
	seedPartner(t, db, "trafford", estate.KindUnitaryCouncil)
	rep := importDescribed(t, db, "trafford", trafford)
	if rep.HeaderRow != 1 || rep.Sheet != "" || len(rep.Columns) != 20 || rep.Inserted != 373 {
		t.Fatalf("header row %d sheet %q, %d columns, %d inserted", rep.HeaderRow, rep.Sheet, len(rep.Columns), rep.Inserted)
	}
	want := map[string]int{"postcode": 2,
		"GeoX 53.457484 and GeoY -2.365856 look like latitude and longitude the wrong way round": 1}
	if got := warningKinds(rep.Rows); !maps.Equal(got, want) || rep.Warnings != 3 {
		t.Errorf("%d warnings: %v, want %v", rep.Warnings, got, want)
	}
	for _, c := range rep.Columns {
		organisation := strings.HasPrefix(c.Column, "Organisation")
		if organisation && c.How != "ignored" || !organisation && (c.How != "matched" || c.Field == "") {
			t.Errorf("column %+v", c)
		}
	}
}
