package postgres

import (
	"strings"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/geo"
)

// Compiling a Selection's Where (estate.Cond), as sqlite's asset_cond.go
// does: in negation normal form, each node written as the SQL true
// exactly when it is TRUE (or, negated, FALSE), so that a null field
// makes both forms of its leaf false and AND/OR over them select what
// estate.MatchCond does, with no SQL NOT over a subtree. Text orders by
// code point (COLLATE "C"), as Go does, whatever the database's
// collation; equality needs no collation, so the indexes serve it.

// cond returns c, or its negation when neg, as SQL on assets as a.
func (w *where) cond(c estate.Cond, neg bool) string {
	switch c := c.(type) {
	case estate.CondAll:
		return w.join(c, neg, neg)
	case estate.CondAny:
		return w.join(c, !neg, neg)
	case estate.CondNot:
		return w.cond(c.Cond, !neg)
	case estate.CondConst:
		return sqlBool(bool(c) != neg)
	case estate.CondIsNull:
		col, ok := condColumn(c.Field)
		if !ok {
			return "false"
		}
		return col.null(!neg)
	case estate.CondCompare:
		return w.compare(c, neg)
	case estate.CondIn:
		return w.in(c, neg)
	case estate.CondBetween:
		return w.between(c, neg)
	case estate.CondLike:
		return w.like(c, neg)
	case estate.CondTemporal:
		return w.temporal(c, neg)
	case estate.CondSpatial:
		return w.spatial(c, neg)
	}
	return "false" // unreachable for a checked selection (estate.CheckCond)
}

func (w *where) join(cs []estate.Cond, or, neg bool) string {
	if len(cs) == 0 {
		return sqlBool(!or)
	}
	parts := make([]string, len(cs))
	for i, s := range cs {
		parts[i] = w.cond(s, neg)
	}
	if or {
		return "(" + strings.Join(parts, " OR ") + ")"
	}
	return "(" + strings.Join(parts, " AND ") + ")"
}

func sqlBool(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

var negOp = map[estate.CondOp]estate.CondOp{estate.OpEq: estate.OpNe, estate.OpNe: estate.OpEq,
	estate.OpLt: estate.OpGe, estate.OpGe: estate.OpLt, estate.OpGt: estate.OpLe, estate.OpLe: estate.OpGt}

func (w *where) compare(c estate.CondCompare, neg bool) string {
	col, ok := condColumn(c.Field)
	if !ok {
		return "false"
	}
	op := c.Op
	if neg {
		op = negOp[op]
	}
	left := col.expr
	if op != estate.OpEq && op != estate.OpNe {
		left = col.ordered()
	}
	if c.Field == string(estate.MemberPartner) && op == estate.OpEq {
		// A one-value list, not an equality: see orderBy.
		return "(" + col.null(false) + " AND " + left + " = ANY(ARRAY[" + w.arg(c.Value) + col.cast + "]))"
	}
	return "(" + col.null(false) + " AND " + left + " " + string(op) + " " + w.arg(c.Value) + col.cast + ")"
}

func (w *where) in(c estate.CondIn, neg bool) string {
	col, ok := condColumn(c.Field)
	if !ok {
		return "false"
	}
	list := w.arg(typedList(c.Values)) + col.cast + "[]"
	if neg {
		return "(" + col.null(false) + " AND " + col.expr + " <> ALL(" + list + "))"
	}
	return "(" + col.null(false) + " AND " + col.expr + " = ANY(" + list + "))"
}

// typedList makes a checked IN list a slice of its one Go type, which pgx
// sends as an array.
func typedList(vs []any) any {
	switch vs[0].(type) {
	case string:
		return listOf[string](vs)
	case float64:
		return listOf[float64](vs)
	case time.Time:
		return listOf[time.Time](vs)
	case bool:
		return listOf[bool](vs)
	}
	return vs
}

func listOf[T any](vs []any) []T {
	out := make([]T, len(vs))
	for i, v := range vs {
		out[i], _ = v.(T)
	}
	return out
}

func (w *where) between(c estate.CondBetween, neg bool) string {
	col, ok := condColumn(c.Field)
	if !ok {
		return "false"
	}
	v, lo, hi := col.ordered(), w.arg(c.Low)+col.cast, w.arg(c.High)+col.cast
	if neg {
		return "(" + col.null(false) + " AND (" + v + " < " + lo + " OR " + v + " > " + hi + "))"
	}
	return "(" + col.null(false) + " AND " + v + " >= " + lo + " AND " + v + " <= " + hi + ")"
}

// like passes the pattern as it is: estate's LIKE is PostgreSQL's with
// ESCAPE '\', case-sensitive.
func (w *where) like(c estate.CondLike, neg bool) string {
	col, ok := condColumn(c.Field)
	if !ok || col.cast != "::text" {
		return "false"
	}
	not := ""
	if neg {
		not = "NOT "
	}
	return "(" + col.null(false) + " AND " + col.expr + " " + not + "LIKE " + w.arg(c.Pattern) + `::text ESCAPE '\')`
}

// temporal runs c as the comparisons it stands for
// (estate.CondTemporal.Compares).
func (w *where) temporal(c estate.CondTemporal, neg bool) string {
	col, ok := condColumn(c.Field)
	cs, never := c.Compares()
	switch {
	case !ok:
		return "false"
	case never: // false of any value: negated, the field's having one decides
		if neg {
			return col.null(false)
		}
		return "false"
	case len(cs) == 0: // true of any value: the field's having one decides
		if neg {
			return "false"
		}
		return col.null(false)
	}
	all := make(estate.CondAll, len(cs))
	for i, cc := range cs {
		all[i] = cc
	}
	return w.cond(all, neg)
}

// spatial finds candidates through the GiST index on bounds (which hold
// the location), by the shape's box, and tests the location exactly;
// negated, it tests only.
func (w *where) spatial(c estate.CondSpatial, neg bool) string {
	within := c.Op == estate.SpatialWithin
	var index, exact string
	switch {
	case c.Point != nil:
		x, y := w.arg(c.Point.Lon)+"::float8", w.arg(c.Point.Lat)+"::float8"
		index = `ST_MakeEnvelope(` + x + `, ` + y + `, ` + x + `, ` + y + `, 4326)`
		exact = `a.lon = ` + x + ` AND a.lat = ` + y
	case c.BBox != nil:
		b := c.BBox
		x0, y0, x1, y1 := w.arg(b.MinLon)+"::float8", w.arg(b.MinLat)+"::float8", w.arg(b.MaxLon)+"::float8", w.arg(b.MaxLat)+"::float8"
		lt, gt := " <= ", " >= "
		if within {
			lt, gt = " < ", " > "
		}
		index = `ST_MakeEnvelope(` + x0 + `, ` + y0 + `, ` + x1 + `, ` + y1 + `, 4326)`
		exact = `a.lon` + gt + x0 + ` AND a.lon` + lt + x1 + ` AND a.lat` + gt + y0 + ` AND a.lat` + lt + y1
	case len(c.Polygon) > 0:
		rings := make(estate.Polygon, len(c.Polygon))
		for i, r := range c.Polygon {
			rings[i] = r
		}
		wkb, err := geo.MarshalWKB(estate.MultiPolygon{rings})
		if err != nil {
			return "false"
		}
		index = `ST_GeomFromWKB(` + w.arg(wkb) + `::bytea, 4326)`
		// ST_Within is the interior only, ST_Intersects takes the
		// boundary too, as estate.PointInPolygon tells them apart.
		fn := "ST_Intersects"
		if within {
			fn = "ST_Within"
		}
		exact = fn + `(a.location, ` + index + `)`
	default:
		return sqlBool(neg)
	}
	if neg {
		return "NOT (" + exact + ")"
	}
	return "(a.bounds && " + index + " AND " + exact + ")"
}

// condCol is how the assets table holds a queryable field.
type condCol struct {
	expr     string // the column, as a.name
	cast     string // of a parameter compared with it
	text     bool   // blank is null; '' rather than NULL
	nullable bool   // may be NULL
}

func condColumn(field string) (condCol, bool) {
	f, ok := estate.FieldByName(field)
	if !ok {
		return condCol{}, false
	}
	name := f.Name
	if name == "partner" {
		name = "partner_id"
	}
	col := condCol{expr: "a." + name}
	switch f.Kind {
	case estate.FieldText:
		col.cast, col.text = "::text", true
	case estate.FieldReal, estate.FieldWhole:
		col.cast, col.nullable = "::float8", true
	case estate.FieldVersion:
		col.cast = "::float8"
	case estate.FieldFlag:
		col.cast = "::bool"
	case estate.FieldInstant:
		col.cast, col.nullable = "::timestamptz", true
	case estate.FieldStamp:
		col.cast = "::timestamptz"
	default:
		return condCol{}, false
	}
	return col, true
}

// null writes the test that the field is null, or (not) that it has a
// value.
func (c condCol) null(is bool) string {
	switch {
	case c.text && is:
		return c.expr + " = ''"
	case c.text:
		return c.expr + " <> ''"
	case c.nullable && is:
		return c.expr + " IS NULL"
	case c.nullable:
		return c.expr + " IS NOT NULL"
	}
	return sqlBool(!is)
}

// ordered is the column as ordering compares it: text by code point.
func (c condCol) ordered() string {
	if c.text {
		return c.expr + ` COLLATE "C"`
	}
	return c.expr
}
