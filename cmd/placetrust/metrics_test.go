package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

var metricsRE = regexp.MustCompile(`metrics on (http://[0-9.:]+/metrics)`)

// TestServeMetrics runs serve with --metrics-addr (from its environment
// variable) as an operator would, uses the API, and scrapes the metrics
// listener: requests by route pattern, imports, the copies of the
// register, the SQLite pools and Go's runtime, with their values.
func TestServeMetrics(t *testing.T) {
	db := filepath.Join(t.TempDir(), "metrics.db")
	token := strings.TrimSpace(cliOK(t, db)("token", "create", "--name", "ops", "--role", "admin"))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out, logs := &syncBuffer{}, &syncBuffer{}
	errc := make(chan error, 1)
	go func() {
		errc <- run(ctx, []string{"serve"}, env(map[string]string{"PLACETRUST_DB": db,
			"PLACETRUST_ADDR": "127.0.0.1:0", "PLACETRUST_METRICS_ADDR": "127.0.0.1:0"}), out, logs)
	}()
	base := waitListening(t, out)
	for deadline := time.Now().Add(30 * time.Second); !strings.Contains(logs.String(), "caches warmed"); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("no warm-up logged:\n%s", logs.String())
		}
	}
	m := metricsRE.FindStringSubmatch(out.String())
	if m == nil {
		t.Fatalf("no metrics address printed:\n%s", out.String())
	}
	scrapeURL := m[1]

	if s := call(t, "POST", base+"/api/v1/partners", token, map[string]string{"id": "trafford", "name": "Trafford Council",
		"kind": "unitary_council"}, nil, nil); s != 201 {
		t.Fatalf("create partner: %d", s)
	}
	csv, err := os.ReadFile(traffordFile)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"&dry_run=true", ""} {
		if s := post(t, base+"/api/v1/imports?partner=trafford"+q, token, csv); s != 200 {
			t.Fatalf("import%s: %d", q, s)
		}
	}
	var page struct{ Features []struct{ ID int64 } }
	if s := call(t, "GET", base+"/api/v1/assets?partner=trafford&limit=1", token, nil, nil, &page); s != 200 || len(page.Features) != 1 {
		t.Fatalf("list: %d %v", s, page)
	}
	asset := fmt.Sprintf("/api/v1/assets/%d", page.Features[0].ID)
	for path, want := range map[string]int{
		asset:                     200,
		"/api/v1/assets/99999999": 404,
		"/api/v1/nowhere":         404,
		"/tiles/assets/0/0/0.mvt": 200, // brings the copy of the register up to date
		"/api/v1/trust":           200, // which the analyses read too
		"/metrics":                404, // never on the API's listener
	} {
		if s := call(t, "GET", base+path, token, nil, nil, nil); s != want {
			t.Errorf("GET %s: %d, want %d", path, s, want)
		}
	}

	fams := scrape(t, scrapeURL)
	for _, c := range []struct {
		name   string
		labels string
		want   float64
	}{
		{"placetrust_http_requests_total", `method=GET route=/api/v1/assets/:id code=200`, 1},
		{"placetrust_http_requests_total", `method=GET route=/api/v1/assets/:id code=404`, 1},
		{"placetrust_http_requests_total", `method=GET route=unmatched code=404`, 1},
		{"placetrust_http_requests_total", `method=POST route=/api/v1/imports code=200`, 2},
		{"placetrust_http_requests_total", `method=GET route=/* code=404`, 1}, // /metrics, answered by the map's files
		{"placetrust_http_request_duration_seconds", `method=GET route=/api/v1/assets/:id`, 2},
		{"placetrust_imports_total", `outcome=committed`, 1},
		{"placetrust_imports_total", `outcome=dry_run`, 1},
		{"placetrust_imports_total", `outcome=refused`, 0},
		{"placetrust_import_rows_total", `outcome=committed result=inserted`, 373},
		{"placetrust_import_rows_total", `outcome=committed result=skipped`, 235},
		{"placetrust_import_rows_total", `outcome=dry_run result=inserted`, 373},
		{"placetrust_cache_assets", `cache=register`, 373},
		{"placetrust_cache_reload_duration_seconds", `cache=register kind=full`, 1}, // the warm-up, of no assets
		{"go_sql_max_open_connections", `db_name=write`, 1},
	} {
		if got, ok := value(fams, c.name, c.labels); !ok || got != c.want {
			t.Errorf("%s{%s} = %v (found %v), want %v", c.name, c.labels, got, ok, c.want)
		}
	}
	// The import changed the copy: it was patched or read again once
	// more, for the tiles and the trust view together.
	for _, cache := range []string{"register"} {
		patched, _ := value(fams, "placetrust_cache_reload_duration_seconds", "cache="+cache+" kind=patch")
		full, _ := value(fams, "placetrust_cache_reload_duration_seconds", "cache="+cache+" kind=full")
		if patched+full != 2 {
			t.Errorf("%s reloaded %v times in full and patched %v, want 2 in all", cache, full, patched)
		}
	}
	for _, c := range []struct{ name, labels string }{
		{"go_goroutines", ""}, {"go_sql_max_open_connections", "db_name=read"}, {"go_sql_open_connections", "db_name=read"},
	} {
		if got, ok := value(fams, c.name, c.labels); !ok || got < 1 {
			t.Errorf("%s{%s} = %v (found %v), want at least 1", c.name, c.labels, got, ok)
		}
	}
	if _, ok := value(fams, "go_sql_wait_count_total", "db_name=write"); !ok {
		t.Error("no go_sql_wait_count_total for the writer")
	}

	stopServe(t, cancel, errc)
	if res, err := http.Get(scrapeURL); err == nil {
		res.Body.Close()
		t.Error("metrics still served after serve stopped")
	}
}

// post sends body as a CSV file and returns the status.
func post(t *testing.T, url, token string, body []byte) int {
	t.Helper()
	req, err := http.NewRequest("POST", url, strings.NewReader(string(body)))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "text/csv")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	_, _ = io.Copy(io.Discard, res.Body)
	return res.StatusCode
}

// scrape reads the metrics in Prometheus's text format, as Prometheus
// would, with no token.
func scrape(t *testing.T, url string) map[string]*dto.MetricFamily {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("scrape: %d", res.StatusCode)
	}
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(res.Body)
	if err != nil {
		t.Fatalf("scrape: %v", err)
	}
	return fams
}

// value is the value of the series of name with labels (name=value pairs
// separated by spaces; a histogram's count of observations), and whether
// there is one.
func value(fams map[string]*dto.MetricFamily, name, labels string) (float64, bool) {
	want := map[string]string{}
	for _, kv := range strings.Fields(labels) {
		k, v, _ := strings.Cut(kv, "=")
		want[k] = v
	}
	f := fams[name]
	if f == nil {
		return 0, false
	}
series:
	for _, m := range f.GetMetric() {
		matched := 0
		for _, l := range m.GetLabel() {
			if v, ok := want[l.GetName()]; ok {
				if v != l.GetValue() {
					continue series
				}
				matched++
			}
		}
		if matched != len(want) {
			continue
		}
		switch {
		case m.Counter != nil:
			return m.Counter.GetValue(), true
		case m.Gauge != nil:
			return m.Gauge.GetValue(), true
		case m.Histogram != nil:
			return float64(m.Histogram.GetSampleCount()), true
		}
		return m.GetUntyped().GetValue(), true
	}
	return 0, false
}
