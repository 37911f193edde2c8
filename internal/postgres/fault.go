package postgres

import (
	"context"
	"errors"
	"io"
	"net"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/placetrust/placetrust/internal/service"
)

var _ service.FaultStore = (*DB)(nil)

// probeTimeout bounds the ping Unavailable makes for an error that does
// not say what it is.
const probeTimeout = time.Second

// Unavailable reports whether err means the database cannot be reached
// for now: a connection refused, reset or lost, the server shutting
// down, crashed or starting (SQLSTATE class 08, 57P01-57P03), too many
// connections (53300). The pool reconnects by itself on the next use once
// the database is back. An error whose chain does not say (one reduced to
// its text) counts when the database does not answer a ping made now.
// A cancelled request, a timeout of the caller's, and every error the
// database answered with (a constraint, a bad statement) are not.
func (db *DB) Unavailable(err error) bool {
	switch {
	case err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded):
		return false
	case lostConnection(err):
		return true
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return false // the database answered
	}
	ctx, cancel := context.WithTimeout(context.Background(), probeTimeout)
	defer cancel()
	return db.pool.Ping(ctx) != nil
}

// lostConnection says whether err's chain shows the database unreachable.
func lostConnection(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch {
		case strings.HasPrefix(pe.Code, "08"), pe.Code == "57P01", pe.Code == "57P02", pe.Code == "57P03", pe.Code == "53300":
			return true
		}
		return false
	}
	var ce *pgconn.ConnectError
	var ne net.Error
	return errors.As(err, &ce) || errors.As(err, &ne) || pgconn.SafeToRetry(err) ||
		errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, net.ErrClosed) ||
		errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE)
}
