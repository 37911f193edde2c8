package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"

	"github.com/placetrust/placetrust/internal/httpapi"
	"github.com/placetrust/placetrust/internal/metrics"
	"github.com/placetrust/placetrust/internal/sqlite"
)

// watch points the metrics at the database's pools; the server watches
// the copy of the register it is given. Nil m (no --metrics-addr)
// watches nothing.
func watch(m *metrics.Metrics, db *sqlite.DB) {
	if m == nil {
		return
	}
	m.WatchPool("read", db.ReaderStats)
	m.WatchPool("write", db.WriterStats)
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
