package metrics

import (
	"maps"
	"slices"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// cacheCollector reports the size of the in-memory copy of the register
// (internal/register) when scraped, reading it from the copy itself, so
// the package holding it need not know about Prometheus.
type cacheCollector struct {
	desc *prometheus.Desc
	mu   sync.Mutex
	held map[string]func() int
}

func newCacheCollector() *cacheCollector {
	return &cacheCollector{
		desc: prometheus.NewDesc("placetrust_cache_assets",
			"Assets held in memory by the copy of the register the vector tiles and analyses read (cache register), changed ones counted again until the copy is next read whole; 0 before it is first read.",
			[]string{"cache"}, nil),
		held: map[string]func() int{},
	}
}

func (c *cacheCollector) Describe(ch chan<- *prometheus.Desc) { ch <- c.desc }

func (c *cacheCollector) Collect(ch chan<- prometheus.Metric) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, name := range slices.Sorted(maps.Keys(c.held)) {
		ch <- prometheus.MustNewConstMetric(c.desc, prometheus.GaugeValue, float64(c.held[name]()), name)
	}
}

// WatchCache reports held, the number of assets the copy named name
// holds, in placetrust_cache_assets; held is called at every scrape, so
// it must be cheap and safe to call at any time. It returns the hook the
// copy calls when it has been brought up to date (full when read whole,
// otherwise patched), which feeds placetrust_cache_reload_duration_seconds.
// Watching a name again replaces its held.
func (m *Metrics) WatchCache(name string, held func() int) func(full bool, d time.Duration) {
	if m == nil {
		return nil
	}
	m.caches.mu.Lock()
	m.caches.held[name] = held
	m.caches.mu.Unlock()
	full, patch := m.reloads.WithLabelValues(name, "full"), m.reloads.WithLabelValues(name, "patch")
	return func(isFull bool, d time.Duration) {
		if isFull {
			full.Observe(d.Seconds())
		} else {
			patch.Observe(d.Seconds())
		}
	}
}
