package estate

import (
	"fmt"
	"math"
	"strings"
	"time"
	"unicode/utf8"
)

// Caps on a Cond: past these a filter is a mistake or an attack, and
// SQLite refuses queries past 32,766 variables or a deep expression
// tree, which would otherwise surface as a 500.
const (
	MaxCondNodes  = 200   // conditions in the tree, each AND, OR and NOT counting one
	MaxCondValues = 1000  // IN values in the whole tree (MaxFilterIDs in one)
	MaxCondPoints = 10000 // polygon positions in the whole tree
	MaxCondText   = 1000  // characters of one text value or LIKE pattern
)

// condKind is the type of value a queryable field compares with.
type condKind int8

const (
	kindNone condKind = iota
	kindText
	kindDate // text holding YYYY-MM-DD, compared as text
	kindNumber
	kindFlag
	kindTime
	kindPoint
)

func (k condKind) String() string {
	return [...]string{"nothing", "text", "date (YYYY-MM-DD)", "number", "boolean", "timestamp", "point"}[k]
}

// queryableKind returns the kind of a field a Cond may name.
func queryableKind(name string) condKind {
	for _, f := range QueryableFields {
		if f.Name != name {
			continue
		}
		switch f.Kind {
		case FieldText:
			if f.Date {
				return kindDate
			}
			return kindText
		case FieldReal, FieldWhole, FieldVersion:
			return kindNumber
		case FieldFlag:
			return kindFlag
		case FieldInstant, FieldStamp:
			return kindTime
		case FieldPoint:
			return kindPoint
		}
	}
	return kindNone
}

// CheckCond adds a problem to pr, under the member filter, for each thing
// in c that no store can run: an unknown or non-queryable field, a value
// of the wrong type for its field, a malformed shape or interval, or a
// tree past the caps. A condition it accepts, every store runs.
func CheckCond(pr *Problems, c Cond) {
	k := condChecker{pr: pr}
	k.count(c)
	if k.nodes > MaxCondNodes || k.values > MaxCondValues || k.points > MaxCondPoints {
		k.add("has %d conditions, %d IN values and %d polygon positions: at most %d, %d and %d",
			k.nodes, k.values, k.points, MaxCondNodes, MaxCondValues, MaxCondPoints)
		return
	}
	k.check(c)
}

type condChecker struct {
	pr                    *Problems
	nodes, values, points int
	reported              int
}

func (k *condChecker) add(format string, args ...any) {
	// A generated filter can be wrong in many places: the first few say
	// enough.
	if k.reported++; k.reported <= 5 {
		k.pr.Add(string(MemberFilter), format, args...)
	}
}

// count sizes the tree without recursing past the cap, so a deep tree is
// refused before it is walked again.
func (k *condChecker) count(c Cond) {
	if k.nodes++; k.nodes > MaxCondNodes {
		return
	}
	switch c := c.(type) {
	case CondAll:
		for _, s := range c {
			k.count(s)
		}
	case CondAny:
		for _, s := range c {
			k.count(s)
		}
	case CondNot:
		k.count(c.Cond)
	case CondIn:
		k.values += len(c.Values)
	case CondSpatial:
		for _, r := range c.Polygon {
			k.points += len(r)
		}
	}
}

func (k *condChecker) check(c Cond) {
	switch c := c.(type) {
	case nil:
		k.add("has an empty condition")
	case CondAll:
		for _, s := range c {
			k.check(s)
		}
	case CondAny:
		for _, s := range c {
			k.check(s)
		}
	case CondNot:
		k.check(c.Cond)
	case CondConst:
	case CondCompare:
		kind := k.field(c.Field)
		switch {
		case !oneOf(c.Op, []CondOp{OpEq, OpNe, OpLt, OpLe, OpGt, OpGe}):
			k.add("has an unknown comparison %q", c.Op)
		case kind == kindFlag && c.Op != OpEq && c.Op != OpNe:
			k.add("orders %s, which is true or false: compare it with = or <>", c.Field)
		default:
			k.value(c.Field, kind, c.Value)
		}
	case CondIn:
		kind := k.field(c.Field)
		if len(c.Values) == 0 || len(c.Values) > MaxFilterIDs {
			k.add("lists %d values for %s in IN: between 1 and %d", len(c.Values), c.Field, MaxFilterIDs)
			return
		}
		for _, v := range c.Values {
			k.value(c.Field, kind, v)
		}
	case CondBetween:
		kind := k.field(c.Field)
		if kind == kindFlag {
			k.add("orders %s, which is true or false: compare it with = or <>", c.Field)
			return
		}
		k.value(c.Field, kind, c.Low)
		k.value(c.Field, kind, c.High)
	case CondLike:
		if kind := k.field(c.Field); kind != kindNone && kind != kindText && kind != kindDate {
			k.add("matches %s, a %s, with LIKE: LIKE takes text", c.Field, kind)
		}
		k.text(c.Pattern)
		if n := len(c.Pattern) - len(strings.TrimRight(c.Pattern, `\`)); n%2 == 1 {
			k.add("has a LIKE pattern ending in a lone \\ (write \\\\ for a backslash)")
		}
	case CondIsNull:
		if kind := k.field(c.Field); kind == kindPoint {
			k.add("tests %s for null: every asset has one", c.Field)
		}
	case CondSpatial:
		k.spatial(c)
	case CondTemporal:
		k.temporal(c)
	default:
		k.add("has a condition of an unknown kind %T", c)
	}
}

// field returns the kind of a field a condition names, reporting a name
// that is not queryable (kindNone) or the location (kindPoint, which only
// spatial conditions test).
func (k *condChecker) field(name string) condKind {
	kind := queryableKind(name)
	switch kind {
	case kindNone:
		k.add("names %q, which is not a queryable property", name)
	case kindPoint:
		k.add("compares %s: a location is tested by spatial conditions only", name)
	}
	return kind
}

func (k *condChecker) value(field string, kind condKind, v any) {
	if kind == kindNone || kind == kindPoint {
		return // reported by field
	}
	ok := false
	switch v := v.(type) {
	case string:
		ok = kind == kindText || kind == kindDate
		if ok {
			k.text(v)
		}
		if kind == kindDate && !ValidDate(v) {
			k.add("compares %s with %q: it takes a date written YYYY-MM-DD", field, v)
			return
		}
	case float64:
		ok = kind == kindNumber
		if ok && (math.IsNaN(v) || math.IsInf(v, 0)) {
			k.add("compares %s with %v: it takes a finite number", field, v)
			return
		}
	case bool:
		ok = kind == kindFlag
	case time.Time:
		ok = kind == kindTime
		if ok {
			k.time(field, v)
		}
	}
	if !ok {
		k.add("compares %s with %s: it takes %s", field, describeValue(v), kind)
	}
}

func describeValue(v any) string {
	switch v := v.(type) {
	case string:
		return fmt.Sprintf("the text %q", v)
	case float64:
		return fmt.Sprintf("the number %v", v)
	case bool:
		return fmt.Sprintf("%v", v)
	case time.Time:
		return "the timestamp " + v.UTC().Format(time.RFC3339Nano)
	case nil:
		return "null"
	}
	return fmt.Sprintf("a value of Go type %T", v)
}

func (k *condChecker) text(s string) {
	if !utf8.ValidString(s) {
		k.add("has text that is not UTF-8")
	} else if n := utf8.RuneCountInString(s); n > MaxCondText {
		k.add("has a text of %d characters: at most %d", n, MaxCondText)
	}
}

// time accepts what both stores keep exactly: PostgreSQL holds
// microseconds, and SQLite's text sorts as time only within years 1 to
// 9999.
func (k *condChecker) time(field string, t time.Time) {
	if y := t.UTC().Year(); y < 1 || y > 9999 {
		k.add("has a time for %s in year %d: years 1 to 9999", field, y)
	} else if t.Nanosecond()%1000 != 0 {
		k.add("has a time for %s finer than a microsecond", field)
	}
}

func (k *condChecker) temporal(c CondTemporal) {
	kind := k.field(c.Field)
	if kind != kindNone && kind != kindDate && kind != kindTime {
		k.add("relates %s, a %s, in time: it takes a date or timestamp property", c.Field, kind)
	}
	if !oneOf(c.Op, []TemporalOp{TemporalIntersects, TemporalBefore, TemporalAfter}) {
		k.add("has an unknown temporal relation %q", c.Op)
	}
	for _, t := range []time.Time{c.From, c.To} {
		if !t.IsZero() {
			k.time(c.Field, t)
		}
	}
	if !c.From.IsZero() && !c.To.IsZero() && c.From.After(c.To) {
		k.add("has an interval for %s that ends before it starts", c.Field)
	}
}

func (k *condChecker) spatial(c CondSpatial) {
	if c.Op != SpatialIntersects && c.Op != SpatialWithin {
		k.add("has an unknown spatial relation %q", c.Op)
	}
	shapes := 0
	if c.Point != nil {
		shapes++
		if !validPoint(*c.Point) {
			k.add("has a point that is not lon,lat within ±180/±90")
		}
	}
	if c.BBox != nil {
		shapes++
		if err := c.BBox.Validate(); err != nil {
			k.add("has a box that is not valid: it %s", err.Error())
		}
	}
	if c.Polygon != nil {
		shapes++
		rings := make(Polygon, len(c.Polygon))
		for i, r := range c.Polygon {
			rings[i] = r
		}
		if len(rings) == 0 {
			k.add("has a polygon with no rings")
		} else if msg := CheckFootprint(MultiPolygon{rings}); msg != "" {
			k.add("has a polygon that is not valid: %s", msg)
		}
	}
	if shapes != 1 {
		k.add("has a spatial condition with %d shapes: it takes one point, box or polygon", shapes)
	}
}
