package estate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"time"
)

// condJSON is a Cond's own JSON form, the filter member of a Selection's
// JSON (what OGC API's counts are keyed by): one object per condition,
// such as {"op":"=","field":"rag","value":"green"}. It is estate's, not
// CQL2's: the same condition always writes the same bytes. Times are RFC
// 3339 in UTC; numbers are written as Go's shortest round-trip form.
type condJSON struct {
	Op      string            `json:"op"`
	Field   string            `json:"field,omitempty"`
	Value   json.RawMessage   `json:"value,omitempty"`
	Values  []json.RawMessage `json:"values,omitempty"`
	Low     json.RawMessage   `json:"low,omitempty"`
	High    json.RawMessage   `json:"high,omitempty"`
	Pattern *string           `json:"pattern,omitempty"`
	Point   []float64         `json:"point,omitempty"`
	BBox    []float64         `json:"bbox,omitempty"`
	Polygon [][][]float64     `json:"polygon,omitempty"`
	From    string            `json:"from,omitempty"`
	To      string            `json:"to,omitempty"`
	Args    *[]condJSON       `json:"args,omitempty"`
}

// The ops of the JSON form that are not comparison operators.
const (
	jsonAnd     = "and"
	jsonOr      = "or"
	jsonNot     = "not"
	jsonConst   = "const"
	jsonIn      = "in"
	jsonBetween = "between"
	jsonLike    = "like"
	jsonIsNull  = "isnull"
)

// MarshalCond writes c in its JSON form; a value of a type no Cond holds
// (or a NaN) is an error.
func MarshalCond(c Cond) ([]byte, error) {
	j, err := condToJSON(c)
	if err != nil {
		return nil, err
	}
	return json.Marshal(j)
}

func condToJSON(c Cond) (condJSON, error) {
	var err error
	val := func(v any) json.RawMessage {
		b, e := marshalCondValue(v)
		if e != nil && err == nil {
			err = e
		}
		return b
	}
	args := func(op string, cs ...Cond) condJSON {
		out := make([]condJSON, 0, len(cs))
		for _, s := range cs {
			j, e := condToJSON(s)
			if e != nil && err == nil {
				err = e
			}
			out = append(out, j)
		}
		return condJSON{Op: op, Args: &out}
	}
	var j condJSON
	switch c := c.(type) {
	case CondAll:
		j = args(jsonAnd, c...)
	case CondAny:
		j = args(jsonOr, c...)
	case CondNot:
		j = args(jsonNot, c.Cond)
	case CondConst:
		j = condJSON{Op: jsonConst, Value: val(bool(c))}
	case CondCompare:
		j = condJSON{Op: string(c.Op), Field: c.Field, Value: val(c.Value)}
	case CondIn:
		j = condJSON{Op: jsonIn, Field: c.Field, Values: make([]json.RawMessage, len(c.Values))}
		for i, v := range c.Values {
			j.Values[i] = val(v)
		}
	case CondBetween:
		j = condJSON{Op: jsonBetween, Field: c.Field, Low: val(c.Low), High: val(c.High)}
	case CondLike:
		j = condJSON{Op: jsonLike, Field: c.Field, Pattern: &c.Pattern}
	case CondIsNull:
		j = condJSON{Op: jsonIsNull, Field: c.Field}
	case CondSpatial:
		j = condJSON{Op: "s_" + string(c.Op)}
		switch {
		case c.Point != nil:
			j.Point = []float64{c.Point.Lon, c.Point.Lat}
		case c.BBox != nil:
			j.BBox = []float64{c.BBox.MinLon, c.BBox.MinLat, c.BBox.MaxLon, c.BBox.MaxLat}
		default:
			j.Polygon = make([][][]float64, len(c.Polygon))
			for i, r := range c.Polygon {
				j.Polygon[i] = make([][]float64, len(r))
				for k, p := range r {
					j.Polygon[i][k] = []float64{p.Lon, p.Lat}
				}
			}
		}
	case CondTemporal:
		j = condJSON{Op: "t_" + string(c.Op), Field: c.Field, From: jsonTime(c.From), To: jsonTime(c.To)}
	default:
		return j, fmt.Errorf("estate: a condition of type %T has no JSON form", c)
	}
	return j, err
}

func jsonTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

func marshalCondValue(v any) (json.RawMessage, error) {
	switch v := v.(type) {
	case string, bool:
		return json.Marshal(v)
	case float64:
		return json.Marshal(v) // shortest form that parses back to v
	case time.Time:
		return json.Marshal(jsonTime(v))
	}
	return nil, fmt.Errorf("estate: a condition value of type %T has no JSON form", v)
}

// UnmarshalCond reads a condition as MarshalCond writes it. A value is
// typed by its field: a string for a timestamp property becomes a
// time.Time. What is not a condition's shape is an EINVALID error naming
// filter; values are left for CheckCond.
func UnmarshalCond(b []byte) (Cond, error) {
	var j condJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return nil, memberError(MemberFilter, "is not a condition: "+err.Error())
	}
	c, err := condFromJSON(&j)
	if err != nil {
		return nil, memberError(MemberFilter, err.Error())
	}
	return c, nil
}

func condFromJSON(j *condJSON) (Cond, error) {
	var err error
	val := func(raw json.RawMessage) any {
		v, e := unmarshalCondValue(j.Field, raw)
		if e != nil && err == nil {
			err = e
		}
		return v
	}
	subs := func() []Cond {
		if j.Args == nil {
			err = fmt.Errorf("%s takes args", j.Op)
			return nil
		}
		out := make([]Cond, len(*j.Args))
		for i := range *j.Args {
			c, e := condFromJSON(&(*j.Args)[i])
			if e != nil && err == nil {
				err = e
			}
			out[i] = c
		}
		return out
	}
	var c Cond
	switch op := j.Op; op {
	case jsonAnd:
		c = CondAll(subs())
	case jsonOr:
		c = CondAny(subs())
	case jsonNot:
		s := subs()
		if len(s) != 1 && err == nil {
			err = fmt.Errorf("not takes one condition")
		}
		if err == nil {
			c = CondNot{s[0]}
		}
	case jsonConst:
		b, ok := val(j.Value).(bool)
		if !ok && err == nil {
			err = fmt.Errorf("const takes true or false")
		}
		c = CondConst(b)
	case string(OpEq), string(OpNe), string(OpLt), string(OpLe), string(OpGt), string(OpGe):
		c = CondCompare{Field: j.Field, Op: CondOp(op), Value: val(j.Value)}
	case jsonIn:
		in := CondIn{Field: j.Field, Values: make([]any, len(j.Values))}
		for i, raw := range j.Values {
			in.Values[i] = val(raw)
		}
		c = in
	case jsonBetween:
		c = CondBetween{Field: j.Field, Low: val(j.Low), High: val(j.High)}
	case jsonLike:
		if j.Pattern == nil {
			return nil, fmt.Errorf("like takes a pattern")
		}
		c = CondLike{Field: j.Field, Pattern: *j.Pattern}
	case jsonIsNull:
		c = CondIsNull{Field: j.Field}
	case "s_" + string(SpatialIntersects), "s_" + string(SpatialWithin):
		c, err = spatialFromJSON(j)
	case "t_" + string(TemporalIntersects), "t_" + string(TemporalBefore), "t_" + string(TemporalAfter):
		t := CondTemporal{Field: j.Field, Op: TemporalOp(op[2:])}
		t.From, err = timeFromJSON(j.From)
		if err == nil {
			t.To, err = timeFromJSON(j.To)
		}
		c = t
	default:
		return nil, fmt.Errorf("has an unknown op %q", op)
	}
	return c, err
}

func spatialFromJSON(j *condJSON) (Cond, error) {
	c := CondSpatial{Op: SpatialOp(j.Op[2:])}
	switch {
	case j.Point != nil:
		p, err := NearOf(j.Point)
		if err != nil {
			return nil, fmt.Errorf("point must be two numbers: lon,lat")
		}
		c.Point = p
	case j.BBox != nil:
		b, err := BBoxOf(j.BBox)
		if err != nil {
			return nil, fmt.Errorf("bbox must be four numbers: minLon,minLat,maxLon,maxLat")
		}
		c.BBox = b
	case j.Polygon != nil:
		c.Polygon = make([][]Point, len(j.Polygon))
		for i, r := range j.Polygon {
			c.Polygon[i] = make([]Point, len(r))
			for k, p := range r {
				if len(p) != 2 {
					return nil, fmt.Errorf("polygon positions must be two numbers: lon,lat")
				}
				c.Polygon[i][k] = Point{Lon: p[0], Lat: p[1]}
			}
		}
	}
	return c, nil
}

func timeFromJSON(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not an RFC 3339 time", s)
	}
	return t.UTC(), nil
}

// unmarshalCondValue reads a string, number or boolean; a string for a
// timestamp property is read as its time.
func unmarshalCondValue(field string, raw json.RawMessage) (any, error) {
	if len(raw) == 0 {
		return nil, nil
	}
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, err
	}
	switch v := v.(type) {
	case json.Number:
		return strconv.ParseFloat(string(v), 64)
	case string:
		if queryableKind(field) == kindTime && v != "" {
			if t, err := timeFromJSON(v); err == nil {
				return t, nil
			}
		}
		return v, nil
	case bool, nil:
		return v, nil
	}
	return nil, fmt.Errorf("a value must be a string, number or boolean")
}
