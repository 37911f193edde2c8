package estate

import (
	"strings"
	"time"
)

// Default and largest page sizes for asset lists.
const (
	DefaultPageSize = 100
	MaxPageSize     = 10000
	// MaxWithinM caps near/within searches: beyond this a bbox is the
	// right tool.
	MaxWithinM = 100000

	// Caps on a selection's lists: more values than these is a mistake,
	// and SQLite refuses queries past 32,766 variables or a deep
	// expression tree, which would otherwise surface as a 500.
	MaxFilterTags     = 50 // as many as an asset may carry
	MaxFilterPartners = 1000
	MaxFilterIDs      = 1000
	MaxFilterEnums    = 20 // per enum field (rag, holding, tenure)
	// MaxFilterQLen caps the free-text q, of the asset list and the
	// analyses alike.
	MaxFilterQLen = 200
)

// Member names a member of a Selection as clients write it: the query
// parameter, the JSON member and the field of a validation error. A
// surface that takes only some members (the analyses, OGC API) names
// them with these.
type Member string

// Members of a Selection.
const (
	MemberID            Member = "id"
	MemberPartner       Member = "partner"
	MemberRAG           Member = "rag"
	MemberHolding       Member = "holding"
	MemberTenure        Member = "tenure"
	MemberTag           Member = "tag"
	MemberQ             Member = "q"
	MemberUPRN          Member = "uprn"
	MemberBBox          Member = "bbox"
	MemberNear          Member = "near"
	MemberWithin        Member = "within"
	MemberUpdatedSince  Member = "updated_since"
	MemberUpdatedBefore Member = "updated_before"
	MemberEffectiveFrom Member = "effective_from"
	MemberEffectiveTo   Member = "effective_to"
	MemberDatedFrom     Member = "dated_from"
	MemberDatedTo       Member = "dated_to"
	MemberFilter        Member = "filter"
)

// Selection says which assets: the one filter of the asset list, OGC API
// items, exports and the analyses. Zero members select everything;
// several values in one member match any of them, except tags, which must
// all be present; different members must all match.
type Selection struct {
	IDs      []int64
	Partners []string
	RAGs     []RAG
	Holdings []Holding
	Tenures  []Tenure
	Tags     []string // every tag must be present
	// Q is text in the name, street, town, postcode, use or asset code,
	// whatever its case or Unicode normal form (FoldText); blank is none.
	Q    string
	UPRN string
	BBox *BBox
	Near *Point
	// WithinM, with Near: great-circle radius in metres.
	WithinM float64

	// UpdatedSince/UpdatedBefore and EffectiveFrom/EffectiveTo bound
	// updated_at and effective_date; zero values are open ends. Both
	// updated_at bounds are inclusive and whole seconds: each includes
	// every time within its second.
	UpdatedSince  time.Time
	UpdatedBefore time.Time
	EffectiveFrom string
	EffectiveTo   string

	// DatedFrom/DatedTo bound the asset's date, what OGC API's datetime
	// selects by: its effective_date's whole UTC day, or its updated_at
	// when it has no effective_date. Zero values are open ends; both are
	// inclusive and whole seconds.
	DatedFrom, DatedTo time.Time

	// Where is a condition beyond the members above (OGC API's filter);
	// nil is none. Check holds it to CheckCond.
	Where Cond
}

// Page is where a page of a selection starts, in its order (Sort; by id
// when zero), and how long it is.
type Page struct {
	After int64 // keyset cursor: only assets after this id, in the order
	// Before is the backwards keyset cursor: only assets before this id,
	// and the page is the one nearest it (still returned in the order).
	Before int64
	Limit  int // 0 for DefaultPageSize
	Sort   Sort
	// CursorValue is the sort key's value of the asset After or Before
	// names, when Sort is by a key other than id: the cursor is the pair.
	CursorValue string
}

// AssetFilter is a selection and a page of it: what the asset list, OGC
// API items and exports ask a store for. Its JSON is its selection's
// (Selection.MarshalJSON, promoted): the page is left out.
type AssetFilter struct {
	Selection
	Page
}

// PageSize returns the effective limit.
func (p *Page) PageSize() int {
	if p.Limit <= 0 {
		return DefaultPageSize
	}
	return p.Limit
}

// Members lists the members s sets, in the order of the constants; a
// blank Q sets none.
func (s *Selection) Members() []Member {
	var out []Member
	for _, m := range []struct {
		m   Member
		set bool
	}{
		{MemberID, len(s.IDs) > 0}, {MemberPartner, len(s.Partners) > 0}, {MemberRAG, len(s.RAGs) > 0},
		{MemberHolding, len(s.Holdings) > 0}, {MemberTenure, len(s.Tenures) > 0}, {MemberTag, len(s.Tags) > 0},
		{MemberQ, strings.TrimSpace(s.Q) != ""}, {MemberUPRN, s.UPRN != ""}, {MemberBBox, s.BBox != nil},
		{MemberNear, s.Near != nil}, {MemberWithin, s.WithinM != 0},
		{MemberUpdatedSince, !s.UpdatedSince.IsZero()}, {MemberUpdatedBefore, !s.UpdatedBefore.IsZero()},
		{MemberEffectiveFrom, s.EffectiveFrom != ""}, {MemberEffectiveTo, s.EffectiveTo != ""},
		{MemberDatedFrom, !s.DatedFrom.IsZero()}, {MemberDatedTo, !s.DatedTo.IsZero()},
		{MemberFilter, s.Where != nil},
	} {
		if m.set {
			out = append(out, m.m)
		}
	}
	return out
}

// Validate returns an EINVALID error naming each wrong member, or nil.
func (s *Selection) Validate() error {
	var pr Problems
	s.Check(&pr)
	return pr.Err("The filter is not valid.")
}

// Validate checks the selection and the page.
func (f *AssetFilter) Validate() error {
	var pr Problems
	f.Selection.Check(&pr)
	if f.Limit < 0 || f.Limit > MaxPageSize {
		pr.Add("limit", "must be between 1 and %d", MaxPageSize)
	}
	if f.After < 0 || f.Before < 0 {
		pr.Add("cursor", "is not a cursor this server gave")
	}
	f.checkSort(&pr)
	return pr.Err("The filter is not valid.")
}

// Check adds a problem for each wrong member to pr: the one set of rules
// every surface's filter is held to.
func (s *Selection) Check(pr *Problems) {
	// Counts first: a list too long is refused without checking (and
	// reporting) each of its values.
	tooMany := func(m Member, n, max int) bool {
		if n > max {
			pr.Add(string(m), "at most %d values (got %d)", max, n)
			return true
		}
		return false
	}
	lists := tooMany(MemberID, len(s.IDs), MaxFilterIDs)
	lists = tooMany(MemberPartner, len(s.Partners), MaxFilterPartners) || lists
	lists = tooMany(MemberRAG, len(s.RAGs), MaxFilterEnums) || lists
	lists = tooMany(MemberHolding, len(s.Holdings), MaxFilterEnums) || lists
	lists = tooMany(MemberTenure, len(s.Tenures), MaxFilterEnums) || lists
	lists = tooMany(MemberTag, len(s.Tags), MaxFilterTags) || lists
	if lists {
		return
	}
	if s.BBox != nil {
		if err := s.BBox.Validate(); err != nil {
			pr.Add(string(MemberBBox), "%s", err.Error())
		}
	}
	// A value no partner id or tag can be matches nothing: a mistake to
	// report, not an empty answer to give.
	slugList(pr, MemberPartner, s.Partners, "%q is not a partner id")
	enumList(pr, MemberRAG, s.RAGs, RAGs)
	enumList(pr, MemberHolding, s.Holdings, Holdings)
	enumList(pr, MemberTenure, s.Tenures, Tenures)
	slugList(pr, MemberTag, s.Tags, "%q is not a lower-case slug such as hub-candidate")
	CheckFilterQ(pr, s.Q)
	if s.UPRN != "" && !uprnRE.MatchString(s.UPRN) {
		pr.Add(string(MemberUPRN), "must be 1 to 12 digits")
	}
	if s.Near != nil && !validPoint(*s.Near) {
		pr.Add(string(MemberNear), "must be lon,lat within ±180/±90")
	}
	if s.Near != nil && (!(s.WithinM > 0) || s.WithinM > MaxWithinM) {
		pr.Add(string(MemberWithin), "must be more than 0 and at most %d metres when near is given", MaxWithinM)
	}
	if s.Near == nil && s.WithinM != 0 {
		pr.Add(string(MemberNear), "is required with within")
	}
	if s.Where != nil {
		CheckCond(pr, s.Where)
	}
}

// enumList reports the member once for any value outside set.
func enumList[T ~string](pr *Problems, m Member, vs, set []T) {
	for _, v := range vs {
		if !oneOf(v, set) {
			pr.Add(string(m), "must be one of %v", set)
			return
		}
	}
}

// slugList reports the first value that is not a slug (ValidSlug).
func slugList(pr *Problems, m Member, vs []string, format string) {
	for _, v := range vs {
		if !ValidSlug(v) {
			pr.Add(string(m), format, v)
			return
		}
	}
}
