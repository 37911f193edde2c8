package sqlite_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/benchdb"
	"github.com/placetrust/placetrust/internal/demo"
	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/sqlite"
)

// nationalDB opens a register of n scaled assets. Building a million
// takes minutes, so PLACETRUST_BENCH_DB may name a file kept between runs
// (built on first use); otherwise it is built once in a temp dir that the
// benchmark removes.
func nationalDB(b *testing.B, n int) *sqlite.DB {
	b.Helper()
	path := os.Getenv("PLACETRUST_BENCH_DB")
	if path == "" {
		path = filepath.Join(b.TempDir(), "national.db")
	}
	db, err := benchdb.Open(context.Background(), path, n)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}

// BenchmarkStore1M times the reads the map and GIS clients make against a
// national register of a million assets: bbox pages of about 1,000 assets
// (as an admin, as the public, and with a property filter), the count
// that numberMatched needs, a page read backwards, and single assets.
func BenchmarkStore1M(b *testing.B) {
	db := nationalDB(b, 1_000_000)
	s := sqlite.AssetsOf(db)
	admin := adminCtx()
	public := estate.NewContextWithActor(context.Background(), estate.Anonymous)
	// The boxes are found on the generator's output, which is the same
	// for the same seed, not on the database, so they cost no queries.
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
	// A box over much of England: the page is found by walking the
	// table in id order (asset_plan.go), not through the R*Tree.
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

// BenchmarkStorageFloor1M copies the benchmark register's million assets
// and their audit events into an empty register inside SQLite: no file to
// read, no value bound, no Go per row. An import writes the same rows
// (lga's BenchmarkImport1M), so it cannot beat this figure on the same
// machine; the R*Tree, which an import bulk-loads in Go, is left out.
func BenchmarkStorageFloor1M(b *testing.B) {
	src := nationalDB(b, 1_000_000).Path()
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "floor.db"))
		if err != nil {
			b.Fatal(err)
		}
		// ATTACH cannot run in a transaction; the writer is one connection.
		if err := sqlite.Exec(ctx, db, `ATTACH ? AS src`, src); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		// WHERE keeps SQLite from copying records whole (its transfer
		// optimisation, for an empty table only): each row is decoded
		// and written as an INSERT writes it, indexes and all.
		took, err := sqlite.TimeWrite(ctx, db,
			`INSERT INTO partners SELECT * FROM src.partners`,
			`INSERT INTO assets SELECT * FROM src.assets WHERE id > 0 ORDER BY id`,
			`INSERT INTO audit_events SELECT * FROM src.audit_events WHERE asset_id > 0 ORDER BY id`)
		if err != nil {
			b.Fatal(err)
		}
		elapsed := time.Since(start)
		b.StopTimer()
		n, err := sqlite.QueryInt(ctx, db, `SELECT count(*) FROM assets`)
		if err != nil || n != 1_000_000 {
			b.Fatalf("%d assets copied: %v", n, err)
		}
		db.Close()
		b.ReportMetric(took[1].Seconds(), "s-assets")
		b.ReportMetric(took[2].Seconds(), "s-audit")
		b.ReportMetric(took[3].Seconds(), "s-commit")
		b.ReportMetric(float64(n)/elapsed.Seconds(), "rows/s")
		b.StartTimer()
	}
}
