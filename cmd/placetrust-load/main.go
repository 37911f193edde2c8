// Command placetrust-load drives a running placetrust server on this
// machine with concurrent GIS-like clients for a fixed time and reports
// throughput, latency percentiles and the server's resident memory
// before, during and after. It only ever talks to loopback addresses.
//
//	placetrust demo --scale 1000000 --db national.db   # once: the benchmarks' register
//	placetrust serve --db national.db --public-read --rate -1 &
//	placetrust-load --url http://127.0.0.1:8080 --pid $! --clients 16 --duration 30s
//
// With --items it drives any OGC API - Features items URL with bbox pages
// only (pg_featureserv's too), optionally gzip and aborted requests, and
// checks afterwards that the server still answers:
//
//	placetrust-load --items http://127.0.0.1:8080/ogc/collections/assets/items --clients 2 --abort 5
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "placetrust-load:", err)
		os.Exit(1)
	}
}

type config struct {
	base     string
	token    string
	pid      int
	clients  int
	duration time.Duration
	maxID    int
}

func run(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("placetrust-load", flag.ContinueOnError)
	var c config
	fs.StringVar(&c.base, "url", "http://127.0.0.1:8080", "server root URL (loopback only)")
	fs.StringVar(&c.token, "token", "", "bearer token (default: none, for --public-read servers)")
	fs.IntVar(&c.pid, "pid", 0, "server process id, to report its resident memory")
	fs.IntVar(&c.clients, "clients", 16, "concurrent clients")
	fs.DurationVar(&c.duration, "duration", 30*time.Second, "how long to run")
	fs.IntVar(&c.maxID, "max-id", 1_000_000, "highest asset id to ask for")
	var ic itemsConfig
	var bboxSize string
	fs.StringVar(&ic.url, "items", "", "instead of the mix, bbox pages from this OGC API - Features items URL (any server)")
	fs.IntVar(&ic.limit, "limit", 1000, "--items: features a page")
	fs.StringVar(&bboxSize, "bbox-size", "0.15x0.1", "--items: bbox width x height in degrees")
	fs.StringVar(&ic.query, "query", "", "--items: extra query parameters, such as sortby=id")
	fs.BoolVar(&ic.gzip, "gzip", false, "--items: ask for gzip")
	fs.IntVar(&ic.abortPct, "abort", 0, "--items: percent of requests dropped mid-response")
	fs.BoolVar(&ic.abortAtEnd, "abort-at-end", false, "--items: drop every request under way when the run ends")
	fs.DurationVar(&ic.hangTimeout, "hang-timeout", 10*time.Second, "--items: a request slower than this fails")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if ic.url != "" {
		var err error
		if ic.bboxW, ic.bboxH, err = parseBBoxSize(bboxSize); err != nil {
			return err
		}
		if c.clients < 1 || c.duration <= 0 || c.duration > 10*time.Minute || ic.limit < 1 ||
			ic.abortPct < 0 || ic.abortPct > 100 || ic.hangTimeout <= 0 {
			return errors.New("--clients and --limit must be positive, --duration between 0 and 10m, --abort 0 to 100")
		}
		return runItems(ctx, c, ic, stdout)
	}
	if err := loopbackOnly(c.base); err != nil {
		return err
	}
	if c.clients < 1 || c.duration <= 0 || c.duration > 10*time.Minute || c.maxID < 1 {
		return errors.New("--clients must be positive and --duration between 0 and 10m")
	}
	l := &loader{cfg: c, client: &http.Client{Timeout: 30 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: c.clients, DisableCompression: true}}}
	before := rss(c.pid)
	fmt.Fprintf(stdout, "server RSS before: %s\n", before)
	ctx, cancel := context.WithTimeout(ctx, c.duration)
	defer cancel()
	var wg sync.WaitGroup
	results := make([]map[string][]time.Duration, c.clients)
	peak := make(chan string, 1)
	go func() { peak <- l.watchRSS(ctx, stdout) }()
	start := time.Now()
	for i := range c.clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = l.client1(ctx, uint64(i+1))
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	fmt.Fprintf(stdout, "%d clients for %s\n", c.clients, elapsed.Round(time.Millisecond))
	report(stdout, results, elapsed)
	fmt.Fprintf(stdout, "server RSS peak (sampled every 250 ms): %s\nserver RSS after: %s\n", <-peak, rss(c.pid))
	if l.errs > 0 {
		return fmt.Errorf("%d requests failed (first: %v)", l.errs, l.firstErr)
	}
	return nil
}

// loopbackOnly refuses any target that is not this machine.
func loopbackOnly(base string) error {
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return fmt.Errorf("--url %q is not an http URL", base)
	}
	host := u.Hostname()
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("--url %q: only loopback addresses may be loaded", base)
	}
	return nil
}

type loader struct {
	cfg    config
	client *http.Client

	mu       sync.Mutex
	errs     int
	firstErr error
}

// request kinds and their share of the mix, out of 10.
var mix = []struct {
	kind  string
	share int
}{{"items-bbox-1000", 4}, {"item", 3}, {"tile-z8", 1}, {"tile-z14", 2}}

// client1 runs one client until ctx ends, returning latencies by kind.
func (l *loader) client1(ctx context.Context, seed uint64) map[string][]time.Duration {
	out := map[string][]time.Duration{}
	rng := seed * 0x9E3779B97F4A7C15
	next := func() uint64 { rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17; return rng }
	for ctx.Err() == nil {
		r := int(next() % 10)
		kind := mix[0].kind
		for _, m := range mix {
			if r < m.share {
				kind = m.kind
				break
			}
			r -= m.share
		}
		// Random places over England, where the national register is.
		lon := -5.5 + float64(next()%7200)/1000
		lat := 50.2 + float64(next()%5500)/1000
		var path string
		switch kind {
		case "items-bbox-1000":
			path = fmt.Sprintf("/ogc/collections/assets/items?limit=1000&bbox=%.4f,%.4f,%.4f,%.4f", lon, lat, lon+0.15, lat+0.1)
		case "item":
			path = "/ogc/collections/assets/items/" + strconv.FormatUint(1+next()%uint64(l.cfg.maxID), 10)
		case "tile-z8":
			path = tilePath(8, lon, lat)
		case "tile-z14":
			path = tilePath(14, lon, lat)
		}
		t := time.Now()
		if err := l.get(ctx, path); err != nil {
			if ctx.Err() != nil {
				break
			}
			l.fail(err)
			continue
		}
		out[kind] = append(out[kind], time.Since(t))
	}
	return out
}

func tilePath(z int, lon, lat float64) string {
	x, y := tileOf(z, lon, lat)
	return fmt.Sprintf("/tiles/assets/%d/%d/%d.mvt", z, x, y)
}

func (l *loader) get(ctx context.Context, path string) error {
	req, err := http.NewRequestWithContext(ctx, "GET", strings.TrimSuffix(l.cfg.base, "/")+path, nil)
	if err != nil {
		return err
	}
	if l.cfg.token != "" {
		req.Header.Set("Authorization", "Bearer "+l.cfg.token)
	}
	res, err := l.client.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if _, err := io.Copy(io.Discard, res.Body); err != nil {
		return err
	}
	if res.StatusCode != 200 && res.StatusCode != 204 && res.StatusCode != 404 {
		return fmt.Errorf("GET %s: %s", path, res.Status)
	}
	return nil
}

func (l *loader) fail(err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.errs == 0 {
		l.firstErr = err
	}
	l.errs++
}

// watchRSS samples the server's resident memory until ctx ends, printing
// it every five seconds to show whether it is steady, and returns the
// highest.
func (l *loader) watchRSS(ctx context.Context, w io.Writer) string {
	var peak int64
	tick := time.NewTicker(250 * time.Millisecond)
	defer tick.Stop()
	start := time.Now()
	for i := 0; ; i++ {
		kb, ok := rssKB(l.cfg.pid)
		if ok && kb > peak {
			peak = kb
		}
		if ok && i%20 == 0 {
			fmt.Fprintf(w, "  t=%2.0fs server RSS %s\n", time.Since(start).Seconds(), fmtKB(kb))
		}
		select {
		case <-ctx.Done():
			return fmtKB(peak)
		case <-tick.C:
		}
	}
}

func report(w io.Writer, results []map[string][]time.Duration, elapsed time.Duration) {
	total := 0
	for _, m := range mix {
		var all []time.Duration
		for _, r := range results {
			all = append(all, r[m.kind]...)
		}
		total += len(all)
		if len(all) == 0 {
			continue
		}
		slices.Sort(all)
		fmt.Fprintf(w, "%-16s %7d requests %8.1f/s  p50 %8s  p99 %8s  max %8s\n", m.kind, len(all),
			float64(len(all))/elapsed.Seconds(), pct(all, 50), pct(all, 99), all[len(all)-1].Round(time.Microsecond))
	}
	fmt.Fprintf(w, "%-16s %7d requests %8.1f/s\n", "all", total, float64(total)/elapsed.Seconds())
}

func pct(sorted []time.Duration, p int) time.Duration {
	return sorted[min(len(sorted)-1, len(sorted)*p/100)].Round(time.Microsecond)
}
