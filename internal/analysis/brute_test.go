package analysis

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
)

// bruteColocation is DESIGN 5.2 written the slow, obvious way: after every
// pick, evaluate every free hub against every free asset. It is the oracle
// the grid, the heap and the local re-evaluation are checked against.
func bruteColocation(assets []*estate.Asset, p ColocationParams) []shape {
	taken := map[int64]bool{}
	type result struct {
		hub     *estate.Asset
		members []*estate.Asset
		saving  int64
	}
	var picked []result
	for {
		var best *result
		for _, h := range assets {
			if taken[h.ID] || !isBuilding(copiedOne(h)) || rating(h.RAG) == estate.RAGGreen {
				continue
			}
			r := bruteHub(h, assets, taken, p)
			if r == nil {
				continue
			}
			res := result{hub: h, members: r}
			for _, m := range r {
				res.saving += annualSaving(copiedOne(m))
			}
			if best == nil || res.saving > best.saving || (res.saving == best.saving && h.ID < best.hub.ID) {
				best = &res
			}
		}
		if best == nil {
			break
		}
		taken[best.hub.ID] = true
		for _, m := range best.members {
			taken[m.ID] = true
		}
		picked = append(picked, *best)
	}
	slices.SortFunc(picked, func(a, b result) int {
		if a.saving != b.saving {
			return cmp.Compare(b.saving, a.saving)
		}
		return cmp.Compare(a.hub.ID, b.hub.ID)
	})
	out := []shape{}
	for _, r := range picked {
		s := shape{hub: r.hub.ID, members: []int64{}}
		for _, m := range r.members {
			s.members = append(s.members, m.ID)
		}
		out = append(out, s)
	}
	return out
}

// bruteHub returns the members hub h would take from the free assets, or
// nil when they make no opportunity.
func bruteHub(h *estate.Asset, assets []*estate.Asset, taken map[int64]bool, p ColocationParams) []*estate.Asset {
	type c struct {
		a *estate.Asset
		d float64
	}
	var cs []c
	for _, a := range assets {
		r := rating(a.RAG)
		if taken[a.ID] || a.Partner == h.Partner || !isBuilding(copiedOne(a)) || (r != estate.RAGGreen && r != estate.RAGAmber) {
			continue
		}
		if d := estate.Distance(h.Location, a.Location); d <= p.DistanceM {
			cs = append(cs, c{a, d})
		}
	}
	slices.SortFunc(cs, func(x, y c) int {
		if x.d != y.d {
			return cmp.Compare(x.d, y.d)
		}
		return cmp.Compare(x.a.ID, y.a.ID)
	})
	spare := *h.GIAM2 * (1 - h.Utilisation())
	used := 0.0
	partners := map[string]bool{h.Partner: true}
	var members []*estate.Asset
	for _, x := range cs {
		need := *x.a.GIAM2 * x.a.Utilisation() * p.Densify
		if used+need > spare {
			continue
		}
		used += need
		members = append(members, x.a)
		partners[x.a.Partner] = true
	}
	if len(members) == 0 || len(partners) < p.MinPartners {
		return nil
	}
	return members
}

// TestColocationMatchesBruteForce runs the indexed analysis and the oracle
// on small dense random estates with random parameters.
func TestColocationMatchesBruteForce(t *testing.T) {
	box := estate.BBox{MinLon: -2.25, MinLat: 52.18, MaxLon: -2.21, MaxLat: 52.205} // about 3 km square
	for seed := uint64(1); seed <= 30; seed++ {
		rng := rand.New(rand.NewPCG(seed, 7))
		assets := genAssets(seed, 50+rng.IntN(350), box, 2+rng.IntN(6))
		p := DefaultColocationParams()
		p.DistanceM = []float64{0, 50, 250, 400, 1500, MaxDistanceM}[rng.IntN(6)]
		p.MinPartners = 2 + rng.IntN(3)
		p.Densify = 0.1 + 0.9*rng.Float64()
		if seed%3 == 0 {
			// a few co-located pairs, so distance 0 and exact ties are met
			for i := 1; i < len(assets); i += 7 {
				assets[i].Location = assets[i-1].Location
			}
		}
		rep, err := Colocation(copied(assets), p, estate.Selection{})
		if err != nil {
			t.Fatal(err)
		}
		got, want := shapes(rep.Opportunities), bruteColocation(assets, p)
		if !sameShapes(got, want) {
			t.Errorf("seed %d, %+v:\n got  %v\n want %v", seed, p, got, want)
		}
		// Without the candidate cache, or with a little of it, nothing
		// changes.
		for _, budget := range []int{0, 40} {
			c := newColocator(copied(assets).In(nil), p, nil)
			c.budget = budget
			fs := c.run()
			sortFound(fs)
			opps := make([]Opportunity, len(fs))
			for i := range fs {
				opps[i] = fs[i].o
			}
			if got := shapes(opps); !sameShapes(got, want) {
				t.Errorf("seed %d, cache budget %d:\n got  %v\n want %v", seed, budget, got, want)
			}
		}
		// Nor does the order the assets come in.
		shuffled := slices.Clone(assets)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		again, err := Colocation(copied(shuffled), p, estate.Selection{})
		if err != nil {
			t.Fatal(err)
		}
		if got := shapes(again.Opportunities); !sameShapes(got, want) {
			t.Errorf("seed %d, shuffled:\n got  %v\n want %v", seed, got, want)
		}
	}
}

// TestGridMatchesBruteForce: the grid plus the exact distance finds the
// same points as testing every point, at every radius, limit included.
func TestGridMatchesBruteForce(t *testing.T) {
	for seed := uint64(1); seed <= 20; seed++ {
		rng := rand.New(rand.NewPCG(seed, 11))
		box := estate.BBox{MinLon: -3, MinLat: 51.8, MaxLon: -1.5, MaxLat: 52.6}
		assets := genAssets(seed, 2000, box, 5)
		pts := make([]estate.Point, len(assets))
		for i, a := range assets {
			pts[i] = a.Location
		}
		r := []float64{0, 10, 400, 2000, MaxDistanceM}[rng.IntN(5)]
		g := newGrid(pts, r)
		for range 50 {
			q := pts[rng.IntN(len(pts))]
			if rng.IntN(2) == 0 {
				q = estate.Point{Lon: uniform(rng, box.MinLon-0.1, box.MaxLon+0.1), Lat: uniform(rng, box.MinLat-0.1, box.MaxLat+0.1)}
			}
			radius := r
			if rng.IntN(3) == 0 {
				// a radius that lands exactly on some point
				radius = estate.Distance(q, pts[rng.IntN(len(pts))])
			}
			var got, want []int32
			for _, i := range g.appendIn(nil, estate.AroundBBox(q, radius)) {
				if estate.Distance(q, pts[i]) <= radius {
					got = append(got, i)
				}
			}
			for i, p := range pts {
				if estate.Distance(q, p) <= radius {
					want = append(want, int32(i))
				}
			}
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Fatalf("seed %d radius %v at %v: grid %v, brute %v", seed, radius, q, got, want)
			}
		}
	}
}

// TestGridFarFlung: points across the world still index, with cells grown
// to keep the grid small, and answers stay exact.
func TestGridFarFlung(t *testing.T) {
	pts := []estate.Point{{Lon: -179, Lat: -80}, {Lon: 179, Lat: 80}, worcester, north(worcester, 100)}
	g := newGrid(pts, 10)
	if g.nx*g.ny > 4*len(pts)+1024 {
		t.Errorf("grid of %d×%d cells for %d points", g.nx, g.ny, len(pts))
	}
	got := g.appendIn(nil, estate.AroundBBox(worcester, 200))
	slices.Sort(got)
	if !slices.Contains(got, 2) || !slices.Contains(got, 3) {
		t.Errorf("got %v, want points 2 and 3 among them", got)
	}
}
