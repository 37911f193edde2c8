package demo

import "github.com/placetrust/placetrust/internal/estate"

// span is a range a figure is drawn from, uniformly.
type span struct{ lo, hi float64 }

// spot is where in a settlement an asset stands. Town centres get the
// offices, libraries and car parks, which is what makes them dense
// enough for co-location to find something.
type spot int

const (
	spotCentre  spot = iota // within 500 m of the town centre
	spotTown                // elsewhere in the built-up area
	spotEdge                // edge of town: depots, cemeteries, industrial estates
	spotVillage             // in a village
	spotCountry             // open countryside around a village
	nSpots
)

// ragMix weighs the ratings a use is drawn with.
type ragMix struct{ red, amber, green, unrated int }

// useSpec describes one kind of asset in a partner's portfolio: how many,
// where, how big, what it is worth and how it is rated. Money rates are
// Worcestershire-ish existing-use values, not valuations.
type useSpec struct {
	key     string // unique; sites refer to a use by key
	use     string
	name    string // template: {town}, {area}, {street}, {farm}, {num}
	holding estate.Holding
	count   int
	eachOf  []string // one asset in each of these settlements instead of count
	only    []string // settlements the use may be drawn in
	spread  [nSpots]int
	gia     span // m²
	landHa  span
	perM2   span // £ of market value per m² of GIA
	perHa   span // £ of market value per hectare of land
	runM2   span // £ running cost a year per m² of GIA
	util    span // utilisation %, when in use
	rag     ragMix
	red     string // why a red rating: the reason this use is kept
	// leasedIn and leasedOut are the percentages held on a lease from a
	// landlord, and owned but let to a tenant.
	leasedIn, leasedOut int
	tags                []string
	sensitive           bool
}

var (
	centre  = [nSpots]int{spotCentre: 1}
	town    = [nSpots]int{spotTown: 1}
	edge    = [nSpots]int{spotEdge: 1}
	country = [nSpots]int{spotCountry: 1}
)

// bigTowns host the services a small town does not get.
var bigTowns = []string{"Worcester", "Redditch", "Kidderminster"}

const (
	whySchool  = "Operational school: the county must provide school places here."
	whyOpen    = "Public open space held for recreation; disposal would need consultation and is unlikely."
	whyGrave   = "Burial ground: graves cannot be disturbed, so disposal is not possible."
	whyDepot   = "Operational depot: no other site serves the area."
	whyCourt   = "Operational court kept by the justice estate strategy."
	whyClinic  = "Clinical service point with no alternative premises nearby."
	whyHousing = "Specialist accommodation for vulnerable people: disposal unlikely."
)

var countyUses = []useSpec{
	{key: "primary-school", use: "Primary school", name: "{area} Primary School", holding: estate.HoldingLandAndBuilding, count: 140,
		spread: [nSpots]int{spotTown: 55, spotVillage: 45}, gia: span{900, 2400}, landHa: span{0.8, 2.5},
		perM2: span{2200, 3000}, perHa: span{150e3, 300e3}, runM2: span{45, 70}, util: span{70, 100}, rag: ragMix{60, 10, 0, 30}, red: whySchool},
	{key: "high-school", use: "Secondary school", name: "{area} High School", holding: estate.HoldingLandAndBuilding, count: 14,
		spread: town, gia: span{7000, 13000}, landHa: span{5, 12}, perM2: span{2200, 3000}, perHa: span{150e3, 300e3},
		runM2: span{40, 60}, util: span{75, 100}, rag: ragMix{80, 0, 0, 20}, red: whySchool},
	{key: "special-school", use: "Special school", name: "{area} School", holding: estate.HoldingLandAndBuilding, count: 6,
		spread: town, gia: span{1500, 3500}, landHa: span{1, 3}, perM2: span{2300, 3100}, perHa: span{150e3, 300e3},
		runM2: span{50, 80}, util: span{75, 100}, rag: ragMix{100, 0, 0, 0}, red: whySchool},
	{key: "library", use: "Library", name: "{area} Library", holding: estate.HoldingBuilding, count: 18,
		eachOf: []string{"Evesham", "Broadway"},
		spread: [nSpots]int{spotCentre: 60, spotTown: 25, spotVillage: 15}, gia: span{250, 1200}, perM2: span{1400, 2400},
		runM2: span{70, 120}, util: span{45, 90}, rag: ragMix{10, 50, 15, 25}, red: "Statutory library service point with no alternative venue nearby."},
	{key: "childrens-centre", use: "Children's centre", name: "{area} Children's Centre", holding: estate.HoldingBuilding, count: 18,
		spread: [nSpots]int{spotCentre: 15, spotTown: 70, spotVillage: 15}, gia: span{250, 700}, perM2: span{1400, 2200},
		runM2: span{60, 100}, util: span{40, 85}, rag: ragMix{5, 45, 25, 25}, red: "Early help service point for families in the most deprived area of the town."},
	{key: "care-home", use: "Residential care home", name: "{area} Residential Home", holding: estate.HoldingLandAndBuilding, count: 8,
		spread: [nSpots]int{spotTown: 80, spotVillage: 20}, gia: span{1800, 3200}, landHa: span{0.4, 1.2}, perM2: span{1300, 1900},
		perHa: span{250e3, 600e3}, runM2: span{90, 140}, util: span{75, 100}, rag: ragMix{50, 30, 10, 10}, red: whyHousing},
	{key: "childrens-home", use: "Children's home", name: "{area} Children's Home", holding: estate.HoldingBuilding, count: 5,
		spread: [nSpots]int{spotTown: 70, spotVillage: 30}, gia: span{250, 450}, perM2: span{1800, 2600}, runM2: span{90, 140},
		util: span{70, 100}, rag: ragMix{100, 0, 0, 0}, red: whyHousing, sensitive: true},
	{key: "day-centre", use: "Day centre", name: "{area} Day Centre", holding: estate.HoldingBuilding, count: 8,
		spread: [nSpots]int{spotCentre: 20, spotTown: 80}, gia: span{400, 1200}, perM2: span{1200, 1800}, runM2: span{60, 110},
		util: span{35, 80}, rag: ragMix{10, 50, 20, 20}, red: whyHousing},
	{key: "youth-centre", use: "Youth centre", name: "{area} Youth Centre", holding: estate.HoldingBuilding, count: 10,
		spread: [nSpots]int{spotCentre: 10, spotTown: 70, spotVillage: 20}, gia: span{250, 600}, perM2: span{1000, 1600},
		runM2: span{50, 90}, util: span{20, 60}, rag: ragMix{0, 40, 40, 20}},
	{key: "county-office", use: "Offices", name: "{street} Offices", holding: estate.HoldingBuilding, count: 16,
		spread: [nSpots]int{spotCentre: 80, spotTown: 20}, gia: span{400, 3500}, perM2: span{1400, 2400}, runM2: span{80, 140},
		util: span{45, 95}, rag: ragMix{10, 50, 20, 20}, red: "Core office base for front-line teams in the area.", leasedIn: 25},
	{key: "caretaker-house", use: "House (former caretaker's)", name: "{num} {street}", holding: estate.HoldingBuilding, count: 15,
		spread: [nSpots]int{spotTown: 60, spotVillage: 40}, gia: span{80, 140}, perM2: span{2000, 2800}, runM2: span{15, 30},
		util: span{100, 100}, rag: ragMix{0, 30, 50, 20}, leasedOut: 40},
	{key: "highways-depot", use: "Highways depot", name: "{town} Highways Depot", holding: estate.HoldingLandAndBuilding, count: 8,
		spread: edge, gia: span{400, 1500}, landHa: span{0.5, 2.5}, perM2: span{600, 900}, perHa: span{300e3, 600e3},
		runM2: span{30, 60}, util: span{60, 100}, rag: ragMix{40, 40, 0, 20}, red: "Operational highways depot: the winter gritting base for the area."},
	{key: "recycling-centre", use: "Household recycling centre", name: "{town} Household Recycling Centre", holding: estate.HoldingLandAndBuilding,
		eachOf: []string{"Worcester", "Kidderminster", "Redditch", "Bromsgrove", "Malvern", "Evesham", "Droitwich Spa", "Stourport-on-Severn", "Pershore", "Upton-upon-Severn", "Tenbury Wells"},
		spread: edge, gia: span{60, 250}, landHa: span{0.8, 2.2}, perM2: span{800, 1200}, perHa: span{350e3, 600e3},
		runM2: span{200, 400}, util: span{80, 100}, rag: ragMix{100, 0, 0, 0}, red: "Statutory household waste site; no other site serves the catchment."},
	{key: "country-park", use: "Country park", name: "{area} Country Park", holding: estate.HoldingLand, count: 6,
		spread: country, landHa: span{15, 120}, perHa: span{12e3, 25e3}, rag: ragMix{70, 10, 0, 20}, red: whyOpen},
	{key: "county-farm", use: "County farm (smallholding)", name: "{farm} Farm", holding: estate.HoldingLandAndBuilding, count: 100,
		spread: country, gia: span{150, 700}, landHa: span{15, 70}, perM2: span{700, 1100}, perHa: span{20e3, 30e3},
		runM2: span{5, 15}, util: span{80, 100}, rag: ragMix{5, 40, 25, 30}, red: "Farm let to a new entrant under the county farms strategy.",
		leasedOut: 100, tags: []string{"county-farm"}},
	{key: "county-land", use: "Land", name: "Land at {street}", holding: estate.HoldingLand, count: 50,
		spread: [nSpots]int{spotTown: 20, spotEdge: 30, spotCountry: 50}, landHa: span{0.2, 8}, perHa: span{50e3, 700e3},
		rag: ragMix{5, 30, 35, 30}, red: "Highway land needed for a planned junction improvement."},
}

var districtUses = []useSpec{
	{key: "district-office", use: "Offices", name: "{street} Offices", holding: estate.HoldingBuilding, count: 3,
		spread: centre, gia: span{400, 2500}, perM2: span{1400, 2200}, runM2: span{80, 140}, util: span{45, 90},
		rag: ragMix{10, 50, 20, 20}, red: "Council's customer service centre for the area.", leasedIn: 20},
	{key: "leisure-centre", use: "Leisure centre", name: "{area} Leisure Centre", holding: estate.HoldingLandAndBuilding, count: 2,
		spread: [nSpots]int{spotCentre: 30, spotTown: 70}, gia: span{2500, 6500}, landHa: span{1, 3}, perM2: span{2000, 2800},
		perHa: span{300e3, 600e3}, runM2: span{120, 200}, util: span{60, 100}, rag: ragMix{40, 30, 0, 30},
		red: "Main public leisure and swimming facility for the district."},
	{key: "car-park", use: "Car park", name: "{street} Car Park", holding: estate.HoldingLand, count: 30,
		spread: [nSpots]int{spotCentre: 75, spotTown: 25}, landHa: span{0.1, 1.2}, perHa: span{500e3, 1.5e6},
		rag: ragMix{20, 45, 15, 20}, red: "Town-centre car park that funds services and supports the high street."},
	{key: "cemetery", use: "Cemetery", name: "{area} Cemetery", holding: estate.HoldingLand, count: 3,
		spread: [nSpots]int{spotTown: 20, spotEdge: 40, spotVillage: 40}, landHa: span{1.5, 8}, perHa: span{20e3, 50e3},
		rag: ragMix{100, 0, 0, 0}, red: whyGrave},
	{key: "community-centre", use: "Community centre", name: "{area} Community Centre", holding: estate.HoldingBuilding, count: 8,
		spread: [nSpots]int{spotCentre: 10, spotTown: 60, spotVillage: 30}, gia: span{200, 800}, perM2: span{1100, 1700},
		runM2: span{40, 80}, util: span{30, 75}, rag: ragMix{0, 50, 25, 25}},
	{key: "district-depot", use: "Depot", name: "{town} Depot", holding: estate.HoldingLandAndBuilding, count: 2,
		spread: edge, gia: span{500, 2000}, landHa: span{0.8, 3}, perM2: span{600, 900}, perHa: span{300e3, 600e3},
		runM2: span{30, 60}, util: span{70, 100}, rag: ragMix{50, 30, 0, 20}, red: whyDepot},
	{key: "district-land", use: "Land", name: "Land at {street}", holding: estate.HoldingLand, count: 28,
		spread: [nSpots]int{spotTown: 35, spotEdge: 35, spotCountry: 30}, landHa: span{0.1, 6}, perHa: span{50e3, 600e3},
		rag: ragMix{10, 30, 35, 25}, red: "Amenity land on a housing estate.", leasedOut: 15},
	{key: "garage-site", use: "Garage block", name: "Garages at {street}", holding: estate.HoldingLand, count: 8,
		spread: town, landHa: span{0.05, 0.3}, perHa: span{100e3, 400e3}, rag: ragMix{0, 30, 45, 25}},
	{key: "toilets", use: "Public conveniences", name: "{street} Public Conveniences", holding: estate.HoldingBuilding, count: 4,
		spread: centre, gia: span{20, 70}, perM2: span{1000, 1800}, runM2: span{150, 300}, util: span{50, 100}, rag: ragMix{0, 40, 40, 20}},
	{key: "park", use: "Park and open space", name: "{area} Park", holding: estate.HoldingLand, count: 6,
		spread: [nSpots]int{spotCentre: 10, spotTown: 70, spotVillage: 20}, landHa: span{1, 15}, perHa: span{10e3, 40e3},
		rag: ragMix{80, 0, 0, 20}, red: whyOpen},
	{key: "allotments", use: "Allotments", name: "{area} Allotments", holding: estate.HoldingLand, count: 3,
		spread: [nSpots]int{spotTown: 60, spotVillage: 40}, landHa: span{0.5, 3}, perHa: span{15e3, 40e3},
		rag: ragMix{80, 0, 0, 20}, red: "Statutory allotments: disposal needs the Secretary of State's consent."},
	{key: "industrial-unit", use: "Industrial unit", name: "{street} Industrial Unit", holding: estate.HoldingBuilding, count: 14,
		spread: [nSpots]int{spotTown: 40, spotEdge: 60}, gia: span{150, 1500}, perM2: span{700, 1100}, runM2: span{5, 15},
		util: span{80, 100}, rag: ragMix{0, 50, 15, 35}, leasedOut: 100, tags: []string{"investment"}},
	{key: "shop", use: "Shop", name: "{num} {street}", holding: estate.HoldingBuilding, count: 6,
		spread: centre, gia: span{60, 350}, perM2: span{1800, 3200}, runM2: span{5, 15}, util: span{80, 100},
		rag: ragMix{0, 40, 30, 30}, leasedOut: 100, tags: []string{"investment"}},
	{key: "retail-park", use: "Retail park (investment)", name: "{area} Retail Park", holding: estate.HoldingLandAndBuilding, count: 1,
		spread: edge, gia: span{4000, 12000}, landHa: span{2, 5}, perM2: span{1200, 2000}, perHa: span{500e3, 1e6},
		runM2: span{2, 6}, util: span{85, 100}, rag: ragMix{0, 60, 0, 40}, leasedOut: 100, tags: []string{"investment"}},
	{key: "market-hall", use: "Market hall", name: "{town} Market Hall", holding: estate.HoldingBuilding, count: 1,
		spread: centre, gia: span{600, 1500}, perM2: span{1200, 2000}, runM2: span{40, 90}, util: span{30, 70},
		rag: ragMix{20, 50, 10, 20}, red: "Charter market: the council must keep a market venue."},
	{key: "pavilion", use: "Sports pavilion and pitches", name: "{area} Playing Fields", holding: estate.HoldingLandAndBuilding, count: 4,
		spread: [nSpots]int{spotTown: 60, spotVillage: 40}, gia: span{100, 400}, landHa: span{2, 8}, perM2: span{1000, 1500},
		perHa: span{20e3, 60e3}, runM2: span{30, 60}, util: span{20, 60}, rag: ragMix{50, 20, 10, 20},
		red: "Playing field protected by Sport England policy."},
	{key: "museum", use: "Museum and arts venue", name: "{town} Museum", holding: estate.HoldingBuilding, count: 1,
		spread: centre, gia: span{600, 2500}, perM2: span{1500, 2500}, runM2: span{80, 150}, util: span{50, 90},
		rag: ragMix{60, 20, 0, 20}, red: "Heritage and cultural venue held for the public."},
	{key: "crematorium", use: "Crematorium", holding: estate.HoldingLandAndBuilding, gia: span{400, 900}, landHa: span{2, 8},
		perM2: span{2000, 3000}, perHa: span{30e3, 60e3}, runM2: span{150, 250}, util: span{70, 100}, rag: ragMix{100, 0, 0, 0},
		red: "Crematorium: a specialist operational site with no alternative provision nearby."},
	{key: "refuge", use: "Domestic abuse refuge", holding: estate.HoldingBuilding, gia: span{300, 600}, perM2: span{1500, 2200},
		runM2: span{60, 110}, util: span{80, 100}, rag: ragMix{100, 0, 0, 0}, sensitive: true,
		red: "Refuge for people escaping domestic abuse: its address is withheld and it will be kept."},
	{key: "public-service-hub", use: "Public service hub", holding: estate.HoldingBuilding, gia: span{1500, 3000},
		perM2: span{1800, 2500}, runM2: span{90, 140}, util: span{70, 95}, rag: ragMix{100, 0, 0, 0}},
	{key: "hostel", use: "Temporary accommodation", name: "{street} Hostel", holding: estate.HoldingBuilding, count: 2,
		spread: town, gia: span{300, 900}, perM2: span{1300, 1900}, runM2: span{60, 110}, util: span{70, 100},
		rag: ragMix{50, 20, 0, 30}, red: "Temporary accommodation for homeless households: a statutory duty."},
}
