package estate

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Bounds on an asset's figures (issue 13, item 2): above any real public
// asset, so a typing slip or a placeholder such as 9e18 is refused rather
// than summed into every partner's totals. Analyses add figures up in
// int64: at these bounds that is exact up to 92 million assets, some
// ninety times a national register.
const (
	// MaxMoneyGBP bounds every money field, in whole pounds: £100bn,
	// several times the dearest single public asset in Britain (the
	// Palace of Westminster's restoration is costed at about £20bn).
	MaxMoneyGBP = 100_000_000_000
	// MaxAreaM2 bounds floor areas (gia_m2, an occupier's area_m2):
	// 10 km², some twenty times the largest building in Britain.
	MaxAreaM2 = 10_000_000
	// MaxLandAreaHa bounds land_area_ha: 100,000 ha (1,000 km²), above
	// the largest single public landholdings recorded as one asset, such
	// as Galloway Forest Park (about 77,000 ha) or the Salisbury Plain
	// training area (about 38,000 ha), and below a county's whole area.
	MaxLandAreaHa = 100_000
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

// MaxUseLen is the longest use, in characters, an asset may have.
const MaxUseLen = 200

// Normalize tidies fields that have one canonical spelling: text in
// Unicode NFC, so a name typed with a combining accent is the same name
// (and two codes that look alike are one code), and its line breaks as
// LF; tags lower-cased, sorted, unique and without blanks; postcode
// upper-case; blank RAG unrated; coordinates to 7 decimals and rings
// wound per RFC 7946 (canonical.go). Validate expects a normalized asset.
func (a *Asset) Normalize() {
	a.canonicalGeometry()
	a.canonicalLineEnds()
	for _, f := range freeTextFields {
		if !f.Server { // the register's own text stays as it wrote it
			f.SetText(a, nfc(f.Text(a)))
		}
	}
	if a.RAG == "" {
		a.RAG = RAGUnrated
	}
	a.DisposalStage = stageOf(a.DisposalStage)
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
func (a *Asset) Validate() error { return a.validate(allRules(World)) }

func (a *Asset) validate(r rules) error {
	var pr Problems
	if !ValidSlug(a.Partner) {
		pr.Add("partner", "is required: the id of the owning partner")
	}
	textField(&pr, "asset_code", a.AssetCode, true, 100)
	// The patterns of uprn and postcode admit no control or formatting
	// character either.
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
	textField(&pr, "use", a.Use, false, MaxUseLen)

	switch {
	case !validPoint(a.Location):
		pr.Add("geometry.coordinates", "must be [longitude, latitude] with longitude within ±180 and latitude within ±90")
	case a.Location == Point{}:
		pr.Add("geometry.coordinates", "are [0, 0], a placeholder in the Gulf of Guinea: give the real location")
	case LooksSwapped(a.Location):
		pr.Add("geometry.coordinates", "look swapped: GeoJSON order is [longitude, latitude]")
	}
	if r.footprint {
		validateFootprint(&pr, a.Footprint)
	}
	r.area.checkPlace(&pr, a)

	enumField(&pr, "tenure", a.Tenure, Tenures, true)
	enumField(&pr, "tenure_detail", a.TenureDetail, TenureDetails, true)
	dateField(&pr, "lease_expiry", a.LeaseExpiry)
	dateField(&pr, "lease_break", a.LeaseBreak)
	if r.lease {
		checkLeaseOrder(&pr, a)
	}
	moneyField(&pr, "annual_rent_gbp", a.AnnualRentGBP)

	boundedFloat(&pr, "gia_m2", a.GIAM2, MaxAreaM2)
	boundedFloat(&pr, "land_area_ha", a.LandAreaHa, MaxLandAreaHa)
	boundedFloat(&pr, "utilisation_pct", a.UtilisationPct, 100)
	enumField(&pr, "condition", a.Condition, Conditions, true)
	moneyField(&pr, "backlog_gbp", a.BacklogGBP)
	enumField(&pr, "energy_rating", a.EnergyRating, EnergyRatings, true)
	enumField(&pr, "listed", a.Listed, ListedGrades, true)
	moneyField(&pr, "market_value_gbp", a.MarketValueGBP)
	moneyField(&pr, "book_value_gbp", a.BookValueGBP)
	moneyField(&pr, "running_cost_gbp_pa", a.RunningCostGBPPA)

	validateOccupiers(&pr, a.Occupiers)
	if r.occupancy {
		checkOccupancy(&pr, a)
	}

	enumField(&pr, "rag", a.RAG, RAGs, false)
	noteField(&pr, "rag_rationale", a.RAGRationale, false, 4000)
	if len(a.Tags) > 50 {
		pr.Add("tags", "at most 50 tags")
	}
	for _, t := range a.Tags {
		if !ValidSlug(t) {
			pr.Add("tags", "%q is not a lower-case slug such as hub-candidate", t)
			break
		}
	}
	noteField(&pr, "notes", a.Notes, false, 10000)
	dateField(&pr, "effective_date", a.EffectiveDate)
	checkDisposalFields(&pr, a)
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
		if o.AreaM2 != nil && *o.AreaM2 > MaxAreaM2 {
			pr.Add("occupiers", "area_m2 of %s must be at most %d m²", o.Partner, MaxAreaM2)
			return
		}
	}
}

// CheckFilterQ adds a problem if q, a filter's free text, is longer than
// MaxFilterQLen characters or holds characters no stored text may: the
// asset list and the analyses share the rule.
func CheckFilterQ(pr *Problems, q string) { textField(pr, "q", q, false, MaxFilterQLen) }

// textField checks a single-line text field: required, at most max
// characters, and no control or bidirectional formatting characters.
func textField(pr *Problems, field, v string, required bool, max int) {
	checkText(pr, field, v, required, max, false)
}

// noteField checks free text that may run over several lines.
func noteField(pr *Problems, field, v string, required bool, max int) {
	checkText(pr, field, v, required, max, true)
}

func checkText(pr *Problems, field, v string, required bool, max int, multiline bool) {
	switch {
	case required && strings.TrimSpace(v) == "":
		pr.Add(field, "is required")
	case utf8.RuneCountInString(v) > max:
		pr.Add(field, "must be at most %d characters", max)
	default:
		if msg := textFault(v, multiline); msg != "" {
			pr.Add(field, "%s", msg)
		}
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
	switch {
	case v == nil:
	case *v < 0:
		pr.Add(field, "must not be negative (whole pounds)")
	case *v > MaxMoneyGBP:
		pr.Add(field, "must be at most %d whole pounds (£100bn)", int64(MaxMoneyGBP))
	}
}

// boundedFloat checks an optional figure is within [0, max].
func boundedFloat(pr *Problems, field string, v *float64, max float64) {
	if v == nil {
		return
	}
	switch {
	case anyNaN(*v) || *v < 0:
		pr.Add(field, "must not be negative")
	case *v > max:
		pr.Add(field, "must be at most %s", strconv.FormatFloat(max, 'f', -1, 64))
	}
}
