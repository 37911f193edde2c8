package estate

import "time"

// Compares rewrites c as comparisons on its field's stored value, all of
// which must hold, so that a store runs a temporal condition as it runs
// comparisons (and with their indexes). A moment field compares with c's
// times. A Date field, its whole UTC day, compares its YYYY-MM-DD text
// with the days of c's ends: the day meets From when it is From's day or
// later, and ends before From when it is an earlier day. never is true
// when c holds for no value (before an open start, after an open end).
// c is assumed checked (CheckCond).
func (c CondTemporal) Compares() (cs []CondCompare, never bool) {
	f, _ := FieldByName(c.Field)
	date := f != nil && f.Date
	bound := func(op CondOp, t time.Time) CondCompare {
		if date {
			return CondCompare{Field: c.Field, Op: op, Value: t.UTC().Format(time.DateOnly)}
		}
		return CondCompare{Field: c.Field, Op: op, Value: t}
	}
	switch c.Op {
	case TemporalIntersects:
		if !c.From.IsZero() {
			cs = append(cs, bound(OpGe, c.From))
		}
		if !c.To.IsZero() {
			cs = append(cs, bound(OpLe, c.To))
		}
	case TemporalBefore:
		if c.From.IsZero() {
			return nil, true
		}
		cs = append(cs, bound(OpLt, c.From))
	case TemporalAfter:
		if c.To.IsZero() {
			return nil, true
		}
		cs = append(cs, bound(OpGt, c.To))
	default:
		return nil, true
	}
	return cs, false
}
