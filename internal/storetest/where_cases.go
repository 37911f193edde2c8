package storetest

import (
	"math/rand"
	"strings"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
)

type whereCase struct {
	name string
	c    estate.Cond
}

func cmpCond(field string, op estate.CondOp, v any) estate.Cond {
	return estate.CondCompare{Field: field, Op: op, Value: v}
}

func ring(pts ...float64) []estate.Point {
	out := make([]estate.Point, 0, len(pts)/2+1)
	for i := 0; i+1 < len(pts); i += 2 {
		out = append(out, estate.Point{Lon: pts[i], Lat: pts[i+1]})
	}
	return append(out, out[0])
}

// whereCases are the fixed conditions: each kind at its edges.
func whereCases(all []*estate.Asset) []whereCase {
	at := func(s string) time.Time { t, _ := time.Parse(time.RFC3339Nano, s); return t }
	a := all[3] // written at a time with a fraction of a second
	upd := a.UpdatedAt
	outer := ring(-3, 51.5, -1, 51.5, -1, 53, -3, 53)
	hole := ring(-2.5, 51.75, -1.5, 51.75, -1.5, 52.25, -2.5, 52.25)
	tri := ring(-3, 51.5, -1, 51.5, -3, 53) // its long edge meets (-2, 52.25)
	sp := func(op estate.SpatialOp, s estate.CondSpatial) estate.Cond { s.Op = op; return s }
	in, within := estate.SpatialIntersects, estate.SpatialWithin
	tmp := func(field string, op estate.TemporalOp, from, to string) estate.Cond {
		c := estate.CondTemporal{Field: field, Op: op}
		if from != "" {
			c.From = at(from)
		}
		if to != "" {
			c.To = at(to)
		}
		return c
	}
	return []whereCase{
		{"eq", cmpCond("rag", estate.OpEq, "green")},
		{"ne", cmpCond("rag", estate.OpNe, "green")},
		{"not eq over blanks", estate.CondNot{Cond: cmpCond("town", estate.OpEq, "Worcester")}},
		{"ne blank", cmpCond("town", estate.OpNe, "")},
		{"is null", estate.CondIsNull{Field: "town"}},
		{"not is null", estate.CondNot{Cond: estate.CondIsNull{Field: "holding"}}},
		{"code point order", cmpCond("name", estate.OpGt, "Z")},
		{"lower case sorts after", cmpCond("name", estate.OpGe, "a")},
		{"case counts", cmpCond("name", estate.OpEq, "église hall")},
		{"like accents", estate.CondLike{Field: "name", Pattern: "%glise%"}},
		{"like first character", estate.CondLike{Field: "name", Pattern: "_glise%"}},
		{"like case", estate.CondLike{Field: "name", Pattern: "É%"}},
		{"like escaped", estate.CondLike{Field: "asset_code", Pattern: `A\_1\%`}},
		{"like glob's characters", estate.CondLike{Field: "name", Pattern: `Back\\slash [x]*? 50\% off%`}},
		{"like one", estate.CondLike{Field: "use", Pattern: "a_b"}},
		{"like one escaped", estate.CondLike{Field: "use", Pattern: `a\_b`}},
		{"not like", estate.CondNot{Cond: estate.CondLike{Field: "town", Pattern: "%a%"}}},
		{"like a date", estate.CondLike{Field: "effective_date", Pattern: "2026-05-1_"}},
		{"number", cmpCond("gia_m2", estate.OpGt, 0.0)},
		{"zero", cmpCond("gia_m2", estate.OpEq, 0.0)},
		{"between", estate.CondBetween{Field: "gia_m2", Low: 0.1, High: 120.5}},
		{"not between", estate.CondNot{Cond: estate.CondBetween{Field: "gia_m2", Low: 0.1, High: 120.5}}},
		{"in numbers", estate.CondIn{Field: "gia_m2", Values: []any{0.1, 1e6}}},
		{"not in", estate.CondNot{Cond: estate.CondIn{Field: "rag", Values: []any{"red", "green"}}}},
		{"version", cmpCond("version", estate.OpGt, 1.5)},
		{"utilisation zero", cmpCond("utilisation_pct", estate.OpLe, 0.0)},
		{"date", cmpCond("lease_expiry", estate.OpLt, "2026-05-11")},
		{"date between", estate.CondBetween{Field: "effective_date", Low: "2026-05-10", High: "2026-05-11"}},
		{"date in", estate.CondIn{Field: "lease_expiry", Values: []any{"2026-05-09", "2027-01-31"}}},
		{"time equal", cmpCond("updated_at", estate.OpEq, upd)},
		{"time after", cmpCond("updated_at", estate.OpGt, upd)},
		{"time at or before", cmpCond("created_at", estate.OpLe, upd)},
		{"time not equal", cmpCond("updated_at", estate.OpNe, upd)},
		{"time in its second", cmpCond("updated_at", estate.OpLt, upd.Truncate(time.Second).Add(time.Second))},
		{"time between", estate.CondBetween{Field: "updated_at", Low: upd.Add(-1250 * time.Millisecond), High: upd}},
		{"time in", estate.CondIn{Field: "created_at", Values: []any{upd, all[5].CreatedAt}}},
		{"rating time null", estate.CondIsNull{Field: "rag_set_at"}},
		{"rating time", cmpCond("rag_set_at", estate.OpGe, all[8].UpdatedAt)},
		{"day meets its last microsecond", tmp("effective_date", estate.TemporalIntersects, "2026-05-10T23:59:59.999999Z", "2026-05-10T23:59:59.999999Z")},
		{"day before next midnight", tmp("effective_date", estate.TemporalBefore, "2026-05-11T00:00:00Z", "")},
		{"day not before its own end", tmp("lease_break", estate.TemporalBefore, "2026-05-11T23:59:59Z", "")},
		{"day after", tmp("lease_expiry", estate.TemporalAfter, "", "2026-05-10T00:00:00Z")},
		{"day interval", tmp("effective_date", estate.TemporalIntersects, "2026-05-10T12:00:00Z", "2026-05-11T00:00:00Z")},
		{"not day before", estate.CondNot{Cond: tmp("effective_date", estate.TemporalBefore, "2026-05-11T00:00:00Z", "")}},
		{"open interval", tmp("effective_date", estate.TemporalIntersects, "", "")},
		{"before an open start", tmp("lease_break", estate.TemporalBefore, "", "2026-05-11T00:00:00Z")},
		{"not before an open start", estate.CondNot{Cond: tmp("effective_date", estate.TemporalBefore, "", "")}},
		{"after an open end", tmp("updated_at", estate.TemporalAfter, "2026-05-11T00:00:00Z", "")},
		{"not after an open end", estate.CondNot{Cond: tmp("rag_set_at", estate.TemporalAfter, "", "")}},
		{"instant interval", estate.CondTemporal{Field: "updated_at", Op: estate.TemporalIntersects, From: upd, To: upd}},
		{"instant before", estate.CondTemporal{Field: "updated_at", Op: estate.TemporalBefore, From: upd}},
		{"instant after", estate.CondTemporal{Field: "rag_set_at", Op: estate.TemporalAfter, To: all[9].UpdatedAt}},
		{"point", sp(in, estate.CondSpatial{Point: &estate.Point{Lon: -2, Lat: 52}})},
		{"point within", sp(within, estate.CondSpatial{Point: &estate.Point{Lon: -2, Lat: 52}})},
		{"box edges", sp(in, estate.CondSpatial{BBox: &estate.BBox{MinLon: -2.5, MinLat: 52, MaxLon: -2, MaxLat: 52.5}})},
		{"box interior", sp(within, estate.CondSpatial{BBox: &estate.BBox{MinLon: -2.5, MinLat: 52, MaxLon: -2, MaxLat: 52.5}})},
		{"not in box", estate.CondNot{Cond: sp(in, estate.CondSpatial{BBox: &estate.BBox{MinLon: -2.5, MinLat: 52, MaxLon: -2, MaxLat: 52.5}})}},
		{"box over a footprint only", sp(in, estate.CondSpatial{BBox: &estate.BBox{MinLon: -1.125, MinLat: 51.625, MaxLon: -0.875, MaxLat: 51.875}})},
		{"polygon with a hole", sp(in, estate.CondSpatial{Polygon: [][]estate.Point{outer, hole}})},
		{"polygon with a hole within", sp(within, estate.CondSpatial{Polygon: [][]estate.Point{outer, hole}})},
		{"triangle", sp(in, estate.CondSpatial{Polygon: [][]estate.Point{tri}})},
		{"triangle within", sp(within, estate.CondSpatial{Polygon: [][]estate.Point{tri}})},
		{"not within triangle", estate.CondNot{Cond: sp(within, estate.CondSpatial{Polygon: [][]estate.Point{tri}})}},
		{"true", estate.CondConst(true)},
		{"false", estate.CondConst(false)},
		{"and of nothing", estate.CondAll{}},
		{"not or of nothing", estate.CondNot{Cond: estate.CondAny{}}},
		{"unknown or true", estate.CondAny{cmpCond("town", estate.OpEq, "x"), estate.CondConst(true)}},
		{"not (unknown and false)", estate.CondNot{Cond: estate.CondAll{cmpCond("town", estate.OpEq, "x"), estate.CondConst(false)}}},
		{"not (unknown or false)", estate.CondNot{Cond: estate.CondAny{cmpCond("town", estate.OpEq, "x"), estate.CondConst(false)}}},
	}
}

// condGen draws conditions at random over the fixture's values.
type condGen struct {
	r      *rand.Rand
	all    []*estate.Asset
	fields []*estate.Field
}

func newCondGen(seed int64, all []*estate.Asset) *condGen {
	g := &condGen{r: rand.New(rand.NewSource(seed)), all: all}
	for _, f := range estate.QueryableFields {
		if f.Kind != estate.FieldPoint {
			g.fields = append(g.fields, f)
		}
	}
	return g
}

func (g *condGen) cond(depth int) estate.Cond {
	if depth > 0 && g.r.Intn(3) > 0 {
		kids := func() []estate.Cond {
			out := make([]estate.Cond, 1+g.r.Intn(3))
			for i := range out {
				out[i] = g.cond(depth - 1)
			}
			return out
		}
		switch g.r.Intn(3) {
		case 0:
			return estate.CondAll(kids())
		case 1:
			return estate.CondAny(kids())
		default:
			return estate.CondNot{Cond: g.cond(depth - 1)}
		}
	}
	f := g.fields[g.r.Intn(len(g.fields))]
	switch g.r.Intn(9) {
	case 0:
		return estate.CondIsNull{Field: f.Name}
	case 1:
		return estate.CondIn{Field: f.Name, Values: []any{g.value(f), g.value(f), g.value(f)}}
	case 2:
		return estate.CondBetween{Field: f.Name, Low: g.value(f), High: g.value(f)}
	case 3:
		if f.Kind == estate.FieldText {
			return estate.CondLike{Field: f.Name, Pattern: g.pattern(f)}
		}
	case 4:
		return g.spatial()
	case 5:
		if f.Date || f.Kind == estate.FieldInstant || f.Kind == estate.FieldStamp {
			c := estate.CondTemporal{Field: f.Name, Op: []estate.TemporalOp{estate.TemporalIntersects, estate.TemporalBefore, estate.TemporalAfter}[g.r.Intn(3)]}
			c.From, c.To = g.moment(), g.moment()
			if !c.From.IsZero() && !c.To.IsZero() && c.From.After(c.To) {
				c.From, c.To = c.To, c.From
			}
			return c
		}
	}
	ops := []estate.CondOp{estate.OpEq, estate.OpNe, estate.OpLt, estate.OpLe, estate.OpGt, estate.OpGe}
	return estate.CondCompare{Field: f.Name, Op: ops[g.r.Intn(len(ops))], Value: g.value(f)}
}

func (g *condGen) asset() *estate.Asset { return g.all[g.r.Intn(len(g.all))] }

// value is a value of the field: mostly one an asset holds, so that
// equality is tested, else one near it.
func (g *condGen) value(f *estate.Field) any {
	v, null, _ := estate.CondFieldValue(f.Name, g.asset())
	switch {
	case f.Date:
		if null || g.r.Intn(4) == 0 {
			return []string{"2026-05-09", "2026-05-10", "2026-05-11", "2027-01-31", "2000-01-01"}[g.r.Intn(5)]
		}
	case f.Kind == estate.FieldText:
		if null || g.r.Intn(4) == 0 {
			return []string{"", "A", "a", "Hall", "Library", "Ünicode0", "Worcester", "county", "z"}[g.r.Intn(9)]
		}
	case f.Kind == estate.FieldInstant || f.Kind == estate.FieldStamp:
		t := g.asset().UpdatedAt
		if !null {
			t = v.(time.Time)
		}
		return t.Add(time.Duration(g.r.Intn(5)-2) * 625 * time.Millisecond)
	default:
		if null || g.r.Intn(4) == 0 {
			return []float64{0, 0.1, 1, 2, 50, 100, 120.5, 1e6, -1}[g.r.Intn(9)]
		}
	}
	return v
}

// pattern is a LIKE pattern drawn from an asset's text: some characters
// made _ or %, the specials escaped.
func (g *condGen) pattern(f *estate.Field) string {
	var sb strings.Builder
	if g.r.Intn(4) == 0 {
		sb.WriteByte('%')
	}
	for _, r := range f.Text(g.asset()) {
		switch n := g.r.Intn(10); {
		case n == 0:
			sb.WriteByte('_')
		case n == 1:
			sb.WriteByte('%')
			return sb.String()
		case r == '%' || r == '_' || r == '\\':
			sb.WriteString(`\` + string(r))
		default:
			sb.WriteRune(r)
		}
	}
	return sb.String()
}

func (g *condGen) moment() time.Time {
	if g.r.Intn(4) == 0 {
		return time.Time{}
	}
	if g.r.Intn(2) == 0 {
		day := time.Date(2026, 5, 9+g.r.Intn(3), 0, 0, 0, 0, time.UTC)
		return day.Add(time.Duration(g.r.Intn(3)-1) * time.Microsecond)
	}
	return g.asset().UpdatedAt.Add(time.Duration(g.r.Intn(3)-1) * 625 * time.Millisecond)
}

// eighth is a coordinate on the grid of eighths around the fixture.
func (g *condGen) eighth(lo, n int) float64 { return float64(lo+g.r.Intn(n)) / 8 }

func (g *condGen) spatial() estate.Cond {
	c := estate.CondSpatial{Op: estate.SpatialIntersects}
	if g.r.Intn(2) == 0 {
		c.Op = estate.SpatialWithin
	}
	lon := func() float64 { return g.eighth(-25, 18) }
	lat := func() float64 { return g.eighth(411, 14) }
	switch g.r.Intn(3) {
	case 0:
		p := g.asset().Location
		if g.r.Intn(3) == 0 {
			p = estate.Point{Lon: lon(), Lat: lat()}
		}
		c.Point = &p
	case 1:
		x1, x2, y1, y2 := lon(), lon(), lat(), lat()
		c.BBox = &estate.BBox{MinLon: min(x1, x2), MinLat: min(y1, y2), MaxLon: max(x1, x2), MaxLat: max(y1, y2)}
	default:
		c.Polygon = [][]estate.Point{ring(lon(), lat(), lon(), lat(), lon(), lat(), lon(), lat())}
		if g.r.Intn(3) == 0 { // a rectangle with a hole
			x, y := lon(), lat()
			c.Polygon = [][]estate.Point{ring(x-1, y-1, x+1, y-1, x+1, y+1, x-1, y+1), ring(x-0.25, y-0.25, x+0.25, y-0.25, x+0.25, y+0.5, x-0.25, y+0.5)}
		}
	}
	return c
}
