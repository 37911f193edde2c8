package transparency_test

import (
	"context"
	"io"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/postgres"
	"github.com/placetrust/placetrust/internal/postgres/pgtest"
	"github.com/placetrust/placetrust/internal/service"
	"github.com/placetrust/placetrust/internal/transparency"
)

// The import benchmarks on PostgreSQL + PostGIS (PLACETRUST_TEST_POSTGRES;
// skipped without it), over the same generated files as SQLite's, so the
// figures compare. Here, beside the generator, since the postgres package
// cannot import transparency's tests.

// openPG opens a fresh PostGIS register with partner "bench", and its
// services and address.
func openPG(b *testing.B) (*postgres.DB, *service.Services, string) {
	b.Helper()
	url := pgtest.URL(b)
	db, err := postgres.Open(context.Background(), url)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	svc := service.New(db, service.Options{ServiceArea: estate.GreatBritain})
	p := &estate.Partner{ID: "bench", Name: "bench", Kind: estate.KindDistrictCouncil}
	if err := svc.Partners.CreatePartner(adminCtx(), p); err != nil {
		b.Fatal(err)
	}
	return db, svc, url
}

// importPG imports a file's rows for partner.
func importPG(b *testing.B, svc *service.Services, partner string, file io.Reader, onRow func(estate.ImportRow)) *estate.ImportReport {
	rd, err := transparency.NewReader(file, transparency.Options{Partner: partner})
	if err != nil {
		b.Fatal(err)
	}
	rep, err := svc.Imports.ImportAssets(adminCtx(), partner, rd.Items(), estate.ImportOptions{OnRow: onRow})
	if err != nil {
		b.Fatal(err)
	}
	return rep
}

// BenchmarkImportPostgres1M is the target on PostGIS, 100,000
// rows/s or more with memory flat: run with -benchtime=1x.
func BenchmarkImportPostgres1M(b *testing.B) { benchImportPG(b, 1_000_000) }

// BenchmarkImportPostgres100k is the same at a tenth the size.
func BenchmarkImportPostgres100k(b *testing.B) { benchImportPG(b, 100_000) }

func benchImportPG(b *testing.B, n int) {
	var peak, sys uint64
	file := benchCSV(b, n)
	for b.Loop() {
		b.StopTimer()
		_, svc, url := openPG(b)
		pg := newBackendCPU(b, url)
		runtime.GC()
		b.StartTimer()
		start, cpu0 := time.Now(), cpuTime()
		rep := importPG(b, svc, "bench", openCSV(b, file), func(r estate.ImportRow) {
			if r.Row%100000 == 0 {
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapInuse)
				sys = max(sys, ms.Sys-ms.HeapReleased)
			}
		})
		if rep.Inserted != n {
			b.Fatalf("report: %d inserted, %d updated, %d unchanged, %d wrong", rep.Inserted, rep.Updated, rep.Unchanged, rep.Errors)
		}
		took := time.Since(start)
		b.ReportMetric(float64(n)/took.Seconds(), "rows/s")
		b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/float64(n), "go-cpu-µs/row")
		if used, ok := pg.used(); ok {
			b.ReportMetric(float64(used.Microseconds())/float64(n), "pg-cpu-µs/row")
		}
	}
	b.ReportMetric(float64(peak)/(1<<20), "MiB-heap")
	b.ReportMetric(float64(sys)/(1<<20), "MiB-go-sys")
}

// BenchmarkEditDuringImportPostgres1M times an officer's edit of another
// partner's asset while a partner's 1,000,000 rows are imported: one
// every 100 ms, each from asking to committed (edit-p50-ms, edit-p99-ms,
// edit-max-ms). The target is every edit within 100 ms.
func BenchmarkEditDuringImportPostgres1M(b *testing.B) {
	const n = 1_000_000
	file := benchCSV(b, n)
	var waits []time.Duration
	var took time.Duration
	for b.Loop() {
		b.StopTimer()
		_, svc, _ := openPG(b)
		ids := seedEditable(b, svc, 512)
		b.StartTimer()
		start := time.Now()
		w := editsDuring(b, svc.Assets, ids, func() {
			if rep := importPG(b, svc, "bench", openCSV(b, file), nil); rep.Inserted != n {
				b.Errorf("import: %d rows inserted, %d wrong", rep.Inserted, rep.Errors)
			}
		})
		took += time.Since(start)
		waits = append(waits, w...)
	}
	slices.Sort(waits)
	if len(waits) == 0 {
		b.Fatal("no edit was made")
	}
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	pick := func(q float64) time.Duration { return waits[min(len(waits)-1, int(q*float64(len(waits))))] }
	b.ReportMetric(ms(pick(0.50)), "edit-p50-ms")
	b.ReportMetric(ms(pick(0.99)), "edit-p99-ms")
	b.ReportMetric(ms(waits[len(waits)-1]), "edit-max-ms")
	b.ReportMetric(float64(len(waits))/float64(b.N), "edits")
	b.ReportMetric(took.Seconds()/float64(b.N), "import-s")
}
