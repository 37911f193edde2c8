package demo

import (
	"math"

	"github.com/placetrust/placetrust/internal/estate"
)

// state draws condition, backlog, energy rating and listing. Only
// buildings have them: a field has no condition survey or EPC.
func (g *gen) state(a *estate.Asset, st site, sp spot) {
	a.Listed = estate.ListedNone
	if st.listed != "" {
		a.Listed = st.listed
	}
	if a.GIAM2 == nil {
		return
	}
	// Vacant buildings are vacant for a reason: they skew to C and D.
	grades := []int{15, 40, 35, 10}
	if a.TenureDetail == estate.DetailVacant {
		grades = []int{2, 18, 50, 30}
	}
	c := g.weighted(grades)
	a.Condition = estate.Conditions[c]
	perM2 := []span{{0, 10}, {10, 60}, {60, 200}, {200, 500}}[c]
	a.BacklogGBP = ptr(roundTo(*a.GIAM2*g.between(perM2), 1000))
	if e := g.weighted([]int{3, 10, 22, 30, 20, 10, 5, 10}); e < len(estate.EnergyRatings) {
		a.EnergyRating = estate.EnergyRatings[e]
	}
	if st.listed == "" && sp == spotCentre {
		switch n := g.rng.IntN(100); {
		case n < 1:
			a.Listed = estate.ListedIIStar
		case n < 9:
			a.Listed = estate.ListedII
		}
	}
}

// money draws values and costs from the use's rates. A leased-in asset
// has no capital value to the partner, so it has none here.
func (g *gen) money(a *estate.Asset, u *useSpec) {
	var value, running float64
	if a.GIAM2 != nil {
		value += *a.GIAM2 * g.between(u.perM2)
		running += *a.GIAM2 * g.between(u.runM2)
	}
	if a.LandAreaHa != nil {
		value += *a.LandAreaHa * g.between(u.perHa)
		running += *a.LandAreaHa * g.between(span{150, 900})
	}
	if a.TenureDetail == estate.DetailVacant {
		running *= 0.35 // rates, insurance and security go on
	}
	a.RunningCostGBPPA = ptr(max(roundTo(running, 100), 100))
	if a.Tenure == estate.TenureLeasehold || a.Tenure == estate.TenureLicence {
		return
	}
	step := 5000.0
	if value < 100e3 {
		step = 500
	}
	mv := max(roundTo(value, step), 500)
	a.MarketValueGBP = ptr(mv)
	a.BookValueGBP = ptr(roundTo(float64(mv)*g.between(span{0.55, 1.05}), 1000))
}

// rationale explains a drawn rating the way estates officers write them.
func (g *gen) rationale(a *estate.Asset, u *useSpec, surplus bool) string {
	building := a.GIAM2 != nil
	switch a.RAG {
	case estate.RAGRed:
		if u.red != "" {
			return u.red
		}
		return "Specialist operational site: disposal unlikely."
	case estate.RAGAmber:
		switch {
		case a.TenureDetail == estate.DetailLeasedOut || a.TenureDetail == estate.DetailGroundLease:
			return "Let to a tenant and producing income: review when the lease ends on " + a.LeaseExpiry + "."
		case a.TenureDetail == estate.DetailLeasedIn || a.TenureDetail == estate.DetailLicence:
			return "Leased in: the lease could be given up at its next break if the service moves."
		case a.Condition == "C" || a.Condition == "D":
			return "Poor condition and high running costs: consider relocating the service and disposing."
		case building && a.UtilisationPct != nil && *a.UtilisationPct < 65:
			return "Under-used: part could be shared with a partner, or the whole released after a service review."
		}
		return "Disposal possible once the service is re-provided nearby; options appraisal due in 2026/27."
	case estate.RAGGreen:
		switch {
		case surplus && !building:
			return "Declared surplus land with development potential; no partner has a use for it."
		case surplus:
			return "Declared surplus: vacant, and no partner has a service need for it."
		case a.TenureDetail == estate.DetailLeasedIn || a.TenureDetail == estate.DetailLicence:
			return "Lease event ahead: exit and move the service into a partner building nearby."
		case a.TenureDetail == estate.DetailLeasedOut || a.TenureDetail == estate.DetailGroundLease:
			return "Let property with no service use: sell subject to the tenancy."
		case building:
			return "Shared-use opportunity: the service could move into a nearby partner building and release this one."
		}
		return "Disposal opportunity: no service need identified."
	}
	return ""
}

// leaseEventBefore reports whether a leased-in asset's break or expiry
// falls before date (both YYYY-MM-DD, so they compare as text).
func leaseEventBefore(a *estate.Asset, date string) bool {
	if a.TenureDetail != estate.DetailLeasedIn && a.TenureDetail != estate.DetailLicence {
		return false
	}
	return (a.LeaseBreak != "" && a.LeaseBreak < date) || (a.LeaseExpiry != "" && a.LeaseExpiry < date)
}

func roundTo(v, step float64) int64 { return int64(math.Round(v/step) * step) }

func ptr[T any](v T) *T { return &v }
