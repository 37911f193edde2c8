package sqlite

import (
	"time"

	"github.com/placetrust/placetrust/internal/estate"
)

// condCol is how the assets table holds a queryable field.
type condCol struct {
	expr string // the column, as a.name
	kind estate.FieldKind
	time bool // RFC 3339 text, compared through pt_time_key
}

// condColumn returns the column of a queryable field.
func condColumn(field string) (condCol, bool) {
	f, ok := estate.FieldByName(field)
	if !ok {
		return condCol{}, false
	}
	name := f.Name
	if name == "partner" {
		name = "partner_id"
	}
	col := condCol{expr: "a." + name, kind: f.Kind, time: f.Kind == estate.FieldInstant || f.Kind == estate.FieldStamp}
	switch f.Kind {
	case estate.FieldText, estate.FieldReal, estate.FieldWhole, estate.FieldVersion, estate.FieldFlag:
	default:
		if !col.time {
			return condCol{}, false
		}
	}
	return col, true
}

// null writes the test that the field is null, or (not) that it has a
// value: blank text and an absent time are stored as ”.
func (c condCol) null(is bool) string {
	switch {
	case c.kind == estate.FieldText || c.time:
		if is {
			return c.expr + " = ''"
		}
		return c.expr + " <> ''"
	case c.kind == estate.FieldReal || c.kind == estate.FieldWhole:
		if is {
			return c.expr + " IS NULL"
		}
		return c.expr + " IS NOT NULL"
	}
	return sqlBool(!is) // never null
}

// value is the expression compared with a condition's values.
func (c condCol) value() string {
	if c.time {
		return "pt_time_key(" + c.expr + ")"
	}
	return c.expr
}

// arg is a condition's value as the column compares with it.
func (c condCol) arg(v any) any {
	switch v := v.(type) {
	case time.Time:
		return v.UTC().Format(keyLayout)
	case bool:
		if v {
			return int64(1)
		}
		return int64(0)
	}
	return v
}
