package demo

import "github.com/placetrust/placetrust/internal/estate"

// partnerDef is a partner of the demo with what the generator needs to
// give it an estate: the code in its asset codes, its portfolio of uses
// and, for a district, how big its estate is next to the others.
type partnerDef struct {
	id   string
	name string
	kind estate.PartnerKind
	uri  string
	code string // goes into asset codes: DEMO-<code>-0001
	uses []useSpec
	// scale multiplies the counts of uses; districts share one portfolio
	// but are not all the same size.
	scale float64
	// district says the partner only holds property in its own district.
	district bool
}

const odc = "http://opendatacommunities.org/id/"

// partnerDefs are the real public bodies of Worcestershire's Total Place
// register. Their names are real; the assets given to them are not.
var partnerDefs = []partnerDef{
	{id: "worcestershire-cc", name: "Worcestershire County Council", kind: estate.KindCountyCouncil,
		uri: odc + "county-council/worcestershire", code: "WCC", uses: countyUses, scale: 1},
	{id: "worcester-city", name: "Worcester City Council", kind: estate.KindDistrictCouncil,
		uri: odc + "district-council/worcester", code: "WCITY", uses: districtUses, scale: 1.1, district: true},
	{id: "wychavon-dc", name: "Wychavon District Council", kind: estate.KindDistrictCouncil,
		uri: odc + "district-council/wychavon", code: "WYC", uses: districtUses, scale: 1.2, district: true},
	{id: "malvern-hills-dc", name: "Malvern Hills District Council", kind: estate.KindDistrictCouncil,
		uri: odc + "district-council/malvern-hills", code: "MHDC", uses: districtUses, scale: 0.9, district: true},
	{id: "wyre-forest-dc", name: "Wyre Forest District Council", kind: estate.KindDistrictCouncil,
		uri: odc + "district-council/wyre-forest", code: "WFDC", uses: districtUses, scale: 1, district: true},
	{id: "bromsgrove-dc", name: "Bromsgrove District Council", kind: estate.KindDistrictCouncil,
		uri: odc + "district-council/bromsgrove", code: "BDC", uses: districtUses, scale: 0.8, district: true},
	{id: "redditch-bc", name: "Redditch Borough Council", kind: estate.KindDistrictCouncil,
		uri: odc + "district-council/redditch", code: "RBC", uses: districtUses, scale: 1.1, district: true},
	{id: "hw-health-care-nhs", name: "Herefordshire and Worcestershire Health and Care NHS Trust",
		kind: estate.KindNHS, code: "HWHCT", uses: communityHealthUses, scale: 1},
	{id: "worcestershire-acute-nhs", name: "Worcestershire Acute Hospitals NHS Trust",
		kind: estate.KindNHS, code: "WAHT", uses: acuteUses, scale: 1},
	{id: "west-mercia-police", name: "West Mercia Police", kind: estate.KindPolice,
		code: "WMP", uses: policeUses, scale: 1},
	{id: "hw-fire-rescue", name: "Hereford & Worcester Fire and Rescue Service", kind: estate.KindFire,
		code: "HWFRS", uses: fireUses, scale: 1},
	{id: "dwp-jobcentre-plus", name: "Department for Work and Pensions (Jobcentre Plus)", kind: estate.KindDWP,
		uri: "https://www.gov.uk/government/organisations/department-for-work-pensions", code: "DWP", uses: dwpUses, scale: 1},
	{id: "government-property-agency", name: "Government Property Agency", kind: estate.KindCentralGovernment,
		uri: "https://www.gov.uk/government/organisations/government-property-agency", code: "GPA", uses: civilEstateUses, scale: 1},
	{id: "hmcts", name: "HM Courts & Tribunals Service", kind: estate.KindCentralGovernment,
		uri: "https://www.gov.uk/government/organisations/hm-courts-and-tribunals-service", code: "HMCTS", uses: courtUses, scale: 1},
	{id: "university-of-worcester", name: "University of Worcester", kind: estate.KindEducation,
		code: "UOW", uses: universityUses, scale: 1},
}

// partners returns fresh copies, so a caller that changes one changes
// nothing the next call returns.
func partners() []*estate.Partner {
	out := make([]*estate.Partner, len(partnerDefs))
	for i, d := range partnerDefs {
		out[i] = &estate.Partner{ID: d.id, Name: d.name, Kind: d.kind, URI: d.uri}
	}
	return out
}

func partnerIndex(id string) int {
	for i := range partnerDefs {
		if partnerDefs[i].id == id {
			return i
		}
	}
	panic("demo: no partner " + id)
}
