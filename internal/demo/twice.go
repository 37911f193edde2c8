package demo

import (
	"strconv"

	"github.com/placetrust/placetrust/internal/estate"
)

// twin is a place a second partner's list holds too, as registers pooled
// from separate lists always have some, for the data quality view
// (analysis.Quality) to find: a site built a few metres from an earlier
// one, by name, giving its UPRN or none.
type twin struct {
	site
	of          string // name of the earlier site
	east, north float64
	sameUPRN    bool
}

// heldTwice are the demo's twins: a shared site and a double count found
// by their UPRN, and a shared site listed without one, found by place and
// name. Each is a bare entry, without floor area or value, as such lines
// often are, so co-location and the money figures take no part in them.
func heldTwice() []twin {
	return []twin{
		{site: site{partner: police, use: "snt-base", town: "Worcester", name: "Police Office, County Hall",
			street: "Spetchley Road", postcode: "WR5 2NP", rag: estate.RAGRed, bare: true,
			tenure: estate.TenureLicence, detail: estate.DetailLicence,
			why: "Neighbourhood policing desk in County Hall under a licence from the County Council."},
			of: "County Hall", east: 12, north: -8, sameUPRN: true},
		{site: site{partner: wcc, use: "county-office", town: "Worcester", name: "Guildhall",
			street: "High Street", postcode: "WR1 2EY", rag: estate.RAGRed, bare: true, listed: estate.ListedGradeI,
			tenure: estate.TenureFreehold, detail: estate.DetailOccupied, why: "Civic building: disposal unlikely."},
			of: "Worcester Guildhall", east: 4, north: 3, sameUPRN: true},
		{site: site{partner: dwp, use: "jobcentre", town: "Evesham", name: "Evesham Jobcentre, Public Service Hub",
			street: "Abbey Road", number: "1", postcode: "WR11 4SB", rag: estate.RAGRed, bare: true,
			tenure: estate.TenureLicence, detail: estate.DetailLicence,
			why: "Counter in the Evesham Public Service Hub under a licence from Wychavon."},
			of: "Evesham Public Service Hub", east: -9, north: 6},
	}
}

// addTwin builds t beside the site it doubles.
func (g *gen) addTwin(t twin) {
	var of *estate.Asset
	for _, a := range g.assets {
		if a.Name == t.of {
			of = a
		}
	}
	if of == nil {
		panic("demo: no site named " + t.of)
	}
	t.at = offset(of.Location, t.east, t.north)
	a := g.build(t.site)
	a.UPRN = ""
	if t.sameUPRN {
		if of.UPRN == "" {
			g.uprn++
			of.UPRN = strconv.FormatInt(g.uprn, 10)
		}
		a.UPRN = of.UPRN
	}
	g.assets = append(g.assets, a)
}
