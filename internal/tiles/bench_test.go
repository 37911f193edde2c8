package tiles_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/maptile"

	"github.com/placetrust/placetrust/internal/benchdb"
	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/register"
	"github.com/placetrust/placetrust/internal/tiles"
)

// BenchmarkTiles1M times tiles of a national register of a million assets,
// from the in-memory copy once loaded, MVT encoding included. As
// PLACETRUST_BENCH_DB names a file kept between runs (see sqlite's
// BenchmarkStore1M); otherwise the register is built in a temp dir.
func BenchmarkTiles1M(b *testing.B) {
	path := os.Getenv("PLACETRUST_BENCH_DB")
	if path == "" {
		path = filepath.Join(b.TempDir(), "national.db")
	}
	ctx := context.Background()
	db, err := benchdb.Open(ctx, path, 1_000_000)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	ix := tiles.NewIndex(register.New(db))
	public := estate.Anonymous
	// Tiles over asset 1, in one of the generator's clusters.
	at := func(z maptile.Zoom) maptile.Tile { return maptile.At(orb.Point{-3.1920334, 53.1841633}, z) }
	b.Run("load", func(b *testing.B) {
		for b.Loop() {
			if _, _, err := tiles.NewIndex(register.New(db)).Tile(ctx, public, 0, 0, 0); err != nil {
				b.Fatal(err)
			}
		}
	})
	if _, _, err := ix.Tile(ctx, public, 0, 0, 0); err != nil { // load before timing
		b.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		t    maptile.Tile
	}{
		{"z5-national", at(5)}, {"z8", at(8)}, {"z11", at(11)}, {"z14", at(14)},
	} {
		b.Run(tc.name, func(b *testing.B) {
			var points, size int
			for b.Loop() {
				pts, _, err := ix.Tile(ctx, public, int(tc.t.Z), int(tc.t.X), int(tc.t.Y))
				if err != nil {
					b.Fatal(err)
				}
				mvt, err := tiles.EncodeMVT(pts)
				if err != nil {
					b.Fatal(err)
				}
				points, size = len(pts), len(mvt)
			}
			b.ReportMetric(float64(points), "points")
			b.ReportMetric(float64(size), "bytes")
		})
	}
}
