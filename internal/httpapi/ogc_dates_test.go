package httpapi_test

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/httpapi"
)

// TestOGCDatetimeSelectsByEffectiveDate: datetime selects by the asset's
// date, its effective_date's day or, without one, its updated_at; the
// collection's temporal extent bounds the same dates.
func TestOGCDatetimeSelectsByEffectiveDate(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	clock := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	ts.setClock(func() time.Time { clock = clock.Add(time.Hour); return clock })
	ids := map[string]int64{}
	for _, a := range []struct{ code, effective string }{
		{"old", "2025-04-01"}, {"march", "2026-03-31"}, {"undated", ""}, {"june", "2026-06-01"},
	} { // updated at 13:00, 14:00, 15:00 and 16:00 on 2026-05-01
		f := feature("county", a.code, -2.2, 52.2)
		if a.effective != "" {
			f["properties"].(map[string]any)["effective_date"] = a.effective
		}
		ids[a.code] = ts.create(f).ID
	}
	for _, tt := range []struct {
		datetime string
		want     []string
	}{
		{"2026-03-31", []string{"march"}},
		{"2026-03-31T23:59:59Z", []string{"march"}},
		{"../2026-03-31", []string{"old", "march"}},
		{"2026-04-01/..", []string{"undated", "june"}},
		{"2026-05-01T15:00:00Z", []string{"undated"}},
		{"2026-05-01t15:00:00z", []string{"undated"}}, // RFC 3339 allows lower case
		{"2026-05-01T16:00:00Z", nil},                 // june's updated_at, but it has a date
		{"2026-06-01T", []string{"june"}},             // GDAL's form of a date
		{"../2026-06-01T", []string{"old", "march", "undated", "june"}},
		{"2026-05-01T15:00:01Z/2026-05-31", nil},
	} {
		t.Run(tt.datetime, func(t *testing.T) {
			var p ogcPage
			must(t, ts.do(req{Method: "GET", Path: "/ogc/collections/assets/items?datetime=" + tt.datetime, Token: "admin"}), 200).JSON(t, &p)
			var want []int64
			for _, code := range tt.want {
				want = append(want, ids[code])
			}
			sort.Slice(want, func(i, j int) bool { return want[i] < want[j] })
			if fmt.Sprint(p.ids()) != fmt.Sprint(want) && len(want)+len(p.ids()) > 0 || p.NumberMatched != len(want) {
				t.Errorf("got %v (numberMatched %d), want %v %v", p.ids(), p.NumberMatched, want, tt.want)
			}
		})
	}
	var col struct {
		Extent struct {
			Temporal struct{ Interval [][2]string }
		}
	}
	must(t, ts.do(req{Method: "GET", Path: "/ogc/collections/assets", Token: "admin"}), 200).JSON(t, &col)
	if got := col.Extent.Temporal.Interval; len(got) != 1 || got[0] != [2]string{"2025-04-01T00:00:00Z", "2026-06-01T23:59:59Z"} {
		t.Errorf("temporal extent %v", got)
	}
}

// TestOGCSchemaDescribesEveryProperty: the collection links a JSON Schema
// of its features, and every property a feature with every field set
// carries is in it, in the order written, with its JSON type.
func TestOGCSchemaDescribesEveryProperty(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	f := feature("county", "FULL", -2.2, 52.2)
	p := f["properties"].(map[string]any)
	for k, v := range map[string]any{"street_number": "1a", "street_name": "High St", "use": "Library",
		"footprint": map[string]any{"type": "Polygon", "coordinates": [][][]float64{{{-2.2, 52.2}, {-2.1999, 52.2}, {-2.1999, 52.2001}, {-2.2, 52.2}}}},
		"tenure":    "leasehold", "tenure_detail": "leased_in", "lease_expiry": "2030-01-31", "lease_break": "2028-01-31",
		"annual_rent_gbp": 1000, "land_area_ha": 0.5, "utilisation_pct": 50, "condition": "B", "backlog_gbp": 10,
		"energy_rating": "C", "listed": "II", "book_value_gbp": 5, "running_cost_gbp_pa": 7,
		"occupiers": []map[string]any{{"partner": "police", "area_m2": 10}}, "rag": "amber", "rag_rationale": "r",
		"notes": "n", "effective_date": "2026-03-31", "disposal_stage": "sold", "disposal_target": "2026-01-31",
		"disposal_note": "n2", "receipt_gbp": 5, "receipt_date": "2025-03-31"} {
		p[k] = v
	}
	id := ts.create(f).ID
	var col struct{ Links []ogcLink }
	must(t, ts.do(req{Method: "GET", Path: "/ogc/collections/assets", Token: "admin"}), 200).JSON(t, &col)
	var href string
	for _, l := range col.Links {
		if l.Rel == "describedBy" && l.Type == "application/schema+json" {
			href = l.Href
		}
	}
	if !strings.HasSuffix(href, "/ogc/collections/assets/schema") {
		t.Fatalf("no describedBy link to the schema: %+v", col.Links)
	}
	res := must(t, ts.do(req{Method: "GET", Path: relPath(t, href), Token: "admin", Header: map[string]string{"Accept": "application/schema+json"}}), 200)
	if ct := res.Header.Get("Content-Type"); ct != "application/schema+json" {
		t.Errorf("schema content type %q", ct)
	}
	var schema struct {
		Properties struct {
			Properties struct {
				Properties json.RawMessage
			}
		}
	}
	res.JSON(t, &schema)
	names, types := orderedKeys(t, schema.Properties.Properties.Properties)
	one := must(t, ts.do(req{Method: "GET", Path: "/ogc/collections/assets/items/" + itoa(id), Token: "admin"}), 200)
	var feat struct{ Properties json.RawMessage }
	one.JSON(t, &feat)
	written, values := orderedKeys(t, feat.Properties)
	if len(written) != len(names) || strings.Join(written, ",") != strings.Join(names, ",") {
		t.Errorf("a full feature writes\n%v\nthe schema lists\n%v", written, names)
	}
	jsonType := map[string]string{"string": "string", "number": "number", "integer": "number", "boolean": "boolean",
		"array": "array", "object": "object"}
	for name, v := range values {
		var decoded any
		json.Unmarshal(v, &decoded)
		var got string
		switch decoded.(type) {
		case string:
			got = "string"
		case float64:
			got = "number"
		case bool:
			got = "boolean"
		case []any:
			got = "array"
		case map[string]any:
			got = "object"
		}
		var s struct{ Type string }
		json.Unmarshal(types[name], &s)
		if jsonType[s.Type] != got {
			t.Errorf("%s is written as %s (%s) but the schema says %s", name, got, v, s.Type)
		}
	}
}

// orderedKeys lists an object's members in document order, with values.
func orderedKeys(t *testing.T, raw json.RawMessage) ([]string, map[string]json.RawMessage) {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		t.Fatalf("not an object: %s", raw)
	}
	var names []string
	values := map[string]json.RawMessage{}
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			t.Fatal(err)
		}
		names = append(names, k.(string))
		values[k.(string)] = v
	}
	return names, values
}

// TestOGCBBoxForms: six numbers (heights ignored) select as four; hex
// floats and boxes across the antimeridian are refused naming bbox; tags
// is tag under the property's name.
func TestOGCBBoxForms(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	seedFilterEstate(t, ts)
	items := "/ogc/collections/assets/items?"
	get := func(q string) ogcPage {
		var p ogcPage
		must(t, ts.do(req{Method: "GET", Path: items + q, Token: "admin"}), 200).JSON(t, &p)
		return p
	}
	four, six := get("bbox=-2.23,52.19,-2.19,52.22"), get("bbox=-2.23,52.19,-50,-2.19,52.22,3000")
	if len(four.ids()) != 3 || fmt.Sprint(four.ids()) != fmt.Sprint(six.ids()) {
		t.Errorf("six-number bbox %v, four %v", six.ids(), four.ids())
	}
	if tag, tags := get("tag=surplus,vacant"), get("tags=surplus,vacant"); len(tag.ids()) != 1 || fmt.Sprint(tag.ids()) != fmt.Sprint(tags.ids()) {
		t.Errorf("tags %v, tag %v", tags.ids(), tag.ids())
	}
	for q, want := range map[string]string{
		"bbox=-0x1.1cp1,52.19,-2.19,52.22": "decimal",
		"bbox=-2.23,52.19,-2.19,inf":       "decimal",
		"bbox=1_0,52.19,-2.19,52.22":       "decimal",
		"bbox=1,2,3,4,5,6,7":               "decimal",
		"bbox=170,-10,-170,10":             "antimeridian",
	} {
		p := ts.do(req{Method: "GET", Path: items + q, Token: "admin"}).Problem(t)
		if p.Status != 400 || len(p.Errors) != 1 || p.Errors[0].Field != "bbox" || !strings.Contains(p.Errors[0].Message, want) {
			t.Errorf("%s: %+v", q, p)
		}
	}
}
