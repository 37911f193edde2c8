package main

import (
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestImportWorkbook imports a workbook by its extension: the summary
// says where the header was, which column went to which field, and
// which columns were not read.
func TestImportWorkbook(t *testing.T) {
	dir := t.TempDir()
	book := filepath.Join(dir, "estate.xlsx")
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "Read me")
	f.NewSheet("Assets")
	for i, row := range [][]any{
		{"Our estate", nil, nil},
		{"Premises\nName", "Grid reference", nil, "Budget holder"},
		{"Town Hall", 384500, 255500, "Finance"},
	} {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		f.SetSheetRow("Assets", cell, &row)
	}
	if err := f.SaveAs(book); err != nil {
		t.Fatal(err)
	}
	f.Close()
	getenv := env(map[string]string{"PLACETRUST_DB": filepath.Join(dir, "cli.db")})
	out := &syncBuffer{}
	err := run(context.Background(), []string{"import", "--partner", "county", "--partner-name", "County", book}, getenv, out, io.Discard)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for _, want := range []string{
		"county: 1 rows: 1 inserted",
		`header on row 2 of sheet "Assets"; columns read:`,
		`A   "Premises Name"`, "-> name (synonym)",
		`B   "Grid reference"`, "-> geo_x (heading)",
		`C   "Grid reference"`, "-> geo_y (heading)",
		`columns not read: D "Budget holder"`,
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
	// --sheet names a sheet the workbook lacks: the error lists its sheets.
	err = run(context.Background(), []string{"import", "--partner", "county", "--sheet", "Budget", book, "--dry-run"}, getenv, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), `no sheet "Budget"; its sheets are "Read me", "Assets"`) {
		t.Errorf("--sheet Budget: %v", err)
	}
	// --format xlsx on a CSV file says to import it as CSV.
	err = run(context.Background(), []string{"import", "--partner", "county", "--format", "xlsx", traffordFile, "--dry-run"}, getenv, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "import it as CSV") {
		t.Errorf("CSV as xlsx: %v", err)
	}
}

// TestImportWorkbookSavedMapping saves a mapping with a workbook whose
// columns need one; the next import of it needs no flags.
func TestImportWorkbookSavedMapping(t *testing.T) {
	dir := t.TempDir()
	book := filepath.Join(dir, "depots.xlsx")
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"Ref", "Label", "E", "N"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"D-1", "North Depot", 384500, 255500})
	if err := f.SaveAs(book); err != nil {
		t.Fatal(err)
	}
	f.Close()
	getenv := env(map[string]string{"PLACETRUST_DB": filepath.Join(dir, "cli.db")})
	runOK := func(args ...string) string {
		t.Helper()
		out := &syncBuffer{}
		if err := run(context.Background(), args, getenv, out, io.Discard); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out)
		}
		return out.String()
	}
	out := runOK("import", "--partner", "county", "--partner-name", "County", "--map", "AssetCode=Ref,PropertyName=Label,GeoX=E,GeoY=N", "--save-mapping", book)
	if !strings.Contains(out, "1 inserted") || !strings.Contains(out, "import mapping saved") || !strings.Contains(out, "-> asset_code (mapped)") {
		t.Errorf("first import: %s", out)
	}
	if out := runOK("import", "--partner", "county", book); !strings.Contains(out, "1 unchanged") || !strings.Contains(out, "using the import mapping saved") {
		t.Errorf("the next import: %s", out)
	}
}
