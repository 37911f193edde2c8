package httpapi

import (
	"math"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/geo/bng"
)

func TestFilterTranslates(t *testing.T) {
	day := time.Date(2024, 1, 31, 0, 0, 0, 0, time.UTC)
	noon := time.Date(2024, 1, 31, 12, 0, 0, 0, time.UTC)
	eod := day.Add(24*time.Hour - time.Microsecond)
	for _, tc := range []struct {
		name, filter, lang string
		want               estate.Cond
	}{
		{"and of equals", "rag = 'green' AND partner = 'county'", "",
			estate.CondAll{estate.CondCompare{Field: "rag", Op: estate.OpEq, Value: "green"},
				estate.CondCompare{Field: "partner", Op: estate.OpEq, Value: "county"}}},
		{"literal first flips", "100 < gia_m2", "", estate.CondCompare{Field: "gia_m2", Op: estate.OpGt, Value: 100.0}},
		{"literal first flips le", "100 >= version", "", estate.CondCompare{Field: "version", Op: estate.OpLe, Value: 100.0}},
		{"or and not", "NOT (town = 'Leeds') OR use LIKE 'Lib%'", "",
			estate.CondAny{estate.CondNot{Cond: estate.CondCompare{Field: "town", Op: estate.OpEq, Value: "Leeds"}},
				estate.CondLike{Field: "use", Pattern: "Lib%"}}},
		{"not in", "tenure NOT IN ('freehold', 'leasehold')", "",
			estate.CondNot{Cond: estate.CondIn{Field: "tenure", Values: []any{"freehold", "leasehold"}}}},
		{"between", "land_area_ha BETWEEN 1 AND 2.5", "", estate.CondBetween{Field: "land_area_ha", Low: 1.0, High: 2.5}},
		{"is not null", "uprn IS NOT NULL", "", estate.CondNot{Cond: estate.CondIsNull{Field: "uprn"}}},
		{"date field", "lease_expiry < DATE('2024-01-31')", "",
			estate.CondCompare{Field: "lease_expiry", Op: estate.OpLt, Value: "2024-01-31"}},
		{"moment field", "updated_at >= TIMESTAMP('2024-01-31T12:00:00Z')", "",
			estate.CondCompare{Field: "updated_at", Op: estate.OpGe, Value: noon}},
		{"true", "TRUE", "", estate.CondConst(true)},
		{"geometry null is false", "geometry IS NULL", "", estate.CondConst(false)},
		{"intersects point", "S_INTERSECTS(geometry, POINT(-1.5 53.8))", "",
			estate.CondSpatial{Op: estate.SpatialIntersects, Point: &estate.Point{Lon: -1.5, Lat: 53.8}}},
		{"intersects box, geometry second", "S_INTERSECTS(BBOX(-2, 53, -1, 54), geometry)", "",
			estate.CondSpatial{Op: estate.SpatialIntersects, BBox: &estate.BBox{MinLon: -2, MinLat: 53, MaxLon: -1, MaxLat: 54}}},
		{"within polygon", "S_WITHIN(geometry, POLYGON((0 50, 1 50, 1 51, 0 50)))", "",
			estate.CondSpatial{Op: estate.SpatialWithin, Polygon: [][]estate.Point{{{Lon: 0, Lat: 50}, {Lon: 1, Lat: 50}, {Lon: 1, Lat: 51}, {Lon: 0, Lat: 50}}}}},
		{"box within a point", "S_WITHIN(BBOX(0, 50, 1, 51), geometry)", "", estate.CondConst(false)},
		{"point within a point", "S_WITHIN(POINT(0 50), geometry)", "",
			estate.CondSpatial{Op: estate.SpatialIntersects, Point: &estate.Point{Lon: 0, Lat: 50}}},
		{"t_intersects date", "T_INTERSECTS(effective_date, DATE('2024-01-31'))", "",
			estate.CondTemporal{Field: "effective_date", Op: estate.TemporalIntersects, From: day, To: eod}},
		{"t_before flipped", "T_BEFORE(TIMESTAMP('2024-01-31T12:00:00Z'), created_at)", "",
			estate.CondTemporal{Field: "created_at", Op: estate.TemporalAfter, From: noon, To: noon}},
		{"open interval", "T_AFTER(rag_set_at, INTERVAL('..', '2024-01-31'))", "",
			estate.CondTemporal{Field: "rag_set_at", Op: estate.TemporalAfter, To: eod}},
		{"json", `{"op":"=","args":[{"property":"holding"},"land"]}`, "cql2-json",
			estate.CondCompare{Field: "holding", Op: estate.OpEq, Value: "land"}},
		{"draft lang name", "rag = 'red'", "cql-text", estate.CondCompare{Field: "rag", Op: estate.OpEq, Value: "red"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q := url.Values{"filter": {tc.filter}}
			if tc.lang != "" {
				q.Set("filter-lang", tc.lang)
			}
			got, err := parseOGCFilter(q)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("got  %#v\nwant %#v", got, tc.want)
			}
			// What the translation gives, the stores take.
			var pr estate.Problems
			if estate.CheckCond(&pr, got); pr.Err("") != nil {
				t.Fatalf("estate refuses the translation: %v", pr.Err(""))
			}
		})
	}
}

func TestFilterRefuses(t *testing.T) {
	for _, tc := range []struct {
		name  string
		q     url.Values
		field string
		says  string
	}{
		{"syntax", url.Values{"filter": {"rag = 'green' AND"}}, "filter", "at position 17"},
		{"excerpt", url.Values{"filter": {"rag == 'green'"}}, "filter", `near "rag == 'green'"`},
		{"not queryable", url.Values{"filter": {"colour = 'red'"}}, "filter", `"colour" is not queryable`},
		{"money", url.Values{"filter": {"market_value_gbp > 1"}}, "filter", `"market_value_gbp" is not queryable`},
		{"notes", url.Values{"filter": {"notes LIKE '%x%'"}}, "filter", `"notes" is not queryable`},
		{"location is not the name", url.Values{"filter": {"S_INTERSECTS(location, POINT(0 0))"}}, "filter", `"location" is not queryable`},
		{"property vs property", url.Values{"filter": {"town = postcode"}}, "filter", "two properties"},
		{"two literals", url.Values{"filter": {"1 = 1"}}, "filter", "two values"},
		{"interval end property", url.Values{"filter": {"T_INTERSECTS(updated_at, INTERVAL(created_at, '..'))"}}, "filter", "end is a property"},
		{"wrong type", url.Values{"filter": {"gia_m2 = 'big'"}}, "filter", "compares"},
		{"unknown lang", url.Values{"filter": {"TRUE"}, "filter-lang": {"ecql"}}, "filter-lang", "cql2-text, cql2-json"},
		{"unknown crs", url.Values{"filter": {"TRUE"}, "filter-crs": {"EPSG:3857"}}, "filter-crs", "EPSG/0/27700"},
		{"crs alone", url.Values{"filter-crs": {"EPSG:27700"}}, "filter-crs", "missing"},
		{"lang alone", url.Values{"filter-lang": {"cql2-text"}}, "filter-lang", "missing"},
		{"outside the grid", url.Values{"filter": {"S_INTERSECTS(geometry, POINT(-5 -5))"}, "filter-crs": {"EPSG:27700"}}, "filter", "OSTN15"},
		{"outside the world", url.Values{"filter": {"S_INTERSECTS(geometry, POINT(200 0))"}}, "filter", "±180"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parseOGCFilter(tc.q)
			e, ok := err.(*estate.Error)
			if !ok || e.Code != estate.EINVALID || len(e.Fields) != 1 || e.Fields[0].Field != tc.field {
				t.Fatalf("got %#v, want an EINVALID error naming %s", err, tc.field)
			}
			if !strings.Contains(e.Message, tc.says) {
				t.Fatalf("message %q does not say %q", e.Message, tc.says)
			}
		})
	}
}

func TestFilterCRS(t *testing.T) {
	// EPSG:4326 is latitude first.
	got, err := parseOGCFilter(url.Values{"filter": {"S_INTERSECTS(geometry, POINT(53.8 -1.5))"}, "filter-crs": {"EPSG:4326"}})
	if err != nil {
		t.Fatal(err)
	}
	if p := got.(estate.CondSpatial).Point; *p != (estate.Point{Lon: -1.5, Lat: 53.8}) {
		t.Fatalf("4326 point read as %v", *p)
	}
	// A BNG point goes through OSTN15; a BNG box becomes the polygon of
	// its outline, each corner where OSTN15 puts it.
	e, n := 430000.0, 433000.0
	lon, lat, _ := bng.ToWGS84(e, n)
	got, err = parseOGCFilter(url.Values{"filter": {"S_INTERSECTS(geometry, POINT(430000 433000))"}, "filter-crs": {epsg27700}})
	if err != nil {
		t.Fatal(err)
	}
	if p := got.(estate.CondSpatial).Point; *p != (estate.Point{Lon: lon, Lat: lat}) {
		t.Fatalf("27700 point read as %v, want %v %v", *p, lon, lat)
	}
	got, err = parseOGCFilter(url.Values{"filter": {"S_WITHIN(geometry, BBOX(430000, 433000, 435000, 436000))"}, "filter-crs": {"EPSG:27700"}})
	if err != nil {
		t.Fatal(err)
	}
	ring := got.(estate.CondSpatial).Polygon[0]
	if len(ring) != 5+3+5+3+1 { // 5 km, 3 km, 5 km, 3 km edges cut at 1 km, then the closing point
		t.Fatalf("ring of %d points", len(ring))
	}
	if ring[0] != ring[len(ring)-1] || ring[0] != (estate.Point{Lon: lon, Lat: lat}) {
		t.Fatalf("ring starts %v and ends %v", ring[0], ring[len(ring)-1])
	}
	for _, p := range ring {
		ge, gn, _ := bng.FromWGS84(p.Lon, p.Lat)
		onEdge := math.Abs(ge-430000) < 0.01 || math.Abs(ge-435000) < 0.01 || math.Abs(gn-433000) < 0.01 || math.Abs(gn-436000) < 0.01
		if !onEdge {
			t.Fatalf("point %v is at %.3f %.3f, off the box's outline", p, ge, gn)
		}
	}
}

// FuzzOGCFilter holds the translation to its contract for any filter: a
// 400 naming filter, or a condition the stores' checks take (or refuse
// under filter), which estate can evaluate and carry in JSON.
func FuzzOGCFilter(f *testing.F) {
	for _, s := range []string{"rag = 'green' AND partner = 'county'", "NOT (gia_m2 < 1) OR uprn IS NULL",
		"S_WITHIN(geometry, POLYGON((0 50, 1 50, 1 51, 0 50)))", "T_AFTER(updated_at, INTERVAL('2020-01-01', '..'))",
		"lease_expiry BETWEEN 1 AND 2", "use LIKE 'a\\%%'", "town IN ('a', 'b')", "1 = 1", "TRUE"} {
		f.Add(s, "")
		f.Add(s, "EPSG:27700")
	}
	f.Fuzz(func(t *testing.T, filter, crs string) {
		q := url.Values{"filter": {filter}}
		if crs != "" {
			q.Set("filter-crs", crs)
		}
		c, err := parseOGCFilter(q)
		if err != nil {
			if e, ok := err.(*estate.Error); !ok || e.Code != estate.EINVALID || len(e.Fields) != 1 {
				t.Fatalf("error %#v", err)
			}
			return
		}
		var pr estate.Problems
		if estate.CheckCond(&pr, c); pr.Err("") != nil {
			return
		}
		estate.MatchCond(c, fuzzAsset())
		b, err := estate.MarshalCond(c)
		if err != nil {
			t.Fatalf("marshal %#v: %v", c, err)
		}
		if _, err := estate.UnmarshalCond(b); err != nil {
			t.Fatalf("unmarshal %s: %v", b, err)
		}
	})
}
