package sqlite_test

import (
	"testing"

	"github.com/placetrust/placetrust/internal/benchdb"
	"github.com/placetrust/placetrust/internal/demo"
	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/sqlite"
)

// benchStore opens a database holding n scaled assets.
func benchStore(b *testing.B, n int) (*sqlite.Assets, []*estate.Asset) {
	b.Helper()
	db := MustOpen(b)
	ps := sqlite.NewServices(db).Partners
	for _, p := range demo.ScalePartners() {
		if err := ps.CreatePartner(adminCtx(), p); err != nil {
			b.Fatal(err)
		}
	}
	assets := demo.Scaled(n, 1)
	s := sqlite.AssetsOf(db)
	if err := s.CreateAssets(adminCtx(), assets, estate.ActionImport); err != nil {
		b.Fatal(err)
	}
	return s, assets
}

// BenchmarkStore100k creates 100,000 assets, then times bbox pages of
// about 1,000 assets and single-asset reads.
func BenchmarkStore100k(b *testing.B) {
	s, assets := benchStore(b, 100_000)
	ctx := adminCtx()
	boxes := benchdb.Boxes(assets, 16, 997, 1000)
	b.Run("bbox-page-1000", func(b *testing.B) {
		got := 0
		for i := 0; b.Loop(); i++ {
			bb := boxes[i%len(boxes)]
			page, err := s.FindAssets(ctx, estate.AssetFilter{Selection: estate.Selection{BBox: &bb}, Page: estate.Page{Limit: 1000}})
			if err != nil {
				b.Fatal(err)
			}
			got += len(page)
		}
		b.ReportMetric(float64(got)/float64(b.N), "assets/page")
	})
	b.Run("get-by-id", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			if _, err := s.FindAssetByID(ctx, assets[(i*7919)%len(assets)].ID); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("get-by-id-parallel", func(b *testing.B) {
		b.RunParallel(func(pb *testing.PB) {
			i := 0
			for pb.Next() {
				i++
				if _, err := s.FindAssetByID(ctx, assets[(i*7919)%len(assets)].ID); err != nil {
					b.Error(err)
					return
				}
			}
		})
	})
}

func BenchmarkCreateAssets10k(b *testing.B) {
	for b.Loop() {
		b.StopTimer()
		db := MustOpen(b)
		ps := sqlite.NewServices(db).Partners
		for _, p := range demo.ScalePartners() {
			if err := ps.CreatePartner(adminCtx(), p); err != nil {
				b.Fatal(err)
			}
		}
		assets := demo.Scaled(10_000, 2)
		s := sqlite.AssetsOf(db)
		b.StartTimer()
		if err := s.CreateAssets(adminCtx(), assets, estate.ActionImport); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(10_000, "assets/op")
}
