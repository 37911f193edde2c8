package httpapi_test

import (
	"math"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/geo/bng"
	"github.com/placetrust/placetrust/internal/httpapi"
)

const itemsPath = "/ogc/collections/assets/items"

// filtered is the items path with filter and any other parameters.
func filtered(filter string, more ...string) string {
	q := url.Values{"filter": {filter}}
	for i := 0; i+1 < len(more); i += 2 {
		q.Set(more[i], more[i+1])
	}
	return itemsPath + "?" + q.Encode()
}

// TestOGCFilterRefusals checks each fault in filter, filter-lang and
// filter-crs is a 400 problem naming the parameter and saying what is
// wrong, a syntax error naming its position and the text around it.
func TestOGCFilterRefusals(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	seedFilterEstate(t, ts)
	for _, tt := range []struct {
		name, path, field string
		says              []string
	}{
		{"syntax", filtered("rag = 'green' AND (partner = 'county'"), "filter", []string{"position 37", "cql2-text", "partner = 'county'"}},
		{"json syntax", filtered(`{"op":"=","args":[{"property":"rag"}`, "filter-lang", "cql2-json"), "filter", []string{"position", "cql2-json"}},
		{"not queryable", filtered("colour = 'red'"), "filter", []string{`"colour" is not queryable`, "rag"}},
		{"money", filtered("market_value_gbp > 100000"), "filter", []string{`"market_value_gbp" is not queryable`}},
		{"people", filtered("rag_set_by = 'Jo'"), "filter", []string{`"rag_set_by" is not queryable`}},
		{"two properties", filtered("town = postcode"), "filter", []string{"two properties"}},
		{"wrong type", filtered("gia_m2 = 'large'"), "filter", []string{"compares"}},
		{"unknown lang", filtered("TRUE", "filter-lang", "ecql"), "filter-lang", []string{"cql2-text, cql2-json"}},
		{"unknown crs", filtered("TRUE", "filter-crs", "EPSG:3857"), "filter-crs", []string{uri27700, uri4326}},
		{"crs without filter", itemsPath + "?filter-crs=EPSG:27700", "filter-crs", []string{"missing"}},
		{"lang without filter", itemsPath + "?filter-lang=cql2-text", "filter-lang", []string{"missing"}},
		{"twice", itemsPath + "?filter=TRUE&filter=FALSE", "filter", []string{"more than once"}},
		{"outside the grid", filtered("S_INTERSECTS(geometry, POINT(900000 100))", "filter-crs", "EPSG:27700"), "filter", []string{"OSTN15"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := ts.do(req{Method: "GET", Path: tt.path, Token: "admin"}).Problem(t)
			if p.Status != 400 || len(p.Errors) != 1 || p.Errors[0].Field != tt.field {
				t.Fatalf("problem %+v, want 400 naming %s", p, tt.field)
			}
			for _, s := range tt.says {
				if !strings.Contains(p.Detail, s) {
					t.Errorf("detail %q does not say %q", p.Detail, s)
				}
			}
		})
	}
}

// TestOGCFilterMatchesParameters checks a filter selects what the
// equivalent query parameters do, in both encodings, and what the seeded
// estate says for what no parameter can say.
func TestOGCFilterMatchesParameters(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	ids := seedFilterEstate(t, ts)
	get := func(path string) []int64 {
		t.Helper()
		var p ogcPage
		must(t, ts.do(req{Method: "GET", Path: path, Token: "admin"}), 200).JSON(t, &p)
		return p.ids()
	}
	codes := func(cs ...string) []int64 {
		var out []int64
		for _, c := range cs {
			out = append(out, ids[c])
		}
		slices.Sort(out)
		return out
	}
	for _, tt := range []struct{ filter, lang, params string }{
		{"rag = 'green' AND partner = 'county'", "", "rag=green&partner=county"},
		{"rag IN ('amber', 'red')", "", "rag=amber,red"},
		{"'police' = partner", "", "partner=police"},
		{"holding = 'land' OR holding = 'land_and_building'", "", "holding=land,land_and_building"},
		{`{"op":"and","args":[{"op":"=","args":[{"property":"tenure"},"leasehold"]},{"op":"=","args":[{"property":"partner"},"county"]}]}`,
			"cql2-json", "tenure=leasehold&partner=county"},
		{"S_INTERSECTS(geometry, BBOX(-2.23, 52.19, -2.22, 52.2))", "", "bbox=-2.23,52.19,-2.22,52.2"},
		{"S_INTERSECTS(geometry, BBOX(52.19, -2.23, 52.2, -2.22))", "EPSG:4326", "bbox=-2.23,52.19,-2.22,52.2"},
	} {
		t.Run(tt.filter, func(t *testing.T) {
			path := filtered(tt.filter)
			switch {
			case tt.lang == "cql2-json":
				path = filtered(tt.filter, "filter-lang", tt.lang)
			case tt.lang != "":
				path = filtered(tt.filter, "filter-crs", tt.lang)
			}
			got, want := get(path), get(itemsPath+"?"+tt.params)
			if len(want) == 0 || !slices.Equal(got, want) {
				t.Errorf("filter %v, parameters %v", got, want)
			}
		})
	}
	for _, tt := range []struct {
		filter string
		want   []int64
	}{
		{"town = 'Malvern' OR postcode LIKE 'WR11%'", codes("field", "evesham")},
		{"NOT (rag = 'unrated') AND uprn IS NULL", codes("depot")},
		{"use IS NOT NULL AND name LIKE 'Worcester%'", codes("station")},
		{"S_WITHIN(geometry, POLYGON((-2.4 52.0, -1.9 52.0, -1.9 52.15, -2.4 52.15, -2.4 52.0)))", codes("evesham", "field")},
		{"T_AFTER(updated_at, TIMESTAMP('2000-01-01T00:00:00Z')) AND version >= 1", codes("lib", "depot", "station", "evesham", "field")},
		{"T_BEFORE(created_at, INTERVAL('2000-01-01', '..'))", nil},
	} {
		t.Run(tt.filter, func(t *testing.T) {
			if got := get(filtered(tt.filter)); !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// TestOGCFilterPages checks a filtered collection pages through every
// match once, each link keeping the filter, with numberMatched counting
// the filter's matches.
func TestOGCFilterPages(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	ids := seedFilterEstate(t, ts)
	filter := "partner = 'county' AND holding <> 'building'"
	want := []int64{ids["depot"], ids["field"]}
	slices.Sort(want)
	var seen []int64
	path := filtered(filter, "limit", "1")
	for i := 0; path != "" && i < 5; i++ {
		var p ogcPage
		must(t, ts.do(req{Method: "GET", Path: path, Token: "admin"}), 200).JSON(t, &p)
		if p.NumberMatched != len(want) {
			t.Errorf("page %d: numberMatched %d, want %d", i, p.NumberMatched, len(want))
		}
		seen = append(seen, p.ids()...)
		for _, rel := range []string{"self", "next", "prev"} {
			if l := p.link(rel); l != "" && !strings.Contains(l, url.Values{"filter": {filter}}.Encode()) {
				t.Errorf("page %d: %s link %s loses the filter", i, rel, l)
			}
		}
		path = strings.TrimPrefix(p.link("next"), ts.URL)
	}
	if !slices.Equal(seen, want) {
		t.Errorf("pages gave %v, want %v", seen, want)
	}
	// A count of another filter is not this one's.
	var p ogcPage
	must(t, ts.do(req{Method: "GET", Path: filtered("partner = 'police'"), Token: "admin"}), 200).JSON(t, &p)
	if p.NumberMatched != 2 {
		t.Errorf("police: numberMatched %d", p.NumberMatched)
	}
}

// TestOGCFilterCRS27700 checks a box given in British National Grid
// selects what the same box as bbox-crs does: assets just inside each
// corner, not those just outside.
func TestOGCFilterCRS27700(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	const e0, n0, e1, n1 = 383000.0, 254000.0, 385000.0, 256000.0
	var want []int64
	add := func(code string, e, n float64, inside bool) {
		lon, lat, err := bng.ToWGS84(e, n)
		if err != nil {
			t.Fatal(err)
		}
		id := ts.create(feature("county", code, math.Round(lon*1e7)/1e7, math.Round(lat*1e7)/1e7)).ID
		if inside {
			want = append(want, id)
		}
	}
	for i, c := range [][2]float64{{e0, n0}, {e1, n0}, {e0, n1}, {e1, n1}} {
		dx, dy := math.Copysign(30, (e0+e1)/2-c[0]), math.Copysign(30, (n0+n1)/2-c[1])
		add("IN"+itoa(int64(i)), c[0]+dx, c[1]+dy, true)
		add("OUT"+itoa(int64(i)), c[0]-dx, c[1]-dy, false)
	}
	add("MID", 384000, 255000, true)
	slices.Sort(want)
	for _, f := range []string{"S_INTERSECTS(geometry, BBOX(383000, 254000, 385000, 256000))",
		"S_WITHIN(geometry, POLYGON((383000 254000, 385000 254000, 385000 256000, 383000 256000, 383000 254000)))"} {
		var p ogcPage
		must(t, ts.do(req{Method: "GET", Path: filtered(f, "filter-crs", uri27700), Token: "admin"}), 200).JSON(t, &p)
		if !slices.Equal(p.ids(), want) {
			t.Errorf("%s: %v, want %v", f, p.ids(), want)
		}
	}
}
