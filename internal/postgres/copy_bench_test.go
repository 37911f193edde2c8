package postgres_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/placetrust/placetrust/internal/benchdb"
	"github.com/placetrust/placetrust/internal/postgres"
	"github.com/placetrust/placetrust/internal/postgres/pgtest"
	"github.com/placetrust/placetrust/internal/service"
)

// BenchmarkCopy1M copies the national benchmark register (a million
// assets and their trail, on SQLite; PLACETRUST_BENCH_DB names a built
// one to reuse) into a fresh PostgreSQL database, verified, and reports
// assets a second, this process's CPU seconds, the CPU seconds of the
// PostgreSQL backends serving the target (read from /proc: a cluster on
// this machine) and the heap's peak, which stays flat: every side
// streams.
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
		b.StopTimer()
		url := pgtest.URL(b)
		dst, err := postgres.Open(ctx, url)
		if err != nil {
			b.Fatal(err)
		}
		server := serverCPU(b, url)
		b.StartTimer()
		peak := heapPeak()
		start, cpu := time.Now(), cpuTime()
		rep, err := service.CopyRegister(ctx, src, dst)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(rep.Kinds.Kind("assets").Count)/time.Since(start).Seconds(), "assets/s")
		b.ReportMetric((cpuTime() - cpu).Seconds(), "cpu-s")
		b.ReportMetric(server().Seconds(), "server-cpu-s")
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

// serverCPU returns a function that returns the CPU time the backends
// connected to the database at url have used since serverCPU was called,
// as /proc tells it (0 when it cannot: a cluster elsewhere).
func serverCPU(b *testing.B, url string) func() time.Duration {
	used := func() map[int]time.Duration {
		ctx := context.Background()
		conn, err := pgx.Connect(ctx, url)
		if err != nil {
			b.Fatal(err)
		}
		defer conn.Close(ctx)
		rows, err := conn.Query(ctx, `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`)
		if err != nil {
			b.Fatal(err)
		}
		pids, err := pgx.CollectRows(rows, pgx.RowTo[int])
		if err != nil {
			b.Fatal(err)
		}
		out := map[int]time.Duration{}
		for _, pid := range pids {
			stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
			if err != nil {
				continue
			}
			// utime and stime are the 14th and 15th fields, in ticks of
			// 1/100 s, after the command's parenthesised name.
			f := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:]))
			ut, _ := strconv.ParseInt(f[11], 10, 64)
			st, _ := strconv.ParseInt(f[12], 10, 64)
			out[pid] = time.Duration(ut+st) * 10 * time.Millisecond
		}
		return out
	}
	before := used()
	return func() time.Duration {
		var sum time.Duration
		for pid, d := range used() {
			sum += d - before[pid]
		}
		return sum
	}
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
