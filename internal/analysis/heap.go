package analysis

// hubHeap is a max-heap of hub sites by annual saving, ties by lowest
// asset id, that can change or remove any hub in place. container/heap
// could do it too; a typed one avoids an interface call per comparison on
// a million hubs.
type hubHeap struct {
	sites  []site
	items  []int32 // site indices in heap order
	saving []int64 // by site index: the key while in the heap
	pos    []int32 // by site index: position in items, -1 when absent
}

func newHubHeap(sites []site) hubHeap {
	h := hubHeap{sites: sites, saving: make([]int64, len(sites)), pos: make([]int32, len(sites))}
	for i := range h.pos {
		h.pos[i] = -1
	}
	return h
}

func (h *hubHeap) len() int { return len(h.items) }

// before reports whether site a comes out of the heap before site b.
func (h *hubHeap) before(a, b int32) bool {
	if h.saving[a] != h.saving[b] {
		return h.saving[a] > h.saving[b]
	}
	return h.sites[a].id < h.sites[b].id
}

// set puts site i in the heap with key saving, or changes its key.
func (h *hubHeap) set(i int32, saving int64) {
	h.saving[i] = saving
	p := h.pos[i]
	if p < 0 {
		p = int32(len(h.items))
		h.items = append(h.items, i)
		h.pos[i] = p
	}
	if !h.up(p) {
		h.down(p)
	}
}

// remove takes site i out of the heap if it is there.
func (h *hubHeap) remove(i int32) {
	p := h.pos[i]
	if p < 0 {
		return
	}
	last := int32(len(h.items) - 1)
	h.swap(p, last)
	h.items = h.items[:last]
	h.pos[i] = -1
	if p < last && !h.up(p) {
		h.down(p)
	}
}

// pop removes and returns the first site.
func (h *hubHeap) pop() int32 {
	i := h.items[0]
	h.remove(i)
	return i
}

func (h *hubHeap) swap(p, q int32) {
	h.items[p], h.items[q] = h.items[q], h.items[p]
	h.pos[h.items[p]] = p
	h.pos[h.items[q]] = q
}

// up moves the item at p towards the root and reports whether it moved.
func (h *hubHeap) up(p int32) bool {
	start := p
	for p > 0 {
		parent := (p - 1) / 2
		if !h.before(h.items[p], h.items[parent]) {
			break
		}
		h.swap(p, parent)
		p = parent
	}
	return p != start
}

func (h *hubHeap) down(p int32) {
	n := int32(len(h.items))
	for {
		l := 2*p + 1
		if l >= n {
			return
		}
		best := l
		if r := l + 1; r < n && h.before(h.items[r], h.items[l]) {
			best = r
		}
		if !h.before(h.items[best], h.items[p]) {
			return
		}
		h.swap(p, best)
		p = best
	}
}
