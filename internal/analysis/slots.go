package analysis

import (
	"cmp"
	"slices"
)

// slots gives each key (a partner, a group) one T, in the order keys are
// first met. Consecutive assets usually share a key (one partner's list
// is loaded together), so the map is rarely consulted.
type slots[T any] struct {
	index map[string]int
	keys  []string
	slots []T
	last  int // the slot of keys[last], or -1
}

func newSlots[T any]() *slots[T] {
	return &slots[T]{index: map[string]int{}, last: -1}
}

// at is key's slot, made empty on first use.
func (s *slots[T]) at(key string) *T {
	if s.last < 0 || s.keys[s.last] != key {
		i, ok := s.index[key]
		if !ok {
			i = len(s.keys)
			s.index[key] = i
			s.keys = append(s.keys, key)
			var zero T
			s.slots = append(s.slots, zero)
		}
		s.last = i
	}
	return &s.slots[s.last]
}

// byName is the indexes of partners in name order, for output that does
// not depend on the order assets came in.
func byName(partners []string) []int {
	order := make([]int, len(partners))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(partners[a], partners[b]) })
	return order
}
