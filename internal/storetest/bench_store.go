package storetest

import (
	"context"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
)

// BenchStore is each store's BenchmarkStore1M: the reads the map and GIS
// clients make of a national register, bbox pages of about 1,000 assets
// in boxes (as an admin, as the public, with a property filter, over
// much of England, read backwards), the count numberMatched needs, and
// single assets by ids, one at a time and on every core. admin is an
// admin's context.
func BenchStore(b *testing.B, admin context.Context, s estate.AssetService, boxes []estate.BBox, ids []int64) {
	public := estate.NewContextWithActor(context.Background(), estate.Anonymous)
	page := func(ctx context.Context, f func(bb *estate.BBox) estate.AssetFilter) func(b *testing.B) {
		return func(b *testing.B) {
			got := 0
			for i := 0; b.Loop(); i++ {
				bb := boxes[i%len(boxes)]
				page, err := s.FindAssets(ctx, f(&bb))
				if err != nil {
					b.Fatal(err)
				}
				got += len(page)
			}
			b.ReportMetric(float64(got)/float64(b.N), "assets/page")
		}
	}
	inBox := func(bb *estate.BBox) estate.AssetFilter {
		return estate.AssetFilter{Selection: estate.Selection{BBox: bb}, Page: estate.Page{Limit: 1000}}
	}
	b.Run("bbox-page-1000", page(admin, inBox))
	b.Run("bbox-page-1000-public", page(public, inBox))
	b.Run("bbox-page-rag-red", page(admin, func(bb *estate.BBox) estate.AssetFilter {
		return estate.AssetFilter{Selection: estate.Selection{BBox: bb, RAGs: []estate.RAG{estate.RAGRed}}, Page: estate.Page{Limit: 1000}}
	}))
	// A box over much of England: the page is found by walking the
	// assets in id order, not through the spatial index.
	b.Run("bbox-page-1000-wide", page(admin, func(*estate.BBox) estate.AssetFilter {
		return estate.AssetFilter{Selection: estate.Selection{BBox: &estate.BBox{MinLon: -3.5, MinLat: 51, MaxLon: -0.5, MaxLat: 53}}, Page: estate.Page{Limit: 1000}}
	}))
	b.Run("bbox-page-before", page(admin, func(bb *estate.BBox) estate.AssetFilter {
		return estate.AssetFilter{Selection: estate.Selection{BBox: bb}, Page: estate.Page{Before: 900_000, Limit: 100}}
	}))
	b.Run("bbox-count", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			bb := boxes[i%len(boxes)]
			if _, err := s.CountAssets(admin, estate.AssetFilter{Selection: estate.Selection{BBox: &bb}}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("get-by-id", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			if _, err := s.FindAssetByID(admin, ids[i%len(ids)]); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("get-by-id-parallel", func(b *testing.B) {
		b.RunParallel(func(pb *testing.PB) {
			i := 0
			for pb.Next() {
				i++
				if _, err := s.FindAssetByID(admin, ids[i%len(ids)]); err != nil {
					b.Error(err)
					return
				}
			}
		})
	})
}
