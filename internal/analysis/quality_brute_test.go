package analysis

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/placetrust/placetrust/internal/estate"
)

// bruteGroup is a flagged group as the oracle and the report both write
// it, for comparison.
type bruteGroup struct {
	Evidence, Suggestion, UPRN string
	Similarity                 float64
	Partners                   []string
	IDs                        []int64
	Dists                      []float64
}

// bruteQuality is the data quality view written the slow, obvious way from
// its documentation: every figure from the asset list, every pair of
// assets compared, words split by its own code. It returns the rows by
// partner, the total and the selected groups in report order.
func bruteQuality(assets []*estate.Asset, p QualityParams, f estate.Selection) (map[string]QualityCounts, QualityCounts, []bruteGroup) {
	var univ []*estate.Asset
	for _, a := range assets {
		if f.BBox == nil || f.BBox.Contains(a.Location) {
			univ = append(univ, a)
		}
	}
	cut := p.AsOf.AddDate(0, -p.StaleMonths, 0)
	rows := map[string]QualityCounts{}
	for _, a := range univ {
		if !Match(f, a) {
			continue
		}
		c := rows[a.Partner]
		c.Assets++
		c.WithLocation++
		if a.UPRN != "" {
			c.WithUPRN++
		}
		if a.Holding != estate.HoldingLand {
			c.Buildings++
			if a.GIAM2 != nil {
				c.WithGIA++
			}
		}
		if a.MarketValueGBP != nil {
			c.WithMarketValue++
		}
		if a.RAG == estate.RAGRed || a.RAG == estate.RAGAmber || a.RAG == estate.RAGGreen {
			c.Rated++
			if strings.TrimSpace(a.RAGRationale) != "" {
				c.WithRationale++
			}
			if a.RAGSetAt == nil || a.RAGSetAt.Before(cut) {
				c.StaleRatings++
			}
		}
		rows[a.Partner] = c
	}

	group := func(evidence string, members []*estate.Asset) (bruteGroup, bool) {
		slices.SortFunc(members, func(x, y *estate.Asset) int { return cmp.Compare(x.ID, y.ID) })
		g := bruteGroup{Evidence: evidence}
		freeholds := 0
		for _, m := range members {
			g.IDs = append(g.IDs, m.ID)
			g.Dists = append(g.Dists, roundMM(estate.Distance(members[0].Location, m.Location)))
			if !slices.Contains(g.Partners, m.Partner) {
				g.Partners = append(g.Partners, m.Partner)
			}
			if m.Tenure == estate.TenureFreehold {
				freeholds++
			}
		}
		slices.Sort(g.Partners)
		g.Suggestion = SuggestSharedSite
		if freeholds > 1 {
			g.Suggestion = SuggestDoubleCount
		}
		return g, len(g.Partners) > 1 && slices.ContainsFunc(members, func(a *estate.Asset) bool { return Match(f, a) })
	}
	byUPRN := map[string][]*estate.Asset{}
	for _, a := range univ {
		if k := strings.TrimLeft(a.UPRN, "0"); k != "" {
			byUPRN[k] = append(byUPRN[k], a)
		}
	}
	var same, pairs []bruteGroup
	held := map[int64]bool{}
	for k, members := range byUPRN {
		if g, ok := group(EvidenceSameUPRN, members); ok {
			g.UPRN = k
			same = append(same, g)
			for _, m := range members {
				held[m.ID] = true
			}
		}
	}
	for i, a := range univ {
		for _, b := range univ[i+1:] {
			ka, kb := strings.TrimLeft(a.UPRN, "0"), strings.TrimLeft(b.UPRN, "0")
			if a.Partner == b.Partner || estate.Distance(a.Location, b.Location) > p.WithinM || (ka != "" && ka == kb) {
				continue
			}
			s := bruteSimilarity(a.Name, b.Name)
			if s < p.NameSimilarity {
				continue
			}
			if g, ok := group(EvidenceNearbySimilarName, []*estate.Asset{a, b}); ok {
				g.Similarity = s
				pairs = append(pairs, g)
				held[a.ID], held[b.ID] = true, true
			}
		}
	}
	slices.SortFunc(same, func(x, y bruteGroup) int { return cmp.Compare(x.IDs[0], y.IDs[0]) })
	slices.SortFunc(pairs, func(x, y bruteGroup) int {
		switch {
		case x.Similarity != y.Similarity:
			return cmp.Compare(y.Similarity, x.Similarity)
		case x.Dists[1] != y.Dists[1]:
			return cmp.Compare(x.Dists[1], y.Dists[1])
		case x.IDs[0] != y.IDs[0]:
			return cmp.Compare(x.IDs[0], y.IDs[0])
		}
		return cmp.Compare(x.IDs[1], y.IDs[1])
	})
	var total QualityCounts
	for _, a := range univ {
		if held[a.ID] && Match(f, a) {
			c := rows[a.Partner]
			c.HeldTwice++
			rows[a.Partner] = c
		}
	}
	for _, c := range rows {
		total.plus(c)
	}
	return rows, total, append(same, pairs...)
}

// bruteSimilarity is the share of words two names have in common, with
// its own word splitting.
func bruteSimilarity(a, b string) float64 {
	words := func(s string) map[string]bool {
		out := map[string]bool{}
		var w []rune
		flush := func() {
			if s := string(w); s != "" && s != "the" && s != "and" && s != "of" {
				out[s] = true
			}
			w = w[:0]
		}
		for _, r := range estate.FoldText(s) {
			switch {
			case r == '\'' || r == '\u2019':
			case unicode.IsLetter(r) || unicode.IsDigit(r):
				w = append(w, r)
			default:
				flush()
			}
		}
		flush()
		return out
	}
	wa, wb := words(a), words(b)
	both, either := 0, len(wb)
	for w := range wa {
		if wb[w] {
			both++
		} else {
			either++
		}
	}
	if either == 0 {
		return 0
	}
	return float64(both) / float64(either)
}

// reportGroups writes the report's groups as the oracle does.
func reportGroups(ds []Duplicate) []bruteGroup {
	var out []bruteGroup
	for _, d := range ds {
		g := bruteGroup{Evidence: d.Evidence, Suggestion: d.Suggestion, UPRN: d.UPRN, Similarity: d.NameSimilarity, Partners: d.Partners}
		for _, a := range d.Assets {
			g.IDs = append(g.IDs, a.ID)
			g.Dists = append(g.Dists, a.DistanceM)
		}
		out = append(out, g)
	}
	return out
}

// sameGroups compares lists of groups, an empty one equal to none.
func sameGroups(a, b []bruteGroup) bool {
	return len(a) == len(b) && (len(a) == 0 || reflect.DeepEqual(a, b))
}

// randomQualityFilter is no filter, or one of the filters a map sends.
func randomQualityFilter(rng *rand.Rand, box estate.BBox) estate.Selection {
	switch rng.IntN(6) {
	case 1:
		return estate.Selection{Partners: []string{fmt.Sprintf("partner-%d", rng.IntN(3))}}
	case 2:
		return estate.Selection{RAGs: []estate.RAG{estate.RAGs[rng.IntN(4)]}}
	case 3:
		half := box
		half.MaxLon = (box.MinLon + box.MaxLon) / 2
		return estate.Selection{BBox: &half}
	case 4:
		return estate.Selection{Q: "library"}
	case 5:
		return estate.Selection{Holdings: []estate.Holding{estate.HoldingLand}, Partners: []string{"partner-0", "partner-1"}}
	}
	return estate.Selection{}
}

// TestQualityMatchesBruteForce recomputes every figure of the quality
// view from the asset list on random dense estates with random settings
// and filters.
func TestQualityMatchesBruteForce(t *testing.T) {
	box := estate.BBox{MinLon: -2.25, MinLat: 52.18, MaxLon: -2.21, MaxLat: 52.205} // about 3 km square
	checked := map[string]int{}
	for seed := uint64(1); seed <= 40; seed++ {
		rng := rand.New(rand.NewPCG(seed, 13))
		assets := genAssets(seed, 50+rng.IntN(550), box, 2+rng.IntN(5))
		decorateQuality(seed, assets)
		p := DefaultQualityParams(qualityAsOf)
		p.WithinM = []float64{0, 10, DefaultSameSiteM, 100, MaxSameSiteM}[rng.IntN(5)]
		p.NameSimilarity = []float64{0.2, DefaultNameSimilarity, 0.75, 1}[rng.IntN(4)]
		p.StaleMonths = 1 + rng.IntN(36)
		p.Limit = MaxQualityLimit
		f := randomQualityFilter(rng, box)
		rep, err := Quality(copied(assets), p, f)
		if err != nil {
			t.Fatal(err)
		}
		rows, total, groups := bruteQuality(assets, p, f)
		got := map[string]QualityCounts{}
		for _, r := range rep.Partners {
			got[r.Partner] = r.QualityCounts
			checkShares(t, r)
		}
		if !reflect.DeepEqual(got, rows) || rep.Total.QualityCounts != total {
			t.Errorf("seed %d %+v %v: rows\n got  %+v total %+v\n want %+v total %+v", seed, p, f, got, rep.Total.QualityCounts, rows, total)
		}
		checkShares(t, rep.Total)
		if g := reportGroups(rep.Duplicates.Groups); !sameGroups(g, groups) {
			t.Errorf("seed %d %+v %v: groups\n got  %+v\n want %+v", seed, p, f, g, groups)
		}
		if rep.Duplicates.Count != len(groups) || rep.Duplicates.Truncated ||
			rep.Duplicates.SameUPRN+rep.Duplicates.NearbySimilarName != rep.Duplicates.Count {
			t.Errorf("seed %d: duplicates %d (%d + %d), oracle %d", seed, rep.Duplicates.Count,
				rep.Duplicates.SameUPRN, rep.Duplicates.NearbySimilarName, len(groups))
		}
		// A limit lists the first groups and counts them all.
		p.Limit = rng.IntN(5)
		short, err := Quality(copied(assets), p, f)
		if err != nil {
			t.Fatal(err)
		}
		if n := min(p.Limit, len(groups)); !sameGroups(reportGroups(short.Duplicates.Groups), groups[:n]) ||
			short.Duplicates.Count != len(groups) || short.Duplicates.Truncated != (len(groups) > n) {
			t.Errorf("seed %d limit %d: %d listed of %d, truncated %v; oracle %d", seed, p.Limit,
				len(short.Duplicates.Groups), short.Duplicates.Count, short.Duplicates.Truncated, len(groups))
		}
		checked["groups"] += len(groups)
		checked["stale"] += total.StaleRatings
		checked["held"] += total.HeldTwice
		for _, g := range groups {
			checked[g.Evidence+"/"+g.Suggestion]++
		}
	}
	// The estates must have met every case, or the test proves little.
	for _, k := range []string{"groups", "stale", "held", "same_uprn/shared_site", "same_uprn/double_count",
		"nearby_similar_name/shared_site", "nearby_similar_name/double_count"} {
		if checked[k] == 0 {
			t.Errorf("no %s in any estate: %v", k, checked)
		}
	}
}

// checkShares: each share is its count over its documented denominator.
func checkShares(t *testing.T, r QualityRow) {
	t.Helper()
	c, s := r.QualityCounts, r.Shares
	for _, x := range []struct {
		name  string
		got   *float64
		n, of int
	}{
		{"location", s.Location, c.WithLocation, c.Assets}, {"uprn", s.UPRN, c.WithUPRN, c.Assets},
		{"gia", s.GIA, c.WithGIA, c.Buildings}, {"market_value", s.MarketValue, c.WithMarketValue, c.Assets},
		{"rated", s.Rated, c.Rated, c.Assets}, {"rationale", s.Rationale, c.WithRationale, c.Assets},
		{"stale_ratings", s.Stale, c.StaleRatings, c.Rated}, {"held_twice", s.HeldTwice, c.HeldTwice, c.Assets},
	} {
		switch {
		case x.of == 0 && x.got != nil:
			t.Errorf("%s %q: share %v of nothing", r.Partner, x.name, *x.got)
		case x.of > 0 && (x.got == nil || *x.got != float64(x.n)/float64(x.of)):
			t.Errorf("%s %q: share %v, want %d/%d", r.Partner, x.name, x.got, x.n, x.of)
		}
	}
}
