package demo

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/placetrust/placetrust/internal/estate"
)

// metresPerDegreeLat matches estate.EarthRadiusM, so offsets written in
// metres come back out of estate.Distance as the same metres.
const metresPerDegreeLat = estate.EarthRadiusM * math.Pi / 180

// offset moves p east and north by metres, rounded to 6 decimals (about
// 0.1 m) as published registers round coordinates.
func offset(p estate.Point, eastM, northM float64) estate.Point {
	lat := p.Lat + northM/metresPerDegreeLat
	lon := p.Lon + eastM/(metresPerDegreeLat*math.Cos(p.Lat*math.Pi/180))
	return estate.Point{Lon: round(lon, 6), Lat: round(lat, 6)}
}

func round(v float64, places int) float64 {
	f := math.Pow(10, float64(places))
	return math.Round(v*f) / f
}

func (s *settlement) radius() float64 {
	if s.village {
		return 400
	}
	return s.radiusM
}

func (s *settlement) pull() int {
	if s.village {
		return 2
	}
	return s.weight
}

// position draws a point for the spot. Centres are drawn uniformly over a
// 500 m disc, so they are as dense as real town centres; the rest of a
// town is a ring around the centre, drawn uniformly in distance so that
// it thins out towards the edge as towns do.
func (g *gen) position(s *settlement, sp spot) estate.Point {
	R := s.radius()
	var r float64
	switch sp {
	case spotCentre:
		r = 500 * math.Sqrt(g.rng.Float64())
	case spotTown:
		lo := math.Min(500, 0.3*R)
		r = lo + (R-lo)*g.rng.Float64()
	case spotEdge:
		r = R * (0.85 + 0.4*g.rng.Float64())
	case spotVillage:
		r = R * math.Sqrt(g.rng.Float64())
	case spotCountry:
		// Far enough out to be fields, near enough to stay in the county.
		r = 1000 + 1800*g.rng.Float64()
	}
	theta := 2 * math.Pi * g.rng.Float64()
	return offset(s.centre, r*math.Sin(theta), r*math.Cos(theta))
}

// pickSettlement draws where an asset of use u stands: in the partner's
// own district if it is a district council, weighted by population. A
// village spot where the partner has no villages becomes a town one.
func (g *gen) pickSettlement(p *partnerDef, u *useSpec, sp spot) (*settlement, spot) {
	wantVillage := sp == spotVillage || sp == spotCountry
	var cands []*settlement
	total := 0
	for i := range settlements {
		s := &settlements[i]
		if s.village != wantVillage || (p.district && s.district != p.id) {
			continue
		}
		if len(u.only) > 0 && !slices.Contains(u.only, s.name) {
			continue
		}
		cands = append(cands, s)
		total += s.pull()
	}
	if len(cands) == 0 {
		if !wantVillage {
			panic("demo: no town for use " + u.key + " of " + p.id)
		}
		if sp == spotCountry {
			return g.pickSettlement(p, u, spotEdge)
		}
		return g.pickSettlement(p, u, spotTown)
	}
	n := g.rng.IntN(total)
	for _, s := range cands {
		if n -= s.pull(); n < 0 {
			return s, sp
		}
	}
	return cands[len(cands)-1], sp
}

// pickSpot draws a spot from the use's spread.
func (g *gen) pickSpot(u *useSpec) spot {
	total := 0
	for _, w := range u.spread {
		total += w
	}
	n := g.rng.IntN(total)
	for sp, w := range u.spread {
		if n -= w; n < 0 {
			return spot(sp)
		}
	}
	return spotTown
}

// inwardLetters are the letters a postcode's last two may use (never C,
// I, K, M, O or V).
const inwardLetters = "ABDEFGHJLNPQRSTUWXYZ"

// postcode draws a full postcode in the settlement; town-centre assets
// take the centre's outward code.
func (g *gen) postcode(s *settlement, sp spot) string {
	out := s.postcodes[0]
	if sp != spotCentre {
		out = g.pick(s.postcodes)
	}
	l1 := inwardLetters[g.rng.IntN(len(inwardLetters))]
	l2 := inwardLetters[g.rng.IntN(len(inwardLetters))]
	return out + " " + strconv.Itoa(1+g.rng.IntN(9)) + string([]byte{l1, l2})
}

func (g *gen) street(s *settlement, sp spot) string {
	switch {
	case s.village:
		return g.pick(villageStreets)
	case sp == spotCentre:
		return g.pick(s.centreStreets)
	default:
		return g.pick(s.streets)
	}
}

// area is the place name an asset is called after: the town itself in
// its centre, a neighbourhood elsewhere, the village in the country.
func (g *gen) area(s *settlement, sp spot) string {
	if s.village || sp == spotCentre || len(s.areas) == 0 {
		return s.name
	}
	return g.pick(s.areas)
}

func (g *gen) expand(tmpl string, s *settlement, sp spot, street, num string) string {
	r := strings.NewReplacer(
		"{town}", s.name,
		"{area}", g.area(s, sp),
		"{street}", street,
		"{num}", num,
		"{farm}", g.pick(farmNames),
		"{honour}", g.pick(honours),
	)
	return r.Replace(tmpl)
}
