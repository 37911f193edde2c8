package estate

import (
	"encoding/json"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"
)

func condAsset() *Asset {
	gia := 120.5
	set := time.Date(2026, 3, 1, 12, 0, 0, 500000000, time.UTC)
	return &Asset{ID: 1, Partner: "county", AssetCode: "A_1%", Name: "Église Hall", Town: "",
		Holding: HoldingBuilding, RAG: RAGGreen, GIAM2: &gia, RAGSetAt: &set, LeaseExpiry: "2027-01-31",
		Location: Point{Lon: -2, Lat: 52}, Version: 3,
		CreatedAt: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), UpdatedAt: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)}
}

func cmpc(field string, op CondOp, v any) Cond { return CondCompare{Field: field, Op: op, Value: v} }

// TestMatchCond: the reference semantics, case by case: three-valued
// logic over nulls, code-point text, dates as whole days, boundaries.
func TestMatchCond(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse(time.RFC3339, s); return d }
	square := [][]Point{{{-3, 51}, {-1, 51}, {-1, 53}, {-3, 53}, {-3, 51}}}
	holed := append(square[:1:1], []Point{{-2.5, 51.5}, {-1.5, 51.5}, {-1.5, 52.5}, {-2.5, 52.5}, {-2.5, 51.5}})
	edgeHole := append(square[:1:1], []Point{{-2, 52}, {-1.5, 52}, {-1.5, 52.5}, {-2, 52.5}, {-2, 52}})
	for _, tt := range []struct {
		name string
		c    Cond
		want bool
	}{
		{"nil", nil, true},
		{"const", CondConst(false), false},
		{"eq", cmpc("rag", OpEq, "green"), true},
		{"ne", cmpc("rag", OpNe, "green"), false},
		{"null compare", cmpc("town", OpEq, "Worcester"), false},
		{"not null compare is unknown", CondNot{cmpc("town", OpEq, "Worcester")}, false},
		{"null ne", cmpc("town", OpNe, ""), false},
		{"unknown or true", CondAny{cmpc("town", OpEq, "x"), CondConst(true)}, true},
		{"not (unknown and false)", CondNot{CondAll{cmpc("town", OpEq, "x"), CondConst(false)}}, true},
		{"is null", CondIsNull{"town"}, true},
		{"is null figure", CondIsNull{"land_area_ha"}, true},
		{"not is null", CondNot{CondIsNull{"name"}}, true},
		{"code point order", cmpc("name", OpGt, "Z"), true}, // É is above every ASCII letter
		{"case counts", cmpc("name", OpEq, "église hall"), false},
		{"number", cmpc("gia_m2", OpLe, 120.5), true},
		{"version", cmpc("version", OpGt, 2.5), true},
		{"in", CondIn{Field: "holding", Values: []any{"land", "building"}}, true},
		{"not in", CondNot{CondIn{Field: "holding", Values: []any{"land"}}}, true},
		{"in null", CondNot{CondIn{Field: "town", Values: []any{"x"}}}, false},
		{"between", CondBetween{Field: "gia_m2", Low: 120.5, High: 121.0}, true},
		{"between reversed", CondBetween{Field: "gia_m2", Low: 121.0, High: 120.0}, false},
		{"date compare", cmpc("lease_expiry", OpLt, "2027-02-01"), true},
		{"time compare fraction", cmpc("rag_set_at", OpGt, day("2026-03-01T12:00:00Z")), true},
		{"like", CondLike{Field: "name", Pattern: "_glise%"}, true},
		{"like case", CondLike{Field: "name", Pattern: "%hall"}, false},
		{"like escaped", CondLike{Field: "asset_code", Pattern: `A\_1\%`}, true},
		{"like escaped miss", CondLike{Field: "asset_code", Pattern: `A\%1%`}, false},
		{"like null", CondNot{CondLike{Field: "town", Pattern: "%"}}, false},
		{"date intersects its day's end", CondTemporal{Field: "lease_expiry", Op: TemporalIntersects, From: day("2027-01-31T23:59:59Z")}, true},
		{"date not before its next day", CondTemporal{Field: "lease_expiry", Op: TemporalBefore, From: day("2027-01-31T23:59:59Z")}, false},
		{"date before next midnight", CondTemporal{Field: "lease_expiry", Op: TemporalBefore, From: day("2027-02-01T00:00:00Z")}, true},
		{"date after", CondTemporal{Field: "lease_expiry", Op: TemporalAfter, To: day("2027-01-30T23:59:59Z")}, true},
		{"date not after its own day", CondTemporal{Field: "lease_expiry", Op: TemporalAfter, To: day("2027-01-31T00:00:00Z")}, false},
		{"instant intersects closed", CondTemporal{Field: "updated_at", Op: TemporalIntersects, From: day("2026-01-01T00:00:00Z"), To: day("2026-06-01T00:00:00Z")}, true},
		{"before open start", CondTemporal{Field: "updated_at", Op: TemporalBefore}, false},
		{"temporal null", CondNot{CondTemporal{Field: "lease_break", Op: TemporalAfter, To: day("2000-01-01T00:00:00Z")}}, false},
		{"point", CondSpatial{Op: SpatialWithin, Point: &Point{-2, 52}}, true},
		{"box edge intersects", CondSpatial{Op: SpatialIntersects, BBox: &BBox{-2, 50, 0, 53}}, true},
		{"box edge not within", CondSpatial{Op: SpatialWithin, BBox: &BBox{-2, 50, 0, 53}}, false},
		{"polygon within", CondSpatial{Op: SpatialWithin, Polygon: square}, true},
		{"polygon hole", CondSpatial{Op: SpatialIntersects, Polygon: holed}, false},
		{"hole edge intersects", CondSpatial{Op: SpatialIntersects, Polygon: edgeHole}, true},
		{"hole edge not within", CondSpatial{Op: SpatialWithin, Polygon: edgeHole}, false},
		{"not within", CondNot{CondSpatial{Op: SpatialWithin, Polygon: edgeHole}}, true},
	} {
		if err := (&Selection{Where: tt.c}).Validate(); err != nil {
			t.Errorf("%s: %v", tt.name, err)
		}
		if got := MatchCond(tt.c, condAsset()); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestMatchLike(t *testing.T) {
	for _, tt := range []struct {
		p, s string
		want bool
	}{
		{"", "", true}, {"", "a", false}, {"%", "", true}, {"_", "", false}, {"_", "é", true},
		{"a%b%c", "aXbYc", true}, {"a%b%c", "aXbY", false}, {"%%a", "ba", true}, {`\\`, `\`, true},
		{`a\b`, "ab", true}, {"%a_", "bab", true}, {"%a_", "ba", false}, {"*?[", "*?[", true}, {"[a]", "a", false},
	} {
		if got := MatchLike(tt.p, tt.s); got != tt.want {
			t.Errorf("%q LIKE %q: %v", tt.s, tt.p, got)
		}
	}
}

// TestCheckCond: what no store can run is refused under filter, naming
// the property.
func TestCheckCond(t *testing.T) {
	many := make([]any, MaxFilterIDs+1)
	for i := range many {
		many[i] = "x"
	}
	deep := Cond(CondConst(true))
	for range MaxCondNodes {
		deep = CondNot{deep}
	}
	for _, tt := range []struct {
		name, msg string
		c         Cond
	}{
		{"unknown field", `"colour"`, cmpc("colour", OpEq, "red")},
		{"money", `"market_value_gbp"`, cmpc("market_value_gbp", OpGt, 1.0)},
		{"notes", `"notes"`, CondLike{Field: "notes", Pattern: "%"}},
		{"sensitive", `"sensitive"`, cmpc("sensitive", OpEq, true)},
		{"wrong type", "gia_m2 with the text", cmpc("gia_m2", OpEq, "big")},
		{"int not float", "Go type int", cmpc("version", OpEq, 3)},
		{"time for text", "name with the timestamp", cmpc("name", OpEq, time.Now().Truncate(time.Second))},
		{"bad date", "YYYY-MM-DD", cmpc("lease_expiry", OpEq, "2027-13-01")},
		{"NaN", "finite", cmpc("gia_m2", OpEq, math.NaN())},
		{"nanoseconds", "microsecond", cmpc("updated_at", OpEq, time.Date(2026, 1, 1, 0, 0, 0, 1, time.UTC))},
		{"like number", "LIKE takes text", CondLike{Field: "gia_m2", Pattern: "1%"}},
		{"like lone escape", "lone", CondLike{Field: "name", Pattern: `a\`}},
		{"empty in", "between 1 and", CondIn{Field: "rag"}},
		{"long in", "1001 IN values", CondIn{Field: "rag", Values: many}},
		{"too many nodes", "at most 200", deep},
		{"location compared", "spatial conditions only", cmpc("location", OpEq, "x")},
		{"nil", "empty condition", CondAll{nil}},
		{"open ring", "not valid", CondSpatial{Op: SpatialWithin, Polygon: [][]Point{{{0, 0}, {1, 0}, {1, 1}}}}},
		{"three points", "not valid", CondSpatial{Op: SpatialWithin, Polygon: [][]Point{{{0, 0}, {1, 0}, {0, 0}}}}},
		{"polygon NaN", "not valid", CondSpatial{Op: SpatialWithin, Polygon: [][]Point{{{0, 0}, {1, math.NaN()}, {1, 1}, {0, 0}}}}},
		{"two shapes", "2 shapes", CondSpatial{Op: SpatialWithin, Point: &Point{}, BBox: &BBox{}}},
		{"box", "box", CondSpatial{Op: SpatialIntersects, BBox: &BBox{1, 0, 0, 1}}},
		{"temporal on text", "date or timestamp", CondTemporal{Field: "name", Op: TemporalAfter}},
		{"interval reversed", "ends before", CondTemporal{Field: "updated_at", Op: TemporalIntersects, From: time.Unix(10, 0), To: time.Unix(5, 0)}},
	} {
		err := (&Selection{Where: tt.c}).Validate()
		fields := ErrorFields(err)
		if len(fields) == 0 || fields[0].Field != "filter" || !strings.Contains(fields[0].Message, tt.msg) {
			t.Errorf("%s: %v", tt.name, fields)
		}
	}
}

// TestCondJSON: every kind of condition round-trips through its JSON
// form exactly, numbers and times included.
func TestCondJSON(t *testing.T) {
	at := time.Date(2026, 12, 7, 9, 0, 0, 123456000, time.UTC)
	c := CondAll{
		CondAny{cmpc("name", OpLt, "Z"), CondNot{CondIsNull{"town"}}, CondConst(true)},
		cmpc("gia_m2", OpGe, 0.1), cmpc("land_area_ha", OpEq, 1e-300), cmpc("utilisation_pct", OpNe, 123456789.123456789),
		cmpc("updated_at", OpLe, at),
		CondIn{Field: "rag", Values: []any{"red", "amber"}},
		CondBetween{Field: "lease_expiry", Low: "2026-01-01", High: "2026-12-31"},
		CondLike{Field: "name", Pattern: ""},
		CondSpatial{Op: SpatialIntersects, Point: &Point{-2.123456789, 52}},
		CondSpatial{Op: SpatialWithin, BBox: &BBox{-3, 51, -1, 53}},
		CondSpatial{Op: SpatialWithin, Polygon: [][]Point{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}}},
		CondTemporal{Field: "rag_set_at", Op: TemporalIntersects, From: at},
		CondTemporal{Field: "effective_date", Op: TemporalBefore, From: at, To: at.Add(time.Hour)},
	}
	if err := (&Selection{Where: c}).Validate(); err != nil {
		t.Fatal(err)
	}
	b, err := MarshalCond(c)
	if err != nil {
		t.Fatal(err)
	}
	back, err := UnmarshalCond(b)
	if err != nil || !reflect.DeepEqual(back, Cond(c)) {
		t.Errorf("round trip of %s: %#v %v", b, back, err)
	}
	if b, _ := MarshalCond(cmpc("rag", OpEq, "green")); string(b) != `{"op":"=","field":"rag","value":"green"}` {
		t.Errorf("form %s", b)
	}
	for _, body := range []string{`{"op":"xor"}`, `{"op":"not","args":[]}`, `{"op":"=","field":"rag","value":[1]}`,
		`{"op":"s_within","point":[1]}`, `{"op":"t_before","field":"updated_at","from":"yesterday"}`, `[]`} {
		var s Selection
		if fields := ErrorFields(json.Unmarshal([]byte(`{"filter":`+body+`}`), &s)); len(fields) != 1 || fields[0].Field != "filter" {
			t.Errorf("%s: %v", body, fields)
		}
	}
	if _, err := MarshalCond(cmpc("gia_m2", OpEq, 1)); err == nil {
		t.Error("an int value marshalled")
	}
}

// TestTemporalCompares: the comparisons stores run for a temporal
// condition select what MatchCond does, days and instants, near the
// edges of days.
func TestTemporalCompares(t *testing.T) {
	base := time.Date(2026, 5, 10, 0, 0, 0, 0, time.UTC)
	steps := []time.Duration{-25 * time.Hour, -24 * time.Hour, -time.Microsecond, 0, time.Microsecond, 12 * time.Hour, 24*time.Hour - time.Microsecond, 24 * time.Hour, 48 * time.Hour}
	var times []time.Time
	for _, s := range steps {
		times = append(times, base.Add(s))
	}
	times = append(times, time.Time{})
	for _, field := range []string{"lease_expiry", "updated_at"} {
		for _, v := range times[:len(times)-1] {
			a := &Asset{LeaseExpiry: v.Format(time.DateOnly), UpdatedAt: v}
			for _, op := range []TemporalOp{TemporalIntersects, TemporalBefore, TemporalAfter} {
				for _, from := range times {
					for _, to := range times {
						if !from.IsZero() && !to.IsZero() && from.After(to) {
							continue
						}
						c := CondTemporal{Field: field, Op: op, From: from, To: to}
						cs, never := c.Compares()
						got := !never
						for _, cc := range cs {
							got = got && MatchCond(cc, a)
						}
						if want := MatchCond(c, a); got != want {
							t.Fatalf("%+v on %v: compares %v (%v), MatchCond %v", c, v, cs, never, want)
						}
					}
				}
			}
		}
	}
}
