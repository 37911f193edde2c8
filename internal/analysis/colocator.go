package analysis

import (
	"slices"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/register"
)

// site is a hub or movable asset, flattened so the inner loops read one
// compact slice instead of chasing asset pointers.
type site struct {
	row     int32 // in the run's snapshot
	id      int64
	pt      estate.Point
	partner int32 // interned partner id
	hub     bool
	movable bool
	spare   float64 // hub: gia × (1 − utilisation)
	need    float64 // movable: gia × utilisation × densify
	saving  int64   // movable: annualSaving
}

// maxCached caps the candidate lists kept between evaluations, in
// entries of four bytes: enough for dense towns, bounded for a whole
// register at the largest distance.
const maxCached = 1 << 23

// colocator holds one run's state: the sites, their index, which are taken,
// and the heap of hubs that currently make an opportunity.
type colocator struct {
	p     ColocationParams
	snap  *register.Snapshot
	sites []site
	grid  *grid
	taken []bool
	heap  hubHeap
	// fill holds each hub's members as last evaluated, valid or not.
	fill [][]int32
	// reach caches each hub's sorted candidates (see evaluate).
	reach  [][]int32
	budget int // entries reach may still take
	// seen stamps the hubs already looked at after a pick.
	seen []int32
	// scratch buffers reused across evaluations
	buf, near, moved, idx, members, partners []int32
	cands                                    []cand
}

// newColocator flattens the buildings into sites and indexes them; rag
// is each asset's rating (a scenario's), nil for the register's.
func newColocator(assets register.Rows, p ColocationParams, rag func(*register.Asset) estate.RAG) *colocator {
	c := &colocator{p: p, snap: assets.Snapshot}
	ids := map[string]int32{}
	for a := range assets.All() {
		if !isBuilding(a) {
			continue
		}
		g := a.RAG
		if rag != nil {
			g = rag(a)
		}
		ri := RAGIndex(g)
		s := site{row: a.Row, id: a.ID, pt: a.Location,
			hub:     ri != RAGIndex(estate.RAGGreen),
			movable: ri == RAGIndex(estate.RAGGreen) || ri == RAGIndex(estate.RAGAmber)}
		u, gia := a.Utilisation(), a.GIAM2.V
		if s.hub {
			s.spare = gia * (1 - u)
		}
		if s.movable {
			s.need = gia * u * p.Densify
			s.saving = annualSaving(a)
		}
		id, ok := ids[a.Partner]
		if !ok {
			id = int32(len(ids))
			ids[a.Partner] = id
		}
		s.partner = id
		c.sites = append(c.sites, s)
	}
	pts := make([]estate.Point, len(c.sites))
	for i := range c.sites {
		pts[i] = c.sites[i].pt
	}
	c.grid = newGrid(pts, p.DistanceM)
	c.taken = make([]bool, len(c.sites))
	c.seen = make([]int32, len(c.sites))
	c.fill = make([][]int32, len(c.sites))
	c.reach = make([][]int32, len(c.sites))
	c.budget = maxCached
	c.heap = newHubHeap(c.sites)
	return c
}

// run picks opportunities until no hub makes one.
func (c *colocator) run() []found {
	for h := range c.sites {
		if c.sites[h].hub {
			c.update(int32(h))
		}
	}
	opps := []found{}
	for pick := int32(1); c.heap.len() > 0; pick++ {
		h := c.heap.pop()
		// The heap's keys are current, so the hub's last fill is its
		// opportunity now.
		opps = append(opps, c.opportunity(h, c.fill[h]))
		c.moved = append(append(c.moved[:0], h), c.fill[h]...)
		for _, t := range c.moved {
			c.taken[t] = true
			c.heap.remove(t) // a member may have been a hub itself
			c.budget += len(c.reach[t])
			c.fill[t], c.reach[t] = nil, nil
		}
		// Only hubs within reach of a taken asset can change.
		for _, t := range c.moved {
			c.refreshAround(t, pick)
		}
	}
	return opps
}

// refreshAround re-evaluates the free hubs within the distance of site t
// that had a taken asset among their members. A hub whose members are all
// still free keeps its evaluation exactly: a taken candidate it had skipped
// (for want of space) changed nothing when it was skipped, so removing it
// changes nothing either. That spares re-evaluating every hub in a dense
// town after every pick.
func (c *colocator) refreshAround(t int32, pick int32) {
	pt := c.sites[t].pt
	box := estate.AroundBBox(pt, c.p.DistanceM)
	// Not c.buf: evaluate reuses that.
	c.near = c.grid.appendIn(c.near[:0], box)
	for _, k := range c.near {
		if !c.sites[k].hub || c.taken[k] || c.seen[k] == pick || !box.Contains(c.sites[k].pt) {
			continue
		}
		c.seen[k] = pick
		if slices.ContainsFunc(c.fill[k], func(m int32) bool { return c.taken[m] }) {
			c.update(k)
		}
	}
}

// update re-evaluates hub h, records its members and puts it in, moves it
// in, or takes it out of the heap.
func (c *colocator) update(h int32) {
	members, saving, ok := c.evaluate(h)
	c.fill[h] = append(c.fill[h][:0], members...)
	if ok {
		c.heap.set(h, saving)
	} else {
		c.heap.remove(h)
	}
}
