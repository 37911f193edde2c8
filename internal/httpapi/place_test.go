package httpapi_test

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/httpapi"
)

// polygon is a GeoJSON Polygon from rings of lon, lat pairs.
func polygon(rings ...[]float64) map[string]any {
	var cs [][][]float64
	for _, r := range rings {
		var ring [][]float64
		for i := 0; i+1 < len(r); i += 2 {
			ring = append(ring, []float64{r[i], r[i+1]})
		}
		cs = append(cs, ring)
	}
	return map[string]any{"type": "Polygon", "coordinates": cs}
}

// Rings around County Hall, Worcester (-2.18, 52.19), about 70 m across.
var (
	hallRing   = []float64{-2.1800, 52.1900, -2.1790, 52.1900, -2.1790, 52.1906, -2.1800, 52.1906, -2.1800, 52.1900}
	courtyard  = []float64{-2.1797, 52.1902, -2.1793, 52.1902, -2.1793, 52.1904, -2.1797, 52.1904, -2.1797, 52.1902}
	bowTie     = []float64{-2.1800, 52.1900, -2.1790, 52.1906, -2.1790, 52.1900, -2.1800, 52.1906, -2.1800, 52.1900}
	outsideRng = []float64{-2.1700, 52.1900, -2.1690, 52.1900, -2.1690, 52.1906, -2.1700, 52.1900}
)

// TestPlaceAndConsistencyChecks sends assets placed outside the default
// service area, footprints that are not valid simple features, and
// dates and areas that contradict each other: each is a 400 naming the
// field, and nothing is written. The same register takes assets on the
// edges of the area and a footprint with a courtyard.
func TestPlaceAndConsistencyChecks(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	point := func(lon, lat float64) func(f, p map[string]any) {
		return func(f, p map[string]any) {
			f["geometry"] = map[string]any{"type": "Point", "coordinates": []float64{lon, lat}}
		}
	}
	footprint := func(g map[string]any) func(f, p map[string]any) {
		return func(f, p map[string]any) { p["footprint"] = g }
	}
	tests := []struct {
		name  string
		edit  func(f, p map[string]any)
		field string // "" for accepted
	}{
		{"new york", point(-74.006, 40.7128), "geometry.coordinates"},
		{"dublin", point(-6.2603, 53.3498), "geometry.coordinates"},
		{"calais", point(1.8587, 50.9513), "geometry.coordinates"},
		{"footprint in asia", footprint(polygon([]float64{116.40, 39.90, 116.41, 39.90, 116.41, 39.91, 116.40, 39.90})), "footprint"},
		{"self-intersecting footprint", footprint(polygon(bowTie)), "footprint"},
		{"hole outside its polygon", footprint(polygon(hallRing, outsideRng)), "footprint"},
		{"overlapping polygons", footprint(map[string]any{"type": "MultiPolygon", "coordinates": []any{
			polygon(hallRing)["coordinates"], polygon(courtyard)["coordinates"]}}), "footprint"},
		{"lease break after expiry", func(f, p map[string]any) {
			p["tenure"], p["tenure_detail"], p["lease_expiry"], p["lease_break"] = "leasehold", "leased_in", "2031-03-31", "2032-03-31"
		}, "lease_break"},
		{"occupiers above gia", func(f, p map[string]any) {
			p["gia_m2"] = 500
			p["occupiers"] = []map[string]any{{"partner": "county", "area_m2": 300}, {"partner": "police", "area_m2": 250}}
		}, "occupiers"},

		{"lerwick", point(-1.145, 60.155), ""},
		{"st helier", point(-2.105, 49.183), ""},
		{"belfast", point(-5.93, 54.597), ""},
		{"footprint with a courtyard", footprint(polygon(hallRing, courtyard)), ""},
		{"lease break before expiry", func(f, p map[string]any) {
			p["tenure"], p["tenure_detail"], p["lease_expiry"], p["lease_break"] = "leasehold", "leased_in", "2031-03-31", "2029-03-31"
		}, ""},
		{"occupiers within gia", func(f, p map[string]any) {
			p["gia_m2"] = 550
			p["occupiers"] = []map[string]any{{"partner": "county", "area_m2": 300}, {"partner": "police", "area_m2": 250}}
		}, ""},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := feature("county", fmt.Sprintf("PL%d", i), -2.18, 52.19)
			tt.edit(f, f["properties"].(map[string]any))
			before := ts.counts()
			res := ts.do(req{Method: "POST", Path: "/api/v1/assets", Token: "admin", Body: f})
			if tt.field == "" {
				must(t, res, 201)
				return
			}
			pr := res.Problem(t)
			if pr.Status != 400 || len(pr.Errors) != 1 || pr.Errors[0].Field != tt.field {
				t.Errorf("%+v, want 400 naming %s alone", pr, tt.field)
			}
			if after := ts.counts(); !maps.Equal(before, after) {
				t.Errorf("refused create wrote: %v -> %v", before, after)
			}
		})
	}
}

// TestPlaceAndConsistencyChecksOnPatch checks a merge patch cannot move
// an asset abroad, break its footprint or make its dates and areas
// contradict, while edits that keep them consistent go through.
func TestPlaceAndConsistencyChecksOnPatch(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	f := feature("county", "PP1", -2.18, 52.19)
	p := f["properties"].(map[string]any)
	p["gia_m2"], p["tenure"], p["tenure_detail"], p["lease_expiry"] = 500, "leasehold", "leased_in", "2031-03-31"
	p["occupiers"] = []map[string]any{{"partner": "police", "area_m2": 400}}
	path := "/api/v1/assets/" + itoa(ts.create(f).ID)
	props := func(kv ...any) map[string]any {
		m := map[string]any{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i].(string)] = kv[i+1]
		}
		return map[string]any{"properties": m}
	}
	for _, tt := range []struct {
		name  string
		patch map[string]any
		field string
	}{
		{"move to new york", map[string]any{"geometry": map[string]any{"type": "Point", "coordinates": []float64{-74.006, 40.7128}}}, "geometry.coordinates"},
		{"footprint reaching france", props("footprint", polygon([]float64{-2.18, 52.19, 2.35, 48.85, -2.17, 52.19, -2.18, 52.19})), "footprint"},
		{"bow-tie footprint", props("footprint", polygon(bowTie)), "footprint"},
		{"break after expiry", props("lease_break", "2033-01-01"), "lease_break"},
		{"expiry before break", props("lease_break", "2030-01-01", "lease_expiry", "2029-12-31"), "lease_break"},
		{"gia below occupiers", props("gia_m2", 399.5), "occupiers"},
		{"occupier added beyond gia", props("occupiers", []map[string]any{{"partner": "police", "area_m2": 400}, {"partner": "county", "area_m2": 101}}), "occupiers"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			before := ts.counts()
			pr := ts.do(req{Method: "PATCH", Path: path, Token: "admin", Body: tt.patch,
				Header: map[string]string{"If-Match": `"1"`, "Content-Type": "application/merge-patch+json"}}).Problem(t)
			if pr.Status != 400 || len(pr.Errors) != 1 || pr.Errors[0].Field != tt.field {
				t.Errorf("%+v, want 400 naming %s alone", pr, tt.field)
			}
			if after := ts.counts(); !maps.Equal(before, after) {
				t.Errorf("refused patch wrote: %v -> %v", before, after)
			}
		})
	}
	must(t, ts.do(req{Method: "PATCH", Path: path, Token: "admin",
		Body:   props("lease_break", "2029-03-31", "gia_m2", 400, "footprint", polygon(hallRing, courtyard)),
		Header: map[string]string{"If-Match": `"1"`, "Content-Type": "application/merge-patch+json"}}), 200)
}

// TestAssetOutsideNarrowedArea checks an asset stored outside the service
// area (before the area was narrowed, say) stays readable and can be
// rated and edited where it is, but moves only into the area.
func TestAssetOutsideNarrowedArea(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	ctx := estate.NewContextWithActor(context.Background(), estate.Actor{Name: "seed", Role: estate.RoleAdmin})
	a := &estate.Asset{Partner: "county", AssetCode: "NYC", Name: "Liaison office", Holding: estate.HoldingBuilding,
		Tenure: estate.TenureLeasehold, Location: estate.Point{Lon: -74.006, Lat: 40.7128}}
	if err := newServices(ts.Store, estate.World).Assets.CreateAsset(ctx, a); err != nil {
		t.Fatal(err)
	}
	path := "/api/v1/assets/" + itoa(a.ID)
	must(t, ts.do(req{Method: "GET", Path: path, Token: "admin"}), 200)
	must(t, ts.do(req{Method: "PUT", Path: path + "/rag", Token: "admin", Body: map[string]any{"rating": "green", "rationale": "Lease ends"},
		Header: map[string]string{"If-Match": `"1"`}}), 200)
	must(t, ts.do(req{Method: "PATCH", Path: path, Token: "admin", Body: map[string]any{"properties": map[string]any{"notes": "Kept"}},
		Header: map[string]string{"If-Match": `"2"`, "Content-Type": "application/merge-patch+json"}}), 200)
	pr := ts.do(req{Method: "PATCH", Path: path, Token: "admin",
		Body:   map[string]any{"geometry": map[string]any{"type": "Point", "coordinates": []float64{2.35, 48.85}}},
		Header: map[string]string{"If-Match": `"3"`, "Content-Type": "application/merge-patch+json"}}).Problem(t)
	if pr.Status != 400 || len(pr.Errors) != 1 || pr.Errors[0].Field != "geometry.coordinates" {
		t.Errorf("move to Paris: %+v", pr)
	}
	must(t, ts.do(req{Method: "PATCH", Path: path, Token: "admin",
		Body:   map[string]any{"geometry": map[string]any{"type": "Point", "coordinates": []float64{-0.1276, 51.5072}}},
		Header: map[string]string{"If-Match": `"3"`, "Content-Type": "application/merge-patch+json"}}), 200)
}

// TestImportOutsideServiceArea checks an imported row placed outside the
// service area, or with a footprint that crosses itself, is that row's
// error naming the field, and that the import then writes nothing.
func TestImportOutsideServiceArea(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	csv := lgaCSV + "County,,C-9,Dublin office,Dublin,,WGS84,-6.2603,53.3498,Freehold,Buildings\r\n"
	before := ts.counts()
	var refused struct {
		Status int
		Report struct {
			Errors int
			Rows   []struct {
				Row     int
				Outcome string
				Reason  string
			}
		}
	}
	res := ts.do(req{Method: "POST", Path: "/api/v1/imports?partner=county", Token: "admin", Body: csv,
		Header: map[string]string{"Content-Type": "text/csv"}})
	res.JSON(t, &refused)
	if res.Status != 400 || refused.Report.Errors != 1 {
		t.Fatalf("%d %s", res.Status, res.Body)
	}
	for _, r := range refused.Report.Rows {
		if (r.Outcome == "error") != (r.Row == 5) {
			t.Errorf("row %d: %s %s", r.Row, r.Outcome, r.Reason)
		}
		if r.Row == 5 && !strings.HasPrefix(r.Reason, "geometry.coordinates: ") {
			t.Errorf("row 5 reason %q does not name the field", r.Reason)
		}
	}

	geo := `{"type":"FeatureCollection","features":[
		{"type":"Feature","geometry":{"type":"Point","coordinates":[-2.18,52.19]},
		 "properties":{"asset_code":"G-1","name":"Hall","holding":"building","tenure":"freehold",
		   "footprint":` + mustJSON(t, polygon(bowTie)) + `}},
		{"type":"Feature","geometry":{"type":"Point","coordinates":[-2.18,52.19]},
		 "properties":{"asset_code":"G-2","name":"Annex","holding":"building","tenure":"leasehold",
		   "lease_expiry":"2030-01-01","lease_break":"2031-01-01"}}]}`
	res = ts.do(req{Method: "POST", Path: "/api/v1/imports?partner=county", Token: "admin", Body: geo,
		Header: map[string]string{"Content-Type": "application/geo+json"}})
	res.JSON(t, &refused)
	if res.Status != 400 || refused.Report.Errors != 2 {
		t.Fatalf("%d %s", res.Status, res.Body)
	}
	for i, want := range []string{"footprint: ", "lease_break: "} {
		if r := refused.Report.Rows[i]; !strings.HasPrefix(r.Reason, want) {
			t.Errorf("feature %d reason %q does not name %s", i+1, r.Reason, want)
		}
	}
	if after := ts.counts(); !maps.Equal(before, after) {
		t.Errorf("refused imports wrote: %v -> %v", before, after)
	}
}

// TestServiceAreaSetting checks a narrower service area, as --service-area
// sets it, refuses an asset elsewhere in Britain, and that TileJSON's
// bounds open the map of an empty register on the area, then on the
// assets.
func TestServiceAreaSetting(t *testing.T) {
	area := mustArea(t, "-2.7,51.9,-1.7,52.5") // around Worcestershire
	ts := newTestServer(t, httpapi.Config{ServiceArea: area})
	var doc struct{ Bounds []float64 }
	must(t, ts.do(req{Method: "GET", Path: "/tiles/assets.json", Token: "admin"}), 200).JSON(t, &doc)
	if fmt.Sprint(doc.Bounds) != "[-2.7 51.9 -1.7 52.5]" {
		t.Errorf("empty register's bounds %v, want the service area", doc.Bounds)
	}
	pr := ts.do(req{Method: "POST", Path: "/api/v1/assets", Token: "admin", Body: feature("county", "LWK", -1.145, 60.155)}).Problem(t)
	if pr.Status != 400 || len(pr.Errors) != 1 || pr.Errors[0].Field != "geometry.coordinates" ||
		!strings.Contains(pr.Errors[0].Message, "-2.7,51.9,-1.7,52.5") {
		t.Errorf("Lerwick in a Worcestershire register: %+v", pr)
	}
	ts.create(feature("county", "WOR", -2.2209, 52.1937))
	must(t, ts.do(req{Method: "GET", Path: "/tiles/assets.json", Token: "admin"}), 200).JSON(t, &doc)
	if fmt.Sprint(doc.Bounds) != "[-2.2209 52.1937 -2.2209 52.1937]" {
		t.Errorf("bounds %v, want the one asset's", doc.Bounds)
	}

	// The default area opens an empty register's map on the British Isles,
	// not on the whole world centred off Africa.
	gb := newTestServer(t, httpapi.Config{ServiceArea: mustArea(t, "gb")})
	must(t, gb.do(req{Method: "GET", Path: "/tiles/assets.json", Token: "admin"}), 200).JSON(t, &doc)
	if fmt.Sprint(doc.Bounds) != "[-8.7 48.93 1.8 60.9]" {
		t.Errorf("gb bounds %v", doc.Bounds)
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func mustArea(t *testing.T, s string) estate.ServiceArea {
	t.Helper()
	a, err := estate.ParseServiceArea(s)
	if err != nil {
		t.Fatal(err)
	}
	return a
}
