package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
)

// A fire and rescue service's list, shaped like the Home Office's, with
// semicolons: the reader knows none of its columns without a mapping.
const fireStations = "FRS_FULLNAME;E_CODE;STATION_NAME;STATION_ADDRESS;STATION_POSTCODE;STATION_EASTING;STATION_NORTHING\n" +
	"Hereford & Worcester;E31000020;Worcester;Copenhagen Street, Worcester;WR1 2HD;384900;254800\n" +
	"Hereford & Worcester;E31000020;Malvern;Worcester Road, Malvern;WR14 1EY;378000;246000\n"

const fireStationsMap = "AssetCode=E_CODE+STATION_NAME, PropertyName=STATION_NAME, PostCode=STATION_POSTCODE, " +
	"GeoX=STATION_EASTING, GeoY=STATION_NORTHING, CoordinateReferenceSystem='EPSG:27700'"

// TestImportSavedMapping checks the quarterly republication: the first
// import with --map and --save-mapping, the next with no flags at all,
// and the mapping command that shows, sets and clears what was saved.
func TestImportSavedMapping(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "mapping.db")
	file := filepath.Join(dir, "stations.csv")
	if err := os.WriteFile(file, []byte(fireStations), 0o644); err != nil {
		t.Fatal(err)
	}
	getenv := env(map[string]string{"PLACETRUST_DB": db})
	runOut := func(args ...string) (string, string, error) {
		t.Helper()
		out, errOut := &syncBuffer{}, &syncBuffer{}
		err := run(context.Background(), args, getenv, out, errOut)
		return out.String(), errOut.String(), err
	}
	runOK := func(args ...string) string {
		t.Helper()
		out, errOut, err := runOut(args...)
		if err != nil {
			t.Fatalf("%v: %v\n%s%s", args, err, out, errOut)
		}
		return out
	}
	first := []string{"import", "--partner", "hwfrs", "--partner-name", "Hereford & Worcester Fire", "--partner-kind", "fire",
		"--map", fireStationsMap, "--delimiter", ";", "--save-mapping", file}

	// A dry run saves nothing (nor creates the partner).
	runOK(append(first, "--dry-run")...)
	if _, _, err := runOut("mapping", "show", "--partner", "hwfrs"); err == nil || !strings.Contains(err.Error(), "no saved import mapping") {
		t.Fatalf("after a dry run: %v", err)
	}

	out := runOK(first...)
	if !strings.Contains(out, "2 inserted") || !strings.Contains(out, "import mapping saved for partner hwfrs: AssetCode=E_CODE+STATION_NAME, PropertyName=STATION_NAME") {
		t.Errorf("first import: %s", out)
	}
	// The next quarter: no flags, and the summary says which mapping.
	out = runOK("import", "--partner", "hwfrs", file)
	if !strings.Contains(out, "0 inserted, 0 updated, 2 unchanged") ||
		!strings.Contains(out, "note: using the import mapping saved for partner hwfrs on ") ||
		!strings.Contains(out, `by cli: AssetCode=E_CODE+STATION_NAME`) || !strings.Contains(out, `delimiter ";"`) {
		t.Errorf("import with the saved mapping: %s", out)
	}
	// An import giving any mapping flag reads with that alone: here the
	// columns alone, which are those the fire stations preset reads.
	if out, _, err := runOut("import", "--partner", "hwfrs", "--delimiter", ";", file, "--dry-run"); err != nil ||
		strings.Contains(out, "using the import mapping saved") || !strings.Contains(out, "read with preset home-office-fire-stations") {
		t.Errorf("--delimiter alone: %v\n%s", err, out)
	}

	// show prints items that --map takes back; set and clear change it.
	shown, info, err := runOut("mapping", "show", "--partner", "hwfrs")
	if err != nil || strings.Count(shown, "\n") != 6 || !strings.HasPrefix(shown, "AssetCode=E_CODE+STATION_NAME\n") ||
		!strings.Contains(info, "saved") || !strings.Contains(info, `delimiter ";"`) {
		t.Errorf("show: %v\n%s%s", err, shown, info)
	}
	if out := runOK("import", "--partner", "hwfrs", "--map", shown, "--delimiter", ";", file, "--dry-run"); !strings.Contains(out, "2 unchanged") {
		t.Errorf("the shown mapping given back: %s", out)
	}
	// The preset maps more columns (street, use, service), so the rows
	// take them.
	runOK("mapping", "set", "--partner", "hwfrs", "--preset", "home-office-fire-stations", "--delimiter", ";")
	if out := runOK("import", "--partner", "hwfrs", file); !strings.Contains(out, "2 updated") || !strings.Contains(out, "Use='Fire station'") {
		t.Errorf("import with the preset saved: %s", out)
	}
	runOK("mapping", "clear", "--partner", "hwfrs")
	if _, _, err := runOut("mapping", "clear", "--partner", "hwfrs"); err == nil || exitCode(err) != 1 {
		t.Errorf("clear twice: %v", err)
	}
	if _, _, err := runOut("import", "--partner", "hwfrs", file); err == nil {
		t.Error("imported after the mapping was cleared")
	}

	evs := adminEvents(t, db, estate.AdminEventFilter{Entity: estate.EntityPartner, EntityID: "hwfrs"})
	mappingEvents := 0
	for _, ev := range evs {
		if len(ev.Changes) == 1 && ev.Changes[0].Field == "import_mapping" && ev.Actor == "cli" {
			mappingEvents++
		}
	}
	if mappingEvents != 3 { // saved by the import, set, cleared
		t.Errorf("%d import_mapping events in the partner's trail, want 3", mappingEvents)
	}
}

// TestMappingBadInput: mapping and --save-mapping mistakes are usage
// errors (exit 2) found before the database is opened.
func TestMappingBadInput(t *testing.T) {
	file := filepath.Join(t.TempDir(), "stations.csv")
	for _, args := range [][]string{
		{"mapping"},
		{"mapping", "frob"},
		{"mapping", "-h"},
		{"mapping", "show"},
		{"mapping", "show", "--partner", "hwfrs", "extra"},
		{"mapping", "show", "--partner", "hwfrs", "--map", "GeoX=E"},
		{"mapping", "set", "--partner", "hwfrs"},
		{"mapping", "set", "--partner", "hwfrs", "--map", "Colour=PAINT"},
		{"mapping", "set", "--partner", "hwfrs", "--preset", "nope"},
		{"mapping", "set", "--partner", "hwfrs", "--map", "GeoX=E", "--delimiter", ";;"},
		{"mapping", "clear", "--partner", "Bad Id"},
		{"import", "--partner", "hwfrs", "--save-mapping", file},
		{"import", "--partner", "hwfrs", "--save-mapping", "--format", "geojson", "--map", "GeoX=E", file},
		// Other commands that only read or change: a --db naming no file.
		{"mapping", "show", "--partner", "hwfrs"},
		{"mapping", "set", "--partner", "hwfrs", "--map", "GeoX=E"},
	} {
		dbPath := filepath.Join(t.TempDir(), "never.db")
		err := run(context.Background(), args, env(map[string]string{"PLACETRUST_DB": dbPath}), io.Discard, io.Discard)
		if err == nil || exitCode(err) != 2 {
			t.Errorf("%v: %v (exit %d), want a usage error", args, err, exitCode(err))
		}
		if _, statErr := os.Stat(dbPath); !os.IsNotExist(statErr) {
			t.Errorf("%v: the database file was created", args)
		}
	}
}
