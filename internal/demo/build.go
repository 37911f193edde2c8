package demo

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
)

// site is one asset to build. A random draw fixes only the partner, use,
// settlement and spot; landmarks and clusters fix more, and build draws
// whatever is left zero.
type site struct {
	partner   string
	use       string // key of a useSpec of the partner
	town      string
	spot      spot
	at        estate.Point // zero: drawn for the spot
	name      string
	street    string
	number    string
	postcode  string
	gia       float64
	ha        float64
	util      float64
	rag       estate.RAG
	why       string
	tags      []string
	occupiers []occ
	tenure    estate.Tenure // with detail; zero: drawn from the use
	detail    estate.TenureDetail
	listed    estate.Listed
	sensitive bool
	bare      bool // no floor area, land area or money figures
}

// occ is an occupier of a site with the floor area it uses.
type occ struct {
	partner string
	m2      float64
}

const (
	effectiveDate = "2026-03-31"
	notes         = "Synthetic demo data: not a real asset record. Names, places and figures are made up to look like Worcestershire's Total Place register."
)

// ragSetAt is when the demo ratings were made: a fixed date, so the same
// seed gives the same estate.
var ragSetAt = time.Date(2026, 4, 1, 9, 0, 0, 0, time.UTC)

func (g *gen) build(st site) *estate.Asset {
	p := &partnerDefs[partnerIndex(st.partner)]
	u := useByKey(p, st.use)
	s := settlementByName(st.town)
	sp := st.spot
	if s.village && sp < spotVillage {
		sp = spotVillage
	}
	a := &estate.Asset{Partner: p.id, Use: u.use, Holding: u.holding, Town: s.name,
		Listed: estate.ListedNone, Notes: notes, EffectiveDate: effectiveDate,
		Sensitive: u.sensitive || st.sensitive}
	g.seq[p.id]++
	a.AssetCode = fmt.Sprintf("DEMO-%s-%04d", p.code, g.seq[p.id])

	a.Location = st.at
	if a.Location == (estate.Point{}) {
		a.Location = g.position(s, sp)
	}
	g.address(a, st, u, s, sp)
	g.size(a, st, u)
	g.tenure(a, st, u)
	g.rate(a, st, u)
	g.state(a, st, sp)
	if !st.bare {
		g.money(a, u)
	}
	for _, o := range st.occupiers {
		// Fresh pointers each time: a caller changing one asset must not
		// change the next estate.
		a.Occupiers = append(a.Occupiers, estate.Occupier{Partner: o.partner, AreaM2: ptr(o.m2)})
	}
	a.Tags = append(append(a.Tags, u.tags...), st.tags...)
	if leaseEventBefore(a, "2028-04-01") {
		a.Tags = append(a.Tags, "lease-event")
	}
	a.Normalize()
	return a
}

func (g *gen) address(a *estate.Asset, st site, u *useSpec, s *settlement, sp spot) {
	a.StreetName = st.street
	if a.StreetName == "" {
		a.StreetName = g.street(s, sp)
	}
	a.StreetNumber = st.number
	// Named sites go by their name, as registers list them, not a number.
	if a.StreetNumber == "" && st.street == "" && u.holding != estate.HoldingLand {
		a.StreetNumber = strconv.Itoa(1 + g.rng.IntN(180))
	}
	a.Postcode = st.postcode
	if a.Postcode == "" {
		a.Postcode = g.postcode(s, sp)
	}
	// Registers often give land and withheld addresses only the outward code.
	if a.Sensitive || (u.holding == estate.HoldingLand && g.chance(30)) {
		a.StreetNumber = ""
		a.Postcode, _, _ = strings.Cut(a.Postcode, " ")
	}
	if a.Sensitive {
		a.StreetName = "" // withheld: the location alone is enough to find it
	}
	a.Name = st.name
	if a.Name == "" {
		a.Name = g.expand(u.name, s, sp, a.StreetName, a.StreetNumber)
	}
	a.Name = g.uniqueName(a.Partner, a.Name, a.StreetName)
	if u.holding == estate.HoldingLand && g.chance(50) || u.holding != estate.HoldingLand && g.chance(8) {
		return // no UPRN, as for much land in real registers
	}
	g.uprn += 1 + int64(g.rng.IntN(40))
	a.UPRN = strconv.FormatInt(g.uprn, 10)
}

// uniqueName keeps names unique within a partner, as an estates officer
// would, by adding the street and then a number.
func (g *gen) uniqueName(partner, name, street string) string {
	try := name
	for n := 1; g.names[partner+"\x00"+try]; n++ {
		if n == 1 && street != "" && !strings.Contains(name, street) {
			try = name + ", " + street
		} else {
			try = fmt.Sprintf("%s (%d)", name, n)
		}
	}
	g.names[partner+"\x00"+try] = true
	return try
}

func (g *gen) size(a *estate.Asset, st site, u *useSpec) {
	if st.bare {
		return
	}
	if u.holding != estate.HoldingLand {
		gia := st.gia
		if gia == 0 {
			gia = math.Round(g.between(u.gia))
		}
		a.GIAM2 = &gia
	}
	if u.holding != estate.HoldingBuilding {
		ha := st.ha
		if ha == 0 {
			ha = round(g.between(u.landHa), 2)
		}
		a.LandAreaHa = &ha
	}
}

func (g *gen) tenure(a *estate.Asset, st site, u *useSpec) {
	a.Tenure, a.TenureDetail = st.tenure, st.detail
	if a.Tenure == "" {
		a.Tenure, a.TenureDetail = estate.TenureFreehold, estate.DetailOccupied
		switch n := g.rng.IntN(100); {
		case n < u.leasedIn && a.GIAM2 != nil && *a.GIAM2 < 300 && g.chance(40):
			a.Tenure, a.TenureDetail = estate.TenureLicence, estate.DetailLicence
		case n < u.leasedIn:
			a.Tenure, a.TenureDetail = estate.TenureLeasehold, estate.DetailLeasedIn
		case n < u.leasedIn+u.leasedOut && u.holding == estate.HoldingLand && g.chance(30):
			a.TenureDetail = estate.DetailGroundLease
		case n < u.leasedIn+u.leasedOut:
			a.TenureDetail = estate.DetailLeasedOut
		}
	}
	switch a.TenureDetail {
	case estate.DetailLeasedIn, estate.DetailLicence:
		a.LeaseExpiry = g.date(2038)
		if g.chance(40) {
			a.LeaseBreak = g.dateBefore(a.LeaseExpiry)
		}
		area := 100.0
		if a.GIAM2 != nil {
			area = *a.GIAM2
		}
		a.AnnualRentGBP = ptr(roundTo(area*g.between(span{110, 220}), 500))
	case estate.DetailLeasedOut, estate.DetailGroundLease:
		a.LeaseExpiry = g.date(2045)
	}
}

// occupiedByOwner reports whether the owner uses the asset itself, and so
// could move out of it or share it.
func occupiedByOwner(a *estate.Asset) bool {
	switch a.TenureDetail {
	case estate.DetailOccupied, estate.DetailLeasedIn, estate.DetailLicence:
		return true
	}
	return false
}

// rate draws the RAG rating and the tags and utilisation that go with it.
func (g *gen) rate(a *estate.Asset, st site, u *useSpec) {
	a.RAG, a.RAGRationale = st.rag, st.why
	if a.RAG == "" {
		a.RAG = g.drawRAG(u.rag)
	}
	building := a.GIAM2 != nil
	surplus := false
	if a.RAG == estate.RAGGreen && st.rag == "" {
		switch {
		case a.TenureDetail == estate.DetailOccupied && (!building || g.chance(50)):
			surplus = true
			a.TenureDetail = estate.DetailVacant
			a.Tags = append(a.Tags, "surplus", "vacant")
		case building && occupiedByOwner(a):
			a.Tags = append(a.Tags, "relocatable")
		}
	}
	if building {
		util := st.util // a site's own figure wins; a vacant building is empty
		switch {
		case util == 0 && a.TenureDetail != estate.DetailVacant:
			util = math.Round(g.between(u.util))
			if g.chance(4) {
				break // not yet surveyed: no figure
			}
			fallthrough
		default:
			a.UtilisationPct = &util
		}
		if a.UtilisationPct != nil && a.RAG != estate.RAGGreen && util >= 40 && util <= 65 &&
			*a.GIAM2 >= 1000 && occupiedByOwner(a) {
			a.Tags = append(a.Tags, "hub-candidate")
		}
	}
	if a.RAG == estate.RAGUnrated {
		return
	}
	if a.RAGRationale == "" {
		a.RAGRationale = g.rationale(a, u, surplus)
	}
	a.RAGSetBy = "demo"
	at := ragSetAt
	a.RAGSetAt = &at
}

func (g *gen) drawRAG(m ragMix) estate.RAG {
	n := g.rng.IntN(m.red + m.amber + m.green + m.unrated)
	switch {
	case n < m.red:
		return estate.RAGRed
	case n < m.red+m.amber:
		return estate.RAGAmber
	case n < m.red+m.amber+m.green:
		return estate.RAGGreen
	}
	return estate.RAGUnrated
}
