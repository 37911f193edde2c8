package estate

import (
	"slices"
	"testing"
)

// TestChangesOf: every named id the store did not find was deleted,
// wherever it falls among those it did.
func TestChangesOf(t *testing.T) {
	found := func(ids ...int64) []*Asset {
		out := []*Asset{}
		for _, id := range ids {
			out = append(out, &Asset{ID: id})
		}
		return out
	}
	for _, tc := range []struct {
		ids, found, deleted []int64
	}{
		{[]int64{1, 2, 3}, []int64{1, 2, 3}, nil},
		{[]int64{1, 2, 3}, nil, []int64{1, 2, 3}},
		{[]int64{1, 2, 3, 4, 5}, []int64{2, 4}, []int64{1, 3, 5}},
		{[]int64{7}, []int64{7}, nil},
	} {
		ch := ChangesOf(9, tc.ids, found(tc.found...))
		if ch.Version != 9 || len(ch.Changed) != len(tc.found) || !slices.Equal(ch.Deleted, tc.deleted) {
			t.Errorf("ids %v, found %v: %+v, want deleted %v", tc.ids, tc.found, ch, tc.deleted)
		}
	}
}
