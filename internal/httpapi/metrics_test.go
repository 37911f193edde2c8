package httpapi_test

import (
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus/testutil"
	dto "github.com/prometheus/client_model/go"

	"github.com/placetrust/placetrust/internal/httpapi"
	"github.com/placetrust/placetrust/internal/metrics"
)

// TestMetrics drives the real server and reads back what it counted:
// requests by route pattern (never the raw path), imports by outcome with
// their rows, and the copy of the register in memory.
func TestMetrics(t *testing.T) {
	m := metrics.New()
	ts := newTestServer(t, httpapi.Config{Metrics: m})
	a := ts.create(feature("county", "M-1", -2.2210, 52.1930))
	must(t, ts.do(req{Method: "GET", Path: "/api/v1/assets/" + itoa(a.ID), Token: "admin"}), 200)
	must(t, ts.do(req{Method: "GET", Path: "/api/v1/assets/999999", Token: "admin"}), 404)
	must(t, ts.do(req{Method: "GET", Path: "/api/v1/no/such/thing", Token: "admin"}), 404)
	must(t, ts.do(req{Method: "DELETE", Path: "/api/v1/trust", Token: "admin"}), 405)
	must(t, ts.do(req{Method: "GET", Path: tilePath(14), Token: "admin"}), 200)

	post := func(query, body string) *response {
		return ts.do(req{Method: "POST", Path: "/api/v1/imports?" + query, Token: "admin", Body: body,
			Header: map[string]string{"Content-Type": "text/csv"}})
	}
	type counts struct{ Inserted, Updated, Unchanged, Skipped, Errors int }
	var dry, done counts
	must(t, post("partner=county&dry_run=true", lgaCSV), 200).JSON(t, &dry)
	must(t, post("partner=county", lgaCSV), 200).JSON(t, &done)
	var refused struct{ Report counts }
	must(t, post("partner=county", lgaCSV+"County,,C-4,Off the globe,Worcester,,WGS84,-2.2,952.2,Freehold,Buildings\r\n"), 400).JSON(t, &refused)
	// Refused before any file is read: a bad request, not an import.
	must(t, post("partner=nobody", lgaCSV), 400)
	// The import changed the register: the copy is patched, and holds M-1
	// twice (as it was, and updated) until it is next read whole.
	must(t, ts.do(req{Method: "GET", Path: tilePath(14), Token: "admin"}), 200)

	expect := `
# HELP placetrust_http_requests_total HTTP requests answered, by method, route pattern (unmatched for none) and status code.
# TYPE placetrust_http_requests_total counter
placetrust_http_requests_total{code="200",method="GET",route="/api/v1/assets/:id"} 1
placetrust_http_requests_total{code="404",method="GET",route="/api/v1/assets/:id"} 1
placetrust_http_requests_total{code="404",method="GET",route="unmatched"} 1
placetrust_http_requests_total{code="405",method="DELETE",route="/api/v1/trust"} 1
placetrust_http_requests_total{code="200",method="GET",route="/tiles/assets/:z/:x/:y.mvt"} 2
placetrust_http_requests_total{code="201",method="POST",route="/api/v1/assets"} 1
placetrust_http_requests_total{code="200",method="POST",route="/api/v1/imports"} 2
placetrust_http_requests_total{code="400",method="POST",route="/api/v1/imports"} 2
# HELP placetrust_imports_total Imports through the API by outcome: committed, dry_run, refused (bad file or rows) or failed.
# TYPE placetrust_imports_total counter
placetrust_imports_total{outcome="committed"} 1
placetrust_imports_total{outcome="dry_run"} 1
placetrust_imports_total{outcome="failed"} 0
placetrust_imports_total{outcome="refused"} 1
# HELP placetrust_cache_assets Assets held in memory by the copy of the register the vector tiles and analyses read (cache register), changed ones counted again until the copy is next read whole; 0 before it is first read.
# TYPE placetrust_cache_assets gauge
placetrust_cache_assets{cache="register"} 3
`
	if err := testutil.GatherAndCompare(m.Gatherer(), strings.NewReader(expect),
		"placetrust_http_requests_total", "placetrust_imports_total", "placetrust_cache_assets"); err != nil {
		t.Error(err)
	}
	fams, err := m.Gatherer().Gather()
	if err != nil {
		t.Fatal(err)
	}
	rows := func(outcome string, c counts) map[string]float64 {
		return map[string]float64{outcome + "/inserted": float64(c.Inserted), outcome + "/updated": float64(c.Updated),
			outcome + "/unchanged": float64(c.Unchanged), outcome + "/skipped": float64(c.Skipped), outcome + "/error": float64(c.Errors)}
	}
	want := rows("dry_run", dry)
	for k, v := range rows("committed", done) {
		want[k] = v
	}
	for k, v := range rows("refused", refused.Report) {
		want[k] = v
	}
	// M-1's UPRN matches C-1's, so C-1 updates it.
	if done.Inserted != 1 || done.Updated != 1 || refused.Report.Errors == 0 {
		t.Fatalf("imports %+v, refused %+v", done, refused.Report)
	}
	for k, v := range want {
		outcome, result, _ := strings.Cut(k, "/")
		if got := sampleOf(fams, "placetrust_import_rows_total", "outcome", outcome, "result", result); got != v {
			t.Errorf("import rows %s: %v, want %v", k, got, v)
		}
	}
	for _, c := range []struct {
		name   string
		labels []string
		want   float64
	}{
		{"placetrust_http_request_duration_seconds", []string{"method", "GET", "route", "/api/v1/assets/:id"}, 2},
		{"placetrust_http_request_duration_seconds", []string{"method", "POST", "route", "/api/v1/imports"}, 4},
		{"placetrust_cache_reload_duration_seconds", []string{"cache", "register", "kind", "full"}, 1},
		{"placetrust_cache_reload_duration_seconds", []string{"cache", "register", "kind", "patch"}, 1},
	} {
		if got := sampleOf(fams, c.name, c.labels...); got != c.want {
			t.Errorf("%s%v: %v observations, want %v", c.name, c.labels, got, c.want)
		}
	}
}

// sampleOf is the value of the series of name with the labels given as
// name, value pairs (a histogram's count of observations), or -1 when
// there is none.
func sampleOf(fams []*dto.MetricFamily, name string, labels ...string) float64 {
	for _, f := range fams {
		if f.GetName() != name {
			continue
		}
	series:
		for _, m := range f.GetMetric() {
			for i := 0; i < len(labels); i += 2 {
				found := false
				for _, l := range m.GetLabel() {
					found = found || (l.GetName() == labels[i] && l.GetValue() == labels[i+1])
				}
				if !found {
					continue series
				}
			}
			switch {
			case m.Counter != nil:
				return m.Counter.GetValue()
			case m.Gauge != nil:
				return m.Gauge.GetValue()
			case m.Histogram != nil:
				return float64(m.Histogram.GetSampleCount())
			}
			return m.GetUntyped().GetValue()
		}
	}
	return -1
}
