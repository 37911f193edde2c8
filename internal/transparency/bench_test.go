package transparency_test

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/sqlite"
	"github.com/placetrust/placetrust/internal/transparency"
)

// benchFile generates n Transparency Code rows with British National
// Grid coordinates across England, row by row, so a million-row file
// never sits in memory. Benchmarks write it to disk first (benchCSV) and
// time reading the file, as an import does: generating it costs about as
// much as reading it.
type benchFile struct {
	n, i int
	seed uint64
	buf  bytes.Buffer
}

const benchHeader = "OrganisationLabel,UPRN,AssetCode,PropertyName,StreetNumber,StreetName,PostTown,PostCode," +
	"CoordinateReferenceSystem,GeoX,GeoY,TenureType,TenureDetail,HoldingType,BuildingSize,LandArea,EnergyRating\r\n"

func newBenchFile(n int) *benchFile {
	f := &benchFile{n: n, seed: 42}
	f.buf.WriteString(benchHeader)
	return f
}

func (f *benchFile) rand(n uint64) uint64 {
	f.seed = f.seed*6364136223846793005 + 1442695040888963407
	return (f.seed >> 33) % n
}

func (f *benchFile) Read(p []byte) (int, error) {
	for f.buf.Len() < len(p) && f.i < f.n {
		f.i++
		e, n := 300000+f.rand(300000), 100000+f.rand(400000)
		fmt.Fprintf(&f.buf, "Bench Council,%d,BC%07d,Asset %d,%d,High Street,Worcester,WR%d %dEY,OSGB36,%d.%d,%d.%d,Freehold,Occupied,Buildings,%d.5,,C\r\n",
			100000000000+f.i, f.i, f.i, f.i%200, f.i%10, f.i%9, e, f.i%10, n, f.i%7, 50+f.rand(5000))
	}
	if f.buf.Len() == 0 {
		return 0, io.EOF
	}
	return f.buf.Read(p)
}

// benchCSV writes n generated rows to a file, untimed.
func benchCSV(b *testing.B, n int) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), "bench.csv")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := io.Copy(f, newBenchFile(n)); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	return path
}

func openCSV(b *testing.B, path string) *os.File {
	b.Helper()
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { f.Close() })
	return f
}

func benchImport(b *testing.B, n int) {
	benchImportInto(b, n, nil, func(rep *estate.ImportReport) bool { return rep.Inserted == n })
}

// benchImportInto times importing n rows for partner "bench" into a
// database that setup has filled first (untimed); done checks the report.
func benchImportInto(b *testing.B, n int, setup func(*sqlite.DB), done func(*estate.ImportReport) bool) {
	var peak, sys uint64
	file := benchCSV(b, n)
	for b.Loop() {
		b.StopTimer()
		db := mustOpen(b)
		seedPartner(b, db, "bench", estate.KindDistrictCouncil)
		if setup != nil {
			setup(db)
		}
		runtime.GC()
		b.StartTimer()
		start, cpu0 := time.Now(), cpuTime()
		held := writerHeld(db)
		rep := importBench(b, db, "bench", openCSV(b, file), func(r estate.ImportRow) {
			if r.Row%100000 == 0 {
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapInuse)
				sys = max(sys, ms.Sys-ms.HeapReleased)
			}
		})
		if !done(rep) {
			b.Fatalf("report: %d inserted, %d updated, %d unchanged, %d wrong", rep.Inserted, rep.Updated, rep.Unchanged, rep.Errors)
		}
		took, writing := time.Since(start), held()
		b.ReportMetric(float64(n)/took.Seconds(), "rows/s")
		b.ReportMetric(writing.Seconds(), "s-writer")
		b.ReportMetric(100*writing.Seconds()/took.Seconds(), "%-writer")
		b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/float64(n), "cpu-µs/row")
	}
	b.ReportMetric(float64(peak)/(1<<20), "MiB-heap")
	b.ReportMetric(float64(sys)/(1<<20), "MiB-go-sys")
	b.ReportMetric(float64(maxRSS())/(1<<20), "MiB-max-rss")
}

// importBench imports a file's rows for partner.
func importBench(b *testing.B, db *sqlite.DB, partner string, file io.Reader, onRow func(estate.ImportRow)) *estate.ImportReport {
	rd, err := transparency.NewReader(file, transparency.Options{Partner: partner})
	if err != nil {
		b.Fatal(err)
	}
	rep, err := imports(db).ImportAssets(adminCtx(), partner, rd.Items(), estate.ImportOptions{OnRow: onRow})
	if err != nil {
		b.Fatal(err)
	}
	return rep
}

// BenchmarkImportPopulated100k imports a partner's 100,000 rows into a
// register that already holds another partner's 100,000: the R*Tree and
// indexes are no longer empty.
func BenchmarkImportPopulated100k(b *testing.B) {
	const n = 100_000
	benchImportInto(b, n, func(db *sqlite.DB) {
		seedPartner(b, db, "first", estate.KindFire)
		importBench(b, db, "first", newBenchFile(n), nil)
	}, func(rep *estate.ImportReport) bool { return rep.Inserted == n })
}

// BenchmarkReimportUnchanged100k imports the same 100,000 rows a second
// time: every row is looked up, compared and left alone.
func BenchmarkReimportUnchanged100k(b *testing.B) {
	const n = 100_000
	benchImportInto(b, n, func(db *sqlite.DB) { importBench(b, db, "bench", newBenchFile(n), nil) },
		func(rep *estate.ImportReport) bool { return rep.Unchanged == n })
}

// writerHeld samples, every millisecond until the returned function is
// called, whether the database's one writer connection is in use, and
// that function says for how long it was: the time officers' edits
// would have waited.
func writerHeld(db *sqlite.DB) func() time.Duration {
	stop, done := make(chan struct{}), make(chan time.Duration)
	go func() {
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		var held time.Duration
		last := time.Now()
		for {
			select {
			case <-stop:
				done <- held
				return
			case now := <-tick.C:
				if db.WriterStats().InUse > 0 {
					held += now.Sub(last)
				}
				last = now
			}
		}
	}()
	return func() time.Duration {
		close(stop)
		return <-done
	}
}

// cpuTime is the process's user and system time so far: a steadier
// measure than wall time on a machine others share.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// maxRSS is the process's peak resident memory so far, in bytes: the Go
// heap plus SQLite's page cache and sorter, which live outside it.
func maxRSS() int64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return ru.Maxrss << 10
}

func BenchmarkImport100k(b *testing.B) { benchImport(b, 100_000) }

// BenchmarkImport1M is the target: run with -benchtime=1x.
func BenchmarkImport1M(b *testing.B) { benchImport(b, 1_000_000) }

// BenchmarkRead measures the reading side alone: CSV, mapping, OSTN15.
func BenchmarkRead(b *testing.B) {
	const n = 200_000
	file := benchCSV(b, n)
	for b.Loop() {
		rd, err := transparency.NewReader(openCSV(b, file), transparency.Options{Partner: "bench"})
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		rows := 0
		for it, err := range rd.Items() {
			if err != nil || it.Asset == nil {
				b.Fatal(err, it)
			}
			rows++
		}
		b.ReportMetric(float64(rows)/time.Since(start).Seconds(), "rows/s")
	}
}
