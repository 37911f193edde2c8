package transparency_test

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"slices"
	"sync"
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
		ids := seedEditablePG(b, svc, 512)
		b.StartTimer()
		start := time.Now()
		w := editsDuringPG(b, svc, ids, func() {
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

// seedEditablePG creates n assets of another partner for the edits.
func seedEditablePG(b *testing.B, svc *service.Services, n int) []int64 {
	b.Helper()
	p := &estate.Partner{ID: "officers", Name: "officers", Kind: estate.KindFire}
	if err := svc.Partners.CreatePartner(adminCtx(), p); err != nil {
		b.Fatal(err)
	}
	var ids []int64
	for i := range n {
		a := &estate.Asset{Partner: "officers", AssetCode: fmt.Sprint("E", i), Name: "Station",
			Location: estate.Point{Lon: -2.2, Lat: 52.2}}
		if err := svc.Assets.CreateAsset(adminCtx(), a); err != nil {
			b.Fatal(err)
		}
		ids = append(ids, a.ID)
	}
	return ids
}

// editsDuringPG runs work while changing one of ids every 100 ms, and
// returns each edit's wait.
func editsDuringPG(b *testing.B, svc *service.Services, ids []int64, work func()) []time.Duration {
	s, ctx := svc.Assets, adminCtx()
	var mu sync.Mutex
	var waits []time.Duration
	var wg sync.WaitGroup
	done := make(chan struct{})
	go func() {
		defer close(done)
		work()
	}()
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for n := 0; ; n++ {
		select {
		case <-done:
			wg.Wait()
			return waits
		case <-tick.C:
		}
		wg.Add(1)
		go func(id int64) {
			defer wg.Done()
			a, err := s.FindAssetByID(ctx, id)
			if err != nil {
				b.Error(err)
				return
			}
			start := time.Now()
			_, err = s.UpdateAsset(ctx, id, a.Version, func(a *estate.Asset) error {
				a.Name = fmt.Sprint("Station ", start.UnixNano())
				return nil
			})
			wait := time.Since(start)
			if err != nil {
				b.Error(err)
				return
			}
			mu.Lock()
			waits = append(waits, wait)
			mu.Unlock()
		}(ids[n%len(ids)])
	}
}
