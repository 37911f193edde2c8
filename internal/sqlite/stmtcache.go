package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"sync"
)

// stmtCache keeps prepared statements of a pool by their SQL text.
//
// Without it database/sql prepares and finalizes a statement on every
// call: for the 41-column asset SELECT, SQLite's parser and planner cost
// more than the primary-key lookup itself (about half of a single-asset
// read, measured). A *sql.Stmt prepares once per pooled connection and
// then reuses the statement there.
//
// The SQL text of a list query depends on which filters are set and on
// the number of values in IN lists, not on the values, so the set of texts
// is small in practice; the cap keeps a client that varies list lengths
// from growing it without bound, the rest simply run unprepared.
type stmtCache struct {
	db  *sql.DB
	max int

	mu     sync.RWMutex
	stmts  map[string]*sql.Stmt
	closed bool
}

// maxCachedStmts bounds the cache; each entry holds up to one SQLite
// statement per pooled connection.
const maxCachedStmts = 256

// maxCachedFilterStmts bounds DB.filtered: enough for the filters the
// clients of a day page through, each asking the same one page after
// page.
const maxCachedFilterStmts = 64

func newStmtCache(db *sql.DB) *stmtCache {
	return &stmtCache{db: db, max: maxCachedStmts, stmts: map[string]*sql.Stmt{}}
}

// stmt returns the prepared statement for query, preparing it on first
// use; nil when the cache is full or closed, so the caller runs the query
// unprepared.
func (c *stmtCache) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	c.mu.RLock()
	st, ok := c.stmts[query]
	c.mu.RUnlock()
	if ok {
		return st, nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if st, ok := c.stmts[query]; ok {
		return st, nil
	}
	if c.closed || len(c.stmts) >= c.max {
		return nil, nil
	}
	// Preparing runs on one pooled connection; the others prepare lazily
	// the first time the statement runs on them.
	st, err := c.db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	c.stmts[query] = st
	return st, nil
}

// QueryContext runs a query through its cached statement.
func (c *stmtCache) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := c.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	if st == nil {
		return c.db.QueryContext(ctx, query, args...)
	}
	return st.QueryContext(ctx, args...)
}

// QueryRowContext runs a one-row query through its cached statement.
func (c *stmtCache) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := c.stmt(ctx, query)
	if err != nil || st == nil {
		// An unprepared query reports a preparation error through Scan,
		// as QueryRowContext always does.
		return c.db.QueryRowContext(ctx, query, args...)
	}
	return st.QueryRowContext(ctx, args...)
}

// Close finalizes every statement; later queries run unprepared.
func (c *stmtCache) Close() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.closed = true
	var errs []error
	for q, st := range c.stmts {
		errs = append(errs, st.Close())
		delete(c.stmts, q)
	}
	return errors.Join(errs...)
}
