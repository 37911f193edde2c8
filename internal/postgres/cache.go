package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/service"
)

// versionCache remembers counts and extents until the register changes:
// a client paging through a filter asks for the same numberMatched on
// every page, and counting a national register reads every row. The
// register's version is register_head's, which every transaction
// changing assets moves on (bumpRegister) in whichever server made it, so
// no server serves a count older than the last commit it could see.
type versionCache struct {
	mu      sync.Mutex
	version int64 // the register version the entries belong to
	entries map[string]any
}

// maxCachedResults bounds the cache; past it, results are computed afresh.
const maxCachedResults = 4096

// cached returns the result cached under key for the current register
// version, computing and caching it when there is none. A write
// committing between the version read and the computation makes the
// result newer than its version, never older; the next read sees the new
// version and drops it.
func (db *DB) cached(ctx context.Context, key string, compute func() (any, error)) (any, error) {
	version, v, ok, err := db.lookup(ctx, key)
	if err != nil || ok {
		return v, err
	}
	if v, err = compute(); err != nil {
		return nil, err
	}
	c := &db.memo
	c.mu.Lock()
	if c.version == version && len(c.entries) < maxCachedResults {
		c.entries[key] = v
	}
	c.mu.Unlock()
	return v, nil
}

// lookup reads the register version and the result cached under key for
// it, if any, emptying the cache when the version has moved on.
func (db *DB) lookup(ctx context.Context, key string) (version int64, v any, ok bool, err error) {
	if err := db.pool.QueryRow(ctx, `SELECT version FROM register_head`).Scan(&version); err != nil {
		return 0, nil, false, db.readError(err, "register version")
	}
	c := &db.memo
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.version != version || c.entries == nil {
		c.version, c.entries = version, map[string]any{}
	}
	v, ok = c.entries[key]
	return version, v, ok, nil
}

// cacheKey names a result by what it is, its SQL and its arguments (as
// JSON, so no two argument lists give the same key).
func cacheKey(what string, w *where) string {
	b, err := json.Marshal(w.args)
	if err != nil { // the arguments are numbers, strings, times and slices of them
		panic(fmt.Sprintf("postgres: cache key: %v", err))
	}
	return what + "\x00" + w.String() + "\x00" + string(b)
}

// CachedCount returns what CountAssets would for f and scope when the
// count is already cached, without counting: ok is false when it is not.
// It costs one read of the register's version.
func (db *DB) CachedCount(ctx context.Context, f estate.AssetFilter, scope service.Scope) (n int, ok bool, err error) {
	_, v, ok, err := db.lookup(ctx, cacheKey("count", assetWhere(f, scope, false)))
	if err != nil || !ok {
		return 0, false, err
	}
	return v.(int), true, nil
}
