package sqlite_test

import (
	"testing"

	"github.com/placetrust/placetrust/internal/benchdb"
	"github.com/placetrust/placetrust/internal/demo"
	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/sqlite"
	"github.com/placetrust/placetrust/internal/storetest"
)

// BenchmarkWhere1M: storetest.BenchWhere over the benchmark register, in
// BenchmarkStore1M's boxes.
func BenchmarkWhere1M(b *testing.B) {
	s := sqlite.AssetsOf(nationalDB(b, 1_000_000))
	assets := demo.Scaled(1_000_000, benchdb.Seed)
	boxes := make([]estate.BBox, 16)
	for i := range boxes {
		boxes[i] = bboxAround(assets, assets[i*62_501].Location, 1000)
	}
	assets = nil
	storetest.BenchWhere(b, adminCtx(), s, boxes)
}
