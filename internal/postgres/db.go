// Package postgres is placetrust's store on PostgreSQL 15+ with PostGIS 3:
// several servers over one database, writes that take row locks only, and
// the same meaning as the embedded sqlite store (the conformance suite,
// internal/storetest, holds both to service.Store). It persists and
// queries what the services decided; the rules are theirs.
package postgres

import (
	"context"
	"errors"
	"fmt"
	"net"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// DB is an open placetrust database on PostgreSQL: a pool of connections
// shared by readers and writers, who wait for each other only on the
// rows they both change.
type DB struct {
	pool *pgxpool.Pool
	// where names the database for errors and logs: host, port and
	// database, never the password.
	where string
	// memo remembers counts and extents until the register changes.
	memo versionCache

	// Now is the clock of the writes the store stamps itself (saved import
	// mappings, imports); tests replace it for exact times.
	Now func() time.Time
}

// Open connects to the database at dsn (a postgres:// URL or key=value
// string), brings its schema up to date and returns the store. It refuses
// a database whose schema is newer than this binary. Its errors name the
// host, port and database, never the password.
func Open(ctx context.Context, dsn string) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		// The parse error's own text quotes the string; its cause does not.
		if cause := errors.Unwrap(err); cause != nil {
			return nil, fmt.Errorf("postgres: the database address is not valid: %v", cause)
		}
		return nil, errors.New("postgres: the database address is not valid")
	}
	where := describe(cfg.ConnConfig)
	cfg.MaxConns = int32(max(8, 4*runtime.GOMAXPROCS(0)))
	cfg.MaxConnIdleTime = 5 * time.Minute
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres: open %s: %s", where, safeError(err, cfg.ConnConfig.Password))
	}
	db := &DB{pool: pool, where: where, Now: func() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }}
	if err := db.migrate(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	return db, nil
}

// describe names the database cfg reaches: "database D on host:port".
func describe(cfg *pgx.ConnConfig) string {
	addr := net.JoinHostPort(cfg.Host, strconv.Itoa(int(cfg.Port)))
	if strings.HasPrefix(cfg.Host, "/") {
		addr = cfg.Host // a Unix socket's folder
	}
	return fmt.Sprintf("database %q on %s", cfg.Database, addr)
}

// safeError is err's message with the password masked wherever it shows,
// for errors of connecting, whose causes may quote what they were given.
func safeError(err error, password string) string {
	msg := err.Error()
	if password != "" {
		msg = strings.ReplaceAll(msg, password, "xxxxx")
	}
	return msg
}

// connectError says the database could not be reached, naming where.
func (db *DB) connectError(err error) error {
	if isConnectError(err) || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("postgres: cannot reach %s: %s", db.where, safeError(err, db.pool.Config().ConnConfig.Password))
	}
	return fmt.Errorf("postgres: %s: %s", db.where, safeError(err, db.pool.Config().ConnConfig.Password))
}

// isConnectError says whether err is a failure to reach the database.
func isConnectError(err error) bool {
	var ce *pgconn.ConnectError
	return errors.As(err, &ce)
}

// Close closes the pool, waiting for connections in use to be returned.
func (db *DB) Close() error {
	db.pool.Close()
	return nil
}

// Ping checks the database answers, for health checks.
func (db *DB) Ping(ctx context.Context) error {
	if err := db.pool.Ping(ctx); err != nil {
		return db.connectError(err)
	}
	return nil
}

// Pool returns the pool's statistics: its acquire waits say when
// connections are too few for the requests at once (for /metrics).
func (db *DB) Pool() *pgxpool.Stat { return db.pool.Stat() }

// Where names the database, for logs: host, port and database.
func (db *DB) Where() string { return db.where }
