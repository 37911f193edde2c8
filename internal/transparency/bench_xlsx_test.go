package transparency_test

import (
	"encoding/csv"
	"errors"
	"io"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/transparency"
)

// benchXLSX writes benchFile's n rows as a workbook, untimed: numbers as
// numbers (the UPRN, street number, coordinates and size, the
// coordinates styled "0.00" as published sheets style them), text as
// excelize's stream writer writes it, inline in each cell, which takes
// longer to read than Excel's shared strings.
func benchXLSX(b *testing.B, n int) string {
	b.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	fixed, err := f.NewStyle(&excelize.Style{NumFmt: 2})
	if err != nil {
		b.Fatal(err)
	}
	cr := csv.NewReader(newBenchFile(n))
	numeric := map[int]bool{1: true, 4: true, 9: true, 10: true, 14: true}
	for r := 1; ; r++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			b.Fatal(err)
		}
		row := make([]any, len(rec))
		for i, s := range rec {
			row[i] = s
			if v, err := strconv.ParseFloat(s, 64); err == nil && numeric[i] && r > 1 {
				row[i] = v
				if i == 9 || i == 10 {
					row[i] = excelize.Cell{StyleID: fixed, Value: v}
				}
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, r)
		if err := sw.SetRow(cell, row); err != nil {
			b.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "bench.xlsx")
	if err := f.SaveAs(path); err != nil {
		b.Fatal(err)
	}
	return path
}

// readBench reads every row of rd, checking each makes an asset, and
// reports rows/s and the peak heap.
func readBench(b *testing.B, rd *transparency.Reader, n int, start time.Time, cpu0 time.Duration) {
	rows := 0
	var peak uint64
	for it, err := range rd.Items() {
		if err != nil || it.Asset == nil {
			b.Fatal(err, it)
		}
		if rows++; rows%10000 == 0 {
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
		}
	}
	if rows != n {
		b.Fatalf("%d rows", rows)
	}
	b.ReportMetric(float64(rows)/time.Since(start).Seconds(), "rows/s")
	b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/float64(n), "cpu-µs/row")
	b.ReportMetric(float64(peak)/(1<<20), "MiB-heap")
}

// BenchmarkReadCSV100k reads 100,000 rows of CSV: the measure
// BenchmarkReadXLSX100k is compared with.
func BenchmarkReadCSV100k(b *testing.B) {
	const n = 100_000
	file := benchCSV(b, n)
	for b.Loop() {
		runtime.GC() // not the garbage of making the file
		start, cpu0 := time.Now(), cpuTime()
		rd, err := transparency.NewReader(openCSV(b, file), transparency.Options{Partner: "bench"})
		if err != nil {
			b.Fatal(err)
		}
		readBench(b, rd, n, start, cpu0)
	}
}

// BenchmarkReadXLSX100k reads the same 100,000 rows from a workbook,
// opening it included.
func BenchmarkReadXLSX100k(b *testing.B) {
	const n = 100_000
	file := benchXLSX(b, n)
	for b.Loop() {
		runtime.GC() // not the garbage of making the file
		start, cpu0 := time.Now(), cpuTime()
		rd, err := transparency.OpenXLSX(file, transparency.Options{Partner: "bench"})
		if err != nil {
			b.Fatal(err)
		}
		readBench(b, rd, n, start, cpu0)
		rd.Close()
	}
}

// BenchmarkImportXLSX100k imports the rows BenchmarkImport100k imports
// as CSV, from a workbook: reading runs beside the writing, so the
// workbook's slower reading costs less than it does alone.
func BenchmarkImportXLSX100k(b *testing.B) {
	const n = 100_000
	file := benchXLSX(b, n)
	var peak uint64
	for b.Loop() {
		b.StopTimer()
		db := mustOpen(b)
		seedPartner(b, db, "bench", estate.KindDistrictCouncil)
		runtime.GC()
		b.StartTimer()
		start, cpu0 := time.Now(), cpuTime()
		rd, err := transparency.OpenXLSX(file, transparency.Options{Partner: "bench"})
		if err != nil {
			b.Fatal(err)
		}
		rep, err := imports(db).ImportAssets(adminCtx(), "bench", rd.Items(), estate.ImportOptions{OnRow: func(r estate.ImportRow) {
			if r.Row%100000 == 0 { // as benchImportInto samples
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapInuse)
			}
		}})
		rd.Close()
		if err != nil || rep.Inserted != n {
			b.Fatalf("%v: %d inserted", err, rep.Inserted)
		}
		b.ReportMetric(float64(n)/time.Since(start).Seconds(), "rows/s")
		b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/float64(n), "cpu-µs/row")
	}
	b.ReportMetric(float64(peak)/(1<<20), "MiB-heap")
	b.ReportMetric(float64(maxRSS())/(1<<20), "MiB-max-rss")
}
