package storetest

import (
	"reflect"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
)

// filterCase is a filter and the codes of the assets it must select, in
// id order.
type filterCase struct {
	name string
	f    estate.AssetFilter
	want []string
}

// filterFixture makes four assets, each written in its own second, and
// returns them by code.
func filterFixture(e *env) map[string]*estate.Asset {
	a := NewAsset("county", "A", -2.2, 52.2)
	a.Name, a.Town, a.UPRN, a.EffectiveDate = "Cafe\u0301 de Paris", "Worcester", "100", "2026-01-15"
	a.RAG, a.RAGRationale, a.Tags = estate.RAGRed, "Crematorium", []string{"surplus"}
	b := NewAsset("county", "B", -2.3, 52.1)
	b.Holding, b.Tenure, b.Town, b.EffectiveDate = estate.HoldingLand, estate.TenureLeasehold, "Malvern", "2026-06-30"
	b.Tags, b.Footprint = []string{"surplus", "vacant"}, square(-2.3, 52.1, 0.01)
	c := NewAsset("police", "C", -2.2009, 52.2) // about 61 m east of A
	c.Holding, c.Tenure, c.Postcode = estate.HoldingLandAndBuilding, estate.TenureLicence, "WR1 2AB"
	c.RAG, c.RAGRationale, c.Tags = estate.RAGGreen, "Shared use", []string{"vacant"}
	d := NewAsset("police", "D", -1.9, 52.48)
	d.Use = "Police station"
	out := map[string]*estate.Asset{}
	for _, x := range []*estate.Asset{a, b, c, d} {
		e.create(x)
		out[x.AssetCode] = x
	}
	return out
}

func testFilters(t *testing.T, open Factory) {
	e := newEnv(t, open, "county", "police")
	fx := filterFixture(e)
	t.Run("text kept in NFC", func(t *testing.T) {
		if got := fx["A"].Name; got != "Café de Paris" {
			t.Errorf("name %q, want it in NFC", got)
		}
	})
	// halfPast is within the second the asset was last written.
	halfPast := func(code string) time.Time {
		return fx[code].UpdatedAt.Truncate(time.Second).Add(500 * time.Millisecond)
	}
	box := func(minLon, minLat, maxLon, maxLat float64) *estate.BBox {
		return &estate.BBox{MinLon: minLon, MinLat: minLat, MaxLon: maxLon, MaxLat: maxLat}
	}
	cases := []filterCase{
		{"everything", estate.AssetFilter{}, []string{"A", "B", "C", "D"}},
		{"ids", estate.AssetFilter{Selection: estate.Selection{IDs: []int64{fx["D"].ID, fx["B"].ID}}}, []string{"B", "D"}},
		{"partner", estate.AssetFilter{Selection: estate.Selection{Partners: []string{"police"}}}, []string{"C", "D"}},
		{"rag", estate.AssetFilter{Selection: estate.Selection{RAGs: []estate.RAG{estate.RAGRed, estate.RAGGreen}}}, []string{"A", "C"}},
		{"holding", estate.AssetFilter{Selection: estate.Selection{Holdings: []estate.Holding{estate.HoldingLand}}}, []string{"B"}},
		{"tenure", estate.AssetFilter{Selection: estate.Selection{Tenures: []estate.Tenure{estate.TenureFreehold}}}, []string{"A", "D"}},
		{"one tag", estate.AssetFilter{Selection: estate.Selection{Tags: []string{"vacant"}}}, []string{"B", "C"}},
		{"every tag", estate.AssetFilter{Selection: estate.Selection{Tags: []string{"surplus", "vacant"}}}, []string{"B"}},
		{"tag in no use", estate.AssetFilter{Selection: estate.Selection{Tags: []string{"derelict"}}}, nil},
		{"q in town", estate.AssetFilter{Selection: estate.Selection{Q: "worcester"}}, []string{"A"}},
		{"q upper case", estate.AssetFilter{Selection: estate.Selection{Q: "CAFÉ"}}, []string{"A"}},
		{"q decomposed", estate.AssetFilter{Selection: estate.Selection{Q: "cafe\u0301"}}, []string{"A"}},
		{"q in postcode", estate.AssetFilter{Selection: estate.Selection{Q: "wr1 2ab"}}, []string{"C"}},
		{"q in use", estate.AssetFilter{Selection: estate.Selection{Q: "Station"}}, []string{"D"}},
		{"q with LIKE's wildcards", estate.AssetFilter{Selection: estate.Selection{Q: "%"}}, nil},
		{"uprn", estate.AssetFilter{Selection: estate.Selection{UPRN: "100"}}, []string{"A"}},
		{"bbox", estate.AssetFilter{Selection: estate.Selection{BBox: box(-2.21, 52.19, -2.2, 52.21)}}, []string{"A", "C"}},
		{"bbox meeting only a footprint", estate.AssetFilter{Selection: estate.Selection{BBox: box(-2.295, 52.105, -2.294, 52.106)}}, []string{"B"}},
		{"bbox edge", estate.AssetFilter{Selection: estate.Selection{BBox: box(-1.9, 52.48, -1.8, 52.5)}}, []string{"D"}},
		{"near within 100 m", estate.AssetFilter{Selection: estate.Selection{Near: &estate.Point{Lon: -2.2, Lat: 52.2}, WithinM: 100}}, []string{"A", "C"}},
		{"near within 50 m", estate.AssetFilter{Selection: estate.Selection{Near: &estate.Point{Lon: -2.2, Lat: 52.2}, WithinM: 50}}, []string{"A"}},
		{"updated since", estate.AssetFilter{Selection: estate.Selection{UpdatedSince: halfPast("C")}}, []string{"C", "D"}},
		{"updated before", estate.AssetFilter{Selection: estate.Selection{UpdatedBefore: halfPast("B")}}, []string{"A", "B"}},
		{"effective from", estate.AssetFilter{Selection: estate.Selection{EffectiveFrom: "2026-06-30"}}, []string{"B"}},
		{"effective to", estate.AssetFilter{Selection: estate.Selection{EffectiveTo: "2026-06-29"}}, []string{"A"}},
		{"dated from", estate.AssetFilter{Selection: estate.Selection{DatedFrom: halfPast("C")}}, []string{"C", "D"}},
		{"dated to a day", estate.AssetFilter{Selection: estate.Selection{DatedTo: time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)}}, []string{"A", "B"}},
		{"every field at once", estate.AssetFilter{Selection: estate.Selection{Partners: []string{"county"}, Tags: []string{"surplus"}, Holdings: []estate.Holding{estate.HoldingLand}, Q: "malvern"}}, []string{"B"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			want := c.want
			if want == nil {
				want = []string{}
			}
			if got := codes(e.in(t).find(admin, c.f)); !reflect.DeepEqual(got, want) {
				t.Errorf("found %v, want %v", got, want)
			}
			if n, err := e.Assets.CountAssets(admin, c.f); err != nil || n != len(want) {
				t.Errorf("count %d (%v), want %d", n, err, len(want))
			}
		})
	}
	testWrongFilters(t, e)
}

// testWrongFilters: a filter no client should send is refused naming its
// field, by the list and the count alike.
func testWrongFilters(t *testing.T, e *env) {
	cases := []struct {
		name, field string
		f           estate.AssetFilter
	}{
		{"limit above the largest page", "limit", estate.AssetFilter{Page: estate.Page{Limit: estate.MaxPageSize + 1}}},
		{"negative cursor", "cursor", estate.AssetFilter{Page: estate.Page{After: -1}}},
		{"bbox upside down", "bbox", estate.AssetFilter{Selection: estate.Selection{BBox: &estate.BBox{MinLon: 1, MinLat: 1, MaxLon: 0, MaxLat: 0}}}},
		{"within without near", "near", estate.AssetFilter{Selection: estate.Selection{WithinM: 10}}},
		{"unknown rag", "rag", estate.AssetFilter{Selection: estate.Selection{RAGs: []estate.RAG{"purple"}}}},
	}
	for _, c := range cases {
		t.Run("refused "+c.name, func(t *testing.T) {
			_, err := e.Assets.FindAssets(admin, c.f)
			_, cerr := e.Assets.CountAssets(admin, c.f)
			for _, err := range []error{err, cerr} {
				if f := estate.ErrorFields(err); estate.ErrorCode(err) != estate.EINVALID || len(f) == 0 || f[0].Field != c.field {
					t.Errorf("%v, want invalid %s", err, c.field)
				}
			}
		})
	}
}

func testPaging(t *testing.T, open Factory) {
	e := newEnv(t, open, "county")
	var all []*estate.Asset
	for i := range estate.DefaultPageSize + 5 {
		all = append(all, NewAsset("county", "P"+string(rune('a'+i/26))+string(rune('a'+i%26)), -2.2, 52.2))
	}
	e.create(all...)
	want := ids(all)
	page := func(f estate.AssetFilter) []int64 { return ids(e.find(admin, f)) }

	t.Run("default page size", func(t *testing.T) {
		if got := page(estate.AssetFilter{}); !reflect.DeepEqual(got, want[:estate.DefaultPageSize]) {
			t.Errorf("first page %d ids, want the first %d", len(got), estate.DefaultPageSize)
		}
	})
	t.Run("forward", func(t *testing.T) {
		var got []int64
		for after := int64(0); ; {
			p := page(estate.AssetFilter{Page: estate.Page{After: after, Limit: 40}})
			if len(p) == 0 {
				break
			}
			got, after = append(got, p...), p[len(p)-1]
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("pages forward gave %d ids, want %d in order", len(got), len(want))
		}
	})
	t.Run("back", func(t *testing.T) {
		if got := page(estate.AssetFilter{Page: estate.Page{Before: want[50], Limit: 10}}); !reflect.DeepEqual(got, want[40:50]) {
			t.Errorf("page before %d: %v, want %v", want[50], got, want[40:50])
		}
		if got := page(estate.AssetFilter{Page: estate.Page{Before: want[5], Limit: 10}}); !reflect.DeepEqual(got, want[:5]) {
			t.Errorf("first page back: %v, want %v", got, want[:5])
		}
	})
	t.Run("count ignores the page", func(t *testing.T) {
		if n, err := e.Assets.CountAssets(admin, estate.AssetFilter{Page: estate.Page{After: want[10], Limit: 1}}); err != nil || n != len(want) {
			t.Errorf("count %d (%v), want %d", n, err, len(want))
		}
	})
}
