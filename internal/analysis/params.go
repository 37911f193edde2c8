package analysis

import (
	"math"

	"github.com/placetrust/placetrust/internal/estate"
)

// Bounds of the receipt assumptions that are not fractions in [0,1].
const (
	// MaxRelocationPerM2 caps the relocation cost per square metre: far above
	// any fit-out cost, so only typing mistakes are refused.
	MaxRelocationPerM2 = 10000
	// MaxLeadYears caps the years before a disposal completes.
	MaxLeadYears = 50
)

// ReceiptParams are the assumptions of the capital receipts formula
// (DESIGN 5.1). For an asset with rating r and scenario s:
//
//	pv       = (market_value × (1 − haircut_s) × (1 − fees)
//	            − relocation_per_m2 × gia_m2 × utilisation) / (1 + discount_rate)^lead_years_r
//	expected = max(pv, 0) × p_r
//
// The JSON names are the query parameter names. Ranges, checked by Validate:
// every p_*, haircut_*, fees and discount_rate in [0,1]; relocation_per_m2
// in [0, MaxRelocationPerM2]; lead_years_* in [0, MaxLeadYears].
//
// Validate also requires p_green ≥ p_amber ≥ p_red and lead_years_green ≤
// lead_years_amber ≤ lead_years_red, and keeps the discount rate
// non-negative: together these guarantee that improving a rating (red to
// amber, amber to green) never lowers an asset's expected receipt or rent
// saving, whatever valid parameters a user picks. Unrated is outside the
// order (it is not yet a judgement), so p_unrated and lead_years_unrated are
// free within their ranges. Likewise haircut_low ≥ haircut_central ≥
// haircut_high keeps low ≤ central ≤ high.
type ReceiptParams struct {
	PGreen   float64 `json:"p_green"`   // probability a green asset is disposed of; default 0.9
	PAmber   float64 `json:"p_amber"`   // default 0.5
	PRed     float64 `json:"p_red"`     // default 0
	PUnrated float64 `json:"p_unrated"` // default 0

	HaircutLow     float64 `json:"haircut_low"`     // share of market value lost in the low scenario; default 0.25
	HaircutCentral float64 `json:"haircut_central"` // default 0.10
	HaircutHigh    float64 `json:"haircut_high"`    // default 0

	Fees            float64 `json:"fees"`              // sale costs as a share of the price; default 0.02
	RelocationPerM2 float64 `json:"relocation_per_m2"` // £ per m² of used floor area moved out; default 300

	LeadYearsGreen   float64 `json:"lead_years_green"`   // years until the receipt; default 1
	LeadYearsAmber   float64 `json:"lead_years_amber"`   // default 3
	LeadYearsRed     float64 `json:"lead_years_red"`     // default 5 (irrelevant while p_red is 0)
	LeadYearsUnrated float64 `json:"lead_years_unrated"` // default 5 (irrelevant while p_unrated is 0)

	DiscountRate float64 `json:"discount_rate"` // a year; default 0.035 (HM Treasury Green Book)
}

// DefaultReceiptParams returns the DESIGN 5.1 defaults.
func DefaultReceiptParams() ReceiptParams {
	return ReceiptParams{
		PGreen: 0.9, PAmber: 0.5, PRed: 0, PUnrated: 0,
		HaircutLow: 0.25, HaircutCentral: 0.10, HaircutHigh: 0,
		Fees: 0.02, RelocationPerM2: 300,
		LeadYearsGreen: 1, LeadYearsAmber: 3, LeadYearsRed: 5, LeadYearsUnrated: 5,
		DiscountRate: 0.035,
	}
}

// Validate returns an EINVALID error naming every parameter out of its
// range or out of order, or nil.
func (p ReceiptParams) Validate() error { return p.ValidateGiven(nil) }

// ValidateGiven is Validate for a scenario in which only the parameters
// given reports true for were set by the user, the rest being defaults:
// an order broken between a given and a defaulted parameter is blamed on
// the given one, which is the one the user can change. A nil given means
// all were set.
func (p ReceiptParams) ValidateGiven(given func(name string) bool) error {
	var pr estate.Problems
	p.checkGiven(&pr, given)
	return pr.Err("The receipt parameters are not valid.")
}

func (p ReceiptParams) check(pr *estate.Problems) { p.checkGiven(pr, nil) }

func (p ReceiptParams) checkGiven(pr *estate.Problems, given func(string) bool) {
	for _, f := range []struct {
		name string
		v    float64
	}{
		{"p_green", p.PGreen}, {"p_amber", p.PAmber}, {"p_red", p.PRed}, {"p_unrated", p.PUnrated},
		{"haircut_low", p.HaircutLow}, {"haircut_central", p.HaircutCentral},
		{"haircut_high", p.HaircutHigh}, {"fees", p.Fees}, {"discount_rate", p.DiscountRate},
	} {
		inRange(pr, f.name, f.v, 0, 1)
	}
	inRange(pr, "relocation_per_m2", p.RelocationPerM2, 0, MaxRelocationPerM2)
	for _, f := range []struct {
		name string
		v    float64
	}{
		{"lead_years_green", p.LeadYearsGreen}, {"lead_years_amber", p.LeadYearsAmber},
		{"lead_years_red", p.LeadYearsRed}, {"lead_years_unrated", p.LeadYearsUnrated},
	} {
		inRange(pr, f.name, f.v, 0, MaxLeadYears)
	}
	atMost(pr, given, "p_amber", p.PAmber, "p_green", p.PGreen)
	atMost(pr, given, "p_red", p.PRed, "p_amber", p.PAmber)
	atMost(pr, given, "lead_years_green", p.LeadYearsGreen, "lead_years_amber", p.LeadYearsAmber)
	atMost(pr, given, "lead_years_amber", p.LeadYearsAmber, "lead_years_red", p.LeadYearsRed)
	atMost(pr, given, "haircut_central", p.HaircutCentral, "haircut_low", p.HaircutLow)
	atMost(pr, given, "haircut_high", p.HaircutHigh, "haircut_central", p.HaircutCentral)
}

// inRange records name unless lo ≤ v ≤ hi; written so NaN fails too.
func inRange(pr *estate.Problems, name string, v, lo, hi float64) {
	if !(v >= lo && v <= hi) {
		pr.Add(name, "must be between %g and %g", lo, hi)
	}
}

// atMost records name unless v ≤ limit, the order that keeps a better
// rating or a kinder scenario from lowering a receipt. When the user set
// limitName but not name, the error names limitName instead.
func atMost(pr *estate.Problems, given func(string) bool, name string, v float64, limitName string, limit float64) {
	if !(v > limit) {
		return
	}
	if given != nil && !given(name) && given(limitName) {
		pr.Add(limitName, "must not be less than %s (%g)", name, v)
		return
	}
	pr.Add(name, "must not be more than %s (%g)", limitName, limit)
}

// Scenario indexes the low, central and high cases.
const (
	low = iota
	central
	high
)

// RAGIndex maps a rating onto the model's arrays (red, amber, green,
// unrated); anything unknown counts as unrated, as Normalize would make it.
func RAGIndex(r estate.RAG) int {
	switch r {
	case estate.RAGRed:
		return 0
	case estate.RAGAmber:
		return 1
	case estate.RAGGreen:
		return 2
	}
	return 3
}

// ratings is the inverse of ragIndex.
var ratings = [4]estate.RAG{estate.RAGRed, estate.RAGAmber, estate.RAGGreen, estate.RAGUnrated}

// model is ReceiptParams compiled for speed: the per-rating factors are
// worked out once rather than a million times.
type model struct {
	p      [4]float64 // p(rag)
	lead   [4]float64 // lead years(rag)
	weight [4]float64 // p(rag) / (1 + discount_rate)^lead(rag)
	keep   [3]float64 // (1 − haircut_s) × (1 − fees)
	reloc  float64
}

func (p ReceiptParams) model() model {
	m := model{
		p:     [4]float64{p.PRed, p.PAmber, p.PGreen, p.PUnrated},
		lead:  [4]float64{p.LeadYearsRed, p.LeadYearsAmber, p.LeadYearsGreen, p.LeadYearsUnrated},
		keep:  [3]float64{(1 - p.HaircutLow) * (1 - p.Fees), (1 - p.HaircutCentral) * (1 - p.Fees), (1 - p.HaircutHigh) * (1 - p.Fees)},
		reloc: p.RelocationPerM2,
	}
	for i := range m.weight {
		// p/d with d growing in lead years: both correctly rounded
		// operations are monotone, which is what the rating order relies on.
		m.weight[i] = m.p[i] / math.Pow(1+p.DiscountRate, m.lead[i])
	}
	return m
}
