package sqlite_test

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/benchdb"
	"github.com/placetrust/placetrust/internal/service"
	"github.com/placetrust/placetrust/internal/sqlite"
)

// BenchmarkCopy1M copies the national benchmark register (a million
// assets; PLACETRUST_BENCH_DB names a built one to reuse) into a new
// file, verified, and reports assets a second and the heap's peak, which
// stays flat: the copy streams, holding only the R*Tree's entries (24
// bytes an asset) for the bulk index build.
func BenchmarkCopy1M(b *testing.B) {
	const n = 1_000_000
	path := os.Getenv("PLACETRUST_BENCH_DB")
	if path == "" {
		path = filepath.Join(b.TempDir(), "national.db")
	}
	ctx := context.Background()
	src, err := benchdb.Open(ctx, path, n)
	if err != nil {
		b.Fatal(err)
	}
	defer src.Close()
	b.ResetTimer()
	for i := range b.N {
		dst, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "copy.db"))
		if err != nil {
			b.Fatal(err)
		}
		peak := heapPeak()
		start, cpu := time.Now(), cpuTime()
		rep, err := service.CopyRegister(ctx, src, dst)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(rep.Kinds.Kind("assets").Count)/time.Since(start).Seconds(), "assets/s")
		b.ReportMetric((cpuTime() - cpu).Seconds(), "cpu-s")
		b.ReportMetric(float64(peak())/(1<<20), "peak-heap-MB")
		if i == 0 {
			b.Logf("%+v", rep)
		}
		dst.Close()
	}
}

// cpuTime is the CPU time the process has used, user and system: on a
// shared machine a steadier figure than the wall clock's.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// heapPeak samples the heap in use until the function it returns is
// called, which returns the largest sample.
func heapPeak() func() uint64 {
	var mu sync.Mutex
	var peak uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			mu.Lock()
			peak = max(peak, m.HeapInuse)
			mu.Unlock()
			select {
			case <-done:
				return
			case <-time.After(50 * time.Millisecond):
			}
		}
	}()
	return func() uint64 {
		close(done)
		wg.Wait()
		return peak
	}
}
