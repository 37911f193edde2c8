package postgres

import (
	"context"
	"testing"

	"github.com/placetrust/placetrust/internal/benchdb"
	"github.com/placetrust/placetrust/internal/demo"
	"github.com/placetrust/placetrust/internal/service"
	"github.com/placetrust/placetrust/internal/storetest"
)

// BenchmarkWhere1M compares pages selected by a Where (OGC API's CQL2
// filter) beside the Selection members (storetest.BenchWhere), as
// internal/sqlite's BenchmarkWhere1M does, with the same cursors and boxes.
func BenchmarkWhere1M(b *testing.B) {
	s := service.New(nationalDB(b, 1_000_000), service.Options{}).Assets
	ctx := benchdb.AdminContext(context.Background())
	assets := demo.Scaled(1_000_000, benchdb.Seed)
	boxes := benchdb.Boxes(assets, 16, 62_501, 1000)
	storetest.BenchWhere(b, ctx, s, boxes)
}
