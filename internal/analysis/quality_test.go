package analysis

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
)

func uprn(s string) func(*estate.Asset) { return func(a *estate.Asset) { a.UPRN = s } }

func named(s string) func(*estate.Asset) { return func(a *estate.Asset) { a.Name = s } }

func leasehold(a *estate.Asset) {
	a.Tenure, a.TenureDetail = estate.TenureLeasehold, estate.DetailLeasedIn
}

func ratedAt(at time.Time, why string) func(*estate.Asset) {
	return func(a *estate.Asset) { a.RAGSetAt, a.RAGRationale = &at, why }
}

// TestQualitySameUPRN: two partners listing one UPRN are one flagged
// group, whatever leading zeros they write; two freeholds are probably a
// double count, a freehold and a lease a shared site. A partner filter
// still shows the group, with the other partner's asset in it.
func TestQualitySameUPRN(t *testing.T) {
	far := north(worcester, 3000)
	assets := []*estate.Asset{
		building(1, "county", estate.RAGAmber, worcester, 2000, 50, uprn("000100120000"), named("County Hall")),
		building(2, "police", estate.RAGRed, east(worcester, 40), 300, 90, uprn("100120000"), named("Police office")),
		building(3, "county", estate.RAGGreen, far, 500, 60, uprn("100120777"), named("Depot")),
		building(4, "nhs", estate.RAGUnrated, north(far, 5), 800, 60, uprn("100120777"), named("Clinic"), leasehold),
		// One partner listing a UPRN twice is its own list's business.
		building(5, "fire", estate.RAGRed, north(far, 900), 100, 50, uprn("555")),
		building(6, "fire", estate.RAGRed, north(far, 950), 100, 50, uprn("555")),
		// Zeros are a placeholder, not a place.
		building(7, "county", estate.RAGRed, north(far, 2000), 100, 50, uprn("0")),
		building(8, "police", estate.RAGRed, north(far, 2500), 100, 50, uprn("000000000000")),
	}
	rep, err := Quality(copied(assets), DefaultQualityParams(qualityAsOf), estate.Selection{})
	if err != nil {
		t.Fatal(err)
	}
	d := rep.Duplicates
	if d.Count != 2 || d.SameUPRN != 2 || d.NearbySimilarName != 0 || d.Truncated || len(d.Groups) != 2 {
		t.Fatalf("duplicates %+v", d)
	}
	g := d.Groups[0]
	if g.Evidence != EvidenceSameUPRN || g.UPRN != "100120000" || g.Suggestion != SuggestDoubleCount ||
		!slices.Equal(g.Partners, []string{"county", "police"}) || len(g.Assets) != 2 ||
		g.Assets[0].ID != 1 || g.Assets[1].ID != 2 || g.Assets[0].DistanceM != 0 || math.Abs(g.Assets[1].DistanceM-40) > 0.01 {
		t.Errorf("first group %+v", g)
	}
	if g := d.Groups[1]; g.UPRN != "100120777" || g.Suggestion != SuggestSharedSite || g.Assets[1].Tenure != estate.TenureLeasehold {
		t.Errorf("second group %+v", g)
	}
	held := map[string]int{}
	for _, r := range rep.Partners {
		held[r.Partner] = r.HeldTwice
	}
	if want := map[string]int{"county": 2, "police": 1, "nhs": 1, "fire": 0}; !mapsEqual(held, want) || rep.Total.HeldTwice != 4 {
		t.Errorf("held twice %v (total %d), want %v", held, rep.Total.HeldTwice, want)
	}

	// The police see their office's group, the county's hall in it.
	rep, err = Quality(copied(assets), DefaultQualityParams(qualityAsOf), estate.Selection{Partners: []string{"police"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Partners) != 1 || rep.Partners[0].Partner != "police" || rep.Partners[0].HeldTwice != 1 ||
		rep.Duplicates.Count != 1 || rep.Duplicates.Groups[0].Assets[0].Partner != "county" {
		t.Errorf("police only: partners %+v, duplicates %+v", rep.Partners, rep.Duplicates)
	}
	// A bbox leaves the other asset out of the search: nothing to pair.
	box := estate.AroundBBox(worcester, 10)
	if rep, _ = Quality(copied(assets), DefaultQualityParams(qualityAsOf), estate.Selection{BBox: &box}); rep.Duplicates.Count != 0 || rep.Total.Assets != 1 {
		t.Errorf("bbox around asset 1: %d assets, duplicates %+v", rep.Total.Assets, rep.Duplicates)
	}
}

func mapsEqual(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// TestQualityNearbySimilarNames: other partners' assets a few metres
// apart are flagged when their names share enough words; too far, too
// different, or the same partner, they are not.
func TestQualityNearbySimilarNames(t *testing.T) {
	assets := []*estate.Asset{
		building(1, "county", estate.RAGAmber, worcester, 2000, 50, named("County Hall")),
		building(2, "nhs", estate.RAGAmber, east(worcester, 12), 200, 50, named("COUNTY HALL, Spetchley Road"), leasehold),
		building(3, "county", estate.RAGAmber, north(worcester, 500), 400, 50, named("Kidderminster Library")),
		building(4, "dwp", estate.RAGAmber, north(worcester, 510), 400, 50, named("Kidderminster Jobcentre")),
		building(5, "police", estate.RAGAmber, north(worcester, 1000), 400, 50, named("The Old Court")),
		building(6, "hmcts", estate.RAGAmber, north(worcester, 1030), 400, 50, named("Old Court")),
		building(7, "county", estate.RAGAmber, north(worcester, 2000), 400, 50, named("St John's Library")),
		building(8, "city", estate.RAGAmber, north(worcester, 2010), 400, 50, named("St Johns Library")),
	}
	rep, err := Quality(copied(assets), DefaultQualityParams(qualityAsOf), estate.Selection{})
	if err != nil {
		t.Fatal(err)
	}
	var got [][2]int64
	for _, g := range rep.Duplicates.Groups {
		if g.Evidence != EvidenceNearbySimilarName {
			t.Errorf("group %+v", g)
		}
		got = append(got, [2]int64{g.Assets[0].ID, g.Assets[1].ID})
	}
	// St John's first (every word shared), then County Hall (half of
	// them). The courts are 30 m apart; the Kidderminster pair shares one
	// word of three.
	if want := [][2]int64{{7, 8}, {1, 2}}; !slices.Equal(got, want) {
		t.Fatalf("pairs %v, want %v", got, want)
	}
	if g := rep.Duplicates.Groups[1]; g.NameSimilarity != 0.5 || g.Suggestion != SuggestSharedSite || math.Abs(g.Assets[1].DistanceM-12) > 0.01 {
		t.Errorf("County Hall pair %+v", g)
	}
	p := DefaultQualityParams(qualityAsOf)
	p.WithinM = 40
	if rep, _ := Quality(copied(assets), p, estate.Selection{}); rep.Duplicates.Count != 3 {
		t.Errorf("within 40 m: %d flagged, want the courts too", rep.Duplicates.Count)
	}
	p.NameSimilarity = 0.3
	if rep, _ := Quality(copied(assets), p, estate.Selection{}); rep.Duplicates.Count != 4 {
		t.Errorf("similarity 0.3: %d flagged, want Kidderminster too", rep.Duplicates.Count)
	}
}

// TestQualityCounts: each count is worked by hand, ratings' ages about
// the cut-off included.
func TestQualityCounts(t *testing.T) {
	cut := qualityAsOf.AddDate(-1, 0, 0)
	land := func(a *estate.Asset) { a.Holding, a.GIAM2 = estate.HoldingLand, nil }
	assets := []*estate.Asset{
		building(1, "county", estate.RAGGreen, worcester, 100, 50, uprn("1"), value(100), ratedAt(cut, "Surplus")),
		building(2, "county", estate.RAGRed, north(worcester, 100), 100, 50, ratedAt(cut.Add(-time.Second), "Crematorium")),
		building(3, "county", estate.RAGAmber, north(worcester, 200), 100, 50, value(5), ratedAt(qualityAsOf, " ")),
		building(4, "county", estate.RAGAmber, north(worcester, 300), 100, 50),   // rated, no date: stale
		building(5, "county", estate.RAGUnrated, north(worcester, 400), 100, 50), // never stale
		building(6, "county", estate.RAGRed, north(worcester, 500), 0, 0, func(a *estate.Asset) { a.GIAM2 = nil }, ratedAt(cut, "x")),
		building(7, "parks", estate.RAGUnrated, north(worcester, 600), 0, 0, land, uprn("7")),
	}
	rep, err := Quality(copied(assets), DefaultQualityParams(qualityAsOf), estate.Selection{})
	if err != nil {
		t.Fatal(err)
	}
	want := QualityCounts{Assets: 6, WithLocation: 6, WithUPRN: 1, Buildings: 6, WithGIA: 5, WithMarketValue: 2,
		Rated: 5, WithRationale: 3, StaleRatings: 2}
	if got := rep.Partners[0]; got.Partner != "county" || got.QualityCounts != want {
		t.Errorf("county %+v\nwant %+v", got.QualityCounts, want)
	}
	if !rep.StaleBefore.Equal(cut) || rep.Params.StaleMonths != 12 {
		t.Errorf("stale before %v, params %+v", rep.StaleBefore, rep.Params)
	}
	parks := rep.Partners[1]
	if parks.Buildings != 0 || parks.Shares.GIA != nil || parks.Shares.Stale != nil || *parks.Shares.UPRN != 1 || *parks.Shares.Rated != 0 {
		t.Errorf("parks %+v shares %+v: no share of nothing", parks.QualityCounts, parks.Shares)
	}
	if rep.Total.Assets != 7 || *rep.Total.Shares.UPRN != 2.0/7 {
		t.Errorf("total %+v", rep.Total)
	}
	empty, err := Quality(copied(nil), DefaultQualityParams(qualityAsOf), estate.Selection{})
	if err != nil || len(empty.Partners) != 0 || empty.Duplicates.Groups == nil || empty.Total.Shares.UPRN != nil {
		t.Errorf("no assets: %+v, %v", empty, err)
	}
}

func TestQualityRefusesBadParameters(t *testing.T) {
	p := DefaultQualityParams(qualityAsOf)
	p.StaleMonths, p.WithinM, p.NameSimilarity, p.Limit, p.AsOf = 0, MaxSameSiteM+1, 0, -1, time.Time{}
	_, err := Quality(copied(nil), p, estate.Selection{RAGs: []estate.RAG{"pink"}})
	wantInvalid(t, err, "stale_months", "within", "name_similarity", "limit", "as_of", "rag")
	p = DefaultQualityParams(qualityAsOf)
	p.StaleMonths, p.WithinM, p.NameSimilarity, p.Limit = MaxStaleMonths+1, math.NaN(), 1.5, MaxQualityLimit+1
	wantInvalid(t, p.Validate(), "stale_months", "within", "name_similarity", "limit")
}

func TestNameSimilarity(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want float64
	}{
		{"County Hall", "county hall", 1},
		{"The Hive", "Hive", 1},
		{"St John's Campus", "St Johns Campus", 1},
		{"St John\u2019s Campus", "St Johns Campus", 1},
		{"Town Hall", "Town Hall Annexe", 2.0 / 3},
		{"Police Station", "Fire Station", 1.0 / 3},
		{"ÉCOLE", "école", 1},
		{"-", "-", 0},
		{"", "Depot", 0},
	} {
		if got := nameSimilarity(tt.a, tt.b); got != tt.want {
			t.Errorf("nameSimilarity(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
		if got := bruteSimilarity(tt.a, tt.b); got != tt.want {
			t.Errorf("the oracle's similarity(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestClosePairsMatchesBruteForce: every pair within the distance is
// visited, once, at any latitude the register may hold (the cells are
// narrowest in metres furthest from the equator) and at distance 0.
func TestClosePairsMatchesBruteForce(t *testing.T) {
	for seed := uint64(1); seed <= 30; seed++ {
		rng := rand.New(rand.NewPCG(seed, 17))
		lat := []float64{49.2, 52.2, 60.8, -45, 78}[rng.IntN(5)]
		box := estate.BBox{MinLon: -2.3, MinLat: lat, MaxLon: -2.3 + rng.Float64()*0.05, MaxLat: lat + rng.Float64()*0.05}
		within := []float64{0, 1, 25, 200, MaxSameSiteM}[rng.IntN(5)]
		pts := make([]estate.Point, 300+rng.IntN(700))
		for i := range pts {
			pts[i] = estate.Point{Lon: uniform(rng, box.MinLon, box.MaxLon), Lat: uniform(rng, box.MinLat, box.MaxLat)}
			if i > 0 && rng.IntN(10) == 0 {
				pts[i] = pts[rng.IntN(i)] // co-located
			}
			if i > 0 && rng.IntN(10) == 0 { // exactly at the distance
				pts[i] = east(pts[rng.IntN(i)], within)
			}
		}
		seen := map[[2]int32]int{}
		closePairs(len(pts), func(i int) estate.Point { return pts[i] }, within, func(i, j int32) {
			if estate.Distance(pts[i], pts[j]) <= within {
				seen[[2]int32{min(i, j), max(i, j)}]++
			}
		})
		want := 0
		for i := range pts {
			for j := i + 1; j < len(pts); j++ {
				if estate.Distance(pts[i], pts[j]) <= within {
					want++
					if n := seen[[2]int32{int32(i), int32(j)}]; n != 1 {
						t.Fatalf("seed %d within %v at %v: pair %d,%d visited %d times", seed, within, lat, i, j, n)
					}
				}
			}
		}
		if len(seen) != want {
			t.Errorf("seed %d: %d pairs visited, %d within", seed, len(seen), want)
		}
	}
}

// nameSimilarity is the Jaccard index of two names' words: the words both
// have over the words either has; 0 when neither has a word.
func nameSimilarity(a, b string) float64 {
	w := newWordSets()
	return jaccard(w.of(a), w.of(b))
}
