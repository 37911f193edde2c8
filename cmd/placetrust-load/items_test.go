package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// pageServer answers items requests with a page of as many features as
// the limit asks; after hangAfter requests (0: never) it stops answering,
// as a server whose pool is held by abandoned queries would.
func pageServer(t *testing.T, hangAfter int64) (*httptest.Server, *atomic.Int64, *atomic.Int64) {
	var served, gzipped atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		n, err := strconv.Atoi(q.Get("limit"))
		if r.URL.Path != "/collections/a/items" || err != nil || len(strings.Split(q.Get("bbox"), ",")) != 4 {
			http.Error(w, "bad request "+r.URL.String(), 400)
			return
		}
		if hangAfter > 0 && served.Add(1) > hangAfter {
			<-r.Context().Done()
			return
		}
		var b bytes.Buffer
		b.WriteString(`{"type":"FeatureCollection","features":[`)
		for i := range n {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `{"type":"Feature","id":%d,"geometry":{"type":"Point","coordinates":[-1.5,52.1]},"properties":{"name":"Library %d"}}`, i+1, i)
		}
		b.WriteString("]}")
		w.Header().Set("Content-Type", "application/geo+json")
		if r.Header.Get("Accept-Encoding") == "gzip" {
			gzipped.Add(1)
			w.Header().Set("Content-Encoding", "gzip")
			zw := gzip.NewWriter(w)
			zw.Write(b.Bytes())
			zw.Close()
			return
		}
		w.Write(b.Bytes())
	}))
	t.Cleanup(srv.Close)
	return srv, &served, &gzipped
}

func TestItemsModeDrivesAnyServer(t *testing.T) {
	srv, _, gzipped := pageServer(t, 0)
	var out bytes.Buffer
	err := run(context.Background(), []string{"--items", srv.URL + "/collections/a/items", "--clients", "2",
		"--duration", "600ms", "--limit", "300", "--gzip", "--abort", "50", "--hang-timeout", "5s"}, &out)
	if err != nil {
		t.Fatalf("%v\n%s", err, &out)
	}
	for _, want := range []string{"check: 20 pages, 300.0 features a page (min 300), 20 full",
		"100% gzip", "after the run: 2 pages at once, all whole"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, &out)
		}
	}
	if gzipped.Load() == 0 {
		t.Error("--gzip asked for no gzip")
	}
	if !strings.Contains(out.String(), "aborted ") || strings.Contains(out.String(), "aborted 0 early and 0 mid") {
		t.Errorf("--abort 50 dropped no request:\n%s", &out)
	}
}

func TestItemsModeReportsAHang(t *testing.T) {
	srv, _, _ := pageServer(t, 25) // the check's 20 pages, then a few
	var out bytes.Buffer
	start := time.Now()
	err := run(context.Background(), []string{"--items", srv.URL + "/collections/a/items", "--clients", "2",
		"--duration", "300ms", "--limit", "10", "--hang-timeout", "200ms"}, &out)
	if err == nil || !strings.Contains(err.Error(), "failed") {
		t.Fatalf("a server that stopped answering was not reported: %v\n%s", err, &out)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("the harness itself hung for %s", d)
	}
}

func TestItemsModeRefusesOtherHostsAndQueries(t *testing.T) {
	for _, args := range [][]string{
		{"--items", "http://10.0.0.1:9000/collections/a/items"},
		{"--items", "http://127.0.0.1:9000/collections/a/items?limit=5"},
		{"--items", "http://127.0.0.1:9000/collections/a/items", "--bbox-size", "0.3"},
		{"--items", "http://127.0.0.1:9000/collections/a/items", "--abort", "101"},
	} {
		if err := run(context.Background(), args, new(bytes.Buffer)); err == nil {
			t.Errorf("%v: accepted", args)
		}
	}
}

// An early abort must reach the server while it is still working on the
// request, as a client closing its map mid-query would.
func TestItemsModeAbortsWhileTheServerWorks(t *testing.T) {
	var cancelled, answered atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
			cancelled.Add(1)
			return
		case <-time.After(15 * time.Millisecond):
		}
		answered.Add(1)
		w.Write([]byte(`{"type":"FeatureCollection","features":[{"type":"Feature"}]}`))
	}))
	defer srv.Close()
	var out bytes.Buffer
	if err := run(context.Background(), []string{"--items", srv.URL + "/items", "--clients", "2",
		"--duration", "500ms", "--abort", "100"}, &out); err != nil {
		t.Fatalf("%v\n%s", err, &out)
	}
	if cancelled.Load() == 0 || answered.Load() == 0 {
		t.Errorf("%d requests cancelled while the server worked, %d answered:\n%s", cancelled.Load(), answered.Load(), &out)
	}
}

// --abort-at-end drops the requests under way when the run ends; without
// it they finish, so a run's end aborts nobody.
func TestItemsModeAbortAtEnd(t *testing.T) {
	for _, atEnd := range []bool{false, true} {
		var cancelled, slow atomic.Int64
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if slow.Load() == 1 {
				select {
				case <-r.Context().Done():
					cancelled.Add(1)
					return
				case <-time.After(300 * time.Millisecond):
				}
			}
			w.Write([]byte(`{"type":"FeatureCollection","features":[{"type":"Feature"}]}`))
		}))
		go func() { time.Sleep(100 * time.Millisecond); slow.Store(1) }()
		args := []string{"--items", srv.URL + "/items", "--clients", "2", "--duration", "200ms"}
		if atEnd {
			args = append(args, "--abort-at-end")
		}
		var out bytes.Buffer
		if err := run(context.Background(), args, &out); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, &out)
		}
		srv.Close()
		if got := cancelled.Load() > 0; got != atEnd {
			t.Errorf("--abort-at-end %v: %d requests cancelled\n%s", atEnd, cancelled.Load(), &out)
		}
	}
}
