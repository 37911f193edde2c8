package analysis

import (
	"slices"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/register"
)

// Bounds and defaults of the data quality parameters.
const (
	DefaultStaleMonths = 12
	MaxStaleMonths     = 120
	// DefaultSameSiteM is how far apart two assets with similar names may
	// stand and still be flagged: a few metres, as one building's point
	// is placed differently by two partners (the entrance, the centroid).
	DefaultSameSiteM = 25
	// MaxSameSiteM keeps the flagged pairs about one site: further apart,
	// similar names are neighbours ("X Library", "X Library car park").
	MaxSameSiteM          = 1000
	DefaultNameSimilarity = 0.5
	DefaultQualityLimit   = 500
	MaxQualityLimit       = 10000
)

// QualityParams are the settings of the data quality view. JSON names are
// the query parameter names. Ranges, checked by Validate: stale_months a
// whole number in [1, MaxStaleMonths]; within in [0, MaxSameSiteM]
// metres; name_similarity in (0, 1]; limit in [0, MaxQualityLimit];
// as_of set.
type QualityParams struct {
	// StaleMonths is the age past which a rating is stale: set before
	// as_of less this many calendar months; default 12.
	StaleMonths int `json:"stale_months"`
	// AsOf is the moment ages are measured from. The analysis has no
	// clock: callers pass now, and echoing it lets anyone recompute.
	AsOf time.Time `json:"as_of"`
	// WithinM is how far apart, in great-circle metres and limit
	// included, two partners' assets with similar names may stand and
	// still be flagged as one place; default 25.
	WithinM float64 `json:"within"`
	// NameSimilarity is the least share of their name words two such
	// assets must have in common (the Jaccard index of the words) to be
	// flagged; default 0.5.
	NameSimilarity float64 `json:"name_similarity"`
	// Limit is how many flagged groups are listed; all are counted.
	// Default 500.
	Limit int `json:"limit"`
}

// DefaultQualityParams returns the defaults, ages measured from asOf.
func DefaultQualityParams(asOf time.Time) QualityParams {
	return QualityParams{StaleMonths: DefaultStaleMonths, AsOf: asOf, WithinM: DefaultSameSiteM,
		NameSimilarity: DefaultNameSimilarity, Limit: DefaultQualityLimit}
}

// Validate returns an EINVALID error naming every parameter out of range,
// or nil.
func (p QualityParams) Validate() error {
	var pr estate.Problems
	p.check(&pr)
	return pr.Err("The data quality parameters are not valid.")
}

func (p QualityParams) check(pr *estate.Problems) {
	if p.StaleMonths < 1 || p.StaleMonths > MaxStaleMonths {
		pr.Add("stale_months", "must be a whole number from 1 to %d", MaxStaleMonths)
	}
	if p.AsOf.IsZero() {
		pr.Add("as_of", "is required: the moment rating ages are measured from")
	}
	inRange(pr, "within", p.WithinM, 0, MaxSameSiteM)
	if !(p.NameSimilarity > 0 && p.NameSimilarity <= 1) {
		pr.Add("name_similarity", "must be more than 0 and at most 1")
	}
	if p.Limit < 0 || p.Limit > MaxQualityLimit {
		pr.Add("limit", "must be a whole number from 0 to %d", MaxQualityLimit)
	}
}

func checkQuality(p QualityParams, f estate.Selection) error {
	var pr estate.Problems
	p.check(&pr)
	checkFilter(&pr, f)
	return pr.Err("The data quality query is not valid.")
}

// ParseAsOf reads an as-of moment as the quality view takes it: a date
// (2026-12-07, its midnight UTC) or an RFC 3339 time; ok is false for
// anything else.
func ParseAsOf(s string) (t time.Time, ok bool) {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		if t, err = time.Parse(time.DateOnly, s); err != nil {
			return time.Time{}, false
		}
	}
	return t.UTC(), true
}

// StaleBefore is the cut-off: a rating set before it is stale.
func (p QualityParams) StaleBefore() time.Time {
	return p.AsOf.AddDate(0, -p.StaleMonths, 0)
}

// QualityCounts counts what the register knows of a set of assets.
type QualityCounts struct {
	Assets int `json:"assets"`
	// WithLocation is every asset: the register refuses one without a
	// location. It is reported because the question is asked.
	WithLocation    int `json:"with_location"`
	WithUPRN        int `json:"with_uprn"`
	Buildings       int `json:"buildings"` // holding building or land_and_building
	WithGIA         int `json:"with_gia"`  // buildings with a floor area; land has none to give
	WithMarketValue int `json:"with_market_value"`
	Rated           int `json:"rated"`          // red, amber or green
	WithRationale   int `json:"with_rationale"` // rated, saying why
	// StaleRatings are rated assets whose rating was set before the
	// cut-off, or whose date is not known.
	StaleRatings int `json:"stale_ratings"`
	// HeldTwice are assets in a flagged group (QualityReport.Duplicates),
	// listed or not.
	HeldTwice int `json:"held_twice"`
}

func (c *QualityCounts) plus(o QualityCounts) {
	c.Assets += o.Assets
	c.WithLocation += o.WithLocation
	c.WithUPRN += o.WithUPRN
	c.Buildings += o.Buildings
	c.WithGIA += o.WithGIA
	c.WithMarketValue += o.WithMarketValue
	c.Rated += o.Rated
	c.WithRationale += o.WithRationale
	c.StaleRatings += o.StaleRatings
	c.HeldTwice += o.HeldTwice
}

// QualityShares are the counts as fractions of what they could be: of
// assets, except gia (of buildings) and stale_ratings (of rated). A share
// whose denominator is zero is left out rather than shown as 0.
type QualityShares struct {
	Location    *float64 `json:"location,omitempty"`
	UPRN        *float64 `json:"uprn,omitempty"`
	GIA         *float64 `json:"gia,omitempty"`
	MarketValue *float64 `json:"market_value,omitempty"`
	Rated       *float64 `json:"rated,omitempty"`
	Rationale   *float64 `json:"rationale,omitempty"`
	Stale       *float64 `json:"stale_ratings,omitempty"`
	HeldTwice   *float64 `json:"held_twice,omitempty"`
}

func share(n, of int) *float64 {
	if of == 0 {
		return nil
	}
	v := float64(n) / float64(of)
	return &v
}

func (c QualityCounts) shares() QualityShares {
	return QualityShares{Location: share(c.WithLocation, c.Assets), UPRN: share(c.WithUPRN, c.Assets),
		GIA: share(c.WithGIA, c.Buildings), MarketValue: share(c.WithMarketValue, c.Assets),
		Rated: share(c.Rated, c.Assets), Rationale: share(c.WithRationale, c.Assets),
		Stale: share(c.StaleRatings, c.Rated), HeldTwice: share(c.HeldTwice, c.Assets)}
}

// QualityRow is one partner's counts and shares, or the total's (partner
// empty).
type QualityRow struct {
	Partner string `json:"partner,omitempty"`
	QualityCounts
	Shares QualityShares `json:"shares"`
}

// QualityReport is the data quality view: per partner, how much of what
// the register asks for its assets give, and the places that may be held
// twice, with the parameters and filter used.
type QualityReport struct {
	Params QualityParams    `json:"params"`
	Filter estate.Selection `json:"filter"`
	// StaleBefore is the cut-off worked out from as_of and stale_months.
	StaleBefore time.Time     `json:"stale_before"`
	Total       QualityRow    `json:"total"`
	Partners    []QualityRow  `json:"partners"` // by partner id
	Duplicates  DuplicateList `json:"duplicates"`
	// RegisterVersion is set by callers that know it (internal/insight).
	RegisterVersion int64 `json:"register_version,omitempty"`
}

// Quality reports the data quality of the assets f selects (see
// QualityCounts), and the places other partners' assets may hold twice
// (see findDuplicates), among the assets located in f's bbox (all
// without one); a flagged group is reported when any of its assets
// matches the rest of f, so a partner filter shows the partner's
// assets other partners hold too. Every figure can be recomputed from
// the asset list. It returns an EINVALID error naming each bad parameter.
func Quality(assets register.Assets, p QualityParams, f estate.Selection) (QualityReport, error) {
	if err := checkQuality(p, f); err != nil {
		return QualityReport{}, err
	}
	return QualityFrom(FindDuplicates(assets, f.BBox, p), p, f)
}

// Duplicates is the search for places held twice among the assets in a
// bbox (all without one), the costly part of Quality: any report over
// the same assets, bbox, within and name_similarity can share it, whatever
// its other filters, stale_months, as_of or limit.
type Duplicates struct {
	univ  register.Rows
	found *dupSearch
}

// FindDuplicates searches assets located in bbox (nil for all) for places
// held twice, by p's within and name_similarity, which the caller has
// checked (QualityParams.Validate).
func FindDuplicates(assets register.Assets, bbox *estate.BBox, p QualityParams) *Duplicates {
	univ := ColocationUniverse(assets, bbox)
	return &Duplicates{univ: univ, found: findDuplicates(univ, p)}
}

// QualityFrom is Quality over the assets and bbox d searched, which must
// be f's, with p's within and name_similarity.
func QualityFrom(d *Duplicates, p QualityParams, f estate.Selection) (QualityReport, error) {
	if err := checkQuality(p, f); err != nil {
		return QualityReport{}, err
	}
	univ, found := d.univ, d.found
	all, mf := selectsAll(f), newMatcher(f)
	cut := p.StaleBefore()
	counts := newSlots[QualityCounts]()
	for a := range univ.All() {
		if all || mf.match(a) {
			count(counts.at(a.Partner), a, cut)
		}
	}
	var a register.Asset
	matches := func(i int32) bool {
		univ.Read(univ.Row(int(i)), &a)
		return mf.match(&a)
	}

	dups := DuplicateList{Groups: []Duplicate{}}
	for _, g := range found.groups {
		if !all && !slices.ContainsFunc(found.of(g), matches) {
			continue
		}
		dups.Count++
		if g.pair {
			dups.NearbySimilarName++
		} else {
			dups.SameUPRN++
		}
		if len(dups.Groups) < p.Limit {
			dups.Groups = append(dups.Groups, found.duplicate(g))
		}
	}
	dups.Truncated = dups.Count > len(dups.Groups)
	for _, i := range found.flagged() {
		if all || matches(i) {
			counts.at(univ.Partner(univ.Row(int(i)))).HeldTwice++
		}
	}

	rep := QualityReport{Params: p, Filter: f, StaleBefore: cut, Partners: []QualityRow{}, Duplicates: dups}
	for _, i := range byName(counts.keys) {
		c := counts.slots[i]
		rep.Partners = append(rep.Partners, QualityRow{Partner: counts.keys[i], QualityCounts: c, Shares: c.shares()})
		rep.Total.plus(c)
	}
	rep.Total.Shares = rep.Total.shares()
	return rep, nil
}

// count adds a to c; cut is the stale cut-off.
func count(c *QualityCounts, a *register.Asset, cut time.Time) {
	c.Assets++
	c.WithLocation++
	if a.UPRN != "" {
		c.WithUPRN++
	}
	if a.Holding == estate.HoldingBuilding || a.Holding == estate.HoldingLandAndBuilding {
		c.Buildings++
		if a.GIAM2.OK {
			c.WithGIA++
		}
	}
	if a.MarketValueGBP.OK {
		c.WithMarketValue++
	}
	if rating(a.RAG) == estate.RAGUnrated {
		return
	}
	c.Rated++
	if a.HasRationale {
		c.WithRationale++
	}
	if a.RAGSetAt.IsZero() || a.RAGSetAt.Before(cut) {
		c.StaleRatings++
	}
}
