package estate

import (
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

var (
	uprnRE     = regexp.MustCompile(`^[0-9]{1,12}$`)
	postcodeRE = regexp.MustCompile(`^[A-Z]{1,2}[0-9][A-Z0-9]?( ?[0-9][A-Z]{2})?$`)
)

// ValidDate reports whether s is a calendar date written YYYY-MM-DD.
func ValidDate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

// Normalize tidies fields that have one canonical spelling: tags lower-cased,
// sorted, unique and without blanks; postcode upper-case; blank RAG unrated;
// coordinates to 7 decimals and rings wound per RFC 7946; line breaks in
// text as LF (canonical.go). Validate expects a normalized asset.
func (a *Asset) Normalize() {
	a.canonicalGeometry()
	a.canonicalLineEnds()
	if a.RAG == "" {
		a.RAG = RAGUnrated
	}
	a.Postcode = strings.ToUpper(strings.TrimSpace(a.Postcode))
	a.UPRN = strings.TrimSpace(a.UPRN)
	tags := make([]string, 0, len(a.Tags))
	for _, t := range a.Tags {
		if t = strings.ToLower(strings.TrimSpace(t)); t != "" {
			tags = append(tags, t)
		}
	}
	slices.Sort(tags)
	a.Tags = slices.Compact(tags)
	if len(a.Tags) == 0 {
		a.Tags = nil
	}
}

// Validate checks every field and returns one EINVALID error naming each
// wrong field. It does not check that partners exist: the store does.
func (a *Asset) Validate() error {
	var pr Problems
	if !ValidSlug(a.Partner) {
		pr.Add("partner", "is required: the id of the owning partner")
	}
	textField(&pr, "asset_code", a.AssetCode, true, 100)
	if a.UPRN != "" && !uprnRE.MatchString(a.UPRN) {
		pr.Add("uprn", "must be 1 to 12 digits (leading zeros are kept)")
	}
	textField(&pr, "name", a.Name, true, 300)
	textField(&pr, "street_number", a.StreetNumber, false, 50)
	textField(&pr, "street_name", a.StreetName, false, 200)
	textField(&pr, "town", a.Town, false, 100)
	if a.Postcode != "" && !postcodeRE.MatchString(a.Postcode) {
		pr.Add("postcode", "must be a UK postcode or its outward code, such as WR1 2EY or WR1")
	}
	enumField(&pr, "holding", a.Holding, Holdings, true)
	textField(&pr, "use", a.Use, false, 200)

	switch {
	case !validPoint(a.Location):
		pr.Add("geometry.coordinates", "must be [longitude, latitude] with longitude within ±180 and latitude within ±90")
	case a.Location == Point{}:
		pr.Add("geometry.coordinates", "are [0, 0], a placeholder in the Gulf of Guinea: give the real location")
	case LooksSwapped(a.Location):
		pr.Add("geometry.coordinates", "look swapped: GeoJSON order is [longitude, latitude]")
	}
	validateFootprint(&pr, a.Footprint)

	enumField(&pr, "tenure", a.Tenure, Tenures, true)
	enumField(&pr, "tenure_detail", a.TenureDetail, TenureDetails, true)
	dateField(&pr, "lease_expiry", a.LeaseExpiry)
	dateField(&pr, "lease_break", a.LeaseBreak)
	moneyField(&pr, "annual_rent_gbp", a.AnnualRentGBP)

	nonNegative(&pr, "gia_m2", a.GIAM2, 0)
	nonNegative(&pr, "land_area_ha", a.LandAreaHa, 0)
	nonNegative(&pr, "utilisation_pct", a.UtilisationPct, 100)
	enumField(&pr, "condition", a.Condition, Conditions, true)
	moneyField(&pr, "backlog_gbp", a.BacklogGBP)
	enumField(&pr, "energy_rating", a.EnergyRating, EnergyRatings, true)
	enumField(&pr, "listed", a.Listed, ListedGrades, true)
	moneyField(&pr, "market_value_gbp", a.MarketValueGBP)
	moneyField(&pr, "book_value_gbp", a.BookValueGBP)
	moneyField(&pr, "running_cost_gbp_pa", a.RunningCostGBPPA)

	validateOccupiers(&pr, a.Occupiers)

	enumField(&pr, "rag", a.RAG, RAGs, false)
	textField(&pr, "rag_rationale", a.RAGRationale, false, 4000)
	if len(a.Tags) > 50 {
		pr.Add("tags", "at most 50 tags")
	}
	for _, t := range a.Tags {
		if !ValidSlug(t) {
			pr.Add("tags", "%q is not a lower-case slug such as hub-candidate", t)
			break
		}
	}
	textField(&pr, "notes", a.Notes, false, 10000)
	dateField(&pr, "effective_date", a.EffectiveDate)
	return pr.Err("The asset is not valid.")
}

func validateOccupiers(pr *Problems, occ []Occupier) {
	if len(occ) > 100 {
		pr.Add("occupiers", "at most 100 occupiers")
		return
	}
	seen := map[string]bool{}
	for _, o := range occ {
		if !ValidSlug(o.Partner) {
			pr.Add("occupiers", "each occupier needs a partner id")
			return
		}
		if seen[o.Partner] {
			pr.Add("occupiers", "partner %s is listed twice", o.Partner)
			return
		}
		seen[o.Partner] = true
		if o.AreaM2 != nil && (*o.AreaM2 < 0 || anyNaN(*o.AreaM2)) {
			pr.Add("occupiers", "area_m2 of %s must not be negative", o.Partner)
			return
		}
	}
}

// CheckFilterQ adds a problem if q, a filter's free text, is longer than
// MaxFilterQLen characters: the asset list and the analyses share the
// cap.
func CheckFilterQ(pr *Problems, q string) { textField(pr, "q", q, false, MaxFilterQLen) }

func textField(pr *Problems, field, v string, required bool, max int) {
	switch {
	case required && strings.TrimSpace(v) == "":
		pr.Add(field, "is required")
	case utf8.RuneCountInString(v) > max:
		pr.Add(field, "must be at most %d characters", max)
	}
}

func enumField[T ~string](pr *Problems, field string, v T, set []T, optional bool) {
	if optional && v == "" {
		return
	}
	if !oneOf(v, set) {
		pr.Add(field, "must be one of %v", set)
	}
}

func dateField(pr *Problems, field, v string) {
	if v != "" && !ValidDate(v) {
		pr.Add(field, "must be a date written YYYY-MM-DD")
	}
}

func moneyField(pr *Problems, field string, v *int64) {
	if v != nil && *v < 0 {
		pr.Add(field, "must not be negative (whole pounds)")
	}
}

func nonNegative(pr *Problems, field string, v *float64, max float64) {
	if v == nil {
		return
	}
	switch {
	case anyNaN(*v) || *v < 0:
		pr.Add(field, "must not be negative")
	case max > 0 && *v > max:
		pr.Add(field, "must be at most %g", max)
	}
}
