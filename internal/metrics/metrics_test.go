package metrics_test

import (
	"bytes"
	"context"
	"database/sql"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/prometheus/common/expfmt"
	_ "modernc.org/sqlite"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/metrics"
)

// TestPoolsAsStandardCollector: the pools' metrics read through a
// function come out as client_golang's own DBStatsCollector writes them
// from the *sql.DB, so its dashboards work.
func TestPoolsAsStandardCollector(t *testing.T) {
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(3)
	if err := db.Ping(); err != nil {
		t.Fatal(err)
	}
	std := prometheus.NewRegistry()
	std.MustRegister(collectors.NewDBStatsCollector(db, "read"))
	m := metrics.New()
	m.WatchPool("read", db.Stats)
	want, got := textOf(t, std, "go_sql_"), textOf(t, m.Gatherer(), "go_sql_")
	if got != want || !strings.Contains(got, `go_sql_max_open_connections{db_name="read"} 3`) {
		t.Errorf("pools:\n%s\nwant, as client_golang writes them:\n%s", got, want)
	}
}

// textOf is the text exposition of g's families whose names start with
// prefix.
func textOf(t *testing.T, g prometheus.Gatherer, prefix string) string {
	t.Helper()
	fams, err := g.Gather()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	for _, f := range fams {
		if strings.HasPrefix(f.GetName(), prefix) {
			if _, err := expfmt.MetricFamilyToText(&b, f); err != nil {
				t.Fatal(err)
			}
		}
	}
	return b.String()
}

// TestObserve checks the label values a client cannot inflate, the import
// rows, and the caches read at scrape time.
func TestObserve(t *testing.T) {
	m := metrics.New()
	m.ObserveRequest("GET", "/api/v1/assets/:id", 200, time.Millisecond)
	m.ObserveRequest("BREW", metrics.Unmatched, 405, time.Millisecond)
	m.ObserveRequest("brew", metrics.Unmatched, 405, time.Millisecond)
	m.ObserveImport(metrics.ImportCommitted, &estate.ImportReport{Inserted: 5, Updated: 2, Skipped: 1})
	m.ObserveImport(metrics.ImportFailed, nil)
	held := 7
	reloaded := m.WatchCache("register", func() int { return held })
	reloaded(true, 2*time.Second)
	reloaded(false, time.Millisecond)
	held = 9

	expect := `
# HELP placetrust_http_requests_total HTTP requests answered, by method, route pattern (unmatched for none) and status code.
# TYPE placetrust_http_requests_total counter
placetrust_http_requests_total{code="200",method="GET",route="/api/v1/assets/:id"} 1
placetrust_http_requests_total{code="405",method="other",route="unmatched"} 2
# HELP placetrust_imports_total Imports through the API by outcome: committed, dry_run, refused (bad file or rows) or failed.
# TYPE placetrust_imports_total counter
placetrust_imports_total{outcome="committed"} 1
placetrust_imports_total{outcome="dry_run"} 0
placetrust_imports_total{outcome="failed"} 1
placetrust_imports_total{outcome="refused"} 0
# HELP placetrust_cache_assets Assets held in memory by the copy of the register the vector tiles and analyses read (cache register), changed ones counted again until the copy is next read whole; 0 before it is first read.
# TYPE placetrust_cache_assets gauge
placetrust_cache_assets{cache="register"} 9
`
	if err := testutil.GatherAndCompare(m.Gatherer(), strings.NewReader(expect),
		"placetrust_http_requests_total", "placetrust_imports_total", "placetrust_cache_assets"); err != nil {
		t.Error(err)
	}
	rows := textOf(t, m.Gatherer(), "placetrust_import_rows_total")
	for _, line := range []string{
		`placetrust_import_rows_total{outcome="committed",result="error"} 0`,
		`placetrust_import_rows_total{outcome="committed",result="inserted"} 5`,
		`placetrust_import_rows_total{outcome="committed",result="skipped"} 1`,
		`placetrust_import_rows_total{outcome="committed",result="unchanged"} 0`,
		`placetrust_import_rows_total{outcome="committed",result="updated"} 2`,
		`placetrust_import_rows_total{outcome="failed",result="inserted"} 0`,
	} {
		if !strings.Contains(rows, line+"\n") {
			t.Errorf("import rows lack %q:\n%s", line, rows)
		}
	}
	for kind, want := range map[string]string{"full": "2", "patch": "0.001"} {
		line := `placetrust_cache_reload_duration_seconds_sum{cache="register",kind="` + kind + `"} ` + want + "\n"
		if text := textOf(t, m.Gatherer(), "placetrust_cache_reload"); !strings.Contains(text, line) {
			t.Errorf("reloads lack %q:\n%s", line, text)
		}
	}
	if n, err := testutil.GatherAndCount(m.Gatherer(), "go_goroutines"); err != nil || n != 1 {
		t.Errorf("go_goroutines: %d series, %v", n, err)
	}
}

// TestNilRecordsNothing: a server without metrics calls the same methods.
func TestNilRecordsNothing(t *testing.T) {
	var m *metrics.Metrics
	m.ObserveRequest("GET", "/healthz", 200, time.Millisecond)
	m.ObserveImport(metrics.ImportCommitted, &estate.ImportReport{})
	m.WatchPool("read", func() sql.DBStats { return sql.DBStats{} })
	if hook := m.WatchCache("register", func() int { return 0 }); hook != nil {
		t.Error("a nil Metrics returned a reload hook")
	}
}

// TestServe: /metrics is served, nothing else is, and the listener
// closes when the context ends.
func TestServe(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	m := metrics.New()
	m.ObserveRequest("GET", "/healthz", 200, time.Millisecond)
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() { errc <- m.Serve(ctx, ln, nil) }()
	base := "http://" + ln.Addr().String()
	res, err := http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(string(body), `placetrust_http_requests_total{code="200",method="GET",route="/healthz"} 1`) {
		t.Errorf("/metrics: %d\n%s", res.StatusCode, body)
	}
	for _, r := range []struct{ method, path string }{{"GET", "/"}, {"GET", "/api/v1/assets"}, {"POST", "/metrics"}} {
		hr, _ := http.NewRequest(r.method, base+r.path, nil)
		res, err := http.DefaultClient.Do(hr)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode == 200 {
			t.Errorf("%s %s: 200", r.method, r.path)
		}
	}
	cancel()
	select {
	case err := <-errc:
		if err != nil {
			t.Errorf("serve: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop")
	}
	if _, err := http.Get(base + "/metrics"); err == nil {
		t.Error("still serving after the context ended")
	}
}

// BenchmarkObserveRequest is the cost the metrics add to each request.
func BenchmarkObserveRequest(b *testing.B) {
	m := metrics.New()
	b.ReportAllocs()
	for b.Loop() {
		m.ObserveRequest("GET", "/ogc/collections/assets/items", 200, 10*time.Millisecond)
	}
}
