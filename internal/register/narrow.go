package register

import (
	"maps"
	"math"
)

// narrow is a column of 64-bit figures held in 32 bits a row: nearly
// every id, sum of money, floor area and coordinate of a register fits,
// and the rare one that does not is kept whole in wide, so every figure
// reads back exactly. wide is shared with the snapshots taken from it,
// and copied before the builder next writes to it. A column where many
// do not fit (coordinates off the register's grid, say) is held whole,
// in full, from then on.
type narrow struct {
	v      []int32 // spill: the row's figure is in wide
	wide   map[int32]int64
	shared bool
	full   []int64 // when set, every row's figure, and v and wide are unused
	long   func(short int32) int64
}

// newNarrow returns a column whose short figures mean long(short) held
// whole.
func newNarrow(long func(short int32) int64) narrow { return narrow{long: long} }

const spill = math.MinInt32

// add appends a row: short when fits, else long kept aside.
func (n *narrow) add(short int32, fits bool, long int64) {
	switch {
	case n.full != nil:
		n.full = append(n.full, long)
		return
	case fits && short != spill:
		n.v = append(n.v, short)
		return
	case len(n.wide) > 1024+len(n.v)/64:
		full := make([]int64, len(n.v), len(n.v)+len(n.v)/4+1)
		for row := range full {
			full[row] = n.whole(int32(row))
		}
		n.v, n.wide, n.full = nil, nil, append(full, long)
		return
	}
	if n.wide == nil || n.shared {
		n.wide, n.shared = maps.Clone(n.wide), false
		if n.wide == nil {
			n.wide = map[int32]int64{}
		}
	}
	n.wide[int32(len(n.v))] = long
	n.v = append(n.v, spill)
}

// at is the row's short figure, or its long one with spilled set.
func (n *narrow) at(row int32) (short int32, long int64, spilled bool) {
	if n.full != nil {
		return 0, n.full[row], true
	}
	if s := n.v[row]; s != spill {
		return s, 0, false
	}
	return 0, n.wide[row], true
}

// whole is the row's figure held whole.
func (n *narrow) whole(row int32) int64 {
	s, l, spilled := n.at(row)
	if spilled {
		return l
	}
	return n.long(s)
}

// rows is how many rows the column has.
func (n *narrow) rows() int {
	if n.full != nil {
		return len(n.full)
	}
	return len(n.v)
}

// clip returns s in an array of its length, dropping what growing it by
// append left spare.
func clip[T any](s []T) []T {
	if s == nil {
		return nil
	}
	return append(make([]T, 0, len(s)), s...)
}

func (n *narrow) addInt(x int64) { n.add(int32(x), x >= math.MinInt32 && x <= math.MaxInt32, x) }

func (n *narrow) int(row int32) int64 {
	s, l, spilled := n.at(row)
	if spilled {
		return l
	}
	return int64(s)
}

// newInts is a column of whole numbers.
func newInts() narrow { return newNarrow(func(s int32) int64 { return int64(s) }) }

// newFixed is a column of numbers in 1/scale.
func newFixed(scale float64) narrow {
	return newNarrow(func(s int32) int64 { return int64(math.Float64bits(float64(s) / scale)) })
}

// addFixed appends f as a whole number of 1/scale when that reads back
// as exactly f (coordinates are stored to 1e-7 degree, floor areas
// mostly to the square metre), else its bits.
func (n *narrow) addFixed(f, scale float64) {
	k := math.Round(f * scale)
	fits := k >= math.MinInt32 && k <= math.MaxInt32 && math.Float64bits(float64(int32(k))/scale) == math.Float64bits(f)
	n.add(int32(k), fits, int64(math.Float64bits(f)))
}

func (n *narrow) fixed(row int32, scale float64) float64 {
	s, l, spilled := n.at(row)
	if spilled {
		return math.Float64frombits(uint64(l))
	}
	return float64(s) / scale
}
