package postgres

import (
	"context"
	"testing"

	"github.com/placetrust/placetrust/internal/benchdb"
	"github.com/placetrust/placetrust/internal/demo"
	"github.com/placetrust/placetrust/internal/service"
	"github.com/placetrust/placetrust/internal/storetest"
)

// BenchmarkStore1M times the reads the map and GIS clients make against a
// national register of a million assets on PostGIS, as
// internal/sqlite's BenchmarkStore1M does on SQLite, with the same boxes,
// rows and ids: bbox pages of about 1,000 assets (as an admin, as the
// public, with a property filter, over much of England, read backwards),
// the count numberMatched needs, and single assets.
func BenchmarkStore1M(b *testing.B) {
	s := service.New(nationalDB(b, 1_000_000), service.Options{}).Assets
	assets := demo.Scaled(1_000_000, benchdb.Seed)
	boxes := benchdb.Boxes(assets, 16, 62_501, 1000)
	storetest.BenchStore(b, benchdb.AdminContext(context.Background()), s, boxes, benchdb.SpreadIDs(4096, len(assets)))
}
