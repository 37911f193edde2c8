package transparency_test

import (
	"maps"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/geo/bng"
	"github.com/placetrust/placetrust/internal/sqlite/sqlitetest"
	"github.com/placetrust/placetrust/internal/transparency"
)

const avon = "testdata/avon_fire_rescue_land_and_premises.xlsx"

// warningKinds counts a report's warnings by their text up to the first
// quote or colon, so a test states which kinds it expects and how many:
// when warnings are reworded or grouped, this and the tables using it
// are what to update.
func warningKinds(rows []estate.ImportRow) map[string]int {
	out := map[string]int{}
	for _, r := range rows {
		for _, w := range r.Warnings {
			if i := strings.IndexAny(w, `":`); i > 0 {
				w = w[:i]
			}
			out[strings.TrimSpace(w)]++
		}
	}
	return out
}

// avonGrid is each row's easting and northing as the workbook stores
// them, read here with excelize alone to check the import against.
func avonGrid(t *testing.T) map[int][2]float64 {
	t.Helper()
	f, err := excelize.OpenFile(avon)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Land and Premises", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	out := map[int][2]float64{}
	for i, r := range rows[1:] {
		if len(r) > 10 && r[9] != "" {
			e, _ := strconv.ParseFloat(r[9], 64)
			n, _ := strconv.ParseFloat(r[10], 64)
			out[i+2] = [2]float64{e, n}
		}
	}
	return out
}

// TestAvonWorkbook reads Avon Fire & Rescue's land and premises workbook
// as published, with no mapping: multi-line headers, an easting and
// northing pair under one heading over two columns, two UPRN columns,
// tenure written "Freehold - Owned", 86 formatted empty rows below.
func TestAvonWorkbook(t *testing.T) {
	items, rd := readWorkbook(t, avon, transparency.Options{})
	if rd.Sheet() != "Land and Premises" || rd.HeaderRow() != 1 || len(items) != 28 {
		t.Fatalf("sheet %q header row %d, %d rows", rd.Sheet(), rd.HeaderRow(), len(items))
	}
	want := "1:name/synonym 2:use/synonym 3:uprn/matched 4:asset_code/synonym 5:street_number/synonym " +
		"6:street_name/matched 7:street_name/synonym 8:town/matched 9:postcode/matched 10:geo_x/heading 11:geo_y/heading " +
		"12:uprn/matched 13:-ignored 14:tenure/synonym 15:-not_read 16:gia_m2/synonym 17:land_area_ha/synonym " +
		"18:-not_read 19:backlog_gbp/synonym 20:-not_read 21:energy_rating/synonym"
	if got := fieldsOf(rd); got != want {
		t.Errorf("columns\n got %s\nwant %s", got, want)
	}
	grid := avonGrid(t)
	byRow := map[int]*estate.Asset{}
	for _, it := range items {
		if it.Asset == nil {
			t.Fatalf("row %d: %v %s", it.Row, it.Err, it.Skip)
		}
		a := it.Asset
		byRow[it.Row] = a
		// Every asset is where the workbook's easting and northing say,
		// by OSTN15 both ways.
		e, n, err := bng.FromWGS84(a.Location.Lon, a.Location.Lat)
		if g := grid[it.Row]; err != nil || math.Abs(e-g[0]) > 0.01 || math.Abs(n-g[1]) > 0.01 {
			t.Errorf("row %d at E %.2f N %.2f, the workbook says %.2f, %.2f", it.Row, e, n, g[0], g[1])
		}
		if a.Town == "" || a.Postcode == "" || a.StreetName == "" || a.Use == "" || a.UPRN == "" {
			t.Errorf("row %d: address %q %q %q, use %q, UPRN %q", it.Row, a.StreetName, a.Town, a.Postcode, a.Use, a.UPRN)
		}
	}
	tenures := map[estate.Tenure]int{}
	for _, a := range byRow {
		tenures[a.Tenure]++
	}
	// "Freehold - Owned" on 26 rows; Temple headquarters (for sale) and
	// Patchway's offices give none.
	if !reflect.DeepEqual(tenures, map[estate.Tenure]int{estate.TenureFreehold: 26, "": 2}) {
		t.Errorf("tenures %v", tenures)
	}
	cases := []struct {
		row                                 int
		name, number, street, town, pc, use string
		uprn                                string
	}{
		{2, "Control Centre, Lansdown", "", "Lansdown Road, Lansdown", "Bath", "BA1 9DB", "Control Centre", "640814"},
		{3, "Bath Fire Station", "", "Cleveland Bridge", "Bath", "BA2 6PU", "Fire Station", "200001887481"},
		{15, "Bedminster Fire Station", "61", "Hartcliffe Way, Bedminster", "Bristol", "BS3 5RN", "Fire Station", "143950"},
		// No name: named from the address, which ends with a comma and a
		// line break in the workbook.
		{25, "9 Lyndale Road", "9", "Lyndale Road", "Yate", "BS37 4DD", "House", "587086"},
	}
	for _, c := range cases {
		a := byRow[c.row]
		if a.Name != c.name || a.StreetNumber != c.number || a.StreetName != c.street || a.Town != c.town ||
			a.Postcode != c.pc || a.Use != c.use || a.UPRN != c.uprn {
			t.Errorf("row %d read as %q %q %q %q %q %q %q", c.row, a.Name, a.StreetNumber, a.StreetName, a.Town, a.Postcode, a.Use, a.UPRN)
		}
	}
	if a := byRow[3]; a.GIAM2 == nil || *a.GIAM2 != 1286 || a.LandAreaHa == nil || *a.LandAreaHa != 1.014 ||
		a.BacklogGBP == nil || *a.BacklogGBP != 125000 || a.EnergyRating != "D" || a.Notes != "" {
		t.Errorf("Bath Fire Station read as %+v", a)
	}
}

// avonWarnings are the warnings the workbook gives, by kind: its asset
// identity column is blank on every row, so every code is derived, and
// one row has no name. Its energy ratings "n/a" and "under assessment"
// say there is no band, which is no warning.
var avonWarnings = map[string]int{
	"AssetCode is blank": 28,
	"no PropertyName":    1,
}

// TestAvonImport imports the workbook into the register with no setting.
// Patchway fire station and its offices share a name and postcode, so
// the second derives the same code: the file gives no codes, so the
// importer numbers it (~2) and all 28 rows land. Re-imported, the same
// file changes nothing.
func TestAvonImport(t *testing.T) {
	db := mustOpen(t)
	seedPartner(t, db, "avon", estate.KindFire)
	imp := func(repeated estate.RepeatedCodes) (*estate.ImportReport, error) {
		rd, err := transparency.OpenXLSX(avon, transparency.Options{Partner: "avon"})
		if err != nil {
			t.Fatal(err)
		}
		defer rd.Close()
		rep, err := imports(db).ImportAssets(adminCtx(), "avon", repeated.Items(rd.Items()), estate.ImportOptions{})
		rd.Describe(rep)
		return rep, err
	}
	rep, err := imp(estate.RepeatedRefuse)
	if err != nil || rep.Total != 28 || rep.Inserted != 28 || !rep.Committed {
		t.Fatalf("no setting: %v %+v", err, rep)
	}
	if got := warningKinds(rep.Rows); !maps.Equal(got, avonWarnings) || rep.Warnings != 29 {
		t.Errorf("%d warnings: %v, want %v", rep.Warnings, got, avonWarnings)
	}
	if rep.Sheet != "Land and Premises" || rep.HeaderRow != 1 || len(rep.Columns) != 21 {
		t.Errorf("report: sheet %q header row %d, %d columns", rep.Sheet, rep.HeaderRow, len(rep.Columns))
	}
	i := slices.IndexFunc(rep.Columns, func(c estate.ImportColumn) bool { return c.Position == 11 })
	if c := rep.Columns[i]; c.Column != "Map reference Eastings Northings" || c.Field != "geo_y" || c.How != "heading" {
		t.Errorf("column K reported as %+v", c)
	}
	// What landed: the stored assets, as read.
	stored := allAssets(t, db, "avon")
	if len(stored) != 28 {
		t.Fatalf("%d assets stored", len(stored))
	}
	grid := avonGrid(t)
	for code, row := range map[string]int{"bath-fire-station/ba2-6pu": 3, "patchway-fire-station/bs34-5pe": 17,
		"patchway-fire-station/bs34-5pe~2": 27, "9-lyndale-road/bs37-4dd": 25} {
		a := stored[code]
		if a == nil {
			t.Errorf("%s not stored", code)
			continue
		}
		e, n, err := bng.FromWGS84(a.Location.Lon, a.Location.Lat)
		if g := grid[row]; err != nil || math.Abs(e-g[0]) > 0.01 || math.Abs(n-g[1]) > 0.01 {
			t.Errorf("%s stored at E %.2f N %.2f, the workbook says %.2f, %.2f", code, e, n, g[0], g[1])
		}
	}
	if a := stored["patchway-fire-station/bs34-5pe~2"]; a.Use != "Offices (Technical Fire Safety)" || a.Tenure != "" {
		t.Errorf("Patchway's offices stored as %+v", a)
	}
	if a := stored["bath-fire-station/ba2-6pu"]; a.Tenure != estate.TenureFreehold || a.UPRN != "200001887481" ||
		a.StreetName != "Cleveland Bridge" || a.Town != "Bath" || a.Postcode != "BA2 6PU" {
		t.Errorf("Bath Fire Station stored as %+v", a)
	}
	if err := sqlitetest.Check(adminCtx(), db); err != nil {
		t.Error(err)
	}
	// The quarterly republication of the same file: nothing changes.
	before := counts(t, db)
	if rep, err := imp(estate.RepeatedRefuse); err != nil || rep.Unchanged != 28 {
		t.Errorf("the same workbook again: %v %+v", err, rep)
	}
	if after := counts(t, db); !reflect.DeepEqual(before, after) {
		t.Errorf("re-importing the same workbook changed the tables: %v -> %v", before, after)
	}
}
