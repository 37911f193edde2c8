// Package demo builds a deterministic, synthetic demo estate shaped like
// Worcestershire's Total Place register: the real partners, towns and
// kinds of property, with made-up assets and figures. Every asset's notes
// say it is synthetic and every asset code starts DEMO-, so demo data can
// never be mistaken for a partner's own.
package demo

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
)

// DefaultSeed is the seed of the demo estate the command line loads; its
// digits are the register's as-at date.
const DefaultSeed int64 = 20260331

// pcgStream is the second PCG word; fixed, so the seed alone decides.
const pcgStream = 0x5eed_da7a_0f_1ace

// Estate returns the demo partners and assets. Same seed, same estate,
// every time: nothing depends on the clock, map order or global state.
// Assets are normalized and valid, with no id, version or timestamps,
// ready for the store to create once the partners they refer to exist.
// Nothing is shared between calls, so the result is the caller's to change.
func Estate(seed int64) ([]*estate.Partner, []*estate.Asset) {
	g := &gen{
		rng:   rand.New(rand.NewPCG(uint64(seed), pcgStream)),
		seq:   map[string]int{},
		names: map[string]bool{},
		uprn:  100120000000,
	}
	// Named sites first, so drawn assets take other names.
	for _, st := range landmarks() {
		g.add(st)
	}
	for _, st := range clusterSites() {
		g.add(st)
	}
	for i := range partnerDefs {
		g.portfolio(&partnerDefs[i])
	}
	// Last, so the rest of the estate is drawn as it was before them.
	for _, t := range heldTwice() {
		g.addTwin(t)
	}
	slices.SortStableFunc(g.assets, func(a, b *estate.Asset) int {
		return cmp.Compare(partnerIndex(a.Partner), partnerIndex(b.Partner))
	})
	programme(seed, g.assets)
	return partners(), g.assets
}

// gen holds one estate's generation: the random stream and the counters
// that keep codes, names and UPRNs unique. The maps are only looked up,
// never ranged over, so they cannot make the order vary.
type gen struct {
	rng    *rand.Rand
	seq    map[string]int  // last asset number per partner
	names  map[string]bool // partner + "\x00" + name
	uprn   int64
	assets []*estate.Asset
}

func (g *gen) add(st site) { g.assets = append(g.assets, g.build(st)) }

// portfolio draws the partner's ordinary assets from its uses.
func (g *gen) portfolio(p *partnerDef) {
	for i := range p.uses {
		u := &p.uses[i]
		for _, name := range u.eachOf {
			sp := g.pickSpot(u)
			if sp >= spotVillage {
				sp = spotTown
			}
			g.add(site{partner: p.id, use: u.key, town: name, spot: sp})
		}
		for range int(math.Round(float64(u.count) * p.scale)) {
			s, sp := g.pickSettlement(p, u, g.pickSpot(u))
			g.add(site{partner: p.id, use: u.key, town: s.name, spot: sp})
		}
	}
}

func useByKey(p *partnerDef, key string) *useSpec {
	for i := range p.uses {
		if p.uses[i].key == key {
			return &p.uses[i]
		}
	}
	panic("demo: partner " + p.id + " has no use " + key)
}

func (g *gen) between(s span) float64 { return s.lo + (s.hi-s.lo)*g.rng.Float64() }

func (g *gen) chance(pct int) bool { return g.rng.IntN(100) < pct }

func (g *gen) pick(list []string) string { return list[g.rng.IntN(len(list))] }

// weighted returns an index drawn with the given weights.
func (g *gen) weighted(w []int) int {
	total := 0
	for _, v := range w {
		total += v
	}
	n := g.rng.IntN(total)
	for i, v := range w {
		if n -= v; n < 0 {
			return i
		}
	}
	return len(w) - 1
}

// leaseStart is the first day a drawn lease date may fall on: the day
// after the register's as-at date.
var leaseStart = time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)

// date draws a day from leaseStart to the end of lastYear.
func (g *gen) date(lastYear int) string {
	end := time.Date(lastYear, 12, 31, 0, 0, 0, 0, time.UTC)
	days := int(end.Sub(leaseStart).Hours() / 24)
	return leaseStart.AddDate(0, 0, g.rng.IntN(days+1)).Format(time.DateOnly)
}

// dateBefore draws a break date at least a year before the expiry, or
// none when the lease is too short to have one.
func (g *gen) dateBefore(expiry string) string {
	end, _ := time.Parse(time.DateOnly, expiry)
	days := int(end.AddDate(-1, 0, 0).Sub(leaseStart).Hours() / 24)
	if days <= 0 {
		return ""
	}
	return leaseStart.AddDate(0, 0, g.rng.IntN(days)).Format(time.DateOnly)
}
