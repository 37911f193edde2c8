package sqlite

import (
	"encoding/json"
	"strings"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
)

// Compiling a Selection's Where (estate.Cond) into SQL.
//
// The condition is written in negation normal form: each node is written
// as the SQL that is true exactly when the node is TRUE (or, under an odd
// number of NOTs, exactly when it is FALSE), never SQL's NOT over a
// subtree. Three-valued logic then needs no NULLs: a null field makes
// both forms of its leaf false (blank text is a test, `<> ''`, so that
// `a.partner_id = ?` stays a plain indexed comparison), and AND/OR over
// such leaves select what estate.MatchCond does. Values only travel as
// placeholders; the SQL text follows the tree's shape.

// keyLayout writes times so that text order is time order: the stored
// form trims the fraction's zeros (timebounds.go), which is not.
const keyLayout = "2006-01-02T15:04:05.000000000Z"

type condWriter struct {
	sb   strings.Builder
	args []any
}

// condWhere returns c as a WHERE condition and its arguments.
func condWhere(c estate.Cond) (string, []any) {
	var w condWriter
	w.cond(c, false)
	return w.sb.String(), w.args
}

func (w *condWriter) put(sql string, args ...any) {
	w.sb.WriteString(sql)
	w.args = append(w.args, args...)
}

// cond writes c, or its negation when neg: the SQL true exactly when c
// is FALSE.
func (w *condWriter) cond(c estate.Cond, neg bool) {
	switch c := c.(type) {
	case estate.CondAll:
		w.join(c, neg, neg)
	case estate.CondAny:
		w.join(c, !neg, neg)
	case estate.CondNot:
		w.cond(c.Cond, !neg)
	case estate.CondConst:
		w.put(sqlBool(bool(c) != neg))
	case estate.CondIsNull:
		col, ok := condColumn(c.Field)
		if !ok {
			w.put("0")
			return
		}
		w.put(col.null(!neg))
	case estate.CondCompare:
		w.compare(c, neg)
	case estate.CondIn:
		w.in(c, neg)
	case estate.CondBetween:
		w.between(c, neg)
	case estate.CondLike:
		w.like(c, neg)
	case estate.CondTemporal:
		w.temporal(c, neg)
	case estate.CondSpatial:
		w.spatial(c, neg)
	default:
		// Unreachable for a checked selection (estate.CheckCond).
		w.put("0")
	}
}

// join writes cs joined by OR (or) or AND, each negated when neg.
func (w *condWriter) join(cs []estate.Cond, or, neg bool) {
	if len(cs) == 0 {
		w.put(sqlBool(!or)) // AND of nothing is true, OR of nothing false
		return
	}
	op := " AND "
	if or {
		op = " OR "
	}
	w.put("(")
	for i, s := range cs {
		if i > 0 {
			w.put(op)
		}
		w.cond(s, neg)
	}
	w.put(")")
}

func sqlBool(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// negOp is the comparison true exactly when op is false (for non-null
// operands).
var negOp = map[estate.CondOp]estate.CondOp{estate.OpEq: estate.OpNe, estate.OpNe: estate.OpEq,
	estate.OpLt: estate.OpGe, estate.OpGe: estate.OpLt, estate.OpGt: estate.OpLe, estate.OpLe: estate.OpGt}

func (w *condWriter) compare(c estate.CondCompare, neg bool) {
	col, ok := condColumn(c.Field)
	if !ok {
		w.put("0")
		return
	}
	op := c.Op
	if neg {
		op = negOp[op]
	}
	w.put("(" + col.null(false))
	if col.time {
		// The stored text bounds the time to its second, which the
		// updated_at index can use; the key then compares exactly.
		t, _ := c.Value.(time.Time)
		if op == estate.OpGt || op == estate.OpGe || op == estate.OpEq {
			w.put(" AND "+col.expr+" >= ?", lowerTimeBound(t))
		}
		if op == estate.OpLt || op == estate.OpLe || op == estate.OpEq {
			w.put(" AND "+col.expr+" <= ?", upperTimeBound(t))
		}
	}
	w.put(" AND "+col.value()+" "+string(op)+" ?)", col.arg(c.Value))
}

func (w *condWriter) in(c estate.CondIn, neg bool) {
	col, ok := condColumn(c.Field)
	if !ok {
		w.put("0")
		return
	}
	not := ""
	if neg {
		not = "NOT "
	}
	w.put("(" + col.null(false) + " AND " + col.value() + " " + not + "IN (" + placeholders(len(c.Values)) + "))")
	for _, v := range c.Values {
		w.args = append(w.args, col.arg(v))
	}
}

func (w *condWriter) between(c estate.CondBetween, neg bool) {
	col, ok := condColumn(c.Field)
	if !ok {
		w.put("0")
		return
	}
	v := col.value()
	if neg {
		w.put("("+col.null(false)+" AND ("+v+" < ? OR "+v+" > ?))", col.arg(c.Low), col.arg(c.High))
		return
	}
	w.put("(" + col.null(false))
	if col.time { // bounds for the index, as compare writes them
		lo, _ := c.Low.(time.Time)
		hi, _ := c.High.(time.Time)
		w.put(" AND "+col.expr+" >= ? AND "+col.expr+" <= ?", lowerTimeBound(lo), upperTimeBound(hi))
	}
	w.put(" AND "+v+" >= ? AND "+v+" <= ?)", col.arg(c.Low), col.arg(c.High))
}

// like runs LIKE as GLOB, which SQLite compares case and all (its LIKE
// folds ASCII case), with the pattern translated (likeGlob).
func (w *condWriter) like(c estate.CondLike, neg bool) {
	col, ok := condColumn(c.Field)
	if !ok || col.kind != estate.FieldText {
		w.put("0")
		return
	}
	not := ""
	if neg {
		not = "NOT "
	}
	w.put("("+col.null(false)+" AND "+not+col.expr+" GLOB ?)", likeGlob(c.Pattern))
}

// likeGlob writes a LIKE pattern (estate.LikeTokens) as a GLOB pattern:
// GLOB's own special characters go in brackets, where they are literal.
func likeGlob(pattern string) string {
	var sb strings.Builder
	for _, t := range estate.LikeTokens(pattern) {
		switch {
		case t.Kind == estate.LikeAny:
			sb.WriteByte('*')
		case t.Kind == estate.LikeOne:
			sb.WriteByte('?')
		case t.Rune == '*' || t.Rune == '?' || t.Rune == '[':
			sb.WriteString("[" + string(t.Rune) + "]")
		default:
			sb.WriteRune(t.Rune)
		}
	}
	return sb.String()
}

// temporal runs c as the comparisons it stands for
// (estate.CondTemporal.Compares): all hold, or (negated) the field has a
// value and one fails.
func (w *condWriter) temporal(c estate.CondTemporal, neg bool) {
	col, ok := condColumn(c.Field)
	cs, never := c.Compares()
	switch {
	case !ok:
		w.put("0")
	case never: // false of any value: negated, the field's having one decides
		if neg {
			w.put(col.null(false))
		} else {
			w.put("0")
		}
	case len(cs) == 0: // true of any value: the field's having one decides
		if neg {
			w.put("0")
		} else {
			w.put(col.null(false))
		}
	default:
		all := make(estate.CondAll, len(cs))
		for i, cc := range cs {
			all[i] = cc
		}
		w.cond(all, neg)
	}
}

// spatial finds candidates through the R*Tree, by the shape's box, and
// tests the location exactly; negated, it tests only, as the answer is
// then most of the register.
func (w *condWriter) spatial(c estate.CondSpatial, neg bool) {
	within := c.Op == estate.SpatialWithin
	var box estate.BBox
	var exact string
	var args []any
	lt, gt := "<=", ">="
	if within {
		lt, gt = "<", ">"
	}
	switch {
	case c.Point != nil:
		box = estate.BBox{MinLon: c.Point.Lon, MinLat: c.Point.Lat, MaxLon: c.Point.Lon, MaxLat: c.Point.Lat}
		exact, args = `a.lon = ? AND a.lat = ?`, []any{c.Point.Lon, c.Point.Lat}
	case c.BBox != nil:
		box = *c.BBox
		exact = `a.lon ` + gt + ` ? AND a.lon ` + lt + ` ? AND a.lat ` + gt + ` ? AND a.lat ` + lt + ` ?`
		args = []any{box.MinLon, box.MaxLon, box.MinLat, box.MaxLat}
	case len(c.Polygon) > 0:
		box = estate.Bounds(c.Polygon[0][0], estate.MultiPolygon{toPolygon(c.Polygon)})
		b, _ := json.Marshal(c.Polygon)
		exact, args = `pt_in_polygon(a.lon, a.lat, ?, ?)`, []any{string(b), sqlBool(within)}
	default:
		w.put(sqlBool(neg))
		return
	}
	if neg {
		w.put("NOT ("+exact+")", args...)
		return
	}
	w.put(`(a.id IN (SELECT id FROM assets_rtree WHERE max_lon >= ? AND min_lon <= ? AND max_lat >= ? AND min_lat <= ?) AND `,
		box.MinLon, box.MaxLon, box.MinLat, box.MaxLat)
	w.put(exact+")", args...)
}

func toPolygon(rings [][]estate.Point) estate.Polygon {
	out := make(estate.Polygon, len(rings))
	for i, r := range rings {
		out[i] = r
	}
	return out
}
