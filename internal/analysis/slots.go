package analysis

import (
	"cmp"
	"slices"
)

// partnerSlots gives each partner one T, in the order partners are first
// met. Consecutive assets usually share a partner, so the map is rarely
// consulted.
type partnerSlots[T any] struct {
	index    map[string]int
	partners []string
	slots    []T
	last     int // the slot of partners[last], or -1
}

func newPartnerSlots[T any]() *partnerSlots[T] {
	return &partnerSlots[T]{index: map[string]int{}, last: -1}
}

// at is partner's slot, made empty on first use.
func (s *partnerSlots[T]) at(partner string) *T {
	if s.last < 0 || s.partners[s.last] != partner {
		i, ok := s.index[partner]
		if !ok {
			i = len(s.partners)
			s.index[partner] = i
			s.partners = append(s.partners, partner)
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
