package storetest

import (
	"context"
	"fmt"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
)

// BenchWhere is each store's BenchmarkWhere1M: pages selected by a Where
// (OGC API's CQL2 filter) beside the same pages selected by the
// Selection member a query parameter sets (issue 17 asks at most 2x), on
// an indexed property at cursors spread over a million ids, and in boxes
// of about 1,000 assets (S_INTERSECTS with an envelope, which tests the
// location where bbox tests the bounds: the same assets in the
// benchmark register), pages of 100 and 1,000.
func BenchWhere(b *testing.B, ctx context.Context, s estate.AssetService, boxes []estate.BBox) {
	for _, c := range whereBenchCases(boxes) {
		for _, limit := range []int{100, 1000} {
			for _, form := range []string{"member", "where"} {
				b.Run(fmt.Sprintf("%s-%s-%d", c.name, form, limit), func(b *testing.B) {
					got := 0
					for i := 0; b.Loop(); i++ {
						f := c.filter(i, form == "where")
						f.Limit = limit
						page, err := s.FindAssets(ctx, f)
						if err != nil {
							b.Fatal(err)
						}
						got += len(page)
					}
					b.ReportMetric(float64(got)/float64(b.N), "assets/page")
				})
			}
		}
	}
}

type whereBenchCase struct {
	name string
	// filter is the i-th request's filter, by the member or the Where.
	filter func(i int, where bool) estate.AssetFilter
}

func whereBenchCases(boxes []estate.BBox) []whereBenchCase {
	spread := func(member estate.Selection, where estate.Cond) func(int, bool) estate.AssetFilter {
		return func(i int, w bool) estate.AssetFilter {
			f := estate.AssetFilter{Selection: member, Page: estate.Page{After: int64(i*7919*97) % 990_000}}
			if w {
				f.Selection = estate.Selection{Where: where}
			}
			return f
		}
	}
	return []whereBenchCase{
		{"partner", spread(estate.Selection{Partners: []string{"police"}},
			estate.CondCompare{Field: "partner", Op: estate.OpEq, Value: "police"})},
		{"rag", spread(estate.Selection{RAGs: []estate.RAG{estate.RAGGreen}},
			estate.CondCompare{Field: "rag", Op: estate.OpEq, Value: "green"})},
		{"rag-in", spread(estate.Selection{RAGs: []estate.RAG{estate.RAGGreen, estate.RAGAmber}},
			estate.CondIn{Field: "rag", Values: []any{"green", "amber"}})},
		{"box", func(i int, w bool) estate.AssetFilter {
			bb := boxes[i%len(boxes)]
			if w {
				return estate.AssetFilter{Selection: estate.Selection{Where: estate.CondSpatial{Op: estate.SpatialIntersects, BBox: &bb}}}
			}
			return estate.AssetFilter{Selection: estate.Selection{BBox: &bb}}
		}},
	}
}
