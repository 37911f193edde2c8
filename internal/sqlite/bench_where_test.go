package sqlite_test

import (
	"testing"

	"github.com/placetrust/placetrust/internal/benchdb"
	"github.com/placetrust/placetrust/internal/demo"
	"github.com/placetrust/placetrust/internal/sqlite"
	"github.com/placetrust/placetrust/internal/storetest"
)

// BenchmarkWhere1M: storetest.BenchWhere over the benchmark register, in
// BenchmarkStore1M's boxes.
func BenchmarkWhere1M(b *testing.B) {
	s := sqlite.AssetsOf(nationalDB(b, 1_000_000))
	assets := demo.Scaled(1_000_000, benchdb.Seed)
	boxes := benchdb.Boxes(assets, 16, 62_501, 1000)
	storetest.BenchWhere(b, adminCtx(), s, boxes)
}
