package estate

import "fmt"

// FieldSet is a set of an asset's user-visible fields, named as in audit
// changes (asset_code, uprn, name...): the fields an imported row carries.
type FieldSet uint64

// assetFields lists the fields a FieldSet can hold, bit i for entry i,
// with how to copy each one. The partner is not here: an import is for
// one partner and never moves assets between partners.
var assetFields = []struct {
	name string
	copy func(dst, src *Asset)
}{
	{"asset_code", func(d, s *Asset) { d.AssetCode = s.AssetCode }},
	{"uprn", func(d, s *Asset) { d.UPRN = s.UPRN }},
	{"name", func(d, s *Asset) { d.Name = s.Name }},
	{"street_number", func(d, s *Asset) { d.StreetNumber = s.StreetNumber }},
	{"street_name", func(d, s *Asset) { d.StreetName = s.StreetName }},
	{"town", func(d, s *Asset) { d.Town = s.Town }},
	{"postcode", func(d, s *Asset) { d.Postcode = s.Postcode }},
	{"holding", func(d, s *Asset) { d.Holding = s.Holding }},
	{"use", func(d, s *Asset) { d.Use = s.Use }},
	{"location", func(d, s *Asset) { d.Location = s.Location }},
	{"footprint", func(d, s *Asset) { d.Footprint = cloneMulti(s.Footprint) }},
	{"tenure", func(d, s *Asset) { d.Tenure = s.Tenure }},
	{"tenure_detail", func(d, s *Asset) { d.TenureDetail = s.TenureDetail }},
	{"lease_expiry", func(d, s *Asset) { d.LeaseExpiry = s.LeaseExpiry }},
	{"lease_break", func(d, s *Asset) { d.LeaseBreak = s.LeaseBreak }},
	{"annual_rent_gbp", func(d, s *Asset) { d.AnnualRentGBP = s.AnnualRentGBP }},
	{"gia_m2", func(d, s *Asset) { d.GIAM2 = s.GIAM2 }},
	{"land_area_ha", func(d, s *Asset) { d.LandAreaHa = s.LandAreaHa }},
	{"utilisation_pct", func(d, s *Asset) { d.UtilisationPct = s.UtilisationPct }},
	{"condition", func(d, s *Asset) { d.Condition = s.Condition }},
	{"backlog_gbp", func(d, s *Asset) { d.BacklogGBP = s.BacklogGBP }},
	{"energy_rating", func(d, s *Asset) { d.EnergyRating = s.EnergyRating }},
	{"listed", func(d, s *Asset) { d.Listed = s.Listed }},
	{"market_value_gbp", func(d, s *Asset) { d.MarketValueGBP = s.MarketValueGBP }},
	{"book_value_gbp", func(d, s *Asset) { d.BookValueGBP = s.BookValueGBP }},
	{"running_cost_gbp_pa", func(d, s *Asset) { d.RunningCostGBPPA = s.RunningCostGBPPA }},
	{"occupiers", func(d, s *Asset) { d.Occupiers = append([]Occupier(nil), s.Occupiers...) }},
	{"rag", func(d, s *Asset) { d.RAG = s.RAG }},
	{"rag_rationale", func(d, s *Asset) { d.RAGRationale = s.RAGRationale }},
	{"rag_set_by", func(d, s *Asset) { d.RAGSetBy = s.RAGSetBy }},
	{"rag_set_at", func(d, s *Asset) { d.RAGSetAt = s.RAGSetAt }},
	{"tags", func(d, s *Asset) { d.Tags = append([]string(nil), s.Tags...) }},
	{"notes", func(d, s *Asset) { d.Notes = s.Notes }},
	{"sensitive", func(d, s *Asset) { d.Sensitive = s.Sensitive }},
	{"effective_date", func(d, s *Asset) { d.EffectiveDate = s.EffectiveDate }},
}

var fieldBits = func() map[string]FieldSet {
	m := make(map[string]FieldSet, len(assetFields))
	for i, f := range assetFields {
		m[f.name] = 1 << i
	}
	return m
}()

// AllFields holds every field: a row that carries the whole asset.
var AllFields = FieldSet(1)<<len(assetFields) - 1

// FieldSetOf returns the set of the named fields. It panics on an unknown
// name: the names are fixed in code, so that is a programming error.
func FieldSetOf(names ...string) FieldSet {
	var s FieldSet
	for _, n := range names {
		b, ok := fieldBits[n]
		if !ok {
			panic(fmt.Sprintf("estate: unknown asset field %q", n))
		}
		s |= b
	}
	return s
}

// FieldNamed returns the set holding just the named field, and false for
// a name that is not a field.
func FieldNamed(name string) (FieldSet, bool) {
	b, ok := fieldBits[name]
	return b, ok
}

// Has reports whether the set holds the named field.
func (s FieldSet) Has(name string) bool { return s&fieldBits[name] != 0 }

// Names lists the set's fields in field order.
func (s FieldSet) Names() []string {
	var out []string
	for i, f := range assetFields {
		if s&(1<<i) != 0 {
			out = append(out, f.name)
		}
	}
	return out
}

// CopyFields sets dst's fields in s to src's values, leaving the others.
func CopyFields(dst, src *Asset, s FieldSet) {
	for i, f := range assetFields {
		if s&(1<<i) != 0 {
			f.copy(dst, src)
		}
	}
}
