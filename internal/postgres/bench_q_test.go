package postgres

import (
	"context"
	"testing"

	"github.com/placetrust/placetrust/internal/benchdb"
	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/service"
)

// BenchmarkQ1M times the free-text filter q, a page of 100, at a million
// assets on PostGIS, without an index on search_text (migration 0002):
// a word every asset has (the first rows decide), a town's name (about
// 500 assets, so a fifth of the table is read for 100), and one asset's
// name (the whole table is read). With PLACETRUST_BENCH_POSTGRES the
// same database can be timed with the trigram index added back.
func BenchmarkQ1M(b *testing.B) {
	db := nationalDB(b, 1_000_000)
	s := service.New(db, service.Options{}).Assets
	admin := benchdb.AdminContext(context.Background())
	for _, c := range []struct{ name, q string }{
		{"common", "offices"}, {"town", "place 1234"}, {"rare", "scale asset 999999"},
	} {
		b.Run("q-page-100-"+c.name, func(b *testing.B) {
			got := 0
			for b.Loop() {
				page, err := s.FindAssets(admin, estate.AssetFilter{Selection: estate.Selection{Q: c.q}, Page: estate.Page{Limit: 100}})
				if err != nil {
					b.Fatal(err)
				}
				got += len(page)
			}
			b.ReportMetric(float64(got)/float64(b.N), "assets/page")
		})
	}
}
