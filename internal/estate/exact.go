package estate

import (
	"math"
	"math/bits"
)

// The footprint checks work on whole numbers: coordinates as multiples of
// 1/CoordScale degree, the grid Normalize rounds to and the register
// stores. On that grid every orientation test below is exact (products
// are compared in 128 bits), so a ring is never called simple or crossed
// by rounding, and a shape gets the same answer however it is turned.

// gridPt is a position on the CoordScale grid. Points used for tests
// between positions (edge midpoints) are on a grid twice as fine: see
// doubled.
type gridPt struct{ x, y int64 }

// toGrid puts p on the grid; ok is false for a position that is not
// finite or is outside ±180/±90.
func toGrid(p Point) (gridPt, bool) {
	if !validPoint(p) {
		return gridPt{}, false
	}
	return gridPt{int64(math.Round(p.Lon * CoordScale)), int64(math.Round(p.Lat * CoordScale))}, true
}

func (p gridPt) doubled() gridPt { return gridPt{2 * p.x, 2 * p.y} }

// cmpProducts returns the sign of a*b - c*d without overflow. Operands
// are differences of doubled grid coordinates, well within 2^63.
func cmpProducts(a, b, c, d int64) int {
	sa, ma := signAbs(a)
	sb, mb := signAbs(b)
	sc, mc := signAbs(c)
	sd, md := signAbs(d)
	s1, s2 := sa*sb, sc*sd
	if s1 != s2 {
		if s1 > s2 {
			return 1
		}
		return -1
	}
	if s1 == 0 {
		return 0
	}
	h1, l1 := bits.Mul64(ma, mb)
	h2, l2 := bits.Mul64(mc, md)
	c12 := 0
	switch {
	case h1 > h2 || (h1 == h2 && l1 > l2):
		c12 = 1
	case h1 < h2 || (h1 == h2 && l1 < l2):
		c12 = -1
	}
	return s1 * c12 // both products negative: the larger magnitude is smaller
}

func signAbs(v int64) (int, uint64) {
	switch {
	case v > 0:
		return 1, uint64(v)
	case v < 0:
		return -1, uint64(-v)
	}
	return 0, 0
}

// orient returns 1 if a, b, c turn counter-clockwise, -1 if clockwise and
// 0 if they are collinear.
func orient(a, b, c gridPt) int {
	return cmpProducts(b.x-a.x, c.y-a.y, b.y-a.y, c.x-a.x)
}

// within reports whether c, collinear with a and b, lies on the segment
// between them, ends included.
func within(a, b, c gridPt) bool {
	return min(a.x, b.x) <= c.x && c.x <= max(a.x, b.x) && min(a.y, b.y) <= c.y && c.y <= max(a.y, b.y)
}

// onSegment reports whether c lies on the segment ab.
func onSegment(a, b, c gridPt) bool { return orient(a, b, c) == 0 && within(a, b, c) }

// meeting says how two segments meet.
type meeting int

const (
	apart       meeting = iota
	touching            // at one point, an end of at least one of them
	crossing            // at one point inside both
	overlapping         // along a stretch of both
)

// meet classifies how segments pq and rs meet and, when they touch,
// returns the point (an end of one of them, so on the grid).
func meet(p, q, r, s gridPt) (meeting, gridPt) {
	d1, d2 := orient(r, s, p), orient(r, s, q)
	d3, d4 := orient(p, q, r), orient(p, q, s)
	if d1 == 0 && d2 == 0 {
		return meetCollinear(p, q, r, s)
	}
	if d1*d2 < 0 && d3*d4 < 0 {
		return crossing, gridPt{}
	}
	switch {
	case d1 == 0 && within(r, s, p):
		return touching, p
	case d2 == 0 && within(r, s, q):
		return touching, q
	case d3 == 0 && within(p, q, r):
		return touching, r
	case d4 == 0 && within(p, q, s):
		return touching, s
	}
	return apart, gridPt{}
}

// meetCollinear is meet for segments on one line: apart, end to end, or
// sharing a stretch.
func meetCollinear(p, q, r, s gridPt) (meeting, gridPt) {
	// Compare along the axis the line runs furthest in.
	key := func(g gridPt) int64 { return g.x }
	if max(p.x, q.x, r.x, s.x)-min(p.x, q.x, r.x, s.x) < max(p.y, q.y, r.y, s.y)-min(p.y, q.y, r.y, s.y) {
		key = func(g gridPt) int64 { return g.y }
	}
	lo1, hi1 := min(key(p), key(q)), max(key(p), key(q))
	lo2, hi2 := min(key(r), key(s)), max(key(r), key(s))
	lo, hi := max(lo1, lo2), min(hi1, hi2)
	switch {
	case lo > hi:
		return apart, gridPt{}
	case lo < hi:
		return overlapping, gridPt{}
	}
	for _, g := range []gridPt{p, q} {
		if key(g) == lo {
			return touching, g
		}
	}
	return touching, r // unreachable: one end of pq is at lo
}

// insideRing reports whether p, which is on no edge of ring, is inside
// it: the crossing number, with every comparison exact. p and the ring
// are on the doubled grid.
func insideRing(ring []gridPt, p gridPt) bool {
	in := false
	for i := 0; i+1 < len(ring); i++ {
		a, b := ring[i], ring[i+1]
		if (a.y > p.y) == (b.y > p.y) {
			continue
		}
		// The edge crosses p's horizontal line: is that crossing east
		// of p? With b above a, p is west of the edge when a, b, p turn
		// counter-clockwise.
		o := orient(a, b, p)
		if (b.y > a.y && o > 0) || (b.y < a.y && o < 0) {
			in = !in
		}
	}
	return in
}

// onRing reports whether p (doubled grid) lies on an edge of ring
// (doubled grid).
func onRing(ring []gridPt, p gridPt) bool {
	for i := 0; i+1 < len(ring); i++ {
		if onSegment(ring[i], ring[i+1], p) {
			return true
		}
	}
	return false
}

// half says which half of the plane a direction points into, for
// ordering directions by angle: 0 for angles in [0, π), 1 for [π, 2π).
func half(d gridPt) int {
	if d.y > 0 || (d.y == 0 && d.x > 0) {
		return 0
	}
	return 1
}

// angleLess orders non-zero directions by their angle from east,
// counter-clockwise, exactly.
func angleLess(a, b gridPt) bool {
	if ha, hb := half(a), half(b); ha != hb {
		return ha < hb
	}
	return orient(gridPt{}, a, b) > 0
}
