package estate

import (
	"cmp"
	"strings"
	"time"
)

// tri is a truth value of SQL's three-valued logic.
type tri int8

const (
	triFalse tri = iota
	triUnknown
	triTrue
)

func triOf(b bool) tri {
	if b {
		return triTrue
	}
	return triFalse
}

func (t tri) not() tri { return 2 - t }

// MatchCond reports whether c is true of a: the reference every store's
// compiled query is held to (storetest). A nil c is true. c is assumed
// checked (CheckCond); a condition it would refuse is false.
func MatchCond(c Cond, a *Asset) bool {
	return c == nil || evalCond(c, a) == triTrue
}

func evalCond(c Cond, a *Asset) tri {
	switch c := c.(type) {
	case CondAll:
		out := triTrue
		for _, s := range c {
			out = min(out, evalCond(s, a))
		}
		return out
	case CondAny:
		out := triFalse
		for _, s := range c {
			out = max(out, evalCond(s, a))
		}
		return out
	case CondNot:
		return evalCond(c.Cond, a).not()
	case CondConst:
		return triOf(bool(c))
	case CondIsNull:
		_, null, ok := CondFieldValue(c.Field, a)
		return triOf(ok && null)
	case CondSpatial:
		return triOf(matchSpatial(c, a.Location))
	}
	field, v, null, ok := condOperand(c, a)
	if !ok {
		return triFalse
	}
	if null {
		return triUnknown
	}
	switch c := c.(type) {
	case CondCompare:
		n, ok := compareValues(v, c.Value)
		return triOf(ok && opHolds(c.Op, n))
	case CondIn:
		for _, w := range c.Values {
			if n, ok := compareValues(v, w); ok && n == 0 {
				return triTrue
			}
		}
		return triFalse
	case CondBetween:
		lo, ok1 := compareValues(v, c.Low)
		hi, ok2 := compareValues(v, c.High)
		return triOf(ok1 && ok2 && lo >= 0 && hi <= 0)
	case CondLike:
		s, ok := v.(string)
		return triOf(ok && MatchLike(c.Pattern, s))
	case CondTemporal:
		return triOf(matchTemporal(c, field, v))
	}
	return triFalse
}

// condOperand returns the field a leaf condition names and its value on a.
func condOperand(c Cond, a *Asset) (f *Field, v any, null, ok bool) {
	var name string
	switch c := c.(type) {
	case CondCompare:
		name = c.Field
	case CondIn:
		name = c.Field
	case CondBetween:
		name = c.Field
	case CondLike:
		name = c.Field
	case CondTemporal:
		name = c.Field
	default:
		return nil, nil, false, false
	}
	f, ok = FieldByName(name)
	if !ok {
		return nil, nil, false, false
	}
	v, null, ok = CondFieldValue(name, a)
	return f, v, null, ok
}

// CondFieldValue returns a queryable field's value on a, typed as a
// Cond's values are (string, float64, bool, time.Time), and whether it
// is null: blank text, an unknown figure or moment. ok is false for a
// name that is not a field, or the location (spatial conditions only).
func CondFieldValue(name string, a *Asset) (v any, null, ok bool) {
	f, ok := FieldByName(name)
	if !ok {
		return nil, false, false
	}
	switch f.Kind {
	case FieldText:
		s := f.Text(a)
		return s, s == "", true
	case FieldReal:
		p := *f.Real(a)
		if p == nil {
			return nil, true, true
		}
		return *p, false, true
	case FieldWhole:
		p := *f.Whole(a)
		if p == nil {
			return nil, true, true
		}
		return float64(*p), false, true
	case FieldVersion:
		return float64(*f.Count(a)), false, true
	case FieldFlag:
		return *f.Flag(a), false, true
	case FieldInstant:
		p := *f.Instant(a)
		if p == nil {
			return nil, true, true
		}
		return *p, false, true
	case FieldStamp:
		t := *f.Stamp(a)
		return t, t.IsZero(), true
	}
	return nil, false, false
}

// compareValues orders two values of one type; ok is false when their
// types differ.
func compareValues(a, b any) (int, bool) {
	switch a := a.(type) {
	case string:
		b, ok := b.(string)
		return strings.Compare(a, b), ok
	case float64:
		b, ok := b.(float64)
		return cmp.Compare(a, b), ok
	case time.Time:
		b, ok := b.(time.Time)
		return a.Compare(b), ok
	case bool:
		b, ok := b.(bool)
		n := 0
		switch {
		case a == b:
		case b:
			n = -1
		default:
			n = 1
		}
		return n, ok
	}
	return 0, false
}

func opHolds(op CondOp, n int) bool {
	switch op {
	case OpEq:
		return n == 0
	case OpNe:
		return n != 0
	case OpLt:
		return n < 0
	case OpLe:
		return n <= 0
	case OpGt:
		return n > 0
	case OpGe:
		return n >= 0
	}
	return false
}

// matchTemporal relates the field's interval (an instant, or a Date's
// whole UTC day) to c's closed interval.
func matchTemporal(c CondTemporal, f *Field, v any) bool {
	var start, end time.Time
	switch v := v.(type) {
	case time.Time:
		start, end = v, v
	case string:
		if !f.Date {
			return false
		}
		d, err := time.Parse(time.DateOnly, v)
		if err != nil {
			return false
		}
		start, end = d, d.AddDate(0, 0, 1).Add(-time.Nanosecond)
	default:
		return false
	}
	switch c.Op {
	case TemporalIntersects:
		return (c.From.IsZero() || !end.Before(c.From)) && (c.To.IsZero() || !start.After(c.To))
	case TemporalBefore:
		return !c.From.IsZero() && end.Before(c.From)
	case TemporalAfter:
		return !c.To.IsZero() && start.After(c.To)
	}
	return false
}

func matchSpatial(c CondSpatial, p Point) bool {
	within := c.Op == SpatialWithin
	switch {
	case c.Point != nil:
		return p == *c.Point
	case c.BBox != nil:
		b := c.BBox
		if within {
			return p.Lon > b.MinLon && p.Lon < b.MaxLon && p.Lat > b.MinLat && p.Lat < b.MaxLat
		}
		return b.Contains(p)
	case c.Polygon != nil:
		in, edge := PointInPolygon(c.Polygon, p)
		return in || (edge && !within)
	}
	return false
}

// PointInPolygon says where p lies against a polygon (an exterior ring
// then holes): in its interior, or on the boundary of one of its rings.
// Neither is outside.
func PointInPolygon(poly [][]Point, p Point) (in, edge bool) {
	for i, ring := range poly {
		inRing, onRing := pointInRing(ring, p)
		if onRing {
			return false, true
		}
		if inRing != (i == 0) {
			return false, false // outside the exterior, or inside a hole
		}
	}
	return len(poly) > 0, false
}

// pointInRing is the even-odd test, with the boundary told apart.
func pointInRing(ring []Point, p Point) (in, edge bool) {
	for i := 1; i < len(ring); i++ {
		a, b := ring[i-1], ring[i]
		cross := (b.Lon-a.Lon)*(p.Lat-a.Lat) - (b.Lat-a.Lat)*(p.Lon-a.Lon)
		if cross == 0 && min(a.Lon, b.Lon) <= p.Lon && p.Lon <= max(a.Lon, b.Lon) &&
			min(a.Lat, b.Lat) <= p.Lat && p.Lat <= max(a.Lat, b.Lat) {
			return false, true
		}
		if (a.Lat > p.Lat) != (b.Lat > p.Lat) {
			// The edge crosses p's latitude: count it when the crossing
			// is east of p, that is when p is left of an upward edge.
			if (cross > 0) == (b.Lat > a.Lat) {
				in = !in
			}
		}
	}
	return in, false
}
