package demo

import "github.com/placetrust/placetrust/internal/estate"

// landmarks are the named flagship sites every Worcestershire register
// has: hospitals, headquarters, crematoria, courts, the Evesham hub.
// Names, streets and places are real or close to it; sizes and money are
// still drawn, because the figures are not real.
func landmarks() []site {
	sites := []site{
		// County Council.
		{partner: "worcestershire-cc", use: "county-office", town: "Worcester", at: pt(52.1905, -2.1810), name: "County Hall",
			street: "Spetchley Road", postcode: "WR5 2NP", gia: 22000, util: 55, rag: estate.RAGAmber,
			why:       "Under-used headquarters: two floors could host partner teams; options review in 2026/27.",
			tags:      []string{"hub-candidate"},
			occupiers: []occ{{"worcestershire-cc", 11000}, {"hw-health-care-nhs", 1100}}},
		{partner: "worcestershire-cc", use: "library", town: "Worcester", at: pt(52.1955, -2.2260), name: "The Hive",
			street: "Sawmill Walk", postcode: "WR1 3PD", gia: 12500, util: 90, rag: estate.RAGRed,
			why:       "Joint public and university library, archive and customer service centre under a long-term partnership.",
			tags:      []string{"hub"},
			occupiers: []occ{{"worcestershire-cc", 7000}, {"university-of-worcester", 5000}}},

		// District councils.
		{partner: "worcester-city", use: "district-office", town: "Worcester", at: pt(52.1921, -2.2199), name: "Worcester Guildhall",
			street: "High Street", postcode: "WR1 2EY", gia: 4200, util: 75, listed: estate.ListedGradeI, rag: estate.RAGRed,
			why: "Grade I listed civic building and the seat of the council: disposal unlikely."},
		{partner: "worcester-city", use: "crematorium", town: "Worcester", at: pt(52.2105, -2.2080), name: "Astwood Crematorium",
			street: "Astwood Road", postcode: "WR3 8HA"},
		{partner: "redditch-bc", use: "crematorium", town: "Redditch", at: pt(52.3250, -1.9460), name: "Redditch Crematorium",
			street: "Bordesley Lane", postcode: "B97 6RR"},
		{partner: "wyre-forest-dc", use: "crematorium", town: "Stourport-on-Severn", at: pt(52.3450, -2.2850),
			name: "Wyre Forest Crematorium", street: "Minster Road", postcode: "DY13 8DE"},
		{partner: "wyre-forest-dc", use: "district-office", town: "Kidderminster", at: pt(52.3780, -2.2620), name: "Wyre Forest House",
			street: "Finepoint Way", postcode: "DY11 7WF", gia: 6500, util: 70, rag: estate.RAGAmber,
			why: "Modern headquarters with a spare floor: could host partner teams or be partly let."},
		{partner: "wyre-forest-dc", use: "refuge", town: "Kidderminster", spot: spotTown, name: "Kidderminster Refuge"},
		{partner: "redditch-bc", use: "refuge", town: "Redditch", spot: spotTown, name: "Redditch Refuge"},

		// The existing multi-agency hub in Evesham.
		{partner: "wychavon-dc", use: "public-service-hub", town: "Evesham", at: offset(settlementByName("Evesham").centre, 130, 120),
			name: "Evesham Public Service Hub", street: "Abbey Road", number: "1", postcode: "WR11 4SB", gia: 2600, util: 88,
			rag: estate.RAGRed, why: "Existing multi-agency hub shared by five partners: a model for others, not for disposal.",
			tags: []string{"hub"},
			occupiers: []occ{{"wychavon-dc", 700}, {"worcestershire-cc", 600}, {"west-mercia-police", 450},
				{"dwp-jobcentre-plus", 400}, {"malvern-hills-dc", 120}}},

		// NHS.
		{partner: "worcestershire-acute-nhs", use: "acute-hospital", town: "Worcester", at: pt(52.1925, -2.1720),
			name: "Worcestershire Royal Hospital", street: "Charles Hastings Way", postcode: "WR5 1DD", gia: 78000, ha: 14,
			tenure: estate.TenureOther, detail: estate.DetailOccupied, tags: []string{"pfi"}},
		{partner: "worcestershire-acute-nhs", use: "acute-hospital", town: "Redditch", at: pt(52.2860, -1.9160),
			name: "Alexandra Hospital", street: "Woodrow Drive", postcode: "B98 7UB", gia: 45000, ha: 10},
		{partner: "worcestershire-acute-nhs", use: "acute-hospital", town: "Kidderminster", at: pt(52.3855, -2.2610),
			name: "Kidderminster Hospital and Treatment Centre", street: "Bewdley Road", postcode: "DY11 6RJ", gia: 26000, ha: 8},
		{partner: "hw-health-care-nhs", use: "community-hospital", town: "Evesham", at: pt(52.0900, -1.9420),
			name: "Evesham Community Hospital", street: "Waterside", postcode: "WR11 1JT"},
		{partner: "hw-health-care-nhs", use: "community-hospital", town: "Malvern", at: pt(52.1250, -2.3120),
			name: "Malvern Community Hospital", street: "Worcester Road", postcode: "WR14 1EX"},
		{partner: "hw-health-care-nhs", use: "community-hospital", town: "Bromsgrove", at: pt(52.3470, -2.0640),
			name: "Princess of Wales Community Hospital", street: "Stourbridge Road", postcode: "B61 0BB"},
		{partner: "hw-health-care-nhs", use: "community-hospital", town: "Tenbury Wells", at: pt(52.3135, -2.5920),
			name: "Tenbury Community Hospital", street: "Worcester Road", postcode: "WR15 8AP"},
		{partner: "hw-health-care-nhs", use: "community-hospital", town: "Pershore", at: pt(52.1080, -2.0700),
			name: "Pershore Community Hospital", street: "Three Springs Road", postcode: "WR10 1HS"},
		{partner: "hw-health-care-nhs", use: "mental-health-unit", town: "Worcester", at: pt(52.1935, -2.1955),
			name: "Elgar Unit", street: "Newtown Road", postcode: "WR5 1JG", gia: 4800, ha: 1.6},

		// Police: headquarters shared with the fire service, stations, custody.
		{partner: "west-mercia-police", use: "police-hq", town: "Worcester", at: pt(52.2260, -2.1790), street: "Hindlip",
			postcode: "WR3 8SP", gia: 21000, ha: 26, tags: []string{"hub"},
			occupiers: []occ{{"west-mercia-police", 17000}, {"hw-fire-rescue", 2500}}},
		{partner: "west-mercia-police", use: "police-station", town: "Worcester", at: pt(52.1978, -2.2228),
			name: "Worcester Police Station", street: "Castle Street", postcode: "WR1 3QX", gia: 4500, util: 75, rag: estate.RAGAmber,
			why: "Victorian station in poor condition: replacement or sharing under review."},
		{partner: "west-mercia-police", use: "police-station", town: "Kidderminster", spot: spotTown, street: "Habberley Road",
			name: "Kidderminster Police Station", gia: 2800, util: 80, rag: estate.RAGRed,
			why: "Response base for the north of the county: location fixed by response-time modelling."},
		{partner: "west-mercia-police", use: "custody-suite", town: "Worcester", spot: spotEdge},
		{partner: "west-mercia-police", use: "custody-suite", town: "Kidderminster", spot: spotEdge},
		{partner: "west-mercia-police", use: "custody-suite", town: "Redditch", spot: spotEdge},
		{partner: "west-mercia-police", use: "police-station", town: "Evesham", at: offset(settlementByName("Evesham").centre, -220, -160),
			name: "Former Evesham Police Station", street: "Merstow Green", postcode: "WR11 4BB", gia: 1400, util: 0,
			tenure: estate.TenureFreehold, detail: estate.DetailVacant, rag: estate.RAGGreen,
			why:  "Vacated when the police moved into the Evesham Public Service Hub; declared surplus.",
			tags: []string{"surplus", "vacant"}},

		{partner: "dwp-jobcentre-plus", use: "jobcentre", town: "Evesham", at: offset(settlementByName("Evesham").centre, -120, 240),
			name: "Former Evesham Jobcentre", street: "Port Street", gia: 700, tenure: estate.TenureFreehold,
			detail: estate.DetailVacant, rag: estate.RAGGreen, tags: []string{"surplus", "vacant"},
			why: "Vacated when the jobcentre moved into the Evesham Public Service Hub; declared surplus."},

		// Courts.
		{partner: "hmcts", use: "crown-court", town: "Worcester", at: pt(52.1962, -2.2208), name: "Worcester Combined Court",
			street: "Foregate Street", number: "The Shirehall", postcode: "WR1 1EQ", listed: estate.ListedIIStar},
		{partner: "hmcts", use: "magistrates-court", town: "Redditch", spot: spotCentre, name: "Former Redditch Magistrates' Court",
			street: "Grove Street", util: 0, tenure: estate.TenureFreehold, detail: estate.DetailVacant, rag: estate.RAGGreen,
			why: "Court closed and its work moved to Kidderminster; declared surplus.", tags: []string{"surplus", "vacant"}},

		// University.
		{partner: "university-of-worcester", use: "campus", town: "Worcester", at: pt(52.1975, -2.2445), name: "St John's Campus",
			street: "Henwick Grove", postcode: "WR2 6AJ", gia: 38000, ha: 12},
		{partner: "university-of-worcester", use: "campus", town: "Worcester", at: pt(52.1985, -2.2245), name: "City Campus",
			street: "Castle Street", postcode: "WR1 3AS", gia: 16000, ha: 2.5, listed: estate.ListedII},
		{partner: "university-of-worcester", use: "uni-sports", town: "Worcester", at: pt(52.1945, -2.2330),
			name: "University of Worcester Arena", street: "Hylton Road", postcode: "WR2 5JN", gia: 5200, ha: 1.5, util: 70},
	}
	for i := range sites {
		// Flagships are owned and used by their partner unless said otherwise.
		if sites[i].tenure == "" {
			sites[i].tenure, sites[i].detail = estate.TenureFreehold, estate.DetailOccupied
		}
	}
	return append(sites, fireStations()...)
}

// fireStations are the service's Worcestershire stations at their
// published addresses (Home Office fire stations list, in ../shared/data).
func fireStations() []site {
	addr := []struct{ town, street, postcode string }{
		{"Worcester", "McKenzie Way", "WR4 9GN"},
		{"Kidderminster", "Castle Road", "DY11 6TH"},
		{"Redditch", "Birmingham Road", "B97 6EL"},
		{"Bromsgrove", "Slideslow Drive", "B60 1GN"},
		{"Malvern", "Worcester Road", "WR14 1TD"},
		{"Evesham", "Abbey Road", "WR11 4ST"},
		{"Droitwich Spa", "Friar Street", "WR9 8EQ"},
		{"Pershore", "Defford Road", "WR10 1HZ"},
		{"Stourport-on-Severn", "Foundry Street", "DY13 8EB"},
		{"Tenbury Wells", "Worcester Road", "WR15 8AR"},
		{"Bewdley", "Dog Lane", "DY12 2BU"},
		{"Upton-upon-Severn", "Minge Lane", "WR8 0NN"},
		{"Broadway", "Keytes Lane", "WR12 7DP"},
		{"Pebworth", "Stratford Road", "CV37 8XU"},
	}
	out := make([]site, len(addr))
	for i, a := range addr {
		out[i] = site{partner: "hw-fire-rescue", use: "fire-station", town: a.town, spot: spotTown,
			street: a.street, postcode: a.postcode}
	}
	return out
}
