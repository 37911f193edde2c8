package analysis

import (
	"cmp"
	"math"
	"slices"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/register"
)

// cand is a movable site within reach of a hub.
type cand struct {
	i int32
	d float64
}

// evaluate fills hub h with the free movable sites of other partners
// within the distance, nearest first, skipping those that no longer fit.
// It returns the members (valid until the next call), their saving and
// whether they make an opportunity.
//
// A hub's sorted candidates are kept (within maxCached) so that its later
// evaluations, many in a busy town, only walk them, dropping the taken
// ones: no distances, no sort. Candidates never join later, as assets are
// only ever taken.
func (c *colocator) evaluate(h int32) (members []int32, saving int64, ok bool) {
	list := c.reach[h]
	cached := list != nil
	if !cached {
		list = c.candidates(h)
		if len(list) <= c.budget {
			list = slices.Clone(list)
			c.reach[h], c.budget, cached = list, c.budget-len(list), true
		}
	}
	hs := &c.sites[h]
	members = c.members[:0]
	partners := append(c.partners[:0], hs.partner)
	used, free := 0.0, 0
	for _, j := range list {
		if c.taken[j] {
			continue
		}
		list[free] = j
		free++
		s := &c.sites[j]
		// used is checked and then accumulated in member order, as
		// opportunity adds it up again, so space used is exactly the
		// figure tested against spare.
		if used+s.need > hs.spare {
			continue
		}
		used += s.need
		saving = add(saving, s.saving)
		members = append(members, j)
		if !slices.Contains(partners, s.partner) {
			partners = append(partners, s.partner)
		}
	}
	if cached {
		c.budget += len(list) - free
		c.reach[h] = list[:free]
	}
	c.members, c.partners = members, partners
	return members, saving, len(members) > 0 && len(partners) >= c.p.MinPartners
}

// candidates returns the free movable sites of partners other than hub h's
// owner within the distance, nearest first, ties by id; valid until the
// next call.
func (c *colocator) candidates(h int32) []int32 {
	hs := &c.sites[h]
	box := estate.AroundBBox(hs.pt, c.p.DistanceM)
	c.buf = c.grid.appendIn(c.buf[:0], box)
	cands := c.cands[:0]
	for _, j := range c.buf {
		s := &c.sites[j]
		if !s.movable || c.taken[j] || s.partner == hs.partner || !box.Contains(s.pt) {
			continue
		}
		if d := estate.Distance(hs.pt, s.pt); d <= c.p.DistanceM {
			cands = append(cands, cand{j, d})
		}
	}
	slices.SortFunc(cands, func(x, y cand) int {
		switch {
		case x.d < y.d: // distances are never NaN: no cmp.Compare needed
			return -1
		case x.d > y.d:
			return 1
		}
		return cmp.Compare(c.sites[x.i].id, c.sites[y.i].id)
	})
	c.cands = cands
	c.idx = c.idx[:0]
	for _, cd := range cands {
		c.idx = append(c.idx, cd.i)
	}
	return c.idx
}

// opportunity reports hub h with members, their receipts not yet priced
// (see Hubs.Report): the run does not depend on the receipt assumptions.
func (c *colocator) opportunity(h int32, members []int32) found {
	hs := &c.sites[h]
	var ha, ma register.Asset
	c.snap.Read(hs.row, &ha)
	o := Opportunity{
		Hub:            Hub{ID: ha.ID, Partner: ha.Partner, Name: ha.Name, RAG: rating(ha.RAG), Location: ha.Location},
		Members:        make([]Member, 0, len(members)),
		Partners:       []string{ha.Partner},
		SpaceOfferedM2: squareMetres(hs.spare),
	}
	fd := found{hub: hs.row, members: make([]int32, 0, len(members))}
	used := 0.0
	for _, j := range members {
		s := &c.sites[j]
		c.snap.Read(s.row, &ma)
		o.Members = append(o.Members, Member{ID: ma.ID, Partner: ma.Partner, Name: ma.Name,
			RAG: rating(ma.RAG), DistanceM: metres(estate.Distance(hs.pt, s.pt), c.p.DistanceM), NeedM2: squareMetres(s.need),
			AnnualSavingGBP: s.saving, Location: ma.Location})
		fd.members = append(fd.members, s.row)
		used += s.need
		o.AnnualSavingGBP = add(o.AnnualSavingGBP, s.saving)
		if !slices.Contains(o.Partners, ma.Partner) {
			o.Partners = append(o.Partners, ma.Partner)
		}
	}
	// Rounded once from the exact sum: rounding is monotone, so space
	// used still never shows above space offered.
	o.SpaceUsedM2 = squareMetres(used)
	slices.Sort(o.Partners)
	fd.o = o
	return fd
}

// squareMetres rounds floor areas to 0.1 m² for reports: finer is noise
// from utilisation percentages and densify factors.
func squareMetres(a float64) float64 { return math.Round(a*10) / 10 }

// metres rounds a distance to the millimetre for reports, never past the
// limit it was tested against, so a reported distance never seems to break
// the rule that admitted it.
func metres(d, limit float64) float64 { return min(roundMM(d), limit) }

// roundMM rounds a distance to the millimetre, as every analysis reports
// distances.
func roundMM(d float64) float64 { return math.Round(d*1000) / 1000 }
