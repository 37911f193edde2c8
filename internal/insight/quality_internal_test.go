package insight

import (
	"reflect"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/analysis"
	"github.com/placetrust/placetrust/internal/estate"
)

// TestDupCache: a search is kept for its register version only, a newer
// version's searches replace an older's, and an older never replaces a
// newer's.
func TestDupCache(t *testing.T) {
	assets, _ := demoRun(t)
	p := analysis.DefaultQualityParams(time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC))
	d1, d2 := analysis.FindDuplicates(copied(t, 1, assets), nil, p), analysis.FindDuplicates(copied(t, 1, assets), nil, p)
	var c dupCache
	c.put("a", 1, d1)
	if c.get("a", 1) != d1 || c.get("a", 2) != nil || c.get("b", 1) != nil {
		t.Fatal("a search is not found by its key and version alone")
	}
	c.put("b", 2, d2)
	if c.get("a", 1) != nil || c.get("b", 2) != d2 {
		t.Error("a newer version's search left the older's in place")
	}
	c.put("a", 1, d1)
	if c.get("b", 2) != d2 || c.get("a", 1) != nil {
		t.Error("an older version's search replaced the newer's")
	}
	for i := range maxDupSearches + 1 {
		c.put(string(rune('c'+i)), 2, d2)
	}
	if len(c.byKey) > maxDupSearches {
		t.Errorf("%d searches kept, bound %d", len(c.byKey), maxDupSearches)
	}
}

// TestQualityFromSharedSearch: one search serves reports with other
// filters and settings exactly as a search of their own would.
func TestQualityFromSharedSearch(t *testing.T) {
	assets, _ := demoRun(t)
	p := analysis.DefaultQualityParams(time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC))
	d := analysis.FindDuplicates(copied(t, 1, assets), nil, p)
	q := p
	q.StaleMonths, q.Limit = 3, 1
	for _, tc := range []struct {
		p analysis.QualityParams
		f estate.Selection
	}{{p, estate.Selection{}}, {q, estate.Selection{Partners: []string{"west-mercia-police"}}}, {p, estate.Selection{Q: "hall"}}} {
		shared, err := analysis.QualityFrom(d, tc.p, tc.f)
		if err != nil {
			t.Fatal(err)
		}
		own, err := analysis.Quality(copied(t, 1, assets), tc.p, tc.f)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(shared, own) {
			t.Errorf("filter %+v: the shared search's report differs from its own", tc.f)
		}
	}
}
