package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/sqlite"
)

const (
	traffordFile = "../../internal/transparency/testdata/trafford_land_and_building_assets.csv"
	fireFile     = "../../internal/transparency/testdata/home_office_fire_stations_england.csv"
)

func TestImportExport(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "cli.db")
	getenv := env(map[string]string{"PLACETRUST_DB": db})
	ctx := context.Background()
	runOut := func(args ...string) (string, error) {
		t.Helper()
		out := &syncBuffer{}
		err := run(ctx, args, getenv, out, io.Discard)
		return out.String(), err
	}
	runOK := func(args ...string) string {
		t.Helper()
		out, err := runOut(args...)
		if err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out)
		}
		return out
	}

	out := runOK("import", "--partner", "trafford", "--partner-name", "Trafford Council", "--partner-kind", "unitary_council", traffordFile)
	if !strings.Contains(out, "trafford: 608 rows: 373 inserted, 0 updated, 0 unchanged, 235 skipped, 0 wrong") {
		t.Errorf("import: %s", out)
	}
	report := filepath.Join(dir, "fire-report.csv")
	out = runOK("import", "--partner", "fire", "--partner-name", "Fire stations", "--partner-kind", "fire",
		"--preset", "home-office-fire-stations", fireFile, "--report", report)
	if !strings.Contains(out, "1373 inserted") {
		t.Errorf("fire import: %s", out)
	}
	if recs := readCSVFile(t, report); len(recs) != 1400 || recs[1][4] != "inserted" || recs[1][2] != "E06000053/Bryher" {
		t.Errorf("report: %d records, first %v", len(recs), recs[min(1, len(recs)-1)])
	}
	if out := runOK("import", "--partner", "trafford", traffordFile); !strings.Contains(out, "0 inserted, 0 updated, 373 unchanged") {
		t.Errorf("second import: %s", out)
	}

	// Exports: CSV back in changes nothing; a dry run writes nothing.
	exported := filepath.Join(dir, "trafford.csv")
	if out := runOK("export", "--format", "csv", "--partner", "trafford", "--out", exported); !strings.Contains(out, "exported 373 assets") {
		t.Errorf("export csv: %s", out)
	}
	if out := runOK("import", "--partner", "trafford", exported, "--dry-run"); !strings.Contains(out, "373 unchanged") ||
		!strings.Contains(out, "dry run") {
		t.Errorf("import of the export: %s", out)
	}
	var fc struct{ Features []json.RawMessage }
	if err := json.Unmarshal([]byte(runOK("export")), &fc); err != nil || len(fc.Features) != 373+1373 {
		t.Errorf("export geojson to stdout: %v, %d features", err, len(fc.Features))
	}
	gpkg := filepath.Join(dir, "register.gpkg")
	runOK("export", "--format", "gpkg", "--rag", "unrated", "--out", gpkg)
	if b, err := os.ReadFile(gpkg); err != nil || !strings.HasPrefix(string(b), "SQLite format 3\x00") {
		t.Errorf("gpkg: %v", err)
	}

	// A file that is not CSV fails clearly and writes nothing.
	junk := filepath.Join(dir, "photo.png")
	os.WriteFile(junk, []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), 0o644)
	if _, err := runOut("import", "--partner", "trafford", junk); err == nil || !strings.Contains(err.Error(), "binary") {
		t.Errorf("binary file: %v", err)
	}
	wrong := filepath.Join(dir, "wrong.csv")
	os.WriteFile(wrong, []byte("AssetCode,PropertyName,GeoX,GeoY\nNEW,New,-2.3,53.4\nBAD,Bad,-2000,53\n"), 0o644)
	out, err := runOut("import", "--partner", "trafford", wrong)
	if err == nil || !strings.Contains(out, "row 3 BAD: geometry:") || !strings.Contains(out, "nothing written") {
		t.Errorf("wrong row: %v\n%s", err, out)
	}
	if out := runOK("export", "--format", "csv", "--partner", "trafford", "--out", exported); !strings.Contains(out, "exported 373 assets") {
		t.Errorf("a failed import wrote: %s", out)
	}

	// A failed import, or a dry run, for a new partner leaves no partner
	// behind; the dry run still reports every row.
	if _, err := runOut("import", "--partner", "ghost", "--partner-name", "Ghost", wrong); err == nil {
		t.Error("wrong rows imported for a new partner")
	}
	if _, err := runOut("import", "--partner", "ghost", "--partner-name", "Ghost", junk); err == nil {
		t.Error("a binary file imported for a new partner")
	}
	out = runOK("import", "--partner", "ghost", "--partner-name", "Ghost", traffordFile, "--dry-run")
	if !strings.Contains(out, "ghost: 608 rows: 373 inserted") || !strings.Contains(out, "dry run") ||
		!strings.Contains(out, `partner "ghost" (Ghost) would be created`) {
		t.Errorf("dry run for a new partner: %s", out)
	}
	// Trafford's file for another body says so once; for Trafford it did not.
	if n := strings.Count(out, `note: OrganisationLabel "Trafford Council" does not look like partner ghost (Ghost)`); n != 1 {
		t.Errorf("another body's file: %d organisation notes in %s", n, out)
	}
	if out := runOK("import", "--partner", "trafford", traffordFile, "--dry-run"); strings.Contains(out, "note: OrganisationLabel") {
		t.Errorf("Trafford's own file: %s", out)
	}
	if _, err := runOut("import", "--partner", "ghost", traffordFile); err == nil || !strings.Contains(err.Error(), `no partner "ghost"`) {
		t.Errorf("the partner was created by a failed import or a dry run: %v", err)
	}

	// --report - writes the per-row report to stdout, as CSV only.
	out = runOK("import", "--partner", "trafford", traffordFile, "--dry-run", "--report", "-")
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(recs) != 609 || recs[0][0] != "row" || recs[1][4] != "unchanged" {
		t.Errorf("--report -: %v, %d records: %.200s", err, len(recs), out)
	}
	if _, err := os.Stat(filepath.Join(".", "-")); err == nil {
		os.Remove("-")
		t.Error(`--report - wrote a file named "-"`)
	}

	for _, bad := range [][]string{
		{"import", traffordFile},
		{"import", "--partner", "trafford"},
		{"import", "--partner", "trafford", "--format", "xlsx", traffordFile},
		{"import", "--partner", "trafford", "--preset", "nope", traffordFile},
		{"import", "--partner", "trafford", "--map", "Colour=X", traffordFile},
		{"import", "--partner", "nobody", traffordFile},
		{"import", "--partner", "trafford", filepath.Join(dir, "missing.csv")},
		{"export", "--format", "gpkg"},
		{"export", "--format", "shp", "--out", "x"},
		{"export", "--rag", "purple"},
	} {
		if _, err := runOut(bad...); err == nil {
			t.Errorf("%v succeeded", bad)
		}
	}
}

func readCSVFile(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// TestImportServiceArea checks --service-area (and its environment
// variable) reaches the import: a register serving Worcestershire refuses
// Trafford's rows, each as that row's error, and writes nothing, not even
// the partner the import would have created.
func TestImportServiceArea(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "area.db")
	ctx := context.Background()
	report := filepath.Join(dir, "report.csv")
	for _, tt := range []struct {
		args []string
		env  map[string]string
	}{
		{[]string{"--service-area", "-2.7,51.9,-1.7,52.5"}, nil},
		{nil, map[string]string{"PLACETRUST_SERVICE_AREA": "-2.7,51.9,-1.7,52.5"}},
	} {
		env := env(map[string]string{"PLACETRUST_DB": db})
		getenv := func(k string) string {
			if v, ok := tt.env[k]; ok {
				return v
			}
			return env(k)
		}
		args := append([]string{"import", "--partner", "trafford", "--partner-name", "Trafford Council",
			"--report", report}, append(tt.args, traffordFile)...)
		out := &syncBuffer{}
		err := run(ctx, args, getenv, out, io.Discard)
		if err == nil || exitCode(err) != 1 || !strings.Contains(out.String(), "373 wrong") {
			t.Fatalf("%v: %v\n%s", tt.args, err, out)
		}
		recs := readCSVFile(t, report)
		if len(recs) < 2 || !strings.Contains(strings.Join(recs[0], ","), "reason") {
			t.Fatalf("report %v", recs[:min(2, len(recs))])
		}
		wrong := 0
		for _, r := range recs[1:] {
			if strings.Contains(strings.Join(r, ","), "geometry.coordinates: ") && strings.Contains(strings.Join(r, ","), "-2.7,51.9,-1.7,52.5") {
				wrong++
			}
		}
		if wrong != 373 {
			t.Errorf("%v: %d rows name geometry.coordinates and the area, want 373", tt.args, wrong)
		}
	}
	d, err := sqlite.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if ps, err := services(d, estate.GreatBritain).Partners.FindPartners(cliContext(ctx)); err != nil || len(ps) != 0 {
		t.Errorf("a refused import left partners %v (%v)", ps, err)
	}
}
