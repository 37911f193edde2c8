package httpapi_test

import (
	"maps"
	"strconv"
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/httpapi"
)

// with returns a valid feature changed by fn.
func with(fn func(f, p map[string]any)) map[string]any {
	f := feature("county", "V1", -2.22, 52.19)
	fn(f, f["properties"].(map[string]any))
	return f
}

// TestCreateValidation sends bad assets and checks each gets a problem
// naming the field, and that nothing at all was written.
func TestCreateValidation(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{BodyLimit: "64K"})
	tests := []struct {
		name   string
		body   any
		status int
		field  string
	}{
		{"not json", "{", 400, "body"},
		{"empty", "", 400, "body"},
		{"array", "[]", 400, "body"},
		{"two values", `{"type":"Feature"} {}`, 400, "body"},
		{"not a feature", with(func(f, p map[string]any) { f["type"] = "FeatureCollection" }), 400, "type"},
		{"no properties", with(func(f, p map[string]any) { delete(f, "properties") }), 400, "properties"},
		{"no geometry", with(func(f, p map[string]any) { delete(f, "geometry") }), 400, "geometry"},
		{"polygon geometry", with(func(f, p map[string]any) {
			f["geometry"] = map[string]any{"type": "Polygon", "coordinates": [][][]float64{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}}}
		}), 400, "geometry"},
		{"string coordinates", with(func(f, p map[string]any) {
			f["geometry"] = map[string]any{"type": "Point", "coordinates": []string{"a", "b"}}
		}), 400, "geometry"},
		{"lon out of range", with(func(f, p map[string]any) {
			f["geometry"] = map[string]any{"type": "Point", "coordinates": []float64{181, 52}}
		}), 400, "geometry.coordinates"},
		{"lat out of range", with(func(f, p map[string]any) {
			f["geometry"] = map[string]any{"type": "Point", "coordinates": []float64{-2, 91}}
		}), 400, "geometry.coordinates"},
		{"swapped", with(func(f, p map[string]any) {
			f["geometry"] = map[string]any{"type": "Point", "coordinates": []float64{52.19, -2.22}}
		}), 400, "geometry.coordinates"},
		{"unknown member", with(func(f, p map[string]any) { p["colour"] = "blue" }), 400, "colour"},
		{"unknown top member", with(func(f, p map[string]any) { f["crs"] = "EPSG:27700" }), 400, "crs"},
		{"wrong type", with(func(f, p map[string]any) { p["gia_m2"] = "big" }), 400, "gia_m2"},
		{"money not whole", with(func(f, p map[string]any) { p["market_value_gbp"] = 12.5 }), 400, "market_value_gbp"},
		{"negative area", with(func(f, p map[string]any) { p["gia_m2"] = -1 }), 400, "gia_m2"},
		{"negative money", with(func(f, p map[string]any) { p["running_cost_gbp_pa"] = -100 }), 400, "running_cost_gbp_pa"},
		{"utilisation over 100", with(func(f, p map[string]any) { p["utilisation_pct"] = 120 }), 400, "utilisation_pct"},
		{"bad uprn", with(func(f, p map[string]any) { p["uprn"] = "12345678901234" }), 400, "uprn"},
		{"uprn letters", with(func(f, p map[string]any) { p["uprn"] = "UPRN1" }), 400, "uprn"},
		{"uprn number", with(func(f, p map[string]any) { p["uprn"] = 100012345 }), 400, "uprn"},
		{"unknown holding", with(func(f, p map[string]any) { p["holding"] = "castle" }), 400, "holding"},
		{"unknown tenure", with(func(f, p map[string]any) { p["tenure"] = "rented" }), 400, "tenure"},
		{"unknown rag", with(func(f, p map[string]any) { p["rag"] = "blue" }), 400, "rag"},
		{"rag without rationale", with(func(f, p map[string]any) { p["rag"] = "green" }), 400, "rag_rationale"},
		{"bad date", with(func(f, p map[string]any) { p["lease_expiry"] = "31/03/2030" }), 400, "lease_expiry"},
		{"bad condition", with(func(f, p map[string]any) { p["condition"] = "E" }), 400, "condition"},
		{"bad tag", with(func(f, p map[string]any) { p["tags"] = []string{"Hub Candidate!"} }), 400, "tags"},
		{"bad postcode", with(func(f, p map[string]any) { p["postcode"] = "NOT A POSTCODE" }), 400, "postcode"},
		{"no name", with(func(f, p map[string]any) { p["name"] = " " }), 400, "name"},
		{"no asset code", with(func(f, p map[string]any) { delete(p, "asset_code") }), 400, "asset_code"},
		{"unknown partner", with(func(f, p map[string]any) { p["partner"] = "nobody" }), 400, "partner"},
		{"unknown occupier", with(func(f, p map[string]any) {
			p["occupiers"] = []map[string]any{{"partner": "nobody"}}
		}), 400, "occupiers"},
		{"open footprint", with(func(f, p map[string]any) {
			p["footprint"] = map[string]any{"type": "Polygon", "coordinates": [][][]float64{{{-2.22, 52.19}, {-2.21, 52.19}, {-2.21, 52.20}, {-2.20, 52.20}}}}
		}), 400, "footprint"},
		{"footprint not a polygon", with(func(f, p map[string]any) {
			p["footprint"] = map[string]any{"type": "Point", "coordinates": []float64{-2.22, 52.19}}
		}), 400, "footprint"},
		{"read-only version", with(func(f, p map[string]any) { p["version"] = 5 }), 400, "version"},
		{"oversized", with(func(f, p map[string]any) { p["notes"] = strings.Repeat("x", 70<<10) }), 413, "body"},
		{"linestring geometry", with(func(f, p map[string]any) {
			f["geometry"] = map[string]any{"type": "LineString", "coordinates": [][]float64{{-2.22, 52.19}, {-2.21, 52.2}}}
		}), 400, "geometry"},
	}
	before := ts.counts()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pr := ts.do(req{Method: "POST", Path: "/api/v1/assets", Token: "admin", Body: tt.body}).Problem(t)
			if pr.Status != tt.status {
				t.Fatalf("status %d, want %d: %+v", pr.Status, tt.status, pr)
			}
			if tt.field != "" && (len(pr.Errors) == 0 || pr.Errors[0].Field != tt.field) {
				t.Errorf("errors %+v, want field %s", pr.Errors, tt.field)
			}
			if tt.status == 413 && (!strings.Contains(pr.Errors[0].Message, "64K (64000 bytes)") || !strings.Contains(pr.Detail, "64K")) {
				t.Errorf("413 does not state the limit: %+v", pr)
			}
			if tt.name == "linestring geometry" && !strings.Contains(pr.Errors[0].Message, "must be a Point") {
				t.Errorf("LineString: %q", pr.Errors[0].Message)
			}
		})
	}
	if after := ts.counts(); !maps.Equal(before, after) {
		t.Errorf("refused creates wrote: %v -> %v", before, after)
	}
}

func TestPatchValidation(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	id := ts.create(feature("county", "P1", -2.22, 52.19)).ID
	path := "/api/v1/assets/" + itoa(id)
	tests := []struct {
		name   string
		patch  any
		status int
		field  string
	}{
		{"flat properties", map[string]any{"name": "x"}, 400, "name"},
		{"not an object", "[1]", 400, "body"},
		{"clear required", map[string]any{"properties": map[string]any{"name": nil}}, 400, "name"},
		{"bad value", map[string]any{"properties": map[string]any{"gia_m2": -5}}, 400, "gia_m2"},
		{"change id", map[string]any{"id": 99}, 400, "id"},
		{"change version", map[string]any{"properties": map[string]any{"version": 9}}, 400, "version"},
		{"swap coordinates", map[string]any{"geometry": map[string]any{"type": "Point", "coordinates": []float64{52.19, -2.22}}}, 400, "geometry.coordinates"},
		{"drop geometry", map[string]any{"geometry": nil}, 400, "geometry"},
		{"unknown partner", map[string]any{"properties": map[string]any{"partner": "nobody"}}, 400, "partner"},
		{"not json", "{", 400, "body"},
	}
	before := ts.counts()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pr := ts.do(req{Method: "PATCH", Path: path, Token: "admin", Body: tt.patch,
				Header: map[string]string{"If-Match": `"1"`}}).Problem(t)
			if pr.Status != tt.status || len(pr.Errors) == 0 || pr.Errors[0].Field != tt.field {
				t.Errorf("%+v, want %d naming %s", pr, tt.status, tt.field)
			}
		})
	}
	if after := ts.counts(); !maps.Equal(before, after) {
		t.Errorf("refused patches wrote: %v -> %v", before, after)
	}
	var f featureOut
	must(t, ts.do(req{Method: "GET", Path: path, Token: "admin"}), 200).JSON(t, &f)
	if f.Properties["version"] != 1.0 {
		t.Errorf("version moved to %v", f.Properties["version"])
	}
	// A patch that changes nothing makes no new version.
	must(t, ts.do(req{Method: "PATCH", Path: path, Token: "admin", Body: map[string]any{"properties": map[string]any{"name": "Asset P1"}},
		Header: map[string]string{"If-Match": `"1"`}}), 200).JSON(t, &f)
	if f.Properties["version"] != 1.0 {
		t.Errorf("no-op patch made version %v", f.Properties["version"])
	}
}

func TestRAGValidation(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	id := ts.create(feature("county", "R1", -2.22, 52.19)).ID
	path := "/api/v1/assets/" + itoa(id) + "/rag"
	for _, tt := range []struct {
		body  any
		field string
	}{
		{map[string]any{"rating": "blue", "rationale": "x"}, "rating"},
		{map[string]any{"rating": "green"}, "rationale"},
		{map[string]any{"rating": "red", "rationale": "x", "by": "me"}, "by"},
		{map[string]any{"rating": 3}, "rating"},
	} {
		pr := ts.do(req{Method: "PUT", Path: path, Token: "admin", Body: tt.body, Header: map[string]string{"If-Match": `"1"`}}).Problem(t)
		if pr.Status != 400 || pr.Errors[0].Field != tt.field {
			t.Errorf("%v: %+v", tt.body, pr)
		}
	}
	pr := ts.do(req{Method: "PUT", Path: path, Token: "admin", Body: map[string]any{"rating": "red", "rationale": "x"},
		Header: map[string]string{"If-Match": "*"}}).Problem(t)
	if pr.Status != 428 {
		t.Errorf("If-Match * gave %+v", pr)
	}
	ts.do(req{Method: "GET", Path: "/api/v1/assets/abc", Token: "admin"}).Problem(t)
	ts.do(req{Method: "GET", Path: "/api/v1/assets/999999", Token: "admin"}).Problem(t)
}

// TestListCaps checks that over-long filter lists are refused with 400
// naming the parameter, on every route that shares the asset filter:
// where SQLite would otherwise fail with "too many SQL variables" or
// "Expression tree is too large", and the analyses alike.
func TestListCaps(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	ts.create(feature("county", "CAP", -2.22, 52.19))
	many := func(prefix string, n int) string {
		vs := make([]string, n)
		for i := range vs {
			vs[i] = prefix + strconv.Itoa(i)
		}
		return strings.Join(vs, ",")
	}
	queries := []struct{ query, field string }{
		{"tag=" + many("t", 3000), "tag"},
		{"tag=" + many("t", 51), "tag"},
		{"partner=" + many("p", 33000), "partner"},
		{"rag=" + strings.Repeat("red,", 30000) + "red", "rag"},
		{"holding=" + strings.Repeat("land,", 1000) + "land", "holding"},
		{"tenure=" + strings.Repeat("freehold&tenure=", 100) + "freehold", "tenure"},
	}
	// The analyses filter in memory, where long lists cost nothing, but
	// they share the one filter and so its caps.
	for _, route := range []string{"/api/v1/assets", "/ogc/collections/assets/items", "/api/v1/exports/assets.geojson",
		"/api/v1/exports/assets.csv", "/api/v1/exports/assets.gpkg",
		"/api/v1/analyses/receipts", "/api/v1/analyses/colocation", "/api/v1/trust", "/api/v1/quality"} {
		for _, q := range queries {
			res := ts.do(req{Method: "GET", Path: route + "?" + q.query, Token: "admin"})
			if res.Status != 400 {
				t.Errorf("%s with %d bytes of %s: status %d: %.300s", route, len(q.query), q.field, res.Status, res.Body)
				continue
			}
			if pr := res.Problem(t); len(pr.Errors) == 0 || pr.Errors[0].Field != q.field {
				t.Errorf("%s: %+v, want field %s", route, pr.Errors, q.field)
			}
		}
	}
	// At the caps, lists work.
	must(t, ts.do(req{Method: "GET", Path: "/api/v1/assets?tag=" + many("t", 50) + "&partner=" + many("p", 1000), Token: "admin"}), 200)
}

// TestWeakETagFails checks If-Match compares strongly (RFC 9110 13.1.1):
// a weak tag never matches, so the write is refused with 412 and the
// current version, and nothing changes.
func TestWeakETagFails(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	id := ts.create(feature("county", "W1", -2.22, 52.19)).ID
	before := ts.counts()
	for _, r := range []req{
		{Method: "PATCH", Path: "/api/v1/assets/" + itoa(id), Body: map[string]any{"properties": map[string]any{"notes": "x"}}},
		{Method: "PUT", Path: "/api/v1/assets/" + itoa(id) + "/rag", Body: map[string]any{"rating": "red", "rationale": "x"}},
		{Method: "DELETE", Path: "/api/v1/assets/" + itoa(id)},
	} {
		r.Token, r.Header = "admin", map[string]string{"If-Match": `W/"1"`}
		res := ts.do(r)
		pr := res.Problem(t)
		if pr.Status != 412 || pr.Version != 1 || res.Header.Get("ETag") != `"1"` {
			t.Errorf("%s with a weak ETag: %+v, ETag %q", r.Method, pr, res.Header.Get("ETag"))
		}
	}
	if after := ts.counts(); !maps.Equal(before, after) {
		t.Errorf("weak ETag writes changed the database: %v -> %v", before, after)
	}
	// 404 still comes first for an asset that does not exist.
	if pr := ts.do(req{Method: "DELETE", Path: "/api/v1/assets/999999", Token: "admin",
		Header: map[string]string{"If-Match": `W/"1"`}}).Problem(t); pr.Status != 404 {
		t.Errorf("weak ETag on a missing asset: %+v", pr)
	}
}

// TestSingleReadsRefuseUnknownParameters checks a misspelt parameter is an
// error on every read, not silently ignored.
func TestSingleReadsRefuseUnknownParameters(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	id := ts.create(feature("county", "U1", -2.22, 52.19)).ID
	for _, path := range []string{"/api/v1/assets/" + itoa(id), "/api/v1/partners/county", "/api/v1/tokens", "/api/v1/partners"} {
		pr := ts.do(req{Method: "GET", Path: path + "?fields=name", Token: "admin"}).Problem(t)
		if pr.Status != 400 || len(pr.Errors) == 0 || pr.Errors[0].Field != "fields" {
			t.Errorf("GET %s?fields=name: %+v", path, pr)
		}
	}
}

// TestWrongMethod checks a method a route does not have is 405 with Allow.
func TestWrongMethod(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	for _, c := range []struct{ method, path, allow string }{
		{"PUT", "/api/v1/assets", "POST"},
		{"DELETE", "/api/v1/assets", "GET"},
		{"PUT", "/api/v1/partners/county", "PATCH"},
	} {
		res := ts.do(req{Method: c.method, Path: c.path, Token: "admin", Body: map[string]any{}})
		pr := res.Problem(t)
		if pr.Status != 405 || !strings.Contains(res.Header.Get("Allow"), c.allow) {
			t.Errorf("%s %s: %d, Allow %q", c.method, c.path, pr.Status, res.Header.Get("Allow"))
		}
	}
}
