package cql2

import "time"

// Expr is a boolean expression: the whole filter or one of its parts.
// Its concrete types are And, Or, Not, Boolean, Compare, Like, In,
// Between, IsNull, Spatial and Temporal.
type Expr interface{ isExpr() }

// Operand is what a predicate compares: a Property or a literal (String,
// Number, Boolean, Date, Timestamp, Interval, Point, BBox, Polygon).
type Operand interface{ isOperand() }

// And holds when every one of its two or more Args holds. "a AND b AND c"
// is one And of three; parentheses keep their own node.
type And struct{ Args []Expr }

// Or holds when any one of its two or more Args holds.
type Or struct{ Args []Expr }

// Not holds when Arg does not. "a NOT LIKE p", "a NOT IN (...)",
// "a NOT BETWEEN x AND y" and "a IS NOT NULL" are Not of the positive
// predicate, as cql2-json writes them.
type Not struct{ Arg Expr }

// CompareOp is a binary comparison operator, spelt as in cql2-text.
type CompareOp string

// The comparison operators of Basic CQL2.
const (
	Eq CompareOp = "="
	Ne CompareOp = "<>"
	Lt CompareOp = "<"
	Le CompareOp = "<="
	Gt CompareOp = ">"
	Ge CompareOp = ">="
)

// Compare is a binary comparison of two scalar operands (Property,
// String, Number, Boolean, Date, Timestamp).
type Compare struct {
	Op          CompareOp
	Left, Right Operand
}

// Like matches Arg against Pattern, a String where % is any run of
// characters and _ any one character.
type Like struct {
	Arg     Operand
	Pattern String
}

// In holds when Arg equals one of List (scalar literals or properties).
type In struct {
	Arg  Operand
	List []Operand
}

// Between holds when Low <= Arg <= High.
type Between struct{ Arg, Low, High Operand }

// IsNull holds when Arg has no value.
type IsNull struct{ Arg Operand }

// SpatialOp is a spatial comparison function, spelt as in cql2-text.
type SpatialOp string

// The spatial functions supported.
const (
	SIntersects SpatialOp = "S_INTERSECTS"
	SWithin     SpatialOp = "S_WITHIN"
)

// Spatial compares two geometries: a Property or a Point, BBox or Polygon.
type Spatial struct {
	Op          SpatialOp
	Left, Right Operand
}

// TemporalOp is a temporal comparison function, spelt as in cql2-text.
type TemporalOp string

// The temporal functions supported.
const (
	TIntersects TemporalOp = "T_INTERSECTS"
	TBefore     TemporalOp = "T_BEFORE"
	TAfter      TemporalOp = "T_AFTER"
)

// Temporal compares two times: a Property, Date, Timestamp or Interval.
type Temporal struct {
	Op          TemporalOp
	Left, Right Operand
}

// Property names a property of the items filtered.
type Property struct{ Name string }

// String is a character literal, unescaped.
type String struct{ Value string }

// Number is a numeric literal. Both encodings give a float64, so that
// 1 and 1.0 are the same tree.
type Number struct{ Value float64 }

// Boolean is TRUE or FALSE: an operand, or a whole expression.
type Boolean struct{ Value bool }

// Date is a calendar date, DATE('2024-01-31'): midnight UTC of that day.
type Date struct{ Value time.Time }

// Timestamp is an instant, TIMESTAMP('2024-01-31T12:00:00Z'), in UTC.
type Timestamp struct{ Value time.Time }

// Interval runs from Start to End, both included. Each end is a Date, a
// Timestamp, a Property, or nil when open ('..').
type Interval struct{ Start, End Operand }

// Point is a position: X is the longitude (or easting), Y the latitude.
type Point struct{ X, Y float64 }

// BBox is a box: BBOX(minx, miny, maxx, maxy) in text, {"bbox": [...]}
// in JSON. The draft spelling ENVELOPE(minx, maxx, maxy, miny) gives
// the same node.
type BBox struct{ MinX, MinY, MaxX, MaxY float64 }

// Polygon is an exterior ring then any holes, each closed (first point
// equals last) and of four points or more.
type Polygon struct{ Rings [][]Point }

func (And) isExpr()      {}
func (Or) isExpr()       {}
func (Not) isExpr()      {}
func (Boolean) isExpr()  {}
func (Compare) isExpr()  {}
func (Like) isExpr()     {}
func (In) isExpr()       {}
func (Between) isExpr()  {}
func (IsNull) isExpr()   {}
func (Spatial) isExpr()  {}
func (Temporal) isExpr() {}

func (Property) isOperand()  {}
func (String) isOperand()    {}
func (Number) isOperand()    {}
func (Boolean) isOperand()   {}
func (Date) isOperand()      {}
func (Timestamp) isOperand() {}
func (Interval) isOperand()  {}
func (Point) isOperand()     {}
func (BBox) isOperand()      {}
func (Polygon) isOperand()   {}
