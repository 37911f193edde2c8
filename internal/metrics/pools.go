package metrics

import (
	"database/sql"
	"maps"
	"slices"
	"sync"

	"github.com/prometheus/client_golang/prometheus"
)

// poolCollector reports database/sql pool statistics under the names and
// help of client_golang's collectors.NewDBStatsCollector, so dashboards
// made for it work, but reads them through a function: the store keeps
// its *sql.DB pools to itself.
type poolCollector struct {
	mu    sync.Mutex
	stats map[string]func() sql.DBStats

	maxOpen, open, inUse, idle, waitCount, waitDuration,
	maxIdleClosed, maxIdleTimeClosed, maxLifetimeClosed *prometheus.Desc
}

func newPoolCollector() *poolCollector {
	desc := func(name, help string) *prometheus.Desc {
		return prometheus.NewDesc("go_sql_"+name, help, []string{"db_name"}, nil)
	}
	return &poolCollector{
		stats:             map[string]func() sql.DBStats{},
		maxOpen:           desc("max_open_connections", "Maximum number of open connections to the database."),
		open:              desc("open_connections", "The number of established connections both in use and idle."),
		inUse:             desc("in_use_connections", "The number of connections currently in use."),
		idle:              desc("idle_connections", "The number of idle connections."),
		waitCount:         desc("wait_count_total", "The total number of connections waited for."),
		waitDuration:      desc("wait_duration_seconds_total", "The total time blocked waiting for a new connection."),
		maxIdleClosed:     desc("max_idle_closed_total", "The total number of connections closed due to SetMaxIdleConns."),
		maxIdleTimeClosed: desc("max_idle_time_closed_total", "The total number of connections closed due to SetConnMaxIdleTime."),
		maxLifetimeClosed: desc("max_lifetime_closed_total", "The total number of connections closed due to SetConnMaxLifetime."),
	}
}

func (c *poolCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{c.maxOpen, c.open, c.inUse, c.idle, c.waitCount, c.waitDuration,
		c.maxIdleClosed, c.maxIdleTimeClosed, c.maxLifetimeClosed} {
		ch <- d
	}
}

func (c *poolCollector) Collect(ch chan<- prometheus.Metric) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, name := range slices.Sorted(maps.Keys(c.stats)) {
		s := c.stats[name]()
		gauge := func(d *prometheus.Desc, v float64) {
			ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, v, name)
		}
		counter := func(d *prometheus.Desc, v float64) {
			ch <- prometheus.MustNewConstMetric(d, prometheus.CounterValue, v, name)
		}
		gauge(c.maxOpen, float64(s.MaxOpenConnections))
		gauge(c.open, float64(s.OpenConnections))
		gauge(c.inUse, float64(s.InUse))
		gauge(c.idle, float64(s.Idle))
		counter(c.waitCount, float64(s.WaitCount))
		counter(c.waitDuration, s.WaitDuration.Seconds())
		counter(c.maxIdleClosed, float64(s.MaxIdleClosed))
		counter(c.maxIdleTimeClosed, float64(s.MaxIdleTimeClosed))
		counter(c.maxLifetimeClosed, float64(s.MaxLifetimeClosed))
	}
}

// WatchPool reports the statistics of the connection pool named name
// (its db_name label) in the go_sql_* metrics; stats is called at every
// scrape. Watching a name again replaces its stats.
func (m *Metrics) WatchPool(name string, stats func() sql.DBStats) {
	if m == nil {
		return
	}
	m.pools.mu.Lock()
	defer m.pools.mu.Unlock()
	m.pools.stats[name] = stats
}
