package sqlite

import (
	"cmp"
	"slices"
)

// sortSTR orders cells by strip, then latitude, then id: it deals them
// into their strips and sorts each strip, half of them on a goroutine of
// its own, as the other core is free by then. One comparison of strips
// and latitudes together cost more than the sorting itself.
func sortSTR(cells []rtreeCell, strip func(rtreeCell) int) []rtreeCell {
	var start []int // where each strip starts in out, then where it ends
	for _, c := range cells {
		s := strip(c)
		if s >= len(start) {
			start = append(start, make([]int, s+1-len(start))...)
		}
		start[s]++
	}
	n := 0
	for s, k := range start {
		start[s], n = n, n+k
	}
	out := make([]rtreeCell, len(cells))
	for _, c := range cells {
		s := strip(c)
		out[start[s]] = c
		start[s]++
	}
	// start[s] is now where strip s ends.
	sortStrips := func(from, to int) {
		lo := 0
		if from > 0 {
			lo = start[from-1]
		}
		for s := from; s < to; s++ {
			slices.SortFunc(out[lo:start[s]], func(a, b rtreeCell) int {
				return cmp.Or(cmp.Compare(a.b[2], b.b[2]), cmp.Compare(a.id, b.id))
			})
			lo = start[s]
		}
	}
	half := 0
	for half < len(start) && 2*start[half] < len(out) {
		half++
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		sortStrips(0, half)
	}()
	sortStrips(half, len(start))
	<-done
	return out
}
