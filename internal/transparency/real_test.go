package transparency_test

import (
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/geo/bng"
	"github.com/placetrust/placetrust/internal/sqlite"
	"github.com/placetrust/placetrust/internal/sqlite/sqlitetest"
	"github.com/placetrust/placetrust/internal/transparency"
)

// england is a box around England, Isles of Scilly to Berwick.
var england = estate.BBox{MinLon: -6.45, MinLat: 49.86, MaxLon: 1.77, MaxLat: 55.82}

// northWest is a box around Trafford and its neighbours: the council
// holds land in Warrington and Wigan too.
var northWest = estate.BBox{MinLon: -2.8, MinLat: 53.3, MaxLon: -2.1, MaxLat: 53.6}

func allAssets(t *testing.T, db *sqlite.DB, partner string) map[string]*estate.Asset {
	t.Helper()
	out := map[string]*estate.Asset{}
	for a, err := range estate.AllAssets(adminCtx(), services(db).Assets, estate.AssetFilter{Selection: estate.Selection{Partners: []string{partner}}, Page: estate.Page{Limit: 500}}) {
		if err != nil {
			t.Fatal(err)
		}
		out[a.AssetCode] = a
	}
	return out
}

// readCSV reads a testdata file as plain records, to compare with.
func readCSV(t *testing.T, name string) []map[string]string {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	header := recs[0]
	header[0] = strings.TrimPrefix(header[0], "\uFEFF")
	var out []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, h := range header {
			m[h] = r[i]
		}
		out = append(out, m)
	}
	return out
}

func TestTrafford(t *testing.T) {
	db := mustOpen(t)
	seedPartner(t, db, "trafford", estate.KindUnitaryCouncil)
	rep, err := importFile(t, db, "trafford", trafford, "", estate.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// 608 records; the 235 with blank CoordinateReferenceSystem have no
	// coordinates and are skipped, not wrong.
	if rep.Total != 608 || rep.Inserted != 373 || rep.Skipped != 235 || rep.Errors != 0 || !rep.Committed {
		t.Fatalf("report: total %d inserted %d skipped %d errors %d", rep.Total, rep.Inserted, rep.Skipped, rep.Errors)
	}
	for _, r := range rep.Rows {
		if r.Outcome == estate.OutcomeSkipped && r.Reason != "no coordinates" {
			t.Errorf("row %d skipped for %q", r.Row, r.Reason)
		}
	}
	if r := rep.Rows[0]; r.Row != 2 || r.Line != 2 || r.AssetCode != "TMBC0001/T0000003" {
		t.Errorf("first row reported as %+v", r)
	}

	assets := allAssets(t, db, "trafford")
	if len(assets) != 373 {
		t.Fatalf("%d assets stored", len(assets))
	}
	// The one record with longitude and latitude swapped is put right,
	// with a warning.
	swapped := assets["TMBC0396/P0000036"]
	if swapped == nil || swapped.Name != "Davyhulme Youth Centre" ||
		swapped.Location != (estate.Point{Lon: -2.365856, Lat: 53.457484}) {
		t.Errorf("swapped record stored as %+v", swapped)
	}
	if !rowWarned(rep, "TMBC0396/P0000036", "swapped") {
		t.Error("no warning for the swapped record")
	}
	// Those and two postcodes read as near values are the file's only
	// warnings. Its 121 TenureDetail "Other" cells gave a warning each
	// until free text was kept as a note line without one: an officer has
	// nothing to put right in them.
	groups := map[estate.WarningKind]int{}
	for _, g := range rep.WarningGroups {
		groups[g.Kind] = g.Count
	}
	if want := map[estate.WarningKind]int{estate.WarnCoordinatesSwapped: 1, estate.WarnValueCorrected: 2}; rep.Warnings != 3 || !reflect.DeepEqual(groups, want) {
		t.Errorf("%d warnings, by kind %v, want %v", rep.Warnings, groups, want)
	}
	// UPRNs are kept as text exactly as published; 336 records have none.
	recs := readCSV(t, trafford)
	noUPRN := 0
	for _, rec := range recs {
		if rec["UPRN"] == "" {
			noUPRN++
		}
		a := assets[rec["AssetCode"]]
		if a == nil {
			if rec["GeoX"] != "" {
				t.Errorf("%s has coordinates but was not stored", rec["AssetCode"])
			}
			continue
		}
		if a.UPRN != rec["UPRN"] {
			t.Errorf("%s: UPRN %q stored as %q", rec["AssetCode"], rec["UPRN"], a.UPRN)
		}
		if !northWest.Contains(a.Location) || !england.Contains(a.Location) {
			t.Errorf("%s at %v is outside Trafford's part of England", a.AssetCode, a.Location)
		}
	}
	if noUPRN != 336 {
		t.Errorf("%d records without UPRN, the file has 336", noUPRN)
	}
	// 33 UPRN occurrences repeat an earlier one: rows sharing a UPRN stay
	// separate assets (asset codes are unique), never merged by UPRN.
	// Of them, those on rows with coordinates must all be stored, each
	// as an asset of its own.
	seen, repeats, shared := map[string]int{}, 0, 0
	placed, placedRepeats := map[string]int{}, 0
	for _, rec := range recs {
		u := rec["UPRN"]
		if u == "" {
			continue
		}
		if seen[u]++; seen[u] > 1 {
			repeats++
		}
		if rec["GeoX"] == "" {
			continue
		}
		if placed[u]++; placed[u] > 1 {
			placedRepeats++
		}
	}
	byUPRN, storedRepeats := map[string]int{}, 0
	outwardOnly := 0
	for _, a := range assets {
		if a.UPRN != "" {
			if byUPRN[a.UPRN]++; byUPRN[a.UPRN] > 1 {
				storedRepeats++
			}
			if byUPRN[a.UPRN] == 2 {
				shared++
			}
		}
		if a.Postcode != "" && !strings.Contains(a.Postcode, " ") {
			outwardOnly++
		}
	}
	if repeats != 33 || shared == 0 || placedRepeats == 0 || storedRepeats != placedRepeats {
		t.Errorf("%d repeated UPRN occurrences in the file (want 33), %d on rows with coordinates; %d stored (%d UPRNs shared)",
			repeats, placedRepeats, storedRepeats, shared)
	}
	if outwardOnly == 0 {
		t.Error("no outward-only postcode (such as M31) was kept")
	}
	// Vocabularies: both spellings of Leasehold Out, all three holdings.
	holdings := map[estate.Holding]int{}
	for _, a := range assets {
		holdings[a.Holding]++
	}
	if len(holdings) != 3 || holdings[""] != 0 {
		t.Errorf("holdings %v", holdings)
	}
	// TenureDetail is published as both "Leasehold Out" and "Leasehold
	// out": every row of either spelling is leased out.
	spellings := map[string]int{}
	for _, rec := range recs {
		d := rec["TenureDetail"]
		if !strings.EqualFold(d, "Leasehold Out") {
			continue
		}
		a := assets[rec["AssetCode"]]
		if a == nil {
			continue
		}
		spellings[d]++
		if a.TenureDetail != estate.DetailLeasedOut || strings.Contains(a.Notes, "TenureDetail") {
			t.Errorf("%s: TenureDetail %q stored as %q, notes %q", a.AssetCode, d, a.TenureDetail, a.Notes)
		}
	}
	if spellings["Leasehold Out"] == 0 || spellings["Leasehold out"] == 0 {
		t.Errorf("stored assets by spelling of Leasehold Out: %v", spellings)
	}
	if a := assets["TMBC0002/B0000066"]; a.TenureDetail != estate.DetailLeasedOut || a.Tenure != estate.TenureFreehold ||
		a.Holding != estate.HoldingBuilding || a.GIAM2 == nil || *a.GIAM2 != 872.8 || a.Postcode != "WA15 7JU" {
		t.Errorf("TMBC0002/B0000066 stored as %+v", a)
	}
	if a := assets["TMBC0001/T0000003"]; a.EnergyRating != "E" || a.EffectiveDate != "2023-09-29" || a.Notes != "OtherDetail: Town Hall" {
		t.Errorf("TMBC0001/T0000003 stored as %+v", a)
	}
	if err := sqlitetest.Check(adminCtx(), db); err != nil {
		t.Error(err)
	}
}

func atof(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("%q: %v", s, err)
	}
	return v
}

func rowWarned(rep *estate.ImportReport, code, word string) bool {
	for _, r := range rep.Rows {
		if r.AssetCode == code && strings.Contains(strings.Join(r.Warnings, " "), word) {
			return true
		}
	}
	return false
}

// TestTwoPartners loads Trafford and then the Home Office fire stations
// as a second partner with the built-in mapping.
func TestTwoPartners(t *testing.T) {
	db := mustOpen(t)
	seedPartner(t, db, "trafford", estate.KindUnitaryCouncil)
	seedPartner(t, db, "fire", estate.KindFire)
	if _, err := importFile(t, db, "trafford", trafford, "", estate.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	rep, err := importFile(t, db, "fire", fireStations, transparency.Presets["home-office-fire-stations"], estate.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// 1,399 stations. The data README says all have eastings and
	// northings, but West Sussex's 25 hold "Not available here, but
	// please see https://www.westsussex.gov.uk/..." instead, and Fowey's
	// easting has lost a digit (21248), which would put it in the
	// Atlantic: 26 skipped.
	if rep.Total != 1399 || rep.Inserted != 1373 || rep.Skipped != 26 || rep.Errors != 0 {
		t.Fatalf("report: total %d inserted %d skipped %d errors %d", rep.Total, rep.Inserted, rep.Skipped, rep.Errors)
	}
	for _, r := range rep.Rows {
		if r.Outcome != estate.OutcomeSkipped {
			continue
		}
		westSussex := strings.HasPrefix(r.AssetCode, "E31000037/") && r.Reason == "no coordinates"
		fowey := r.AssetCode == "E31000008/Fowey Fire Station" && strings.Contains(r.Reason, "west of the Isles of Scilly")
		if !westSussex && !fowey {
			t.Errorf("row %d %s skipped: %s", r.Row, r.AssetCode, r.Reason)
		}
	}
	if len(rep.Notices) != 0 {
		t.Errorf("notices %v: the mapping reads every column", rep.Notices)
	}
	// 51 cells hold line breaks: rows still count as a spreadsheet does,
	// lines as an editor does.
	last := rep.Rows[len(rep.Rows)-1]
	if last.Row != 1400 || last.Line != 1452 {
		t.Errorf("last row is row %d line %d, want row 1400 line 1452", last.Row, last.Line)
	}
	fire := allAssets(t, db, "fire")
	if len(fire) != 1373 {
		t.Fatalf("%d fire stations stored", len(fire))
	}
	// Every station is where its easting and northing say, which a box
	// around England alone would not show for figures swapped.
	checked := 0
	for _, rec := range readCSV(t, fireStations) {
		a := fire[rec["E_CODE"]+"/"+rec["STATION_NAME"]]
		if a == nil {
			continue
		}
		checked++
		e, n, err := bng.FromWGS84(a.Location.Lon, a.Location.Lat)
		if err != nil || math.Abs(e-atof(t, rec["STATION_EASTING"])) > 0.01 || math.Abs(n-atof(t, rec["STATION_NORTHING"])) > 0.01 {
			t.Errorf("%s stored at E %.2f N %.2f, the file says %s, %s", a.AssetCode, e, n, rec["STATION_EASTING"], rec["STATION_NORTHING"])
		}
	}
	if checked != len(fire) {
		t.Errorf("%d of %d stations checked against the file's figures", checked, len(fire))
	}
	for code, a := range fire {
		if !england.Contains(a.Location) {
			t.Errorf("%s at %v is outside England", code, a.Location)
		}
		if strings.ContainsAny(a.StreetName, "\r\n") {
			t.Errorf("%s: address %q keeps a line break", code, a.StreetName)
		}
	}
	// Bryher (Isles of Scilly): easting 87878, northing 14962.
	b := fire["E06000053/Bryher"]
	if b == nil || b.Name != "Bryher" || b.Use != "Fire station" || b.Holding != estate.HoldingBuilding ||
		b.Postcode != "TR23 0PR" || b.Notes != "Fire and rescue service: Isles of Scilly" ||
		estate.Distance(b.Location, estate.Point{Lon: -6.352928, Lat: 49.953060}) > 1 {
		t.Errorf("Bryher stored as %+v", b)
	}
	for code, a := range allAssets(t, db, "trafford") {
		if !england.Contains(a.Location) {
			t.Errorf("%s at %v is outside England", code, a.Location)
		}
	}
	if err := sqlitetest.Check(adminCtx(), db); err != nil {
		t.Error(err)
	}
}

// TestReimportChangesNothing imports both files twice: the second time
// every row is unchanged, and no table gains a row.
func TestReimportChangesNothing(t *testing.T) {
	db := mustOpen(t)
	seedPartner(t, db, "trafford", estate.KindUnitaryCouncil)
	seedPartner(t, db, "fire", estate.KindFire)
	for _, f := range []struct{ partner, file, mapping string }{
		{"trafford", trafford, ""}, {"fire", fireStations, transparency.Presets["home-office-fire-stations"]},
	} {
		first, err := importFile(t, db, f.partner, f.file, f.mapping, estate.ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		before := counts(t, db)
		again, err := importFile(t, db, f.partner, f.file, f.mapping, estate.ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if again.Unchanged != first.Inserted || again.Inserted+again.Updated+again.Errors != 0 || again.Skipped != first.Skipped {
			t.Errorf("%s again: %+v", f.file, again)
		}
		if after := counts(t, db); !reflect.DeepEqual(before, after) {
			t.Errorf("%s again changed the tables: %v -> %v", f.file, before, after)
		}
	}
}

func TestDryRunWritesNothing(t *testing.T) {
	db := mustOpen(t)
	seedPartner(t, db, "trafford", estate.KindUnitaryCouncil)
	before := counts(t, db)
	rep, err := importFile(t, db, "trafford", trafford, "", estate.ImportOptions{DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Inserted != 373 || rep.Committed || !rep.DryRun {
		t.Errorf("dry run report: %+v", rep)
	}
	if after := counts(t, db); !reflect.DeepEqual(before, after) {
		t.Errorf("dry run changed the tables: %v -> %v", before, after)
	}
	// A dry run over existing assets reports updates without making them.
	if _, err := importFile(t, db, "trafford", trafford, "", estate.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	changed := strings.NewReader("AssetCode,PropertyName,GeoX,GeoY\r\nTMBC0001/T0000003,Old Town Hall,-2.3520922,53.3879587\r\n")
	before = counts(t, db)
	rep, err = importCSV(t, db, "trafford", changed, "", estate.ImportOptions{DryRun: true})
	if err != nil || rep.Updated != 1 || !reflect.DeepEqual(rep.Rows[0].Changed, []string{"name"}) {
		t.Fatalf("dry run update: %v %+v", err, rep)
	}
	if after := counts(t, db); !reflect.DeepEqual(before, after) {
		t.Errorf("dry run changed the tables: %v -> %v", before, after)
	}
	if a := allAssets(t, db, "trafford")["TMBC0001/T0000003"]; a.Name != "Altrincham Town Hall" || a.Version != 1 {
		t.Errorf("dry run changed the asset: %+v", a)
	}
}
