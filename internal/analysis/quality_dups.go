package analysis

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/register"
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

// dupGroup is a flagged group before it is written out: its members are
// indices of the assets searched, in asset id order, held in the search's
// one array, so tens of thousands of groups in a national register cost
// no allocation each; only the groups listed become Duplicates.
type dupGroup struct {
	pair          bool    // nearby_similar_name, else same_uprn
	sim           float64 // name similarity (pairs)
	distM         float64 // the pair's distance, to the millimetre (pairs)
	first, second int64   // the first two members' asset ids
	lo, hi        int32   // members in dupSearch.members
}

// dupSearch is every flagged group among the assets searched, in report
// order.
type dupSearch struct {
	univ    register.Rows
	members []int32
	groups  []dupGroup
}

func (s *dupSearch) of(g dupGroup) []int32 { return s.members[g.lo:g.hi] }

// findDuplicates finds every flagged group among univ. A group has assets
// of at least two partners:
//   - same_uprn: all the assets giving one UPRN, compared as a number
//     (000123 is 123); a UPRN of only zeros is a placeholder, not a place.
//   - nearby_similar_name: two assets of different partners within
//     p.WithinM whose names share at least p.NameSimilarity of their words
//     (the Jaccard index of their word sets), unless they are in one
//     same_uprn group already.
//
// UPRNs are found by sorting, and neighbours by sorting into cells
// (closePairs), so no pair of assets is compared unless they stand close.
func findDuplicates(univ register.Rows, p QualityParams) *dupSearch {
	s := &dupSearch{univ: univ}
	keys := make([]uint64, univ.Len())
	n := 0
	for i := range keys {
		if keys[i] = uprnKey(univ.UPRN(univ.Row(i))); keys[i] != 0 {
			n++
		}
	}
	ks := make([]keyed, 0, n)
	for i, k := range keys {
		if k != 0 {
			ks = append(ks, keyed{k, int32(i)})
		}
	}
	ks = radixSort(ks, maxUPRN)
	var members []int32
	for lo := 0; lo < len(ks); {
		hi := lo + 1
		for hi < len(ks) && ks[hi].key == ks[lo].key {
			hi++
		}
		if hi-lo > 1 {
			members = members[:0]
			for _, k := range ks[lo:hi] {
				members = append(members, k.i)
			}
			s.add(dupGroup{}, members)
		}
		lo = hi
	}

	words := newWordSets()
	at := func(i int) estate.Point { return univ.Location(univ.Row(i)) }
	closePairs(univ.Len(), at, p.WithinM, func(i, j int32) {
		a, b := univ.Row(int(i)), univ.Row(int(j))
		la, lb := univ.Location(a), univ.Location(b)
		// Cheapest first, as nearly every candidate fails: the latitudes
		// alone put most neighbours' neighbours out of reach.
		if univ.Partner(a) == univ.Partner(b) || math.Abs(la.Lat-lb.Lat)*metresPerDegree > p.WithinM*(1+1e-9) {
			return
		}
		if keys[i] != 0 && keys[i] == keys[j] {
			return
		}
		d := estate.Distance(la, lb)
		if d > p.WithinM {
			return
		}
		if sim := jaccard(words.of(univ.Name(a)), words.of(univ.Name(b))); sim >= p.NameSimilarity {
			s.add(dupGroup{pair: true, sim: sim, distM: roundMM(d)}, []int32{i, j})
		}
	})

	slices.SortFunc(s.groups, func(x, y dupGroup) int {
		if x.pair != y.pair {
			if y.pair {
				return -1
			}
			return 1
		}
		// Same-UPRN groups have no similarity or distance: by first id.
		return cmp.Or(cmp.Compare(y.sim, x.sim), cmp.Compare(x.distM, y.distM), cmp.Compare(x.first, y.first),
			cmp.Compare(x.second, y.second))
	})
	return s
}

// metresPerDegree is a degree of latitude's great-circle length.
const metresPerDegree = estate.EarthRadiusM * math.Pi / 180

// add records a group of the members (copied) unless they are all one
// partner's.
func (s *dupSearch) add(g dupGroup, members []int32) {
	p := s.partner(members[0])
	if !slices.ContainsFunc(members[1:], func(i int32) bool { return s.partner(i) != p }) {
		return
	}
	g.lo = int32(len(s.members))
	s.members = append(s.members, members...)
	g.hi = int32(len(s.members))
	m := s.of(g)
	slices.SortFunc(m, func(x, y int32) int { return cmp.Compare(s.id(x), s.id(y)) })
	g.first, g.second = s.id(m[0]), s.id(m[1])
	s.groups = append(s.groups, g)
}

func (s *dupSearch) partner(i int32) string { return s.univ.Partner(s.univ.Row(int(i))) }

func (s *dupSearch) id(i int32) int64 { return s.univ.ID(s.univ.Row(int(i))) }

// flagged returns the indices of the assets in any group, in order.
func (s *dupSearch) flagged() []int32 {
	out := slices.Clone(s.members)
	slices.Sort(out)
	return slices.Compact(out)
}

// duplicate writes out group g.
func (s *dupSearch) duplicate(g dupGroup) Duplicate {
	members := s.of(g)
	d := Duplicate{Evidence: EvidenceSameUPRN, Suggestion: SuggestSharedSite, NameSimilarity: g.sim,
		Assets: make([]DuplicateAsset, len(members))}
	var first, a register.Asset
	s.univ.Read(s.univ.Row(int(members[0])), &first)
	if g.pair {
		d.Evidence = EvidenceNearbySimilarName
	} else {
		d.UPRN = strings.TrimLeft(first.UPRN, "0")
	}
	freeholds := 0
	for n, i := range members {
		s.univ.Read(s.univ.Row(int(i)), &a)
		d.Assets[n] = DuplicateAsset{ID: a.ID, Partner: a.Partner, AssetCode: a.AssetCode, Name: a.Name, UPRN: a.UPRN,
			Tenure: a.Tenure, DistanceM: roundMM(estate.Distance(first.Location, a.Location))}
		if !slices.Contains(d.Partners, a.Partner) {
			d.Partners = append(d.Partners, a.Partner)
		}
		if a.Tenure == estate.TenureFreehold {
			freeholds++
		}
	}
	slices.Sort(d.Partners)
	if freeholds >= 2 {
		d.Suggestion = SuggestDoubleCount
	}
	return d
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
	ws := estate.Words(apostrophes.Replace(name))
	ws = slices.DeleteFunc(ws, func(w string) bool { return slices.Contains(stopWords, w) })
	slices.Sort(ws)
	return slices.Compact(ws)
}

// wordSets holds the words of the names compared so far as sorted ids,
// made when first needed (most assets have no neighbour to compare) and
// once a name, as many assets share one ("Car Park").
type wordSets struct {
	ids  map[string]uint32
	sets map[string][]uint32
}

func newWordSets() *wordSets {
	return &wordSets{ids: map[string]uint32{}, sets: map[string][]uint32{}}
}

// of returns the word ids of name.
func (w *wordSets) of(name string) []uint32 {
	if s, ok := w.sets[name]; ok {
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
	w.sets[name] = s
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
