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
// coordinates to 7 decimals and rings wound per RFC 7946 (canonical.go).
// Validate expects a normalized asset.
func (a *Asset) Normalize() {
	a.canonicalGeometry()
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
// wrong field. It does not check that partners exist (the store does),
// nor where the asset is: ValidateIn does.
func (a *Asset) Validate() error { return a.validate(World) }

func (a *Asset) validate(area ServiceArea) error {
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
	area.checkPlace(&pr, a)

	enumField(&pr, "tenure", a.Tenure, Tenures, true)
	enumField(&pr, "tenure_detail", a.TenureDetail, TenureDetails, true)
	dateField(&pr, "lease_expiry", a.LeaseExpiry)
	dateField(&pr, "lease_break", a.LeaseBreak)
	// A break is an early end: one after the expiry is a typo or the
	// two columns swapped, and would put the lease event in the wrong
	// year. Dates written YYYY-MM-DD compare as strings.
	if ValidDate(a.LeaseBreak) && ValidDate(a.LeaseExpiry) && a.LeaseBreak > a.LeaseExpiry {
		pr.Add("lease_break", "%s is after the lease's expiry (lease_expiry %s): a break ends a lease early", a.LeaseBreak, a.LeaseExpiry)
	}
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

	validateOccupiers(&pr, a.Occupiers, a.GIAM2)

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

// ValidateIn is Validate for a new asset of a register serving area: it
// also refuses a location or footprint position outside the area, in the
// same EINVALID error as any other wrong field.
func (a *Asset) ValidateIn(area ServiceArea) error {
	return a.validate(area)
}

// ValidateChange is ValidateIn for before changed into a: the area is
// checked only when the change moves the asset (its location or
// footprint), so an asset stored before the area was narrowed can still
// be rated and edited, and moves only into the area.
func (a *Asset) ValidateChange(before *Asset, area ServiceArea) error {
	if before != nil && a.Location == before.Location && sameFootprint(a.Footprint, before.Footprint) {
		area = World
	}
	return a.validate(area)
}

func sameFootprint(a, b MultiPolygon) bool {
	return slices.EqualFunc(a, b, func(p, q Polygon) bool {
		return slices.EqualFunc(p, q, func(r, s Ring) bool { return slices.Equal(r, s) })
	})
}

func validateOccupiers(pr *Problems, occ []Occupier, gia *float64) {
	if len(occ) > 100 {
		pr.Add("occupiers", "at most 100 occupiers")
		return
	}
	seen := map[string]bool{}
	used := 0.0
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
		if o.AreaM2 != nil {
			used += *o.AreaM2
		}
	}
	// Occupiers share the building's floor: more than all of it is a
	// typo, and would overstate what each partner could give up. The
	// slack is for sums of decimals, not for real overlaps.
	if gia != nil && !anyNaN(*gia) && *gia >= 0 && used > *gia+1e-6*max(1, *gia) {
		pr.Add("occupiers", "occupy %s m² in all, more than the building's gia_m2 of %s m²", fmtDeg(used), fmtDeg(*gia))
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
