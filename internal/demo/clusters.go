package demo

import (
	"fmt"
	"math"

	"github.com/placetrust/placetrust/internal/estate"
)

// A cluster is a real co-location opportunity in a market town: an
// under-used civic building (the hub: not green, 40-65% used) and, round
// the same square within about 100 m, buildings of other partners rated
// green or amber whose services would fit in its spare space. The sizes
// are chosen so that they do fit (need = GIA × utilisation × 0.8, the
// default densify of the co-location analysis) with room to spare, and
// the members stand close so that the analysis, which takes the nearest
// first, reaches them before the drawn buildings around them.
type cluster struct {
	town        string
	east, north float64 // the hub's offset from the town centre, metres
	hub         member
	members     []member
}

// member is a building of a cluster; east and north are metres from the
// hub for members, unused for the hub itself.
type member struct {
	partner, use, name, street, postcode string
	east, north                          float64
	gia, util                            float64
	rag                                  estate.RAG
	leased                               bool
	listed                               estate.Listed
}

const (
	wcc    = "worcestershire-cc"
	police = "west-mercia-police"
	dwp    = "dwp-jobcentre-plus"
	health = "hw-health-care-nhs"
	amber  = estate.RAGAmber
	green  = estate.RAGGreen
)

var clusters = []cluster{
	{town: "Kidderminster", east: 60, north: -40,
		hub: member{partner: "wyre-forest-dc", use: "district-office", name: "Kidderminster Town Hall", street: "Vicar Street", postcode: "DY10 1DB", gia: 3200, util: 45, listed: estate.ListedII},
		members: []member{
			{partner: wcc, use: "library", name: "Kidderminster Library", street: "Market Street", east: -60, north: 50, gia: 1400, util: 70, rag: amber},
			{partner: dwp, use: "jobcentre", name: "Kidderminster Jobcentre", street: "Worcester Street", east: 50, north: 40, gia: 650, util: 65, rag: green, leased: true},
			{partner: health, use: "clinic", name: "Coventry Street Clinic", street: "Coventry Street", east: 30, north: -70, gia: 420, util: 55, rag: amber},
		}},
	{town: "Redditch", east: 80, north: 60,
		hub: member{partner: "redditch-bc", use: "district-office", name: "Redditch Town Hall", street: "Walter Stranz Square", postcode: "B98 8AH", gia: 7500, util: 50},
		members: []member{
			{partner: wcc, use: "library", name: "Redditch Library", street: "Market Place", east: -60, north: -40, gia: 1600, util: 60, rag: amber},
			{partner: dwp, use: "jobcentre", name: "Redditch Jobcentre", street: "Church Green East", east: -30, north: 60, gia: 900, util: 70, rag: green, leased: true},
			{partner: police, use: "police-station", name: "Redditch Police Station", street: "Grove Street", east: -70, north: 30, gia: 2600, util: 55, rag: amber},
		}},
	{town: "Bromsgrove", east: -80, north: 70,
		hub: member{partner: "bromsgrove-dc", use: "district-office", name: "Parkside", street: "Market Street", postcode: "B61 8DA", gia: 3600, util: 55},
		members: []member{
			{partner: police, use: "police-station", name: "Bromsgrove Police Station", street: "Windsor Street", east: 60, north: -30, gia: 1100, util: 55, rag: amber},
			{partner: dwp, use: "jobcentre", name: "Bromsgrove Jobcentre", street: "Church Street", east: 30, north: 60, gia: 550, util: 70, rag: green, leased: true},
			{partner: health, use: "clinic", name: "Windsor Street Clinic", street: "Windsor Street", east: 60, north: 40, gia: 500, util: 50, rag: amber},
		}},
	{town: "Malvern", east: 120, north: -100,
		hub: member{partner: "malvern-hills-dc", use: "district-office", name: "Malvern Council House", street: "Avenue Road", postcode: "WR14 3AF", gia: 3400, util: 50, listed: estate.ListedII},
		members: []member{
			{partner: wcc, use: "library", name: "Malvern Library", street: "Graham Road", east: -50, north: 60, gia: 900, util: 60, rag: amber},
			{partner: police, use: "police-station", name: "Malvern Police Station", street: "Victoria Road", east: -10, north: -60, gia: 700, util: 50, rag: green},
			{partner: dwp, use: "jobcentre", name: "Malvern Jobcentre", street: "Church Street", east: -70, north: 10, gia: 450, util: 70, rag: green, leased: true},
		}},
	{town: "Droitwich Spa", east: 50, north: 40,
		hub: member{partner: wcc, use: "library", name: "Droitwich Spa Library", street: "Victoria Square", postcode: "WR9 8DQ", gia: 2400, util: 45},
		members: []member{
			{partner: police, use: "police-station", name: "Droitwich Spa Police Station", street: "Ombersley Street East", east: -60, north: 40, gia: 600, util: 50, rag: green},
			{partner: "wychavon-dc", use: "district-office", name: "Droitwich Spa Area Office", street: "Heritage Way", east: 50, north: -40, gia: 350, util: 60, rag: amber},
			{partner: health, use: "clinic", name: "Droitwich Spa Clinic", street: "Friar Street", east: -30, north: -60, gia: 450, util: 55, rag: amber},
		}},
	{town: "Pershore", east: 250, north: 180,
		hub: member{partner: "wychavon-dc", use: "district-office", name: "Wychavon Civic Centre", street: "Queen Elizabeth Drive", postcode: "WR10 1PT", gia: 4500, util: 55},
		members: []member{
			{partner: wcc, use: "library", name: "Pershore Library", street: "High Street", east: -60, north: -50, gia: 500, util: 60, rag: amber},
			{partner: police, use: "police-station", name: "Pershore Police Station", street: "Queen Elizabeth Drive", east: 40, north: -60, gia: 450, util: 45, rag: green},
			{partner: health, use: "clinic", name: "Pershore Health Clinic", street: "Head Street", east: -40, north: 40, gia: 600, util: 55, rag: amber},
		}},
	{town: "Stourport-on-Severn", east: -60, north: 80,
		hub: member{partner: "wyre-forest-dc", use: "district-office", name: "Stourport Civic Centre", street: "New Street", postcode: "DY13 8UN", gia: 2000, util: 40},
		members: []member{
			{partner: wcc, use: "library", name: "Stourport Library", street: "Vale Road", east: 50, north: 30, gia: 450, util: 60, rag: amber},
			{partner: police, use: "police-station", name: "Stourport Police Station", street: "Lombard Street", east: -50, north: -40, gia: 500, util: 50, rag: green},
			{partner: health, use: "clinic", name: "Stourport Clinic", street: "Worcester Road", east: 10, north: -70, gia: 400, util: 55, rag: amber},
		}},
	{town: "Tenbury Wells", east: -100, north: -60,
		hub: member{partner: "malvern-hills-dc", use: "district-office", name: "Tenbury Pump Rooms", street: "Teme Street", postcode: "WR15 8AE", gia: 900, util: 40, listed: estate.ListedII},
		members: []member{
			{partner: wcc, use: "library", name: "Tenbury Library", street: "Teme Street", east: 40, north: 40, gia: 250, util: 55, rag: amber},
			{partner: police, use: "police-station", name: "Tenbury Police Station", street: "Market Street", east: 60, north: -10, gia: 220, util: 40, rag: green},
			{partner: health, use: "clinic", name: "Tenbury Clinic", street: "Cross Street", east: -10, north: 60, gia: 200, util: 50, rag: amber},
		}},
	{town: "Bewdley", east: 40, north: -30,
		hub: member{partner: "wyre-forest-dc", use: "district-office", name: "Bewdley Guildhall", street: "Load Street", postcode: "DY12 2AH", gia: 1100, util: 45, listed: estate.ListedII},
		members: []member{
			{partner: wcc, use: "library", name: "Bewdley Library", street: "Load Street", east: -40, north: 10, gia: 300, util: 55, rag: amber},
			{partner: police, use: "police-station", name: "Bewdley Police Office", street: "High Street", east: 50, north: 40, gia: 180, util: 40, rag: green},
			{partner: health, use: "clinic", name: "Bewdley Clinic", street: "Dog Lane", east: -30, north: -60, gia: 250, util: 50, rag: amber},
		}},
	{town: "Upton-upon-Severn", east: 30, north: 40,
		hub: member{partner: "malvern-hills-dc", use: "community-centre", name: "Upton Memorial Hall", street: "Old Street", postcode: "WR8 0HN", gia: 700, util: 40},
		members: []member{
			{partner: wcc, use: "library", name: "Upton-upon-Severn Library", street: "High Street", east: -40, north: 30, gia: 180, util: 55, rag: amber},
			{partner: police, use: "police-station", name: "Upton-upon-Severn Police Station", street: "New Street", east: 40, north: 30, gia: 200, util: 45, rag: green},
			{partner: health, use: "clinic", name: "Upton-upon-Severn Clinic", street: "Court Street", east: 30, north: -40, gia: 180, util: 50, rag: amber},
		}},
	{town: "Worcester", east: -240, north: 500,
		hub: member{partner: "worcester-city", use: "district-office", name: "Orchard House", street: "Farrier Street", postcode: "WR1 3BB", gia: 6500, util: 50},
		members: []member{
			{partner: dwp, use: "dwp-office", name: "Worcester Jobcentre", street: "Castle Street", east: 60, north: -50, gia: 1200, util: 70, rag: green, leased: true},
			{partner: "government-property-agency", use: "probation", name: "Worcester Probation Office", street: "Castle Street", east: -40, north: 60, gia: 800, util: 60, rag: amber, leased: true},
			{partner: health, use: "clinic", name: "The Tything Clinic", street: "The Tything", east: 30, north: 70, gia: 700, util: 55, rag: amber},
		}},
}

// clusterSites turns the clusters into sites, hubs first.
func clusterSites() []site {
	var out []site
	for _, c := range clusters {
		s := settlementByName(c.town)
		hubAt := offset(s.centre, c.east, c.north)
		h := c.hub.site(c.town, hubAt)
		h.rag = estate.RAGAmber
		h.why = fmt.Sprintf("Under-used civic building: about %.0f%% of its floor space is free and could host partner services.", 100-c.hub.util)
		h.tags = []string{"hub-candidate"}
		out = append(out, h)
		for _, m := range c.members {
			at := offset(hubAt, m.east, m.north)
			ms := m.site(c.town, at)
			ms.rag = m.rag
			d := math.Round(estate.Distance(hubAt, at)/10) * 10
			if m.rag == estate.RAGGreen {
				ms.why = fmt.Sprintf("Shared-use opportunity: the service could move into %s, %.0f m away, and release this building.", c.hub.name, d)
				ms.tags = []string{"relocatable"}
			} else {
				ms.why = fmt.Sprintf("Disposal possible if the service moves into %s, %.0f m away.", c.hub.name, d)
			}
			out = append(out, ms)
		}
	}
	return out
}

func (m member) site(town string, at estate.Point) site {
	st := site{partner: m.partner, use: m.use, town: town, spot: spotCentre, at: at, name: m.name,
		street: m.street, postcode: m.postcode, gia: m.gia, util: m.util, listed: m.listed,
		tenure: estate.TenureFreehold, detail: estate.DetailOccupied}
	if m.leased {
		st.tenure, st.detail = estate.TenureLeasehold, estate.DetailLeasedIn
	}
	return st
}
