package sqlite

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSortSTR checks sortSTR orders entries exactly as one sort by strip,
// latitude and id does, ties of strip and latitude included.
func TestSortSTR(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 5, 10_000} {
		cells := make([]rtreeCell, n)
		for i := range cells {
			// Few distinct latitudes, so many entries tie on them.
			lon, lat := float32(-3+3*r.Float64()), float32(51+float64(r.IntN(50))/10)
			cells[i] = rtreeCell{id: int64(r.IntN(1 << 40)), b: [4]float32{lon, lon, lat, lat}}
		}
		strip := func(c rtreeCell) int { return int(float64(c.b[0]+3) / 0.25) }
		want := slices.Clone(cells)
		slices.SortFunc(want, func(a, b rtreeCell) int {
			return cmp.Or(cmp.Compare(strip(a), strip(b)), cmp.Compare(a.b[2], b.b[2]), cmp.Compare(a.id, b.id))
		})
		if got := sortSTR(cells, strip); !slices.Equal(got, want) {
			t.Errorf("%d entries: sortSTR's order differs", n)
		}
	}
}

// TestWindowOrder checks a window's order is by key, then by place in
// the window, for a full window and for the part of one left at the end.
func TestWindowOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var w windowOrder
	for _, n := range []int{spatialWindow, 100} {
		keys := make([]uint64, n)
		var got []int32
		for i := range keys {
			keys[i] = uint64(r.IntN(1000)) << (2*hilbertOrder - 10) // ties, and the largest keys
			if o := w.add(keys[i]); o != nil {
				if i != n-1 {
					t.Fatalf("an order after %d rows", i+1)
				}
				got = o
			}
		}
		if got == nil {
			got = w.order()
		}
		want := make([]int32, n)
		for i := range want {
			want[i] = int32(i)
		}
		slices.SortStableFunc(want, func(a, b int32) int { return cmp.Compare(keys[a], keys[b]) })
		if !slices.Equal(got, want) {
			t.Errorf("%d rows: order differs", n)
		}
	}
	if w.order() != nil {
		t.Error("an order of no rows")
	}
}
