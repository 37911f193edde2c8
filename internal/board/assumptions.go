package board

import (
	"strconv"

	"github.com/placetrust/placetrust/internal/analysis"
)

// assumption is one parameter the figures rest on, as the API names it.
type assumption struct {
	Name, Value, Meaning string
}

// pct writes a share as a percentage to at most four significant figures:
// 0.035 × 100 is 3.5000000000000004 in binary floating point.
func pct(x float64) string { return strconv.FormatFloat(x*100, 'g', 4, 64) + "%" }

// years writes a count of years, "1 year" in the singular.
func years(x float64) string {
	if x == 1 {
		return "1 year"
	}
	return num(x) + " years"
}
func num(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

// assumptions lists every receipt and co-location parameter used.
func assumptions(p analysis.ReceiptParams, c analysis.ColocationParams) []assumption {
	return []assumption{
		{"p_green", pct(p.PGreen), "Probability a green-rated asset is disposed of"},
		{"p_amber", pct(p.PAmber), "Probability for an amber-rated asset"},
		{"p_red", pct(p.PRed), "Probability for a red-rated asset"},
		{"p_unrated", pct(p.PUnrated), "Probability for an asset not yet rated"},
		{"haircut_low", pct(p.HaircutLow), "Share of market value lost in the low case"},
		{"haircut_central", pct(p.HaircutCentral), "Share of market value lost in the central case"},
		{"haircut_high", pct(p.HaircutHigh), "Share of market value lost in the high case"},
		{"fees", pct(p.Fees), "Sale costs as a share of the price"},
		{"relocation_per_m2", "£" + num(p.RelocationPerM2), "Cost of moving the service out, per m² of floor area in use"},
		{"lead_years_green", years(p.LeadYearsGreen), "Years until a green asset's receipt, when it has no target date"},
		{"lead_years_amber", years(p.LeadYearsAmber), "Years until an amber asset's receipt"},
		{"lead_years_red", years(p.LeadYearsRed), "Years until a red asset's receipt"},
		{"lead_years_unrated", years(p.LeadYearsUnrated), "Years until an unrated asset's receipt"},
		{"discount_rate", pct(p.DiscountRate), "Discount a year (HM Treasury Green Book 3.5%), from the valuation date"},
		{"distance", num(c.DistanceM) + " m", "Co-location: furthest a service moves to a hub"},
		{"min_partners", strconv.Itoa(c.MinPartners), "Co-location: fewest partners in a hub, its owner included"},
		{"densify", pct(c.Densify), "Co-location: share of its floor area a moved service needs in the hub"},
	}
}
