package postgres

import (
	"context"
	"testing"

	"github.com/placetrust/placetrust/internal/benchdb"
	"github.com/placetrust/placetrust/internal/demo"
	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/service"
)

// BenchmarkStore1M times the reads the map and GIS clients make against a
// national register of a million assets on PostGIS, as
// internal/sqlite's BenchmarkStore1M does on SQLite, with the same boxes,
// rows and ids: bbox pages of about 1,000 assets (as an admin, as the
// public, with a property filter, over much of England, read backwards),
// the count numberMatched needs, and single assets.
func BenchmarkStore1M(b *testing.B) {
	db := nationalDB(b, 1_000_000)
	s := service.New(db, service.Options{}).Assets
	admin := benchdb.AdminContext(context.Background())
	public := estate.NewContextWithActor(context.Background(), estate.Anonymous)
	assets := demo.Scaled(1_000_000, benchdb.Seed)
	boxes := make([]estate.BBox, 16)
	for i := range boxes {
		boxes[i] = bboxAround(assets, assets[i*62_501].Location, 1000)
	}
	ids := make([]int64, 4096)
	for i := range ids {
		ids[i] = int64(1 + (i*7919)%len(assets))
	}
	assets = nil

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
	b.Run("bbox-page-1000", page(admin, func(bb *estate.BBox) estate.AssetFilter {
		return estate.AssetFilter{Selection: estate.Selection{BBox: bb}, Page: estate.Page{Limit: 1000}}
	}))
	b.Run("bbox-page-1000-public", page(public, func(bb *estate.BBox) estate.AssetFilter {
		return estate.AssetFilter{Selection: estate.Selection{BBox: bb}, Page: estate.Page{Limit: 1000}}
	}))
	b.Run("bbox-page-rag-red", page(admin, func(bb *estate.BBox) estate.AssetFilter {
		return estate.AssetFilter{Selection: estate.Selection{BBox: bb, RAGs: []estate.RAG{estate.RAGRed}}, Page: estate.Page{Limit: 1000}}
	}))
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

// bboxAround returns a box around p holding about want of the assets, as
// internal/sqlite's benchmarks find theirs.
func bboxAround(assets []*estate.Asset, p estate.Point, want int) estate.BBox {
	lo, hi := 0.0, 2.0
	for range 40 {
		mid := (lo + hi) / 2
		b := estate.BBox{MinLon: p.Lon - mid, MinLat: p.Lat - mid*0.6, MaxLon: p.Lon + mid, MaxLat: p.Lat + mid*0.6}
		n := 0
		for _, a := range assets {
			if b.Contains(a.Location) {
				n++
			}
		}
		if n < want {
			lo = mid
		} else {
			hi = mid
		}
	}
	return estate.BBox{MinLon: p.Lon - hi, MinLat: p.Lat - hi*0.6, MaxLon: p.Lon + hi, MaxLat: p.Lat + hi*0.6}
}
