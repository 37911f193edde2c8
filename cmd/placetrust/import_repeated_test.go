package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// councilFile is a council's list as published: its free text and
// categories are fine, row 4 has longitude and latitude swapped, row 5 a
// placeholder UPRN, and row 6 the building on row 3's land, under its code.
const councilFile = "OrganisationLabel,UPRN,AssetCode,PropertyName,PostCode,GeoX,GeoY,TenureDetail,HoldingType\r\n" +
	"Wychavon District Council,100120001,W1,Pershore car park,WR10 1AA,-2.075,52.110,Vacant - awaiting disposal,Car Parks\r\n" +
	"Wychavon District Council,100120002,W2,Abbey Park,WR10 1AB,-2.076,52.111,Leased to X Ltd until 2030,Parks and Open Spaces\r\n" +
	"Wychavon District Council,100120003,W3,Civic Centre,WR10 1PT,52.112,-2.077,Owner Occupied,Offices\r\n" +
	"Wychavon District Council,0,W4,Depot,WR10 2AA,-2.078,52.113,Other,Depot\r\n" +
	"Wychavon District Council,100120005,W2,Abbey Park pavilion,WR10 1AB,-2.079,52.114,Let to cricket club,Community Centre\r\n"

// TestImportRepeatedCodes: the council's file is refused, saying what
// would load it; --repeated-codes=suffix loads it, summing up its three
// warnings by kind, and loads it again unchanged.
func TestImportRepeatedCodes(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "wychavon.csv")
	if err := os.WriteFile(file, []byte(councilFile), 0o644); err != nil {
		t.Fatal(err)
	}
	getenv := env(map[string]string{"PLACETRUST_DB": filepath.Join(dir, "cli.db")})
	runOut := func(args ...string) (string, error) {
		t.Helper()
		out := &syncBuffer{}
		err := run(context.Background(), append([]string{"import", "--partner", "wychavon-dc",
			"--partner-name", "Wychavon District Council", "--partner-kind", "district_council"}, args...), getenv, out, io.Discard)
		return out.String(), err
	}

	out, err := runOut(file)
	if err == nil || exitCode(err) != 1 || !strings.Contains(out, "1 wrong") || !strings.Contains(out, "nothing written") ||
		!strings.Contains(out, `row 6 W2: asset_code: "W2" is used by an earlier row of the file: to load the file as it is, import with --repeated-codes=suffix`) {
		t.Fatalf("default: %v\n%s", err, out)
	}

	out, err = runOut(file, "--repeated-codes=suffix")
	if err != nil || !strings.Contains(out, "wychavon-dc: 5 rows: 5 inserted, 0 updated, 0 unchanged, 0 skipped, 0 wrong, 3 warnings (imported)") {
		t.Fatalf("suffix: %v\n%s", err, out)
	}
	want := "warnings by kind (--report lists each row's):\n" +
		"  coordinates_swapped: 1 (row 4), e.g. GeoX 52.112 and GeoY -2.077 look like latitude and longitude the wrong way round: swapped\n" +
		"  uprn_placeholder: 1 (row 5), e.g. UPRN \"0\" is a placeholder, not a UPRN: left blank\n" +
		"  code_repeated: 1 (row 6), e.g. asset code \"W2\" is used by row 3 of the file: kept as an asset of its own, coded \"W2~2\"\n"
	// The totals, the partner created, and the groups: no line per row
	// (the columns read follow).
	if !strings.Contains(out, want) || strings.Count(out[:max(strings.Index(out, "header on row"), 0)], "\n") != 6 {
		t.Errorf("suffix summary:\n%s\nwant the groups:\n%s", out, want)
	}
	// The report file keeps each row's warnings, as before.
	report := filepath.Join(dir, "report.csv")
	out, err = runOut(file, "--repeated-codes", "suffix", "--report", report)
	if err != nil || !strings.Contains(out, "5 unchanged") {
		t.Fatalf("suffix again: %v\n%s", err, out)
	}
	if recs := readCSVFile(t, report); len(recs) != 6 || recs[5][2] != "W2~2" || recs[5][4] != "unchanged" ||
		!strings.Contains(recs[5][7], `coded "W2~2"`) || recs[1][7] != "" {
		t.Errorf("report %q", recs)
	}

	if _, err := runOut(file, "--repeated-codes=merge"); err == nil || exitCode(err) != 2 || !strings.Contains(err.Error(), "refuse, suffix or skip") {
		t.Errorf("--repeated-codes=merge: %v", err)
	}
}
