// Package sqlite is placetrust's embedded store: one SQLite file in WAL
// mode implementing service.Store and its optional capabilities (Store,
// store.go), with an R*Tree on asset bounds and an append-only audit
// trail written in the same transaction as every change. It persists and
// queries what the services decided; the rules are theirs.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"runtime"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// DB is an open placetrust database: one writer connection, so writers
// queue in Go rather than spin on SQLite's lock, and a pool of readers.
type DB struct {
	path   string
	writer *sql.DB
	reader *sql.DB
	// reads runs hot read queries on the reader pool through prepared
	// statements (see stmtCache).
	reads *stmtCache
	// filtered runs the queries of selections with a Where (OGC API's
	// CQL2 filter) through a cache of their own: their SQL follows the
	// filter's shape, which clients vary without end, and they must not
	// fill the cache the hot queries need (see stmtCache's cap).
	filtered *stmtCache
	// memo remembers counts and extents until the register changes.
	memo versionCache

	// Now is the clock every write uses; tests replace it for exact times.
	Now func() time.Time
}

// dsn builds the connection string. Pragmas go in the DSN so every pooled
// connection gets them, not just the first.
func dsn(path string, readOnly bool) string {
	q := url.Values{}
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(NORMAL)")
	if readOnly {
		// Readers are many: a small cache each keeps a busy server's
		// memory within DESIGN's budget while a bbox page stays within its
		// own (BenchmarkStore1M; placetrust-load reports the memory).
		q.Add("_pragma", "cache_size(-16384)")
		q.Add("_pragma", "query_only(1)")
	} else {
		// The one writer gets a big cache: imports build indexes through it.
		q.Add("_pragma", "cache_size(-65536)")
		// Statement journals (many-row INSERTs keep one, to undo just that
		// statement, as an import's do unless importConn spares them)
		// stay in memory rather than in a temporary file, where a
		// national import spent a large share of its writing time
		// (transparency's BenchmarkImport1M). The writer sorts little
		// else (the R*Tree bulk load sorts in Go).
		q.Add("_pragma", "temp_store(MEMORY)")
		q.Set("_txlock", "immediate")
	}
	return "file:" + path + "?" + q.Encode()
}

// Open opens (creating if needed) the database at path and brings its
// schema up to date. It refuses a database written by a newer placetrust.
func Open(ctx context.Context, path string) (*DB, error) {
	if path == "" {
		return nil, errors.New("sqlite: open: no database path")
	}
	registerFunctions()
	db := &DB{path: path, Now: func() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }}
	var err error
	if db.writer, err = sql.Open("sqlite", dsn(path, false)); err != nil {
		return nil, fmt.Errorf("sqlite: open writer: %w", err)
	}
	db.writer.SetMaxOpenConns(1)
	db.writer.SetConnMaxIdleTime(0)
	if err := migrate(ctx, db.writer); err != nil {
		db.writer.Close()
		return nil, err
	}
	if db.reader, err = sql.Open("sqlite", dsn(path, true)); err != nil {
		db.writer.Close()
		return nil, fmt.Errorf("sqlite: open reader: %w", err)
	}
	n := max(4, 2*runtime.GOMAXPROCS(0))
	db.reader.SetMaxOpenConns(n)
	db.reader.SetMaxIdleConns(n)
	if err := db.reader.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite: open reader: %w", err)
	}
	db.reads = newStmtCache(db.reader)
	db.filtered = newStmtCache(db.reader)
	db.filtered.max = maxCachedFilterStmts
	return db, nil
}

// Close closes both pools.
func (db *DB) Close() error {
	var errs []error
	if db.reads != nil {
		errs = append(errs, db.reads.Close(), db.filtered.Close())
	}
	if db.reader != nil {
		errs = append(errs, db.reader.Close())
	}
	if db.writer != nil {
		errs = append(errs, db.writer.Close())
	}
	return errors.Join(errs...)
}

// ReaderStats returns the reader pool's statistics: its waits say when
// readers are too few for the requests reading at once.
func (db *DB) ReaderStats() sql.DBStats { return db.reader.Stats() }

// WriterStats returns the one writer connection's statistics: its waits
// are writers queueing behind each other.
func (db *DB) WriterStats() sql.DBStats { return db.writer.Stats() }

// Path returns the database file's path.
func (db *DB) Path() string { return db.path }

// Ping checks the database answers, for health checks.
func (db *DB) Ping(ctx context.Context) error {
	var one int
	if err := db.reader.QueryRowContext(ctx, `SELECT 1`).Scan(&one); err != nil {
		return fmt.Errorf("sqlite: ping: %w", err)
	}
	return nil
}

// Backup writes a consistent copy of the live database to path with
// VACUUM INTO; readers and writers carry on meanwhile.
func (db *DB) Backup(ctx context.Context, path string) error {
	// Its own connection: readers are query-only, which VACUUM INTO
	// refuses, and the writer must stay free for writes meanwhile.
	conn, err := sql.Open("sqlite", dsn(db.path, false))
	if err != nil {
		return fmt.Errorf("sqlite: backup: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `VACUUM INTO ?`, path); err != nil {
		return fmt.Errorf("sqlite: backup: %w", err)
	}
	return nil
}

// Tx is a write transaction, carrying the time every change in it is
// stamped with when the store stamps them (imports, mappings).
type Tx struct {
	*sql.Tx
	now time.Time
}

// beginWrite starts an immediate transaction on the writer connection.
// Its now is zero: what the services write comes stamped already.
func (db *DB) beginWrite(ctx context.Context) (*Tx, error) {
	tx, err := db.writer.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("sqlite: begin: %w", err)
	}
	return &Tx{Tx: tx}, nil
}

// beginStamped is beginWrite for the writes the store stamps itself,
// with db.Now: saved import mappings and imports, whose contracts
// (service.ImportMappingStore, service.ImportSnapshot) give the service
// the store's time.
func (db *DB) beginStamped(ctx context.Context) (*Tx, error) {
	tx, err := db.beginWrite(ctx)
	if err == nil {
		tx.now = db.Now().UTC()
	}
	return tx, err
}

// beginRead starts a read transaction so a multi-query read sees one
// snapshot.
func (db *DB) beginRead(ctx context.Context) (*sql.Tx, error) {
	tx, err := db.reader.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("sqlite: begin read: %w", err)
	}
	return tx, nil
}

const timeFormat = time.RFC3339Nano

func formatTime(t time.Time) string { return t.UTC().Format(timeFormat) }

func parseTime(s string) (time.Time, error) {
	t, err := time.Parse(timeFormat, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("sqlite: bad time %q: %w", s, err)
	}
	return t.UTC(), nil
}
