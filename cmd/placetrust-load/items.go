package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// itemsConfig is the --items mode: bbox pages from any OGC API - Features
// items URL, so placetrust and another server (pg_featureserv) can be
// driven with the same requests over the same rows.
type itemsConfig struct {
	url         string  // the collection's items URL
	limit       int     // features a page
	bboxW       float64 // degrees of longitude
	bboxH       float64 // degrees of latitude
	query       string  // extra query parameters, such as sortby=id
	gzip        bool    // ask for gzip (bodies are counted compressed, not inflated)
	abortPct    int     // percent of requests abandoned mid-response
	abortAtEnd  bool    // drop the requests under way when the run ends, all at once
	hangTimeout time.Duration
}

// itemsResult is one client's record.
type itemsResult struct {
	lat          []time.Duration
	bytes        int64
	gzipped      int
	abortedEarly int
	abortedMid   int
	failed       int
	firstFail    error
}

// bboxes yields the same sequence of boxes over England for a given
// seed, so two servers are asked for exactly the same pages.
type bboxes struct{ rng uint64 }

func newBboxes(seed uint64) *bboxes { return &bboxes{rng: seed * 0x9E3779B97F4A7C15} }

func (b *bboxes) next() uint64 {
	b.rng ^= b.rng << 13
	b.rng ^= b.rng >> 7
	b.rng ^= b.rng << 17
	return b.rng
}

func (ic *itemsConfig) pageURL(b *bboxes) string {
	lon := -5.5 + float64(b.next()%7200)/1000
	lat := 50.2 + float64(b.next()%5500)/1000
	u := fmt.Sprintf("%s?limit=%d&bbox=%.4f,%.4f,%.4f,%.4f", ic.url, ic.limit, lon, lat, lon+ic.bboxW, lat+ic.bboxH)
	if ic.query != "" {
		u += "&" + ic.query
	}
	return u
}

func (ic *itemsConfig) request(ctx context.Context, u string, c *config) (*http.Request, error) {
	req, err := http.NewRequestWithContext(ctx, "GET", u, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/geo+json")
	if ic.gzip {
		req.Header.Set("Accept-Encoding", "gzip")
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	return req, nil
}

// runItems checks a few pages, drives the server for the duration, then
// asks for one page per client at once: a server that hung on the
// aborted requests fails that last step.
func runItems(ctx context.Context, c config, ic itemsConfig, stdout io.Writer) error {
	if err := loopbackOnly(ic.url); err != nil {
		return err
	}
	if u, err := url.Parse(ic.url); err != nil || u.RawQuery != "" {
		return fmt.Errorf("--items %q: give the items URL without a query; --limit and --query add to it", ic.url)
	}
	client := &http.Client{Timeout: ic.hangTimeout, Transport: &http.Transport{
		MaxIdleConnsPerHost: c.clients, DisableCompression: true}}
	fmt.Fprintf(stdout, "items %s limit %d bbox %gx%g gzip %v abort %d%% abort-at-end %v query %q\n",
		ic.url, ic.limit, ic.bboxW, ic.bboxH, ic.gzip, ic.abortPct, ic.abortAtEnd, ic.query)
	if err := ic.check(ctx, client, &c, stdout); err != nil {
		return err
	}
	before := rss(c.pid)
	fmt.Fprintf(stdout, "server RSS before: %s\n", before)
	runCtx, cancel := context.WithTimeout(ctx, c.duration)
	defer cancel()
	l := &loader{cfg: c}
	peak := make(chan string, 1)
	go func() { peak <- l.watchRSS(runCtx, stdout) }()
	results := make([]itemsResult, c.clients)
	var wg sync.WaitGroup
	start := time.Now()
	reqCtx := ctx
	if ic.abortAtEnd {
		reqCtx = runCtx
	}
	for i := range c.clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = ic.client1(runCtx, reqCtx, client, &c, uint64(i+1))
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	fmt.Fprintf(stdout, "%d clients for %s\n", c.clients, elapsed.Round(time.Millisecond))
	failed, firstFail := reportItems(stdout, results, elapsed)
	fmt.Fprintf(stdout, "server RSS peak (sampled every 250 ms): %s\nserver RSS after: %s\n", <-peak, rss(c.pid))
	probeErr := ic.probe(ctx, client, &c, stdout)
	if failed > 0 {
		return fmt.Errorf("%d requests failed (first: %v)", failed, firstFail)
	}
	return probeErr
}

// client1 asks for pages until run ends; requests under way then finish
// (ctx, not run, bounds them), so the end of a run aborts nobody. One in
// 100/abortPct requests is dropped: half while the server is still
// working on it (within 10 ms of asking), half after its first bytes.
func (ic *itemsConfig) client1(run, ctx context.Context, client *http.Client, c *config, seed uint64) itemsResult {
	var r itemsResult
	b := newBboxes(seed)
	buf := make([]byte, 32<<10)
	for run.Err() == nil && ctx.Err() == nil {
		// Drawn whether or not aborting, so the boxes are the same either way.
		draw := b.next()
		abort := abortNone
		if int(draw%100) < ic.abortPct {
			abort = abortEarly + int(draw>>32%2)
		}
		t := time.Now()
		size, gz, err := ic.get1(ctx, client, c, ic.pageURL(b), buf, abort, time.Duration(draw>>40%10_000)*time.Microsecond)
		switch {
		case ctx.Err() != nil:
			return r
		case err != nil:
			if r.failed == 0 {
				r.firstFail = err
			}
			r.failed++
		case abort == abortEarly:
			r.abortedEarly++
		case abort == abortMid:
			r.abortedMid++
		default:
			r.lat = append(r.lat, time.Since(t))
			r.bytes += size
			if gz {
				r.gzipped++
			}
		}
	}
	return r
}

const (
	abortNone  = iota
	abortEarly // the request is cancelled after a delay, answered or not
	abortMid   // the response is dropped after its first KiB
)

// get1 fetches one page, reading it whole, or drops it as abort says.
func (ic *itemsConfig) get1(ctx context.Context, client *http.Client, c *config, u string, buf []byte, abort int, delay time.Duration) (int64, bool, error) {
	reqCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	if abort == abortEarly {
		time.AfterFunc(delay, cancel)
	}
	req, err := ic.request(reqCtx, u, c)
	if err != nil {
		return 0, false, err
	}
	res, err := client.Do(req)
	if abort == abortEarly {
		if err == nil {
			res.Body.Close()
		}
		return 0, false, nil
	}
	if err != nil {
		return 0, false, err
	}
	defer res.Body.Close()
	if res.StatusCode != 200 {
		return 0, false, fmt.Errorf("GET %s: %s", u, res.Status)
	}
	gz := res.Header.Get("Content-Encoding") == "gzip"
	if abort == abortMid {
		// Go's client closes, not drains, a connection whose body is
		// closed unread: the server sees the client go mid-response.
		_, err := io.ReadFull(res.Body, buf[:1024])
		if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
			return 0, gz, err
		}
		return 0, gz, nil
	}
	n, err := io.CopyBuffer(io.Discard, res.Body, buf)
	return n, gz, err
}

// check reads the first pages of client 1's sequence whole and says how
// many features they hold: pages short of the limit are not a fair test.
func (ic *itemsConfig) check(ctx context.Context, client *http.Client, c *config, stdout io.Writer) error {
	const pages = 20
	b := newBboxes(1)
	var total, full, minN int
	var bytes int64
	for i := range pages {
		b.next() // client1's abort draw: keep step with its boxes
		u := ic.pageURL(b)
		n, size, err := ic.countFeatures(ctx, client, c, u)
		if err != nil {
			return fmt.Errorf("check: %w", err)
		}
		if i == 0 || n < minN {
			minN = n
		}
		total += n
		bytes += size
		if n == ic.limit {
			full++
		}
	}
	fmt.Fprintf(stdout, "check: %d pages, %.1f features a page (min %d), %d full, %.1f KB a page uncompressed\n",
		pages, float64(total)/pages, minN, full, float64(bytes)/pages/1024)
	if total == 0 {
		return errors.New("check: no features in any page: wrong URL, or an empty table?")
	}
	return nil
}

func (ic *itemsConfig) countFeatures(ctx context.Context, client *http.Client, c *config, u string) (int, int64, error) {
	req, err := http.NewRequestWithContext(ctx, "GET", u, nil)
	if err != nil {
		return 0, 0, err
	}
	req.Header.Set("Accept", "application/geo+json")
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	res, err := client.Do(req)
	if err != nil {
		return 0, 0, err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		return 0, 0, err
	}
	if res.StatusCode != 200 {
		return 0, 0, fmt.Errorf("GET %s: %s: %.200s", u, res.Status, body)
	}
	var page struct {
		Features []json.RawMessage `json:"features"`
	}
	if err := json.Unmarshal(body, &page); err != nil {
		return 0, 0, fmt.Errorf("GET %s: not a feature collection: %w", u, err)
	}
	return len(page.Features), int64(len(body)), nil
}

// probe asks for one page per client at once after the run: each must
// come back whole within the hang timeout.
func (ic *itemsConfig) probe(ctx context.Context, client *http.Client, c *config, stdout io.Writer) error {
	var wg sync.WaitGroup
	var failed atomic.Int32
	var worst atomic.Int64
	var first atomic.Value
	b := newBboxes(uint64(c.clients) + 1)
	start := time.Now()
	for range c.clients {
		u := ic.pageURL(b)
		wg.Add(1)
		go func() {
			defer wg.Done()
			t := time.Now()
			if _, _, err := ic.get1(ctx, client, c, u, make([]byte, 32<<10), abortNone, 0); err != nil {
				failed.Add(1)
				first.CompareAndSwap(nil, err)
				return
			}
			if d := int64(time.Since(t)); d > worst.Load() {
				worst.Store(d)
			}
		}()
	}
	wg.Wait()
	if n := failed.Load(); n > 0 {
		return fmt.Errorf("after the run, %d of %d pages asked at once failed within %s (first: %v): a hang?",
			n, c.clients, ic.hangTimeout, first.Load())
	}
	fmt.Fprintf(stdout, "after the run: %d pages at once, all whole, slowest %s, in %s\n", c.clients,
		time.Duration(worst.Load()).Round(time.Microsecond), time.Since(start).Round(time.Microsecond))
	return nil
}

func reportItems(w io.Writer, results []itemsResult, elapsed time.Duration) (int, error) {
	var all []time.Duration
	var bytes int64
	var gz, early, mid, failed int
	var firstFail error
	for _, r := range results {
		all = append(all, r.lat...)
		bytes += r.bytes
		gz += r.gzipped
		early += r.abortedEarly
		mid += r.abortedMid
		if r.failed > 0 && firstFail == nil {
			firstFail = r.firstFail
		}
		failed += r.failed
	}
	secs := elapsed.Seconds()
	if len(all) == 0 {
		fmt.Fprintf(w, "pages: none whole (%d aborted, %d failed)\n", early+mid, failed)
		return failed, firstFail
	}
	slices.Sort(all)
	fmt.Fprintf(w, "pages %8d whole %8.1f/s  p50 %8s  p90 %8s  p99 %8s  max %8s  %.1f MB/s  %d%% gzip\n",
		len(all), float64(len(all))/secs, pct(all, 50), pct(all, 90), pct(all, 99),
		all[len(all)-1].Round(time.Microsecond), float64(bytes)/secs/1e6, gz*100/len(all))
	fmt.Fprintf(w, "aborted %d early and %d mid-response (%.1f/s)  failed %d\n", early, mid, float64(early+mid)/secs, failed)
	return failed, firstFail
}

// parseBBoxSize reads "0.3x0.2": degrees of longitude by latitude.
func parseBBoxSize(s string) (float64, float64, error) {
	w, h, ok := strings.Cut(s, "x")
	var fw, fh float64
	if _, err := fmt.Sscan(w, &fw); !ok || err != nil {
		return 0, 0, fmt.Errorf("--bbox-size %q: want WIDTHxHEIGHT in degrees, such as 0.3x0.2", s)
	}
	if _, err := fmt.Sscan(h, &fh); err != nil || fw <= 0 || fh <= 0 || fw > 10 || fh > 10 {
		return 0, 0, fmt.Errorf("--bbox-size %q: want WIDTHxHEIGHT in degrees, such as 0.3x0.2", s)
	}
	return fw, fh, nil
}
