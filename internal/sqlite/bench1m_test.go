package sqlite_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/benchdb"
	"github.com/placetrust/placetrust/internal/demo"
	"github.com/placetrust/placetrust/internal/sqlite"
	"github.com/placetrust/placetrust/internal/storetest"
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
// national register of a million assets (storetest.BenchStore).
func BenchmarkStore1M(b *testing.B) {
	s := sqlite.AssetsOf(nationalDB(b, 1_000_000))
	assets := demo.Scaled(1_000_000, benchdb.Seed)
	boxes := benchdb.Boxes(assets, 16, 62_501, 1000)
	storetest.BenchStore(b, adminCtx(), s, boxes, benchdb.SpreadIDs(4096, len(assets)))
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
