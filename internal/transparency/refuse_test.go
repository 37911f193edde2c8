package transparency_test

import (
	"maps"
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/geojson"
	"github.com/placetrust/placetrust/internal/sqlite"
)

// wantRowErrors checks an import was refused, wrote nothing, and that
// each row named in want is an error whose reason names its field.
func wantRowErrors(t *testing.T, db *sqlite.DB, before map[string]int, rep *estate.ImportReport, err error, want map[int]string) {
	t.Helper()
	if estate.ErrorCode(err) != estate.EINVALID || rep == nil || rep.Committed {
		t.Fatalf("import: %v, %+v", err, rep)
	}
	if after := counts(t, db); !maps.Equal(before, after) {
		t.Errorf("a refused import wrote: %v -> %v", before, after)
	}
	got := map[int]string{}
	for _, r := range rep.Rows {
		if r.Outcome == estate.OutcomeError {
			got[r.Row] = r.Reason
		}
	}
	if len(got) != len(want) {
		t.Errorf("error rows %v, want rows %v", got, want)
	}
	for row, field := range want {
		if !strings.HasPrefix(got[row], field+": ") {
			t.Errorf("row %d: %q, want it to name %s", row, got[row], field)
		}
	}
}

// TestImportRefusesBadTextAndFigures: a Transparency Code CSV or GeoJSON
// row with a control or bidirectional formatting character in a name,
// code or address, or a figure past the bounds, is that row's error
// naming the field, and the file imports nothing (issue 13, items 2, 10).
func TestImportRefusesBadTextAndFigures(t *testing.T) {
	db := mustOpen(t)
	seedPartner(t, db, "county", estate.KindCountyCouncil)
	before := counts(t, db)

	csv := "AssetCode,PropertyName,Street,PostTown,GeoX,GeoY,TenureType,HoldingType,GIA,MarketValueGBP\r\n" +
		"C-1,County Hall,Spetchley Road,Worcester,-2.1795,52.1936,Freehold,Buildings,1200,4000000\r\n" +
		"C-2,Town\u202eHall,,Worcester,-2.2,52.19,Freehold,Buildings,,\r\n" +
		"C-3,Depot\a,,Worcester,-2.2,52.19,Freehold,Buildings,,\r\n" +
		// (NUL is left out: a CSV holding one is refused whole as binary.)
		"C-4,Library,High\x1bStreet,Worcester,-2.2,52.19,Freehold,Buildings,,\r\n" +
		"C\u20665,Museum,,Worcester,-2.2,52.19,Freehold,Buildings,,\r\n" +
		"C-6,Office,,Wor\tcester,-2.2,52.19,Freehold,Buildings,,\r\n" +
		"C-7,Stores,,Worcester,-2.2,52.19,Freehold,Buildings,,100000000001\r\n" +
		"C-8,Hangar,,Worcester,-2.2,52.19,Freehold,Buildings,10000001,\r\n"
	rep, err := importCSV(t, db, "county", strings.NewReader(csv), "", estate.ImportOptions{})
	wantRowErrors(t, db, before, rep, err, map[int]string{3: "name", 4: "name", 5: "street_name",
		6: "asset_code", 7: "town", 8: "market_value_gbp", 9: "gia_m2"})

	geojsonFile := `{"type": "FeatureCollection", "features": [
		{"type": "Feature", "geometry": {"type": "Point", "coordinates": [-2.2, 52.19]},
		 "properties": {"asset_code": "G-1", "name": "County Hall", "market_value_gbp": 100000000000, "land_area_ha": 100000}},
		{"type": "Feature", "geometry": {"type": "Point", "coordinates": [-2.2, 52.19]},
		 "properties": {"asset_code": "G-2", "name": "Town\u202eHall"}},
		{"type": "Feature", "geometry": {"type": "Point", "coordinates": [-2.2, 52.19]},
		 "properties": {"asset_code": "G-3", "name": "Depot", "use": "Stores\u0007"}},
		{"type": "Feature", "geometry": {"type": "Point", "coordinates": [-2.2, 52.19]},
		 "properties": {"asset_code": "G-4", "name": "Depot", "market_value_gbp": 9000000000000000000}},
		{"type": "Feature", "geometry": {"type": "Point", "coordinates": [-2.2, 52.19]},
		 "properties": {"asset_code": "G-5", "name": "Farm", "land_area_ha": 100001}},
		{"type": "Feature", "geometry": {"type": "Point", "coordinates": [-2.2, 52.19]},
		 "properties": {"asset_code": "G-6", "name": "Hub", "occupiers": [{"partner": "county", "area_m2": 1e8}]}}
	]}`
	rd, err := geojson.NewReader(strings.NewReader(geojsonFile), "county")
	if err != nil {
		t.Fatal(err)
	}
	rep, err = imports(db).ImportAssets(adminCtx(), "county", rd.Items(), estate.ImportOptions{})
	wantRowErrors(t, db, before, rep, err, map[int]string{2: "name", 3: "use", 4: "market_value_gbp",
		5: "land_area_ha", 6: "occupiers"})
}
