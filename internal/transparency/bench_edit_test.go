package transparency_test

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/service"
)

// editRows is 50 MB of generated Transparency Code rows (about 147 bytes
// each).
const editRows = 340_000

// BenchmarkEditDuringImport50MB times what an officer's single edit waits
// while a 50 MB list is imported: every 100 ms another partner's asset is
// changed through the store, each edit on its own goroutine as officers'
// requests arrive, and the wait of each (from asking to committed) is
// reported as edit-p50-ms, edit-p99-ms and edit-max-ms. "new" loads the
// list for a partner with no assets; "reload" loads it again with one row
// in twenty renamed, as a partner republishes its list.
func BenchmarkEditDuringImport50MB(b *testing.B) {
	for _, reload := range []bool{false, true} {
		name := "new"
		if reload {
			name = "reload"
		}
		b.Run(name, func(b *testing.B) {
			file := benchCSV(b, editRows)
			next := file
			if reload {
				next = renamedCopy(b, file, 20)
			}
			var waits []time.Duration
			var took time.Duration
			for b.Loop() {
				b.StopTimer()
				db := mustOpen(b)
				db.Now = func() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }
				seedPartner(b, db, "bench", estate.KindDistrictCouncil)
				ids := seedEditable(b, services(db), 512)
				if reload {
					importBench(b, db, "bench", openCSV(b, file), nil)
				}
				b.StartTimer()
				start := time.Now()
				w := editsDuring(b, services(db).Assets, ids, func() {
					rep := importBench(b, db, "bench", openCSV(b, next), nil)
					if rep.Total != editRows || rep.Errors > 0 {
						b.Errorf("import: %d rows, %d wrong", rep.Total, rep.Errors)
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
		})
	}
}

// seedEditable creates n assets of another partner, "officers", for the
// edits to change.
func seedEditable(b *testing.B, svc *service.Services, n int) []int64 {
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

// editsDuring runs work while changing one of ids every 100 ms, and
// returns each edit's wait. Edits of one asset never overlap while ids
// outnumber the edits a wait holds up.
func editsDuring(b *testing.B, s estate.AssetService, ids []int64, work func()) []time.Duration {
	ctx := adminCtx()
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
			// Reading goes to a reader; on SQLite only the change waits
			// for the writer.
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

// renamedCopy writes a copy of the CSV file at path in which every
// every-th row's property name is changed, untimed.
func renamedCopy(b *testing.B, path string, every int) string {
	b.Helper()
	in, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(filepath.Join(b.TempDir(), "renamed.csv"))
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(out)
	sc := bufio.NewScanner(in)
	for i := 0; sc.Scan(); i++ {
		line := sc.Text()
		if i > 0 && i%every == 0 {
			line = strings.Replace(line, ",Asset ", ",Renamed asset ", 1)
		}
		io.WriteString(w, line+"\r\n")
	}
	if err := sc.Err(); err != nil {
		b.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := out.Close(); err != nil {
		b.Fatal(err)
	}
	return out.Name()
}
