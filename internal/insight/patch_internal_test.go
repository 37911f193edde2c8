package insight

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
)

// TestPatch checks patch against rebuilding the slice plainly, on random
// edits, and that it leaves its input alone.
func TestPatch(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 200 {
		var old []*estate.Asset
		n := int64(rng.IntN(50))
		for id := int64(1); id <= n; id++ {
			if rng.IntN(4) > 0 {
				old = append(old, &estate.Asset{ID: id, Name: "old"})
			}
		}
		before := slices.Clone(old)
		byID := map[int64]*estate.Asset{}
		for _, a := range old {
			byID[a.ID] = a
		}
		var changed []*estate.Asset
		var deleted []int64
		for id := int64(1); id <= 60; id++ {
			switch rng.IntN(6) {
			case 0:
				a := &estate.Asset{ID: id, Name: "new", Sensitive: rng.IntN(2) == 0}
				changed = append(changed, a)
				byID[id] = a
			case 1:
				if byID[id] != nil {
					deleted = append(deleted, id)
					delete(byID, id)
				}
			}
		}
		keep := func(a *estate.Asset) bool { return !a.Sensitive }
		for _, k := range []func(*estate.Asset) bool{nil, keep} {
			var want []*estate.Asset
			for id := int64(1); id <= 60; id++ {
				if a := byID[id]; a != nil && (k == nil || a.Name == "old" || k(a)) {
					want = append(want, a)
				}
			}
			if got := patch(old, changed, deleted, k); !slices.Equal(got, want) {
				t.Fatalf("round %d: got %d assets, want %d", round, len(got), len(want))
			}
		}
		if !slices.Equal(old, before) {
			t.Fatalf("round %d: patch wrote its input", round)
		}
	}
}
