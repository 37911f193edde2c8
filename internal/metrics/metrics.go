// Package metrics is placetrust's Prometheus instrumentation: one registry
// per server holding its requests, imports, in-memory copies of the
// register, SQLite pools and Go runtime, served on a listener of its own
// (Serve) so that operators can scrape it without a token and the public
// never can.
package metrics

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/placetrust/placetrust/internal/estate"
)

// Metrics holds one server's registry and the metrics written as it
// works. A nil *Metrics is valid and records nothing, so a server run
// without --metrics-addr pays for nothing but a nil check.
type Metrics struct {
	reg        *prometheus.Registry
	requests   *prometheus.CounterVec
	latency    *prometheus.HistogramVec
	imports    *prometheus.CounterVec
	importRows *prometheus.CounterVec
	reloads    *prometheus.HistogramVec
	caches     *cacheCollector
	pools      *poolCollector
}

// Unmatched is the route label of requests no route answered: the raw
// path is never a label, so odd URLs cannot grow the series without bound.
const Unmatched = "unmatched"

// Import outcomes, the outcome label of placetrust_imports_total.
const (
	ImportCommitted = "committed" // written
	ImportDryRun    = "dry_run"   // reported, nothing written
	ImportRefused   = "refused"   // the file or its rows were wrong: nothing written
	ImportFailed    = "failed"    // the server failed or the client left: nothing written
)

// requestBuckets run from half a millisecond (a cached tile) to ten
// seconds (a national export's first bytes, a cold analysis).
var requestBuckets = []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}

// reloadBuckets run from a patch of a few changed assets (about a
// millisecond) to a full read of a national register (tens of seconds).
var reloadBuckets = []float64{.001, .005, .01, .05, .1, .5, 1, 2.5, 5, 10, 30, 60}

// New returns metrics in a registry of their own, with Go's runtime and
// process collectors.
func New() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "placetrust_http_requests_total",
			Help: "HTTP requests answered, by method, route pattern (unmatched for none) and status code.",
		}, []string{"method", "route", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "placetrust_http_request_duration_seconds",
			Help:    "Time to answer HTTP requests, by method and route pattern.",
			Buckets: requestBuckets,
		}, []string{"method", "route"}),
		imports: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "placetrust_imports_total",
			Help: "Imports through the API by outcome: committed, dry_run, refused (bad file or rows) or failed.",
		}, []string{"outcome"}),
		importRows: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "placetrust_import_rows_total",
			Help: "Rows of API imports by the import's outcome and the row's result: inserted, updated, unchanged, skipped or error.",
		}, []string{"outcome", "result"}),
		reloads: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "placetrust_cache_reload_duration_seconds",
			Help:    "Time to bring an in-memory copy of the register up to date, by cache and kind: full (read whole) or patch.",
			Buckets: reloadBuckets,
		}, []string{"cache", "kind"}),
		caches: newCacheCollector(),
		pools:  newPoolCollector(),
	}
	m.reg.MustRegister(m.requests, m.latency, m.imports, m.importRows, m.reloads, m.caches, m.pools,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	// Every outcome is there from the start, at zero, so a rate over them
	// works before the first import of each kind.
	for _, o := range []string{ImportCommitted, ImportDryRun, ImportRefused, ImportFailed} {
		m.imports.WithLabelValues(o)
		for _, r := range rowResults {
			m.importRows.WithLabelValues(o, r)
		}
	}
	return m
}

// Gatherer returns the registry, for tests and for serving elsewhere.
func (m *Metrics) Gatherer() prometheus.Gatherer { return m.reg }

// Handler serves the registry in Prometheus's text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

// methods are the label values a method may take; any other, which a
// client can make up freely, counts as "other".
var methods = map[string]string{
	http.MethodGet: http.MethodGet, http.MethodHead: http.MethodHead, http.MethodPost: http.MethodPost,
	http.MethodPut: http.MethodPut, http.MethodPatch: http.MethodPatch, http.MethodDelete: http.MethodDelete,
	http.MethodOptions: http.MethodOptions,
}

// ObserveRequest counts one answered request and its time. route must be
// a route pattern or Unmatched, never a request's path.
func (m *Metrics) ObserveRequest(method, route string, status int, d time.Duration) {
	if m == nil {
		return
	}
	if method = methods[method]; method == "" {
		method = "other"
	}
	m.requests.WithLabelValues(method, route, strconv.Itoa(status)).Inc()
	m.latency.WithLabelValues(method, route).Observe(d.Seconds())
}

var rowResults = []string{"inserted", "updated", "unchanged", "skipped", "error"}

// ObserveImport counts one import with the given outcome and, when it
// has a report (a refused import may have one, cut short), its rows.
func (m *Metrics) ObserveImport(outcome string, rep *estate.ImportReport) {
	if m == nil {
		return
	}
	m.imports.WithLabelValues(outcome).Inc()
	if rep == nil {
		return
	}
	for i, n := range []int{rep.Inserted, rep.Updated, rep.Unchanged, rep.Skipped, rep.Errors} {
		m.importRows.WithLabelValues(outcome, rowResults[i]).Add(float64(n))
	}
}

// Serve answers GET /metrics on ln, and 404 to everything else, until
// ctx is done; then it shuts down, giving a scrape in flight five
// seconds. log receives the HTTP server's errors; nil discards them.
func (m *Metrics) Serve(ctx context.Context, ln net.Listener, log *slog.Logger) error {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", m.Handler())
	hs := &http.Server{
		Handler:           mux,
		ReadHeaderTimeout: 10 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("metrics: serve: %w", err)
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("metrics: shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("metrics: serve: %w", err)
	}
	return nil
}
