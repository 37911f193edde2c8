package register

import (
	"math"
	"testing"
)

// TestNarrowReadsBackExactly: every figure reads back bit for bit,
// whether it fits in 32 bits or is kept whole, and a figure kept whole
// after a snapshot took the column leaves the snapshot's alone.
func TestNarrowReadsBackExactly(t *testing.T) {
	ints := []int64{0, 1, -1, math.MaxInt32, math.MinInt32, math.MinInt32 + 1, math.MaxInt32 + 1, math.MaxInt64, math.MinInt64, 100_000_000_000}
	floats := []float64{0, math.Copysign(0, -1), -2.2123456, 52.1900001, 180, -180, 1e-8, 1234.5, 1234.567, 1e300, math.Inf(1), math.NaN(), 0.1 + 0.2}
	n, f := newInts(), newFixed(coordScale)
	for _, x := range ints {
		n.addInt(x)
	}
	for _, x := range floats {
		f.addFixed(x, coordScale)
	}
	before := n // as a snapshot takes it
	n.shared = true
	n.addInt(math.MaxInt64 - 1)
	for i, x := range ints {
		if got := n.int(int32(i)); got != x {
			t.Errorf("int %d reads %d", x, got)
		}
	}
	for i, x := range floats {
		if got := f.fixed(int32(i), coordScale); math.Float64bits(got) != math.Float64bits(x) {
			t.Errorf("float %v reads %v", x, got)
		}
	}
	// Past int32, and MinInt32, which marks a figure kept whole.
	if len(before.wide) != 5 || len(n.wide) != 6 || n.int(int32(len(ints))) != math.MaxInt64-1 {
		t.Errorf("a snapshot's wide figures changed: %d, %d", len(before.wide), len(n.wide))
	}
	// -0, off the grid (1e-8, 0.1+0.2), too large (1234.567 is 1.2e10
	// tenths of a microdegree, 1e300, Inf) and NaN.
	if len(f.wide) != 7 {
		t.Errorf("%d of %d figures kept whole, want 7", len(f.wide), len(floats))
	}
	// Off the grid, a column is held whole, still exact.
	g := newFixed(coordScale)
	var want []float64
	for i := range 5000 {
		x := float64(i) * 1.00000003
		if i%2 == 0 {
			x = float64(i) / 8
		}
		g.addFixed(x, coordScale)
		want = append(want, x)
	}
	for i, x := range want {
		if got := g.fixed(int32(i), coordScale); got != x {
			t.Fatalf("row %d: %v reads %v", i, x, got)
		}
	}
	if g.full == nil || g.rows() != len(want) {
		t.Errorf("a column mostly off the grid is not held whole: %d rows", g.rows())
	}
}
