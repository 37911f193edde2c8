package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/placetrust/placetrust/internal/httpapi"
	"github.com/placetrust/placetrust/internal/metrics"
)

// watch points the metrics at the store's connection pools, whichever
// it has: SQLite's reader pool and one writer, or PostgreSQL's one pool.
// The server watches the copy of the register it is given. Nil m (no
// --metrics-addr) watches nothing.
func watch(m *metrics.Metrics, st store) {
	if m == nil {
		return
	}
	switch db := st.(type) {
	case sqlitePools:
		m.WatchPool("read", db.ReaderStats)
		m.WatchPool("write", db.WriterStats)
	case pgPool:
		m.WatchPool("postgres", func() sql.DBStats { return poolStats(db.Pool()) })
	}
}

// sqlitePools is the SQLite store's capability of showing its pools.
type sqlitePools interface {
	ReaderStats() sql.DBStats
	WriterStats() sql.DBStats
}

// pgPool is the PostgreSQL store's capability of showing its pool.
type pgPool interface{ Pool() *pgxpool.Stat }

// poolStats reads a pgx pool's figures as database/sql's, so one set of
// go_sql_* metrics (and dashboards) serves both engines: a wait is an
// acquire that found no idle connection, and its time is how long it
// waited for one.
func poolStats(s *pgxpool.Stat) sql.DBStats {
	return sql.DBStats{
		MaxOpenConnections: int(s.MaxConns()),
		OpenConnections:    int(s.TotalConns()),
		InUse:              int(s.AcquiredConns()),
		Idle:               int(s.IdleConns()),
		WaitCount:          s.EmptyAcquireCount(),
		WaitDuration:       s.EmptyAcquireWaitTime(),
		MaxIdleTimeClosed:  s.MaxIdleDestroyCount(),
		MaxLifetimeClosed:  s.MaxLifetimeDestroyCount(),
	}
}

// serveAll serves the API on ln and, with m, the metrics on mln, until
// ctx is done. Either failing stops both: a service whose metrics have
// gone would look dead to its monitoring while still answering.
func serveAll(ctx context.Context, srv *httpapi.Server, ln net.Listener, m *metrics.Metrics, mln net.Listener,
	log *slog.Logger, stdout io.Writer) error {
	if m == nil {
		return srv.Serve(ctx, ln)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	fmt.Fprintf(stdout, "metrics on http://%s/metrics\n", mln.Addr())
	log.Info("serving metrics", "addr", mln.Addr().String())
	merrc := make(chan error, 1)
	go func() {
		err := m.Serve(ctx, mln, log)
		cancel()
		merrc <- err
	}()
	err := srv.Serve(ctx, ln)
	cancel()
	return errors.Join(err, <-merrc)
}
