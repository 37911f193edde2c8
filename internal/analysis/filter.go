package analysis

import (
	"slices"
	"strings"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/register"
)

// FilterMembers are the members of an estate.Selection the analyses take;
// a selection setting any other (near, uprn, dates...) is refused. They
// are what a place's figures are asked by; the HTTP routes take these
// parameters and no others.
var FilterMembers = []estate.Member{estate.MemberBBox, estate.MemberPartner, estate.MemberRAG,
	estate.MemberHolding, estate.MemberTenure, estate.MemberTag, estate.MemberQ}

// ValidateFilter returns an EINVALID error naming each wrong member of f,
// or nil: estate's rules, and no member outside FilterMembers.
func ValidateFilter(f estate.Selection) error {
	var pr estate.Problems
	checkFilter(&pr, f)
	return pr.Err("The filter is not valid.")
}

func checkFilter(pr *estate.Problems, f estate.Selection) {
	f.Check(pr)
	for _, m := range f.Members() {
		if !slices.Contains(FilterMembers, m) {
			pr.Add(string(m), "is not a filter of the analyses (they take %v)", FilterMembers)
		}
	}
}

// Matcher returns a test of whether the analyses count an asset, ready
// for many assets: it folds q once, not once an asset. The analyses read a
// selection their own way: the bbox tests the asset's location, edges
// included, not its footprint, as a place's figures count each asset where
// its point is and co-location measures distances between points; an
// asset with no rating, or one this package does not know, counts as
// unrated. It tests an asset as the copy of the register holds it.
func Matcher(f estate.Selection) func(*register.Asset) bool { return newMatcher(f).match }

// matcher is a selection ready to test many assets, its q folded once.
type matcher struct {
	estate.Selection
	q string // Q trimmed and folded by estate.FoldText; "" for none
}

func newMatcher(f estate.Selection) *matcher {
	return &matcher{Selection: f, q: estate.FoldText(strings.TrimSpace(f.Q))}
}

func (m *matcher) match(a *register.Asset) bool {
	f := &m.Selection
	if f.BBox != nil && !f.BBox.Contains(a.Location) {
		return false
	}
	if len(f.Partners) > 0 && !slices.Contains(f.Partners, a.Partner) {
		return false
	}
	if len(f.RAGs) > 0 && !slices.Contains(f.RAGs, rating(a.RAG)) {
		return false
	}
	if len(f.Holdings) > 0 && !slices.Contains(f.Holdings, a.Holding) {
		return false
	}
	if len(f.Tenures) > 0 && !slices.Contains(f.Tenures, a.Tenure) {
		return false
	}
	for _, t := range f.Tags {
		if !slices.Contains(a.Tags, t) {
			return false
		}
	}
	return m.q == "" || a.MatchesQ(m.q)
}

// matchRow reads row of s into a, only as far as the selection needs
// (texts only for q), and reports whether it matches.
func (m *matcher) matchRow(s *register.Snapshot, row int32, a *register.Asset) bool {
	if m.q != "" {
		s.Read(row, a)
	} else {
		s.ReadSelectable(row, a)
	}
	return m.match(a)
}

// selectsAll reports whether f selects everything, so the hot loops can
// skip it.
func selectsAll(f estate.Selection) bool { return len(f.Members()) == 0 }

// rating returns r, unknown or blank ratings read as unrated.
func rating(r estate.RAG) estate.RAG { return ratings[RAGIndex(r)] }
