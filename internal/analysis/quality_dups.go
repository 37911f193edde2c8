package analysis

import (
	"cmp"
	"slices"
	"strings"
	"unicode"

	"github.com/placetrust/placetrust/internal/estate"
)

// Evidence that assets of different partners may be one place.
const (
	// EvidenceSameUPRN: the assets give the same UPRN (leading zeros
	// aside), which names one addressable place.
	EvidenceSameUPRN = "same_uprn"
	// EvidenceNearbySimilarName: two assets stand within the distance and
	// their names share enough words.
	EvidenceNearbySimilarName = "nearby_similar_name"
)

// What a flagged group probably is, for the partners to confirm.
const (
	// SuggestDoubleCount: two or more of the assets are freeholds, and
	// one place rarely has two freeholders, so the same building is
	// probably in two partners' lists.
	SuggestDoubleCount = "double_count"
	// SuggestSharedSite: at most one freehold, the others leases,
	// licences or other interests: partners sharing a site, each listing
	// its own interest (check floor areas and values are not counted
	// twice).
	SuggestSharedSite = "shared_site"
)

// DuplicateAsset is one asset of a flagged group.
type DuplicateAsset struct {
	ID        int64         `json:"id"`
	Partner   string        `json:"partner"`
	AssetCode string        `json:"asset_code"`
	Name      string        `json:"name"`
	UPRN      string        `json:"uprn,omitempty"`
	Tenure    estate.Tenure `json:"tenure"`
	// DistanceM is great-circle metres from the group's first asset, to
	// the millimetre.
	DistanceM float64 `json:"distance_m"`
}

// Duplicate is a place that assets of two or more partners may hold
// twice: every asset giving one UPRN, or a pair of assets near each
// other with similar names. Assets are in id order.
type Duplicate struct {
	Evidence   string `json:"evidence"`   // EvidenceSameUPRN or EvidenceNearbySimilarName
	Suggestion string `json:"suggestion"` // SuggestSharedSite or SuggestDoubleCount
	// UPRN is the shared UPRN without leading zeros (same_uprn only).
	UPRN string `json:"uprn,omitempty"`
	// NameSimilarity is the pair's share of name words in common
	// (nearby_similar_name only).
	NameSimilarity float64          `json:"name_similarity,omitempty"`
	Partners       []string         `json:"partners"` // distinct, sorted
	Assets         []DuplicateAsset `json:"assets"`
}

// DuplicateList is the flagged groups the filter selects: all counted,
// the first Limit listed, same_uprn groups first (by first asset id), then
// nearby pairs, most similar names first, then nearest, then by ids.
type DuplicateList struct {
	Count             int         `json:"count"`
	SameUPRN          int         `json:"same_uprn"`
	NearbySimilarName int         `json:"nearby_similar_name"`
	Truncated         bool        `json:"truncated"`
	Groups            []Duplicate `json:"groups"`
}

// dupGroup is a flagged group with its members as indices of the assets
// searched.
type dupGroup struct {
	d       Duplicate
	members []int32
}

// findDuplicates returns every flagged group among univ in report order,
// and the indices of the assets in any of them, in order. A group has
// assets of at least two partners:
//   - same_uprn: all the assets giving one UPRN, compared as a number
//     (000123 is 123); a UPRN of only zeros is a placeholder, not a place.
//   - nearby_similar_name: two assets of different partners within
//     p.WithinM whose names share at least p.NameSimilarity of their words
//     (nameSimilarity), unless they are in one same_uprn group already.
//
// UPRNs are found by sorting, and neighbours by sorting into cells
// (closePairs), so no pair of assets is compared unless they stand close.
func findDuplicates(univ []*estate.Asset, p QualityParams) ([]dupGroup, []int32) {
	var groups []dupGroup
	var flagged []int32

	var ks []keyed
	for i, a := range univ {
		if k := uprnKey(a.UPRN); k != 0 {
			ks = append(ks, keyed{k, int32(i)})
		}
	}
	ks = radixSort(ks, maxUPRN)
	for lo := 0; lo < len(ks); {
		hi := lo + 1
		for hi < len(ks) && ks[hi].key == ks[lo].key {
			hi++
		}
		if hi-lo > 1 {
			members := make([]int32, hi-lo)
			for n := range members {
				members[n] = ks[lo+n].i
			}
			if g, ok := newDupGroup(univ, members, EvidenceSameUPRN); ok {
				g.d.UPRN = strings.TrimLeft(univ[members[0]].UPRN, "0")
				groups = append(groups, g)
				flagged = append(flagged, members...)
			}
		}
		lo = hi
	}
	slices.SortFunc(groups, func(a, b dupGroup) int { return cmp.Compare(a.d.Assets[0].ID, b.d.Assets[0].ID) })

	pairs := nearbySimilar(univ, p)
	for _, g := range pairs {
		flagged = append(flagged, g.members...)
	}
	slices.SortFunc(pairs, func(a, b dupGroup) int {
		return cmp.Or(cmp.Compare(b.d.NameSimilarity, a.d.NameSimilarity),
			cmp.Compare(a.d.Assets[1].DistanceM, b.d.Assets[1].DistanceM),
			cmp.Compare(a.d.Assets[0].ID, b.d.Assets[0].ID), cmp.Compare(a.d.Assets[1].ID, b.d.Assets[1].ID))
	})
	slices.Sort(flagged)
	return append(groups, pairs...), slices.Compact(flagged)
}

// nearbySimilar returns the nearby_similar_name pairs among univ.
func nearbySimilar(univ []*estate.Asset, p QualityParams) []dupGroup {
	pts := make([]estate.Point, len(univ))
	for i, a := range univ {
		pts[i] = a.Location
	}
	words := newWordSets()
	var out []dupGroup
	closePairs(pts, p.WithinM, func(i, j int32) {
		a, b := univ[i], univ[j]
		// Cheapest first, as nearly every candidate fails.
		if a.Partner == b.Partner || estate.Distance(a.Location, b.Location) > p.WithinM {
			return
		}
		if k := uprnKey(a.UPRN); k != 0 && k == uprnKey(b.UPRN) {
			return
		}
		s := jaccard(words.of(i, a.Name), words.of(j, b.Name))
		if s < p.NameSimilarity {
			return
		}
		if dg, ok := newDupGroup(univ, []int32{i, j}, EvidenceNearbySimilarName); ok {
			dg.d.NameSimilarity = s
			out = append(out, dg)
		}
	})
	return out
}

// newDupGroup makes the group of members, or reports false when they are
// all one partner's.
func newDupGroup(univ []*estate.Asset, members []int32, evidence string) (dupGroup, bool) {
	slices.SortFunc(members, func(x, y int32) int { return cmp.Compare(univ[x].ID, univ[y].ID) })
	d := Duplicate{Evidence: evidence, Suggestion: SuggestSharedSite, Assets: make([]DuplicateAsset, len(members))}
	first := univ[members[0]].Location
	freeholds := 0
	for n, i := range members {
		a := univ[i]
		d.Assets[n] = DuplicateAsset{ID: a.ID, Partner: a.Partner, AssetCode: a.AssetCode, Name: a.Name, UPRN: a.UPRN,
			Tenure: a.Tenure, DistanceM: roundMM(estate.Distance(first, a.Location))}
		if !slices.Contains(d.Partners, a.Partner) {
			d.Partners = append(d.Partners, a.Partner)
		}
		if a.Tenure == estate.TenureFreehold {
			freeholds++
		}
	}
	if len(d.Partners) < 2 {
		return dupGroup{}, false
	}
	slices.Sort(d.Partners)
	if freeholds >= 2 {
		d.Suggestion = SuggestDoubleCount
	}
	return dupGroup{d: d, members: members}, true
}

// maxUPRN is the largest UPRN: 12 digits.
const maxUPRN = 999_999_999_999

// uprnKey is a UPRN as the number it stands for, 0 for none: a blank, a
// placeholder of zeros, or text that is not 1 to 12 digits (the register
// refuses those, so they are not places).
func uprnKey(s string) uint64 {
	if s == "" || len(s) > 12 {
		return 0
	}
	var k uint64
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0
		}
		k = k*10 + uint64(c-'0')
	}
	return k
}

// apostrophes are dropped from names, straight or curly.
var apostrophes = strings.NewReplacer("'", "", "\u2019", "")

// stopWords say nothing about which place a name is.
var stopWords = []string{"the", "and", "of"}

// nameWords returns the distinct words of a name: folded for case and
// Unicode form (estate.FoldText), apostrophes dropped (St John's is St
// Johns), split at anything but letters and digits, stop words left out;
// sorted.
func nameWords(name string) []string {
	folded := apostrophes.Replace(estate.FoldText(name))
	ws := strings.FieldsFunc(folded, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	ws = slices.DeleteFunc(ws, func(w string) bool { return slices.Contains(stopWords, w) })
	slices.Sort(ws)
	return slices.Compact(ws)
}

// nameSimilarity is the Jaccard index of two names' words: the words both
// have over the words either has; 0 when neither has a word.
func nameSimilarity(a, b string) float64 {
	w := newWordSets()
	return jaccard(w.of(0, a), w.of(1, b))
}

// wordSets holds the words of the names compared so far as sorted ids,
// made when first needed: most assets have no neighbour to compare.
type wordSets struct {
	ids  map[string]uint32
	sets map[int32][]uint32
}

func newWordSets() *wordSets {
	return &wordSets{ids: map[string]uint32{}, sets: map[int32][]uint32{}}
}

// of returns the word ids of asset i, whose name is name.
func (w *wordSets) of(i int32, name string) []uint32 {
	if s, ok := w.sets[i]; ok {
		return s
	}
	words := nameWords(name)
	s := make([]uint32, len(words))
	for n, word := range words {
		id, ok := w.ids[word]
		if !ok {
			id = uint32(len(w.ids))
			w.ids[word] = id
		}
		s[n] = id
	}
	slices.Sort(s)
	w.sets[i] = s
	return s
}

// jaccard is |a ∩ b| / |a ∪ b| of two sorted sets without repeats.
func jaccard(a, b []uint32) float64 {
	if len(a) == 0 && len(b) == 0 {
		return 0
	}
	both := 0
	for x, y := 0, 0; x < len(a) && y < len(b); {
		switch {
		case a[x] == b[y]:
			both++
			x++
			y++
		case a[x] < b[y]:
			x++
		default:
			y++
		}
	}
	return float64(both) / float64(len(a)+len(b)-both)
}
