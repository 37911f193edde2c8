package demo

import "github.com/placetrust/placetrust/internal/estate"

// The portfolios of the partners other than councils. Their flagship
// sites (hospitals, headquarters, courts) are in sites.go; these are the
// many ordinary buildings around them.

var communityHealthUses = []useSpec{
	{key: "health-centre", use: "Health centre", name: "{area} Health Centre", holding: estate.HoldingBuilding, count: 18,
		eachOf: []string{"Broadway", "Upton-upon-Severn"},
		spread: [nSpots]int{spotCentre: 35, spotTown: 45, spotVillage: 20}, gia: span{400, 1800}, perM2: span{1800, 2600},
		runM2: span{90, 150}, util: span{55, 95}, rag: ragMix{20, 40, 15, 25}, red: whyClinic, leasedIn: 30},
	{key: "clinic", use: "Community clinic", name: "{area} Clinic", holding: estate.HoldingBuilding, count: 14,
		spread: [nSpots]int{spotCentre: 30, spotTown: 60, spotVillage: 10}, gia: span{150, 600}, perM2: span{1600, 2400},
		runM2: span{80, 140}, util: span{30, 80}, rag: ragMix{5, 45, 25, 25}, red: whyClinic, leasedIn: 40},
	{key: "mental-health-unit", use: "Mental health inpatient unit", name: "{area} Mental Health Unit", holding: estate.HoldingLandAndBuilding,
		count: 4, only: bigTowns, spread: town, gia: span{1500, 4500}, landHa: span{0.5, 2}, perM2: span{2500, 3200},
		perHa: span{300e3, 600e3}, runM2: span{150, 250}, util: span{80, 100}, rag: ragMix{100, 0, 0, 0},
		red: "Specialist mental health inpatient unit: no alternative site."},
	{key: "nhs-office", use: "Offices", name: "{street} House", holding: estate.HoldingBuilding, count: 6,
		spread: [nSpots]int{spotCentre: 60, spotTown: 40}, gia: span{400, 2000}, perM2: span{1300, 2200}, runM2: span{80, 140},
		util: span{40, 85}, rag: ragMix{0, 50, 30, 20}, leasedIn: 40},
	{key: "respite-unit", use: "Learning disability respite unit", name: "{area} Respite Unit", holding: estate.HoldingBuilding, count: 4,
		spread: town, gia: span{300, 700}, perM2: span{1500, 2000}, runM2: span{100, 160}, util: span{60, 100},
		rag: ragMix{40, 30, 10, 20}, red: whyHousing},
	{key: "community-hospital", use: "Community hospital", name: "{town} Community Hospital", holding: estate.HoldingLandAndBuilding,
		gia: span{2500, 6000}, landHa: span{1, 3}, perM2: span{2500, 3200}, perHa: span{300e3, 600e3}, runM2: span{150, 250},
		util: span{75, 100}, rag: ragMix{100, 0, 0, 0}, red: "Community hospital with inpatient beds: a specialist operational site."},
}

var acuteUses = []useSpec{
	{key: "outpatients", use: "Outpatient clinic", name: "{area} Outpatient Centre", holding: estate.HoldingBuilding, count: 4,
		only: []string{"Worcester", "Kidderminster", "Redditch", "Evesham", "Malvern"}, spread: [nSpots]int{spotCentre: 40, spotTown: 60},
		gia: span{800, 2500}, perM2: span{2200, 3000}, runM2: span{120, 200}, util: span{60, 95}, rag: ragMix{30, 40, 10, 20}, red: whyClinic},
	{key: "staff-residence", use: "Staff residences", name: "{street} Staff Residences", holding: estate.HoldingBuilding, count: 6,
		only: bigTowns, spread: town, gia: span{600, 2000}, perM2: span{1400, 2000}, runM2: span{40, 80}, util: span{50, 95},
		rag: ragMix{0, 40, 40, 20}},
	{key: "hospital-car-park", use: "Hospital car park", name: "{street} Car Park", holding: estate.HoldingLand, count: 3,
		only: bigTowns, spread: town, landHa: span{0.5, 2}, perHa: span{400e3, 900e3}, rag: ragMix{70, 20, 0, 10},
		red: "Patient and staff parking the hospital needs."},
	{key: "acute-office", use: "Offices", name: "{street} House", holding: estate.HoldingBuilding, count: 5,
		only: bigTowns, spread: [nSpots]int{spotCentre: 50, spotTown: 50}, gia: span{400, 1800}, perM2: span{1300, 2200},
		runM2: span{80, 140}, util: span{40, 85}, rag: ragMix{0, 50, 30, 20}, leasedIn: 40},
	{key: "pathology", use: "Pathology laboratory", name: "{town} Pathology Laboratory", holding: estate.HoldingBuilding,
		eachOf: []string{"Worcester"}, spread: edge, gia: span{2000, 4000}, perM2: span{2500, 3200}, runM2: span{200, 300},
		util: span{85, 100}, rag: ragMix{100, 0, 0, 0}, red: "Specialist laboratory serving the county's hospitals."},
	{key: "acute-hospital", use: "Acute hospital", name: "{town} Hospital", holding: estate.HoldingLandAndBuilding,
		gia: span{20000, 80000}, landHa: span{5, 15}, perM2: span{2000, 2600}, perHa: span{300e3, 600e3}, runM2: span{250, 350},
		util: span{90, 100}, rag: ragMix{100, 0, 0, 0}, red: "Acute hospital with emergency department: a specialist operational site."},
}

var policeUses = []useSpec{
	{key: "police-station", use: "Police station", name: "{town} Police Station", holding: estate.HoldingBuilding,
		eachOf: []string{"Broadway"}, spread: [nSpots]int{spotCentre: 50, spotTown: 50},
		gia: span{300, 2500}, perM2: span{1500, 2300}, runM2: span{90, 150}, util: span{50, 95},
		rag: ragMix{20, 50, 10, 20}, red: "Response base: location fixed by response-time modelling."},
	{key: "snt-base", use: "Safer neighbourhood team base", name: "{area} Police Office", holding: estate.HoldingBuilding, count: 12,
		spread: [nSpots]int{spotTown: 60, spotVillage: 40}, gia: span{60, 250}, perM2: span{1300, 2000}, runM2: span{60, 120},
		util: span{30, 80}, rag: ragMix{0, 40, 40, 20}, leasedIn: 50},
	{key: "police-house", use: "Police house", name: "{num} {street}", holding: estate.HoldingBuilding, count: 6,
		spread: [nSpots]int{spotTown: 50, spotVillage: 50}, gia: span{80, 130}, perM2: span{2000, 2800}, runM2: span{15, 30},
		util: span{100, 100}, rag: ragMix{0, 30, 50, 20}, leasedOut: 50},
	{key: "custody-suite", use: "Custody suite", name: "{town} Custody Suite", holding: estate.HoldingBuilding,
		gia: span{1500, 3000}, perM2: span{2500, 3300}, runM2: span{200, 300}, util: span{70, 100}, rag: ragMix{100, 0, 0, 0},
		red: "Custody suite: a specialist secure site that cannot be re-provided nearby.", sensitive: true},
	{key: "police-hq", use: "Force headquarters", name: "Hindlip Park", holding: estate.HoldingLandAndBuilding,
		gia: span{18000, 24000}, landHa: span{20, 30}, perM2: span{1500, 2000}, perHa: span{50e3, 100e3}, runM2: span{90, 140},
		util: span{70, 90}, rag: ragMix{100, 0, 0, 0}, red: "Force and fire service headquarters and control room."},
	{key: "police-workshop", use: "Vehicle workshop", name: "{town} Police Vehicle Workshop", holding: estate.HoldingLandAndBuilding,
		eachOf: []string{"Worcester"}, spread: edge, gia: span{800, 1600}, landHa: span{0.5, 1.5}, perM2: span{700, 1000},
		perHa: span{300e3, 600e3}, runM2: span{40, 80}, util: span{70, 100}, rag: ragMix{0, 70, 0, 30}},
}

var fireUses = []useSpec{
	{key: "fire-station", use: "Fire station", name: "{town} Fire Station", holding: estate.HoldingLandAndBuilding,
		gia: span{500, 1500}, landHa: span{0.3, 1}, perM2: span{1800, 2600}, perHa: span{300e3, 600e3}, runM2: span{70, 120},
		util: span{60, 100}, rag: ragMix{85, 15, 0, 0}, red: "Operational fire station: response-time modelling fixes where it stands."},
	{key: "fire-training", use: "Training centre", name: "{town} Fire Training Centre", holding: estate.HoldingLandAndBuilding,
		eachOf: []string{"Droitwich Spa"}, spread: edge, gia: span{1500, 3000}, landHa: span{1, 3}, perM2: span{1500, 2200},
		perHa: span{200e3, 400e3}, runM2: span{60, 100}, util: span{60, 90}, rag: ragMix{100, 0, 0, 0},
		red: "Specialist training ground with live-fire facilities."},
	{key: "fire-workshop", use: "Fleet workshop", name: "{town} Fleet Workshop", holding: estate.HoldingLandAndBuilding,
		eachOf: []string{"Worcester"}, spread: edge, gia: span{600, 1200}, landHa: span{0.4, 1}, perM2: span{700, 1000},
		perHa: span{300e3, 600e3}, runM2: span{40, 80}, util: span{60, 100}, rag: ragMix{0, 60, 0, 40}},
}

var dwpUses = []useSpec{
	{key: "jobcentre", use: "Jobcentre", name: "{town} Jobcentre", holding: estate.HoldingBuilding,
		eachOf: []string{"Droitwich Spa", "Stourport-on-Severn"}, spread: centre, gia: span{400, 1200},
		perM2: span{1400, 2200}, runM2: span{90, 150}, util: span{50, 90}, rag: ragMix{0, 60, 30, 10}, leasedIn: 85},
	{key: "dwp-office", use: "Benefit centre offices", name: "{street} House", holding: estate.HoldingBuilding,
		eachOf: []string{"Worcester", "Kidderminster"}, spread: [nSpots]int{spotCentre: 50, spotTown: 50}, gia: span{1200, 4000},
		perM2: span{1200, 2000}, runM2: span{80, 130}, util: span{40, 80}, rag: ragMix{0, 50, 40, 10}, leasedIn: 85},
}

var civilEstateUses = []useSpec{
	{key: "hmrc-office", use: "Government offices", name: "{street} House", holding: estate.HoldingBuilding,
		eachOf: []string{"Worcester", "Worcester"}, spread: [nSpots]int{spotCentre: 50, spotTown: 50}, gia: span{1500, 5000},
		perM2: span{1400, 2200}, runM2: span{90, 150}, util: span{35, 75}, rag: ragMix{0, 50, 40, 10}, leasedIn: 50},
	{key: "probation", use: "Probation office", name: "{town} Probation Office", holding: estate.HoldingBuilding,
		eachOf: []string{"Kidderminster", "Redditch"}, spread: [nSpots]int{spotCentre: 50, spotTown: 50}, gia: span{400, 1200},
		perM2: span{1300, 2000}, runM2: span{90, 140}, util: span{50, 90}, rag: ragMix{10, 50, 30, 10}, leasedIn: 60,
		red: "Approved premises for supervising offenders."},
	{key: "test-centre", use: "Driving test centre", name: "{town} Driving Test Centre", holding: estate.HoldingLandAndBuilding,
		eachOf: []string{"Worcester", "Kidderminster", "Redditch"}, spread: edge, gia: span{150, 400}, landHa: span{0.3, 1},
		perM2: span{1000, 1500}, perHa: span{300e3, 600e3}, runM2: span{40, 80}, util: span{40, 80}, rag: ragMix{0, 50, 30, 20}},
	{key: "flood-depot", use: "Environment Agency flood depot", name: "{town} Flood Depot", holding: estate.HoldingLandAndBuilding,
		eachOf: []string{"Worcester", "Upton-upon-Severn", "Bewdley"}, spread: edge, gia: span{300, 900}, landHa: span{0.3, 1.5},
		perM2: span{700, 1000}, perHa: span{200e3, 400e3}, runM2: span{30, 60}, util: span{60, 100}, rag: ragMix{100, 0, 0, 0},
		red: "Flood response depot for the Severn barriers."},
}

var courtUses = []useSpec{
	{key: "magistrates-court", use: "Magistrates' court", name: "{town} Magistrates' Court", holding: estate.HoldingBuilding,
		eachOf: []string{"Worcester", "Kidderminster"}, spread: centre, gia: span{2000, 5000}, perM2: span{1800, 2600},
		runM2: span{100, 160}, util: span{50, 85}, rag: ragMix{100, 0, 0, 0}, red: whyCourt},
	{key: "tribunal-centre", use: "Tribunal hearing centre", name: "{street} Tribunal Hearing Centre", holding: estate.HoldingBuilding,
		eachOf: []string{"Worcester"}, spread: centre, gia: span{600, 1500}, perM2: span{1400, 2000}, runM2: span{90, 150},
		util: span{30, 70}, rag: ragMix{0, 60, 40, 0}, leasedIn: 100},
	{key: "crown-court", use: "Crown and county court", name: "{town} Combined Court", holding: estate.HoldingBuilding,
		gia: span{4000, 7000}, perM2: span{1800, 2600}, runM2: span{100, 160}, util: span{60, 90}, rag: ragMix{100, 0, 0, 0}, red: whyCourt},
}

var universityUses = []useSpec{
	{key: "teaching", use: "Teaching building", name: "{honour} Building", holding: estate.HoldingBuilding, count: 14,
		only: []string{"Worcester"}, spread: [nSpots]int{spotCentre: 40, spotTown: 60}, gia: span{1000, 5000}, perM2: span{2000, 2800},
		runM2: span{90, 150}, util: span{50, 95}, rag: ragMix{40, 30, 10, 20}, red: "Core teaching and research space."},
	{key: "halls", use: "Student halls of residence", name: "{honour} Hall", holding: estate.HoldingBuilding, count: 12,
		only: []string{"Worcester"}, spread: [nSpots]int{spotCentre: 30, spotTown: 70}, gia: span{1200, 4000}, perM2: span{1800, 2500},
		runM2: span{50, 90}, util: span{80, 100}, rag: ragMix{30, 40, 10, 20}, red: "First-year residence guaranteed to students.", leasedIn: 20},
	{key: "uni-sports", use: "Sports pitches", name: "{area} Sports Ground", holding: estate.HoldingLandAndBuilding, count: 2,
		only: []string{"Worcester"}, spread: edge, gia: span{200, 800}, landHa: span{4, 12}, perM2: span{1000, 1500},
		perHa: span{30e3, 80e3}, runM2: span{30, 60}, util: span{40, 80}, rag: ragMix{50, 30, 0, 20}, red: "Playing field protected by Sport England policy."},
	{key: "uni-office", use: "Offices", name: "{street} House", holding: estate.HoldingBuilding, count: 4,
		only: []string{"Worcester"}, spread: centre, gia: span{300, 1200}, perM2: span{1400, 2200}, runM2: span{80, 140},
		util: span{40, 85}, rag: ragMix{0, 40, 40, 20}, leasedIn: 50},
	{key: "campus", use: "University campus", name: "{town} Campus", holding: estate.HoldingLandAndBuilding,
		gia: span{15000, 40000}, landHa: span{4, 15}, perM2: span{2000, 2800}, perHa: span{300e3, 600e3}, runM2: span{90, 150},
		util: span{70, 95}, rag: ragMix{100, 0, 0, 0}, red: "Main university campus."},
}

// honours name university buildings, as the university names its own
// after people and places of the county.
var honours = []string{"Elgar", "Peirson", "Hastings", "Jenny Lind", "Wulstan", "Woodbury", "Binyon",
	"Bredon", "Abberley", "Severn", "Teme", "Avon", "Kingfisher", "Nash", "Windsor", "Chestnut"}
