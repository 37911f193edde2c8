package cql2

import (
	"fmt"
	"sort"
	"strings"
)

// Type is what a queryable holds, as its JSON Schema says.
type Type int

// The types of queryables. Integer properties are Number.
const (
	TypeString Type = iota + 1
	TypeNumber
	TypeBoolean
	TypeDate      // a calendar date ("format": "date")
	TypeTimestamp // an instant ("format": "date-time")
	TypeGeometry
)

func (t Type) String() string {
	switch t {
	case TypeString:
		return "string"
	case TypeNumber:
		return "number"
	case TypeBoolean:
		return "boolean"
	case TypeDate:
		return "date"
	case TypeTimestamp:
		return "timestamp"
	case TypeGeometry:
		return "geometry"
	}
	return "unknown"
}

// Queryables maps each property a filter may name to its type.
type Queryables map[string]Type

// CheckError is a filter naming a property it may not, or comparing
// values of different types. Property is the name at fault, if one is.
type CheckError struct {
	Property string
	Msg      string
}

func (e *CheckError) Error() string { return "cql2: " + e.Msg }

// Check holds e to the queryables: every property is one of them, and
// every predicate compares values of one type that it can compare
// (LIKE strings, BETWEEN numbers, S_ geometries, T_ dates and times).
// The first fault is a *CheckError.
func Check(e Expr, q Queryables) error {
	c := checker{q}
	return c.expr(e)
}

type checker struct{ q Queryables }

func (c checker) expr(e Expr) error {
	switch e := e.(type) {
	case And:
		return c.all(e.Args)
	case Or:
		return c.all(e.Args)
	case Not:
		return c.expr(e.Arg)
	case Boolean:
		return nil
	case Compare:
		t, err := c.same(string(e.Op), e.Left, e.Right)
		if err == nil && e.Op != Eq && e.Op != Ne && t == TypeBoolean {
			err = &CheckError{propertyOf(e.Left, e.Right), fmt.Sprintf("%s does not order booleans", e.Op)}
		}
		return err
	case Like:
		t, err := c.same("LIKE", e.Arg, e.Pattern)
		if err == nil && t != TypeString {
			err = c.wrongType("LIKE", e.Arg, t, "strings")
		}
		return err
	case In:
		_, err := c.same("IN", append([]Operand{e.Arg}, e.List...)...)
		return err
	case Between:
		t, err := c.same("BETWEEN", e.Arg, e.Low, e.High)
		if err == nil && t != TypeNumber {
			err = c.wrongType("BETWEEN", e.Arg, t, "numbers")
		}
		return err
	case IsNull:
		_, err := c.typeOf(e.Arg)
		return err
	case Spatial:
		return c.kinds(string(e.Op), "geometries", []Operand{e.Left, e.Right}, TypeGeometry)
	case Temporal:
		return c.kinds(string(e.Op), "dates and timestamps", []Operand{e.Left, e.Right}, TypeDate, TypeTimestamp)
	}
	return fmt.Errorf("cql2: unknown expression %T", e)
}

func (c checker) all(es []Expr) error {
	for _, e := range es {
		if err := c.expr(e); err != nil {
			return err
		}
	}
	return nil
}

// typeOf is an operand's type; a property not queryable is an error.
func (c checker) typeOf(v Operand) (Type, error) {
	switch v := v.(type) {
	case Property:
		t, ok := c.q[v.Name]
		if !ok {
			return 0, &CheckError{v.Name, fmt.Sprintf("property %q is not queryable; queryables are %s", v.Name, c.names())}
		}
		return t, nil
	case String:
		return TypeString, nil
	case Number:
		return TypeNumber, nil
	case Boolean:
		return TypeBoolean, nil
	case Date:
		return TypeDate, nil
	case Timestamp:
		return TypeTimestamp, nil
	case Interval:
		for _, end := range []Operand{v.Start, v.End} {
			if end == nil {
				continue
			}
			if err := c.kinds("INTERVAL", "dates and timestamps", []Operand{end}, TypeDate, TypeTimestamp); err != nil {
				return 0, err
			}
		}
		return TypeTimestamp, nil
	case Point, BBox, Polygon:
		return TypeGeometry, nil
	}
	return 0, fmt.Errorf("cql2: unknown operand %T", v)
}

// same checks that the operands share one type, and returns it.
func (c checker) same(op string, vs ...Operand) (Type, error) {
	var first Type
	for i, v := range vs {
		t, err := c.typeOf(v)
		if err != nil {
			return 0, err
		}
		if t == TypeGeometry {
			return 0, c.wrongType(op, v, t, "strings, numbers, booleans, dates or timestamps")
		}
		if i == 0 {
			first = t
		} else if t != first {
			return 0, &CheckError{propertyOf(vs...), fmt.Sprintf("%s compares %s, a %s, with %s, a %s",
				op, operandText(vs[0]), first, operandText(v), t)}
		}
	}
	return first, nil
}

// kinds checks that each operand has one of the types.
func (c checker) kinds(op, what string, vs []Operand, types ...Type) error {
	for _, v := range vs {
		t, err := c.typeOf(v)
		if err != nil {
			return err
		}
		ok := false
		for _, want := range types {
			ok = ok || t == want
		}
		if !ok {
			return c.wrongType(op, v, t, what)
		}
	}
	return nil
}

func (c checker) wrongType(op string, v Operand, t Type, what string) error {
	return &CheckError{propertyOf(v), fmt.Sprintf("%s takes %s, but %s is a %s", op, what, operandText(v), t)}
}

func (c checker) names() string {
	names := make([]string, 0, len(c.q))
	for n := range c.q {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// propertyOf is the first property among vs, the one an error names.
func propertyOf(vs ...Operand) string {
	for _, v := range vs {
		if p, ok := v.(Property); ok {
			return p.Name
		}
	}
	return ""
}
