package estate

import "time"

// Cond is a condition on an asset's fields, beyond what a Selection's
// members say: what OGC API's CQL2 filter reads into (the HTTP layer
// translates the parsed expression; this package knows nothing of CQL2's
// syntax). Each store compiles it to its own query, using its indexes
// where the condition allows; MatchCond evaluates it in Go, the one
// reference every store is held to.
//
// Its concrete types are CondAll, CondAny, CondNot, CondConst,
// CondCompare, CondIn, CondBetween, CondLike, CondIsNull, CondSpatial and
// CondTemporal.
//
// CheckCond (through Selection.Check) refuses what no store can run;
// MarshalCond and UnmarshalCond are its JSON form, the filter member of
// a Selection's JSON.
//
// Fields are named as in Fields (QueryableFields says which); values are
// typed by the field: string for text (a Date field's as YYYY-MM-DD),
// float64 for figures, whole numbers and the version, bool for flags, time.Time for moments. A field
// with no value (blank text, an unknown figure or moment) is null: a
// comparison with it is unknown, as in SQL, and so is its NOT; only
// CondIsNull tests it. A condition selects the assets for which it is
// true.
type Cond interface{ isCond() }

// CondAll holds when every one of its conditions does (AND).
type CondAll []Cond

// CondAny holds when any one of its conditions does (OR).
type CondAny []Cond

// CondNot holds when its condition is false (unknown stays unknown).
type CondNot struct{ Cond Cond }

// CondConst is TRUE or FALSE.
type CondConst bool

// CondOp is a comparison operator.
type CondOp string

// The comparison operators.
const (
	OpEq CondOp = "="
	OpNe CondOp = "<>"
	OpLt CondOp = "<"
	OpLe CondOp = "<="
	OpGt CondOp = ">"
	OpGe CondOp = ">="
)

// CondCompare compares a field with a value. Text compares by code
// point, case and all (as Go compares strings, and as PostgreSQL's "C"
// collation and SQLite's BINARY do).
type CondCompare struct {
	Field string
	Op    CondOp
	Value any
}

// CondIn holds when the field equals one of Values.
type CondIn struct {
	Field  string
	Values []any
}

// CondBetween holds when Low <= field <= High.
type CondBetween struct {
	Field     string
	Low, High any
}

// CondLike matches a text field against Pattern: % is any run of
// characters, _ any one character, and a backslash makes the character
// after it literal. Case counts, as in CQL2 without CASEI.
type CondLike struct {
	Field   string
	Pattern string
}

// CondIsNull holds when the field has no value.
type CondIsNull struct{ Field string }

// SpatialOp is how an asset's location relates to a shape.
type SpatialOp string

// The spatial relations. Intersects includes the shape's boundary;
// Within is the interior only (a point on a polygon's edge, or on a
// box's, is not within it).
const (
	SpatialIntersects SpatialOp = "intersects"
	SpatialWithin     SpatialOp = "within"
)

// CondSpatial relates the asset's location (its point, the feature's
// geometry; not its footprint) to a shape in CRS84: exactly one of
// Point, BBox or Polygon is set. A Polygon is an exterior ring then
// holes, each closed, in lon/lat.
type CondSpatial struct {
	Op      SpatialOp
	Point   *Point
	BBox    *BBox
	Polygon [][]Point
}

// TemporalOp is how a field's time relates to an interval.
type TemporalOp string

// The temporal relations, on closed intervals: a moment field is an
// instant; a Date field is its whole UTC day, from its first instant to
// the last before the next day.
const (
	TemporalIntersects TemporalOp = "intersects" // they share an instant
	TemporalBefore     TemporalOp = "before"     // the field ends before From
	TemporalAfter      TemporalOp = "after"      // the field starts after To
)

// CondTemporal relates a moment or Date field to the interval From..To,
// both included; a zero end is open. An instant is From == To.
type CondTemporal struct {
	Field    string
	Op       TemporalOp
	From, To time.Time
}

func (CondAll) isCond()      {}
func (CondAny) isCond()      {}
func (CondNot) isCond()      {}
func (CondConst) isCond()    {}
func (CondCompare) isCond()  {}
func (CondIn) isCond()       {}
func (CondBetween) isCond()  {}
func (CondLike) isCond()     {}
func (CondIsNull) isCond()   {}
func (CondSpatial) isCond()  {}
func (CondTemporal) isCond() {}

// QueryableFields are the fields a Cond may name: the scalar fields
// every reader of a feature may see (no money, no officers' words, no
// bookkeeping flag), and the location, which CondSpatial tests. A filter
// on a field a reader cannot see would tell them its value.
var QueryableFields = fieldsWhere(func(f *Field) bool {
	if f.Money || f.People || f.Name == "sensitive" {
		return false
	}
	switch f.Kind {
	case FieldText, FieldReal, FieldWhole, FieldFlag, FieldInstant, FieldStamp, FieldVersion, FieldPoint:
		return true
	}
	return false
})
