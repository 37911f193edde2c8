package storetest

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
)

// The Sort subject: a page sorted by each sort key, ascending and
// descending, read forwards and backwards from keyset cursors (the
// last or first asset's id and key value), lists exactly what a Go sort
// (estate.Sort.Compare) of the selected assets does, with filters and the
// sensitive scope. Partner ids differ where code point order and a
// natural language's differ ("a-c" before "ab", digits before letters),
// and the partners' assets are interleaved, so ties and runs are many.

func testSort(t *testing.T, open Factory) {
	partners := []string{"ab", "a-c", "county", "police", "police-2", "z9"}
	e := newEnv(t, open, partners...)
	var assets []*estate.Asset
	for i := range 61 {
		a := NewAsset(partners[i*7%len(partners)], fmt.Sprintf("S%02d", i), -3+0.25*float64(i%9), 51.5+0.25*float64(i%5))
		if a.RAG = estate.RAGs[i*3%len(estate.RAGs)]; a.RAG != estate.RAGUnrated {
			a.RAGRationale = "Reviewed"
		}
		a.Name = []string{"Library", "Hall", "Depot"}[i%3]
		a.Sensitive = i%13 == 0
		assets = append(assets, a)
	}
	e.create(assets...)
	all := e.find(admin, estate.AssetFilter{Page: estate.Page{Limit: estate.MaxPageSize}})
	box := estate.BBox{MinLon: -2.6, MinLat: 51.6, MaxLon: -1.4, MaxLat: 52.4}
	filters := []struct {
		name  string
		sel   estate.Selection
		match func(*estate.Asset) bool
	}{
		{"all", estate.Selection{}, func(*estate.Asset) bool { return true }},
		{"one partner", estate.Selection{Partners: []string{"police"}}, func(a *estate.Asset) bool { return a.Partner == "police" }},
		{"partners", estate.Selection{Partners: []string{"a-c", "z9"}}, func(a *estate.Asset) bool { return a.Partner == "a-c" || a.Partner == "z9" }},
		{"rags", estate.Selection{RAGs: []estate.RAG{estate.RAGRed, estate.RAGUnrated}},
			func(a *estate.Asset) bool { return a.RAG == estate.RAGRed || a.RAG == estate.RAGUnrated }},
		{"bbox", estate.Selection{BBox: &box}, func(a *estate.Asset) bool { return box.Contains(a.Location) }},
		{"where partner", estate.Selection{Where: estate.CondCompare{Field: "partner", Op: estate.OpEq, Value: "ab"}},
			func(a *estate.Asset) bool { return a.Partner == "ab" }},
		{"where name and rag", estate.Selection{Where: estate.CondAll{
			estate.CondCompare{Field: "name", Op: estate.OpNe, Value: "Hall"},
			estate.CondCompare{Field: "rag", Op: estate.OpNe, Value: "green"}}},
			func(a *estate.Asset) bool { return a.Name != "Hall" && a.RAG != estate.RAGGreen }},
	}
	var sorts []estate.Sort
	for _, k := range estate.SortKeys {
		sorts = append(sorts, estate.Sort{Key: k}, estate.Sort{Key: k, Desc: true})
	}
	sorts = append(sorts, estate.Sort{Desc: true}) // the zero key is id
	for _, viewer := range []struct {
		name string
		ctx  context.Context
	}{{"admin", admin}, {"public", public}} {
		for _, fl := range filters {
			for _, s := range sorts {
				var want []*estate.Asset
				for _, a := range all {
					if fl.match(a) && (viewer.ctx == admin || !a.Sensitive) {
						want = append(want, a)
					}
				}
				slices.SortFunc(want, s.Compare)
				name := viewer.name + "/" + fl.name + "/" + s.String()
				t.Run(name, func(t *testing.T) {
					if len(want) < 5 {
						t.Fatalf("only %d assets to page through", len(want))
					}
					e.in(t).checkSorted(t, viewer.ctx, fl.sel, s, want)
				})
			}
		}
	}
	t.Run("refused", func(t *testing.T) {
		for _, c := range []struct {
			page  estate.Page
			field string
		}{
			{estate.Page{Sort: estate.Sort{Key: "name"}}, "sortby"},
			{estate.Page{Sort: estate.Sort{Key: "updated_at", Desc: true}}, "sortby"},
			{estate.Page{Sort: estate.Sort{Key: estate.SortByRAG}, After: 3, CursorValue: "purple"}, "cursor"},
			{estate.Page{Sort: estate.Sort{Key: estate.SortByPartner}, Before: 3, CursorValue: "Not A Slug"}, "cursor"},
			{estate.Page{After: 3, CursorValue: "red"}, "cursor"},
		} {
			_, err := e.Assets.FindAssets(admin, estate.AssetFilter{Page: c.page})
			if fs := estate.ErrorFields(err); estate.ErrorCode(err) != estate.EINVALID || len(fs) == 0 || fs[0].Field != c.field {
				t.Errorf("%+v: %v, want invalid %s", c.page, err, c.field)
			}
		}
	})
}

// checkSorted pages through sel sorted by s, forwards and backwards, and
// compares each way with want.
func (e *env) checkSorted(t *testing.T, ctx context.Context, sel estate.Selection, s estate.Sort, want []*estate.Asset) {
	page := func(p estate.Page) []*estate.Asset {
		p.Sort, p.Limit = s, 4
		return e.find(ctx, estate.AssetFilter{Selection: sel, Page: p})
	}
	// Forwards from the start, each page after the last one's end.
	// Each loop stops after as many pages as assets: a cursor that
	// repeats a page must fail, not hang.
	var fwd []*estate.Asset
	for p, n := page(estate.Page{}), 0; len(p) > 0 && n < len(want); n++ {
		fwd = append(fwd, p...)
		last := p[len(p)-1]
		p = page(estate.Page{After: last.ID, CursorValue: s.ValueOf(last)})
	}
	if g, w := idList(fwd), idList(want); !reflect.DeepEqual(g, w) {
		t.Errorf("forwards %v, want %v", g, w)
	}
	// Backwards from the last asset, each page before the one after it;
	// pages come in the order too.
	var back []*estate.Asset
	end := want[len(want)-1]
	for p, n := page(estate.Page{Before: end.ID, CursorValue: s.ValueOf(end)}), 0; len(p) > 0 && n < len(want); n++ {
		back = append(slices.Clone(p), back...)
		first := p[0]
		p = page(estate.Page{Before: first.ID, CursorValue: s.ValueOf(first)})
	}
	if g, w := idList(back), idList(want[:len(want)-1]); !reflect.DeepEqual(g, w) {
		t.Errorf("backwards %v, want %v", g, w)
	}
	// From the middle, each way, and EachAsset as FindAssets.
	mid := want[len(want)/2]
	cur := estate.Page{After: mid.ID, CursorValue: s.ValueOf(mid), Sort: s}
	if g, w := idList(page(cur)), idList(want[len(want)/2+1:][:min(4, len(want)-len(want)/2-1)]); !reflect.DeepEqual(g, w) {
		t.Errorf("after the middle %v, want %v", g, w)
	}
	cur.Before, cur.After = cur.After, 0
	if g, w := idList(page(cur)), idList(want[max(0, len(want)/2-4):len(want)/2]); !reflect.DeepEqual(g, w) {
		t.Errorf("before the middle %v, want %v", g, w)
	}
	var each []int64
	must(t, e.Assets.EachAsset(ctx, estate.AssetFilter{Selection: sel, Page: estate.Page{Sort: s, Limit: 5}}, func(a *estate.Asset) error {
		each = append(each, a.ID)
		return nil
	}))
	if w := idList(want[:5]); !reflect.DeepEqual(each, w) {
		t.Errorf("each %v, want %v", each, w)
	}
	if n, err := e.Assets.CountAssets(ctx, estate.AssetFilter{Selection: sel, Page: cur}); err != nil || n != len(want) {
		t.Errorf("count %d (%v), want %d", n, err, len(want))
	}
}

// idList lists the assets' ids in the order given (ids sorts them).
func idList(assets []*estate.Asset) []int64 {
	out := []int64{}
	for _, a := range assets {
		out = append(out, a.ID)
	}
	return out
}
