package demo

import "github.com/placetrust/placetrust/internal/estate"

// settlement is a real town or village of Worcestershire with its
// approximate WGS84 centre. Street and area names are real or plausible;
// they only make the synthetic records read like a council's register.
type settlement struct {
	name     string
	centre   estate.Point
	district string  // partner id of the district council whose area it is in
	radiusM  float64 // rough radius of the built-up area
	weight   int     // relative population (thousands), to spread assets like people
	village  bool
	// postcodes are outward codes, the town-centre one first.
	postcodes     []string
	centreStreets []string
	streets       []string
	areas         []string // neighbourhoods, for naming assets away from the centre
}

// villageStreets serve every village: they are the names every English
// village has, so no village needs its own list.
var villageStreets = []string{"Main Street", "Church Lane", "School Lane", "The Green",
	"Station Road", "Mill Lane", "Chapel Lane", "Vicarage Lane", "Church Road", "Manor Road",
	"Back Lane", "Orchard Close"}

// farmNames name the county farms (smallholdings) in the countryside.
var farmNames = []string{"Lower", "Upper", "Home", "Manor", "Grange", "Hill", "Brook", "Oak",
	"Elm", "Moat", "Court", "Park", "Lea", "Mill", "Wood", "Ashfield", "Hollybush", "Stonehouse"}

func pt(lat, lon float64) estate.Point { return estate.Point{Lon: lon, Lat: lat} }

// settlements lists the towns first, largest first, then the villages.
var settlements = []settlement{
	{name: "Worcester", centre: pt(52.1920, -2.2200), district: "worcester-city", radiusM: 3500, weight: 103,
		postcodes:     []string{"WR1", "WR2", "WR3", "WR4", "WR5"},
		centreStreets: []string{"High Street", "Foregate Street", "The Tything", "Broad Street", "Deansway", "Sansome Walk", "Castle Street", "Friar Street", "The Shambles", "Pump Street", "Angel Place", "Farrier Street"},
		streets:       []string{"London Road", "Bath Road", "Ombersley Road", "Barbourne Road", "Bromyard Road", "Tolladine Road", "Newtown Road", "Spetchley Road", "Droitwich Road", "Northwick Road", "Windermere Drive", "Ronkswood Hill", "Canada Way", "Bransford Road", "Malvern Road", "Comer Road", "Hylton Road", "Lansdowne Road", "Brickfields Road", "Cranham Drive", "Lichfield Avenue", "Diglis Road", "Bilford Road", "Blackpole Road", "Lyppard Way"},
		areas:         []string{"Barbourne", "St John's", "Warndon", "Ronkswood", "Lower Wick", "Dines Green", "Battenhall", "St Peter's", "Northwick", "Blackpole", "Tolladine", "Rainbow Hill", "Cherry Orchard", "Diglis", "Claines", "Gorse Hill", "Brickfields", "Nunnery Wood"}},
	{name: "Redditch", centre: pt(52.3065, -1.9420), district: "redditch-bc", radiusM: 3000, weight: 85,
		postcodes:     []string{"B97", "B98"},
		centreStreets: []string{"Alcester Street", "Church Green West", "Church Green East", "Grove Street", "Unicorn Hill", "Evesham Street", "Market Place", "Walter Stranz Square", "Peakman Street", "Prospect Hill"},
		streets:       []string{"Evesham Road", "Birmingham Road", "Easemore Road", "Plymouth Road", "Bromsgrove Road", "Middlehouse Lane", "Salop Road", "Woodrow Drive", "Studley Road", "Coldfield Drive", "Moons Moat Drive", "Matchborough Way", "Winyates Way", "Icknield Street Drive", "Hewell Road", "Crossgates Road", "Heathfield Road"},
		areas:         []string{"Batchley", "Church Hill", "Matchborough", "Winyates", "Woodrow", "Lodge Park", "Headless Cross", "Crabbs Cross", "Webheath", "Abbeydale", "Greenlands", "Oakenshaw", "Brockhill", "Enfield", "Riverside", "Southcrest"}},
	{name: "Kidderminster", centre: pt(52.3880, -2.2490), district: "wyre-forest-dc", radiusM: 2500, weight: 56,
		postcodes:     []string{"DY10", "DY11"},
		centreStreets: []string{"Vicar Street", "Worcester Street", "Oxford Street", "Exchange Street", "Market Street", "Church Street", "Bull Ring", "Coventry Street", "Mill Street"},
		streets:       []string{"Comberton Hill", "Bewdley Road", "Stourport Road", "Franche Road", "Habberley Road", "Birmingham Road", "Chester Road North", "Spennells Valley Road", "Hoo Road", "Sutton Park Road", "Offmore Road", "Wolverhampton Road", "Park Lane", "Marlpool Lane", "Borrington Road", "Castle Road"},
		areas:         []string{"Franche", "Habberley", "Foley Park", "Offmore", "Comberton", "Spennells", "Aggborough", "Broadwaters", "Greatfield", "Hurcott", "Sutton Farm", "Birchen Coppice"}},
	{name: "Bromsgrove", centre: pt(52.3350, -2.0600), district: "bromsgrove-dc", radiusM: 2000, weight: 35,
		postcodes:     []string{"B61", "B60"},
		centreStreets: []string{"High Street", "Market Street", "Worcester Road", "Church Street", "St John Street", "Windsor Street", "Crown Close", "Hanover Street", "New Road"},
		streets:       []string{"Birmingham Road", "Stratford Road", "Kidderminster Road", "Stourbridge Road", "Burcot Lane", "Rock Hill", "Charford Road", "Fox Lane", "Meadow Road", "Austin Road", "Old Station Road", "Buntsford Drive", "Slideslow Drive", "Perryfields Road"},
		areas:         []string{"Sidemoor", "Charford", "Aston Fields", "Lickey End", "Stoke Heath", "Finstall", "Sanders Park", "Whitford", "Rock Hill"}},
	{name: "Malvern", centre: pt(52.1115, -2.3255), district: "malvern-hills-dc", radiusM: 2500, weight: 30,
		postcodes:     []string{"WR14"},
		centreStreets: []string{"Church Street", "Graham Road", "Belle Vue Terrace", "Abbey Road", "Avenue Road", "Priory Road", "Victoria Road", "Edith Walk"},
		streets:       []string{"Worcester Road", "Albert Road North", "Grovewood Road", "Pickersleigh Road", "Court Road", "Barnards Green Road", "Poolbrook Road", "Madresfield Road", "Somers Park Avenue", "Howsell Road", "Newtown Road", "Cowleigh Road", "Wells Road", "Peachfield Road"},
		areas:         []string{"Barnards Green", "Malvern Link", "Pickersleigh", "Poolbrook", "Malvern Wells", "North Malvern", "West Malvern", "Sherrards Green", "Newtown"}},
	{name: "Evesham", centre: pt(52.0925, -1.9470), district: "wychavon-dc", radiusM: 1800, weight: 25,
		postcodes:     []string{"WR11"},
		centreStreets: []string{"High Street", "Vine Street", "Bridge Street", "Abbey Road", "Merstow Green", "Market Place", "Swan Lane", "Oat Street", "Brick Kiln Street", "Rynal Street"},
		streets:       []string{"Waterside", "Port Street", "Cheltenham Road", "Greenhill", "Four Pools Road", "Pershore Road", "Worcester Road", "Offenham Road", "Elm Road", "Davies Road", "Battleton Road", "Blayneys Lane"},
		areas:         []string{"Bengeworth", "Hampton", "Greenhill", "Battleton", "Four Pools", "Fairfield"}},
	{name: "Droitwich Spa", centre: pt(52.2675, -2.1530), district: "wychavon-dc", radiusM: 1800, weight: 25,
		postcodes:     []string{"WR9"},
		centreStreets: []string{"Victoria Square", "Ombersley Street East", "Friar Street", "St Andrews Street", "High Street", "Saltway", "Vines Lane", "Heritage Way"},
		streets:       []string{"Worcester Road", "Hanbury Road", "Briar Mill", "Salwarpe Road", "Crutch Lane", "Newland Road", "Tagwell Road", "Kidderminster Road", "Bromsgrove Road", "Pulley Lane", "Addyes Way"},
		areas:         []string{"Westlands", "Chawson", "Witton", "Boycott", "Yew Tree Hill", "Copcut", "Tagwell"}},
	{name: "Stourport-on-Severn", centre: pt(52.3390, -2.2790), district: "wyre-forest-dc", radiusM: 1500, weight: 21,
		postcodes:     []string{"DY13"},
		centreStreets: []string{"High Street", "Bridge Street", "Lombard Street", "York Street", "Raven Street", "Mitton Street", "Vale Road", "Foundry Street"},
		streets:       []string{"Minster Road", "Worcester Road", "Areley Common", "Hartlebury Road", "Lickhill Road", "Windermere Way", "Stagborough Way", "Dunley Road"},
		areas:         []string{"Areley Kings", "Lickhill", "Burlish", "Walshes", "Mitton", "Stagborough"}},
	{name: "Bewdley", centre: pt(52.3755, -2.3165), district: "wyre-forest-dc", radiusM: 1000, weight: 10,
		postcodes:     []string{"DY12"},
		centreStreets: []string{"Load Street", "High Street", "Welch Gate", "Severn Side North", "Dog Lane", "Lax Lane"},
		streets:       []string{"Kidderminster Road", "Stourport Road", "Cleobury Road", "Wyre Hill", "Snuff Mill Walk"},
		areas:         []string{"Wribbenhall", "Catchem's End", "Blackstone", "Wyre Hill"}},
	{name: "Pershore", centre: pt(52.1110, -2.0765), district: "wychavon-dc", radiusM: 1200, weight: 8,
		postcodes:     []string{"WR10"},
		centreStreets: []string{"High Street", "Broad Street", "Bridge Street", "Church Street", "Head Street", "Newlands"},
		streets:       []string{"Station Road", "Defford Road", "Wyre Road", "Three Springs Road", "Worcester Road", "Holloway", "Queen Elizabeth Drive"},
		areas:         []string{"Holy Cross", "Tiddesley", "Abbey Park"}},
	{name: "Tenbury Wells", centre: pt(52.3110, -2.5960), district: "malvern-hills-dc", radiusM: 800, weight: 4,
		postcodes:     []string{"WR15"},
		centreStreets: []string{"Teme Street", "Market Street", "Cross Street", "Church Street", "Market Square"},
		streets:       []string{"Berrington Road", "Bromyard Road", "Kyrewood Road", "Oldwood Road", "Worcester Road"},
		areas:         []string{"Berrington", "Kyrewood", "Oldwood"}},
	{name: "Upton-upon-Severn", centre: pt(52.0630, -2.2165), district: "malvern-hills-dc", radiusM: 700, weight: 3,
		postcodes:     []string{"WR8"},
		centreStreets: []string{"High Street", "Old Street", "New Street", "Court Street", "Church Street", "Dunns Lane"},
		streets:       []string{"School Lane", "Tunnel Hill", "Hyde Lane", "Rectory Road", "Minge Lane"},
		areas:         []string{"Ryall", "Tunnel Hill"}},
	{name: "Broadway", centre: pt(52.0365, -1.8590), district: "wychavon-dc", radiusM: 700, weight: 3,
		postcodes:     []string{"WR12"},
		centreStreets: []string{"High Street", "Leamington Road", "Church Street", "Russell Square"},
		streets:       []string{"Station Road", "Springfield Lane", "Childswickham Road", "Snowshill Road", "Keytes Lane"},
		areas:         []string{"Broadway"}},

	{name: "Ombersley", centre: pt(52.2710, -2.2290), district: "wychavon-dc", village: true, postcodes: []string{"WR9"}},
	{name: "Hartlebury", centre: pt(52.3340, -2.2330), district: "wychavon-dc", village: true, postcodes: []string{"DY11"}},
	{name: "Inkberrow", centre: pt(52.2120, -1.9780), district: "wychavon-dc", village: true, postcodes: []string{"WR7"}},
	{name: "Fladbury", centre: pt(52.1140, -2.0060), district: "wychavon-dc", village: true, postcodes: []string{"WR10"}},
	{name: "Bredon", centre: pt(52.0300, -2.1150), district: "wychavon-dc", village: true, postcodes: []string{"GL20"}},
	{name: "Honeybourne", centre: pt(52.0950, -1.8350), district: "wychavon-dc", village: true, postcodes: []string{"WR11"}},
	{name: "Badsey", centre: pt(52.0880, -1.9000), district: "wychavon-dc", village: true, postcodes: []string{"WR11"}},
	{name: "Pebworth", centre: pt(52.1130, -1.8480), district: "wychavon-dc", village: true, postcodes: []string{"CV37"}},
	{name: "Kempsey", centre: pt(52.1410, -2.2180), district: "malvern-hills-dc", village: true, postcodes: []string{"WR5"}},
	{name: "Martley", centre: pt(52.2370, -2.3620), district: "malvern-hills-dc", village: true, postcodes: []string{"WR6"}},
	{name: "Hallow", centre: pt(52.2280, -2.2550), district: "malvern-hills-dc", village: true, postcodes: []string{"WR2"}},
	{name: "Clifton upon Teme", centre: pt(52.2580, -2.4200), district: "malvern-hills-dc", village: true, postcodes: []string{"WR6"}},
	{name: "Welland", centre: pt(52.0610, -2.2900), district: "malvern-hills-dc", village: true, postcodes: []string{"WR13"}},
	{name: "Hanley Swan", centre: pt(52.0820, -2.2780), district: "malvern-hills-dc", village: true, postcodes: []string{"WR8"}},
	{name: "Wolverley", centre: pt(52.4100, -2.2440), district: "wyre-forest-dc", village: true, postcodes: []string{"DY11"}},
	{name: "Cookley", centre: pt(52.4180, -2.2350), district: "wyre-forest-dc", village: true, postcodes: []string{"DY10"}},
	{name: "Chaddesley Corbett", centre: pt(52.3520, -2.1590), district: "wyre-forest-dc", village: true, postcodes: []string{"DY10"}},
	{name: "Blakedown", centre: pt(52.4050, -2.1760), district: "wyre-forest-dc", village: true, postcodes: []string{"DY10"}},
	{name: "Hagley", centre: pt(52.4250, -2.1360), district: "bromsgrove-dc", village: true, postcodes: []string{"DY9"}},
	{name: "Alvechurch", centre: pt(52.3520, -1.9640), district: "bromsgrove-dc", village: true, postcodes: []string{"B48"}},
	{name: "Wythall", centre: pt(52.3790, -1.8870), district: "bromsgrove-dc", village: true, postcodes: []string{"B47"}},
	{name: "Barnt Green", centre: pt(52.3600, -1.9990), district: "bromsgrove-dc", village: true, postcodes: []string{"B45"}},
	{name: "Belbroughton", centre: pt(52.3910, -2.1200), district: "bromsgrove-dc", village: true, postcodes: []string{"DY9"}},
	{name: "Catshill", centre: pt(52.3620, -2.0560), district: "bromsgrove-dc", village: true, postcodes: []string{"B61"}},
	{name: "Astwood Bank", centre: pt(52.2540, -1.9370), district: "redditch-bc", village: true, postcodes: []string{"B96"}},
}

// settlementByName finds a settlement of the table; the tables are
// written by hand, so a missing name is a bug that should stop the build
// of the demo at once.
func settlementByName(name string) *settlement {
	for i := range settlements {
		if settlements[i].name == name {
			return &settlements[i]
		}
	}
	panic("demo: no settlement " + name)
}
