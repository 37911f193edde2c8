package httpapi

import (
	"time"

	"github.com/placetrust/placetrust/internal/cql2"
	"github.com/placetrust/placetrust/internal/estate"
)

// condReader translates a checked cql2 expression (cql2.Check against
// filterQueryables) into an estate.Cond: a property named on one side and
// literals typed by its field on the other, literal geometries in CRS84.
// What a Cond cannot say (two properties compared, an interval ending at
// a property) is refused, naming the filter.
type condReader struct {
	// geom converts a literal geometry from filter-crs to CRS84.
	geom func(cql2.Operand) (shape, error)
}

// flipped is op with its operands swapped: 1 < x is x > 1.
var flipped = map[cql2.CompareOp]cql2.CompareOp{cql2.Eq: cql2.Eq, cql2.Ne: cql2.Ne,
	cql2.Lt: cql2.Gt, cql2.Le: cql2.Ge, cql2.Gt: cql2.Lt, cql2.Ge: cql2.Le}

func (t condReader) expr(e cql2.Expr) (estate.Cond, error) {
	switch e := e.(type) {
	case cql2.And:
		out, err := t.all(e.Args)
		return estate.CondAll(out), err
	case cql2.Or:
		out, err := t.all(e.Args)
		return estate.CondAny(out), err
	case cql2.Not:
		c, err := t.expr(e.Arg)
		return estate.CondNot{Cond: c}, err
	case cql2.Boolean:
		return estate.CondConst(e.Value), nil
	case cql2.Compare:
		return t.compare(e)
	case cql2.Like:
		p, ok := e.Arg.(cql2.Property)
		if !ok {
			return nil, unsupported("LIKE needs a property on its left: %s", cql2.Text(e))
		}
		return estate.CondLike{Field: p.Name, Pattern: e.Pattern.Value}, nil
	case cql2.In:
		return t.in(e)
	case cql2.Between:
		p, ok := e.Arg.(cql2.Property)
		if !ok {
			return nil, unsupported("BETWEEN needs a property on its left: %s", cql2.Text(e))
		}
		lo, err := t.value(p, e.Low, e)
		if err != nil {
			return nil, err
		}
		hi, err := t.value(p, e.High, e)
		return estate.CondBetween{Field: p.Name, Low: lo, High: hi}, err
	case cql2.IsNull:
		p, ok := e.Arg.(cql2.Property)
		switch {
		case !ok:
			return estate.CondConst(false), nil // a literal always has a value
		case p.Name == geometryQueryable:
			return estate.CondConst(false), nil // every asset has a location
		}
		return estate.CondIsNull{Field: p.Name}, nil
	case cql2.Spatial:
		return t.spatial(e)
	case cql2.Temporal:
		return t.temporal(e)
	}
	return nil, unsupported("cannot be applied: %T", e)
}

func (t condReader) all(es []cql2.Expr) ([]estate.Cond, error) {
	out := make([]estate.Cond, len(es))
	for i, e := range es {
		c, err := t.expr(e)
		if err != nil {
			return nil, err
		}
		out[i] = c
	}
	return out, nil
}

func (t condReader) compare(e cql2.Compare) (estate.Cond, error) {
	lp, lok := e.Left.(cql2.Property)
	rp, rok := e.Right.(cql2.Property)
	op, other := e.Op, e.Right
	switch {
	case lok && rok:
		return nil, unsupported("compares two properties (%s), which this server does not support: compare a property with a value", cql2.Text(e))
	case !lok && !rok:
		return nil, unsupported("compares two values (%s): name a property on one side", cql2.Text(e))
	case rok:
		lp, op, other = rp, flipped[e.Op], e.Left
	}
	v, err := t.value(lp, other, e)
	return estate.CondCompare{Field: lp.Name, Op: estate.CondOp(op), Value: v}, err
}

func (t condReader) in(e cql2.In) (estate.Cond, error) {
	p, ok := e.Arg.(cql2.Property)
	if !ok {
		return nil, unsupported("IN needs a property on its left: %s", cql2.Text(e))
	}
	vs := make([]any, len(e.List))
	for i, o := range e.List {
		v, err := t.value(p, o, e)
		if err != nil {
			return nil, err
		}
		vs[i] = v
	}
	return estate.CondIn{Field: p.Name, Values: vs}, nil
}

// value is literal o as Cond holds a value of p's field: text as string
// (a Date field's as YYYY-MM-DD), numbers float64, moments time.Time.
// cql2.Check has made sure o has the field's type.
func (t condReader) value(p cql2.Property, o cql2.Operand, e cql2.Expr) (any, error) {
	switch o := o.(type) {
	case cql2.String:
		return o.Value, nil
	case cql2.Number:
		return o.Value, nil
	case cql2.Boolean:
		return o.Value, nil
	case cql2.Date:
		return o.Value.Format(time.DateOnly), nil
	case cql2.Timestamp:
		return o.Value, nil
	case cql2.Property:
		return nil, unsupported("compares %s with another property, %s, which this server does not support: compare a property with a value",
			p.Name, o.Name)
	}
	return nil, unsupported("cannot compare %s with %s", p.Name, cql2.Text(e))
}

// spatial relates the location to a literal shape, the geometry property
// on either side.
func (t condReader) spatial(e cql2.Spatial) (estate.Cond, error) {
	_, lok := e.Left.(cql2.Property)
	_, rok := e.Right.(cql2.Property)
	if lok == rok {
		return nil, unsupported("%s needs the geometry property on one side and a POINT, BBOX or POLYGON on the other: %s",
			e.Op, cql2.Text(e))
	}
	lit := e.Right
	if rok {
		lit = e.Left
	}
	s, err := t.geom(lit)
	if err != nil {
		return nil, err
	}
	if e.Op == cql2.SIntersects {
		return s.cond(estate.SpatialIntersects), nil
	}
	if lok {
		return s.cond(estate.SpatialWithin), nil
	}
	// S_WITHIN(shape, geometry): a shape within an asset's point is that
	// very point; a box or polygon with an area never is.
	if s.point != nil {
		return s.cond(estate.SpatialIntersects), nil
	}
	return estate.CondConst(false), nil
}

// temporal relates a Date or moment field to a literal date, timestamp
// or interval, the property on either side.
func (t condReader) temporal(e cql2.Temporal) (estate.Cond, error) {
	p, lok := e.Left.(cql2.Property)
	rp, rok := e.Right.(cql2.Property)
	lit, op := e.Right, e.Op
	switch {
	case lok == rok:
		return nil, unsupported("%s needs a date or timestamp property on one side and a DATE, TIMESTAMP or INTERVAL on the other: %s",
			e.Op, cql2.Text(e))
	case rok:
		p, lit = rp, e.Left
		switch op { // T_BEFORE(t, x) is T_AFTER(x, t)
		case cql2.TBefore:
			op = cql2.TAfter
		case cql2.TAfter:
			op = cql2.TBefore
		}
	}
	from, to, err := span(lit, e)
	if err != nil {
		return nil, err
	}
	c := estate.CondTemporal{Field: p.Name, From: from, To: to}
	switch op {
	case cql2.TIntersects:
		c.Op = estate.TemporalIntersects
	case cql2.TBefore:
		c.Op = estate.TemporalBefore
	case cql2.TAfter:
		c.Op = estate.TemporalAfter
	}
	return c, nil
}

// span is a literal time as a closed interval: a date is its whole UTC
// day, a timestamp an instant, an interval's open end the zero time.
func span(o cql2.Operand, e cql2.Expr) (from, to time.Time, err error) {
	switch o := o.(type) {
	case cql2.Date:
		return o.Value, endOfDay(o.Value), nil
	case cql2.Timestamp:
		return o.Value, o.Value, nil
	case cql2.Interval:
		for i, end := range []cql2.Operand{o.Start, o.End} {
			var v time.Time
			switch end := end.(type) {
			case nil:
			case cql2.Date:
				v = end.Value
				if i == 1 {
					v = endOfDay(end.Value)
				}
			case cql2.Timestamp:
				v = end.Value
			default:
				return from, to, unsupported("an INTERVAL whose end is a property cannot be applied by this server: give its ends as dates, timestamps or '..' (%s)",
					cql2.Text(e))
			}
			if i == 0 {
				from = v
			} else {
				to = v
			}
		}
		return from, to, nil
	}
	return from, to, unsupported("cannot compare times with %s", cql2.Text(e))
}

// endOfDay is the last instant of d's UTC day, as a Date field's day ends
// (estate.CondTemporal), to the microsecond, the finest time a Cond holds.
func endOfDay(d time.Time) time.Time { return d.Add(24*time.Hour - time.Microsecond) }
