package estate

import (
	"cmp"
	"fmt"
	"slices"
)

// MaxFootprintPositions caps the positions of one footprint. A building
// outline has tens to hundreds; a large site's boundary a few thousand.
// The cap bounds the ring checks, which compare edges pairwise where
// their extents overlap.
const MaxFootprintPositions = 10000

// CheckFootprint says what, if anything, makes fp invalid as an OGC
// simple features MultiPolygon (ISO 19125-1, 6.1.11), on the grid of
// CoordScale the register stores. It returns "" for a valid footprint,
// or one sentence naming the polygon and ring at fault. The rules:
//   - every position finite and within ±180/±90; at most
//     MaxFootprintPositions in all;
//   - every ring closed, with at least 3 distinct corners (repeated
//     consecutive positions are allowed and ignored);
//   - no ring touches or crosses itself, nor doubles back on itself;
//   - rings cross no other ring nor share a stretch with one; they may
//     touch at points;
//   - holes lie inside their polygon's outer ring and outside each other,
//     and the touching points never cut a polygon's interior in two;
//   - polygons' interiors do not overlap (one may sit in another's hole).
//
// Winding is not checked: Normalize winds rings as RFC 7946 asks.
func CheckFootprint(fp MultiPolygon) string {
	c, msg := newFootprintCheck(fp)
	if msg != "" {
		return msg
	}
	if msg := c.edges(); msg != "" {
		return msg
	}
	if msg := c.touches(); msg != "" {
		return msg
	}
	return c.nesting()
}

// ringRef names a ring by its polygon and its place in the polygon.
type ringRef struct{ poly, ring int }

func (r ringRef) String() string { return fmt.Sprintf("polygon %d ring %d", r.poly, r.ring) }

// footprintCheck holds the footprint on the grid, repeated positions
// dropped, rings closed (last == first).
type footprintCheck struct {
	rings [][]gridPt  // every ring, polygon by polygon
	refs  []ringRef   // where each ring is in the footprint
	polys [][]int     // each polygon's rings, outer first
	touch []touchSite // where rings touch one another
}

func newFootprintCheck(fp MultiPolygon) (*footprintCheck, string) {
	c := &footprintCheck{}
	n := 0
	for i, poly := range fp {
		if len(poly) == 0 {
			return nil, fmt.Sprintf("polygon %d has no rings", i)
		}
		var ids []int
		for j, ring := range poly {
			ref := ringRef{i, j}
			if n += len(ring); n > MaxFootprintPositions {
				return nil, fmt.Sprintf("has more than %d positions: simplify the outline", MaxFootprintPositions)
			}
			if len(ring) < 4 {
				return nil, fmt.Sprintf("%s needs at least 4 positions", ref)
			}
			if ring[0] != ring[len(ring)-1] {
				return nil, fmt.Sprintf("%s is not closed (first and last positions differ)", ref)
			}
			g := make([]gridPt, 0, len(ring))
			for _, q := range ring {
				p, ok := toGrid(q)
				if !ok {
					return nil, fmt.Sprintf("%s has a position outside ±180/±90", ref)
				}
				if len(g) == 0 || g[len(g)-1] != p {
					g = append(g, p)
				}
			}
			// Rounding to the grid may join the ends' neighbours too.
			if len(g) < 4 || g[0] != g[len(g)-1] {
				return nil, fmt.Sprintf("%s has fewer than 3 distinct corners", ref)
			}
			ids = append(ids, len(c.rings))
			c.rings = append(c.rings, g)
			c.refs = append(c.refs, ref)
		}
		c.polys = append(c.polys, ids)
	}
	return c, ""
}

// edge is one side of a ring: from the ring's position i to i+1.
type edge struct {
	ring, i    int
	minX, maxX int64
	minY, maxY int64
	a, b       gridPt
}

// touchSite is a point where two rings meet, with the directions each
// leaves it in (arms), to tell touching from crossing.
type touchSite struct {
	r1, r2 int // r1 < r2
	at     gridPt
	arms   [2][2]gridPt // r1's, then r2's
}

// armsAt returns the directions in which e's ring leaves at, a point of
// e: to the neighbouring corners if at is a corner, else along e.
func (c *footprintCheck) armsAt(e *edge, at gridPt) [2]gridPt {
	ring := c.rings[e.ring]
	n := len(ring) - 1 // distinct corners, the ring being closed
	var k int          // at's index among the ring's corners
	switch at {
	case e.a:
		k = e.i
	case e.b:
		k = (e.i + 1) % n
	default:
		return [2]gridPt{sub(e.a, at), sub(e.b, at)}
	}
	return [2]gridPt{sub(ring[(k+n-1)%n], at), sub(ring[k+1], at)}
}

// edges compares every pair of edges whose x extents overlap, sweeping
// the edges in order of their west end: it refuses rings that cross or
// touch themselves or cross, overlap or double back, and records where
// different rings touch.
func (c *footprintCheck) edges() string {
	n := 0
	for _, ring := range c.rings {
		n += len(ring) - 1
	}
	es := make([]edge, 0, n)
	for r, ring := range c.rings {
		for i := 0; i+1 < len(ring); i++ {
			a, b := ring[i], ring[i+1]
			es = append(es, edge{ring: r, i: i, a: a, b: b,
				minX: min(a.x, b.x), maxX: max(a.x, b.x), minY: min(a.y, b.y), maxY: max(a.y, b.y)})
		}
	}
	slices.SortFunc(es, func(e, f edge) int { return cmp.Compare(e.minX, f.minX) })
	type key struct {
		r1, r2 int
		at     gridPt
	}
	var seen map[key]bool // made at the first touch: most footprints have none
	for i := range es {
		e := &es[i]
		for j := i + 1; j < len(es) && es[j].minX <= e.maxX; j++ {
			f := &es[j]
			if f.minY > e.maxY || e.minY > f.maxY {
				continue
			}
			m, at := meet(e.a, e.b, f.a, f.b)
			if m == apart {
				continue
			}
			if e.ring == f.ring {
				if msg := c.sameRing(e, f, m, at); msg != "" {
					return msg
				}
				continue
			}
			switch m {
			case crossing:
				return fmt.Sprintf("%s crosses %s", c.refs[e.ring], c.refs[f.ring])
			case overlapping:
				return fmt.Sprintf("%s and %s share an edge", c.refs[e.ring], c.refs[f.ring])
			}
			lo, hi := e, f
			if lo.ring > hi.ring {
				lo, hi = hi, lo
			}
			if k := (key{lo.ring, hi.ring, at}); !seen[k] {
				if seen == nil {
					seen = map[key]bool{}
				}
				seen[k] = true
				c.touch = append(c.touch, touchSite{r1: lo.ring, r2: hi.ring, at: at,
					arms: [2][2]gridPt{c.armsAt(lo, at), c.armsAt(hi, at)}})
			}
		}
	}
	return ""
}

// sameRing judges two edges of one ring that meet: neighbours may share
// only their common corner, others nothing at all.
func (c *footprintCheck) sameRing(e, f *edge, m meeting, at gridPt) string {
	ref := c.refs[e.ring]
	last := len(c.rings[e.ring]) - 2 // index of the ring's last edge
	lo, hi := min(e.i, f.i), max(e.i, f.i)
	switch {
	case hi == lo+1 || (lo == 0 && hi == last):
		if m == overlapping {
			return fmt.Sprintf("%s doubles back on itself near %s", ref, fmtGrid(e.a))
		}
		return "" // they share their corner and, not overlapping, only that
	case m == touching:
		return fmt.Sprintf("%s touches itself at %s", ref, fmtGrid(at))
	}
	return fmt.Sprintf("%s crosses itself near %s", ref, fmtGrid(e.a))
}

func fmtGrid(p gridPt) string {
	return fmt.Sprintf("[%s, %s]", fmtFloat(float64(p.x)/CoordScale), fmtFloat(float64(p.y)/CoordScale))
}

// touches refuses rings that cross where they meet at a point (their
// directions out of it interleave), and polygons whose touching rings
// cut their interior in two: within a polygon, the graph joining each
// ring to the points it touches others at must have no cycle.
func (c *footprintCheck) touches() string {
	polyOf := make([]int, len(c.rings))
	for p, ids := range c.polys {
		for _, r := range ids {
			polyOf[r] = p
		}
	}
	// Union-find over rings (0..len(rings)-1) and touching points after.
	parent := make([]int, len(c.rings))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	point := map[gridPt]int{}
	joined := map[[2]int]bool{}
	for _, t := range c.touch {
		if interleave(t) {
			return fmt.Sprintf("%s crosses %s at %s", c.refs[t.r1], c.refs[t.r2], fmtGrid(t.at))
		}
		if polyOf[t.r1] != polyOf[t.r2] {
			continue // polygons of a multipolygon may touch at points
		}
		id, ok := point[t.at]
		if !ok {
			id = len(parent)
			point[t.at] = id
			parent = append(parent, id)
		}
		for _, r := range []int{t.r1, t.r2} {
			if joined[[2]int{r, id}] {
				continue
			}
			joined[[2]int{r, id}] = true
			a, b := find(r), find(id)
			if a == b {
				return fmt.Sprintf("polygon %d is cut in two where its rings touch (at %s)", c.refs[r].poly, fmtGrid(t.at))
			}
			parent[a] = b
		}
	}
	return ""
}

// interleave reports whether the two rings of t cross at t.at: going
// round the point, their directions out of it alternate.
func interleave(t touchSite) bool {
	type arm struct {
		d     gridPt
		first bool
	}
	arms := []arm{{t.arms[0][0], true}, {t.arms[0][1], true}, {t.arms[1][0], false}, {t.arms[1][1], false}}
	slices.SortFunc(arms, func(a, b arm) int {
		switch {
		case angleLess(a.d, b.d):
			return -1
		case angleLess(b.d, a.d):
			return 1
		}
		return 0
	})
	return arms[0].first == arms[2].first
}

func sub(a, b gridPt) gridPt { return gridPt{a.x - b.x, a.y - b.y} }

// nesting refuses holes outside their outer ring or inside another hole,
// and polygons whose interiors overlap. Rings cross nowhere by now, so
// one point of a ring off another ring's edges says on which side of it
// the whole ring lies.
func (c *footprintCheck) nesting() string {
	// Point-in-ring tests use the doubled grid, so edge midpoints are
	// grid points too.
	dbl := make([][]gridPt, len(c.rings))
	box := make([]BBox, len(c.rings))
	for r, ring := range c.rings {
		dbl[r] = make([]gridPt, len(ring))
		b := BBox{MinLon: float64(ring[0].x), MinLat: float64(ring[0].y), MaxLon: float64(ring[0].x), MaxLat: float64(ring[0].y)}
		for i, p := range ring {
			dbl[r][i] = p.doubled()
			b = BBox{MinLon: min(b.MinLon, float64(p.x)), MinLat: min(b.MinLat, float64(p.y)),
				MaxLon: max(b.MaxLon, float64(p.x)), MaxLat: max(b.MaxLat, float64(p.y))}
		}
		box[r] = b
	}
	for _, ids := range c.polys {
		shell := ids[0]
		for k, h := range ids[1:] {
			if p, ok := offRings(dbl[h], dbl[shell]); !ok || !insideRing(dbl[shell], p) {
				return fmt.Sprintf("%s, a hole, is not inside the polygon's outer ring", c.refs[h])
			}
			for _, g := range ids[k+2:] {
				if !box[h].Intersects(box[g]) {
					continue
				}
				if p, ok := offRings(dbl[g], dbl[h]); ok && insideRing(dbl[h], p) {
					return fmt.Sprintf("%s, a hole, is inside %s, another hole", c.refs[g], c.refs[h])
				}
				if p, ok := offRings(dbl[h], dbl[g]); ok && insideRing(dbl[g], p) {
					return fmt.Sprintf("%s, a hole, is inside %s, another hole", c.refs[h], c.refs[g])
				}
			}
		}
	}
	inPoly := func(poly []int, p gridPt) bool {
		if !insideRing(dbl[poly[0]], p) {
			return false
		}
		for _, h := range poly[1:] {
			if insideRing(dbl[h], p) {
				return false
			}
		}
		return true
	}
	for i, pi := range c.polys {
		for j := i + 1; j < len(c.polys); j++ {
			pj := c.polys[j]
			if !box[pi[0]].Intersects(box[pj[0]]) {
				continue
			}
			for _, pair := range [][2][]int{{pi, pj}, {pj, pi}} {
				in, of := pair[0], pair[1]
				rings := make([][]gridPt, len(of))
				for k, r := range of {
					rings[k] = dbl[r]
				}
				p, ok := offRings(dbl[in[0]], rings...)
				if !ok || inPoly(of, p) {
					return fmt.Sprintf("polygons %d and %d overlap", i, j)
				}
			}
		}
	}
	return ""
}

// offRings returns a point of ring (doubled grid), a corner or else an
// edge's midpoint, that is on none of others' edges; ok is false if
// there is none, which happens only when ring touches the others at all
// its corners and midpoints, and is taken as overlap.
func offRings(ring []gridPt, others ...[]gridPt) (gridPt, bool) {
	on := func(p gridPt) bool {
		for _, o := range others {
			if onRing(o, p) {
				return true
			}
		}
		return false
	}
	for _, p := range ring[:len(ring)-1] {
		if !on(p) {
			return p, true
		}
	}
	for i := 0; i+1 < len(ring); i++ {
		m := gridPt{(ring[i].x + ring[i+1].x) / 2, (ring[i].y + ring[i+1].y) / 2}
		if !on(m) {
			return m, true
		}
	}
	return gridPt{}, false
}
