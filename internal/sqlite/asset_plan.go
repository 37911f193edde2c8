package sqlite

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/service"
)

// Choosing how to find a bbox page.
//
// A page is the first Limit matching assets in id order. Through the
// R*Tree, SQLite first collects every id in the box into a temporary
// b-tree and only then walks it in order: cheap for a town, but a box
// over half of England collects hundreds of thousands of ids for a page
// of a thousand (BenchmarkStore1M's bbox-page-1000-wide times such a
// box). Walking the table in id order and testing the
// exact bounds stops after Limit matches instead, which wins once the box
// holds a large share of the register.
//
// With M assets in the box out of N, the R*Tree costs about c1*M and the
// walk about c2*Limit*N/M (it reads N/M rows per match), so the walk is
// cheaper once M exceeds sqrt(c2/c1 * Limit * N). Counting M exactly
// would cost as much as the R*Tree plan, so the count stops at that
// threshold: only whether M reaches it matters.
const (
	rtreeCostPerMatch = 0.8  // µs to collect one id from the R*Tree (c1)
	scanCostPerRow    = 0.42 // µs to read and test one row in id order (c2)
)

// bboxByScan reports whether f's bbox page is cheaper to find by walking
// the table in id order than through the R*Tree.
func (db *DB) bboxByScan(ctx context.Context, f estate.AssetFilter) (bool, error) {
	b := f.BBox
	if b == nil {
		return false, nil
	}
	q := db.reads
	// The choice is remembered until the register changes: a client
	// paging through a box asks for the same box on every page.
	key := fmt.Sprintf("plan\x00%d\x00%v", f.PageSize(), *b)
	v, err := db.memo.get(ctx, q, key, func() (any, error) {
		var top int64
		if err := q.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM assets`).Scan(&top); err != nil {
			return nil, fmt.Errorf("sqlite: plan bbox page: %w", err)
		}
		threshold := int64(math.Sqrt(scanCostPerRow / rtreeCostPerMatch * float64(f.PageSize()) * float64(top)))
		if threshold < 1000 {
			return false, nil // small registers: either way is fast
		}
		var m int64
		err := q.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM assets_rtree
			WHERE max_lon >= ? AND min_lon <= ? AND max_lat >= ? AND min_lat <= ? LIMIT ?)`,
			b.MinLon, b.MaxLon, b.MinLat, b.MaxLat, threshold).Scan(&m)
		if err != nil {
			return nil, fmt.Errorf("sqlite: plan bbox page: %w", err)
		}
		return m >= threshold, nil
	})
	if err != nil {
		return false, err
	}
	return v.(bool), nil
}

// unindexedBBox drops the R*Tree subquery from a WHERE clause built by
// assetWhere, keeping the exact bounds test on the table's columns, so
// SQLite walks the table in id order. It relies on rtreeBBoxCond being
// the exact text assetWhere uses and on its four arguments coming first
// among the bbox arguments.
func unindexedBBox(where string, args []any, f estate.AssetFilter) (string, []any) {
	i := strings.Index(where, rtreeBBoxCond)
	if i < 0 || f.BBox == nil {
		return where, args
	}
	// The arguments before the condition are one per '?' before it.
	n := strings.Count(where[:i], "?")
	out := append(append([]any(nil), args[:n]...), args[n+4:]...)
	return where[:i] + where[i+len(rtreeBBoxCond):], out
}

// rtreeBBoxCond is the R*Tree part of assetWhere's bbox condition.
const rtreeBBoxCond = `a.id IN (SELECT id FROM assets_rtree WHERE max_lon >= ? AND min_lon <= ? AND max_lat >= ? AND min_lat <= ?)
			AND `

// versionCache remembers results computed from the register until it
// changes. Counts are its main use: numberMatched then costs one count per
// filter, not one per page (a client paging through a filter asks for the
// same count on every page, and counting a national register for the
// public reads every row).
type versionCache struct {
	mu      sync.Mutex
	version int64 // register version the entries belong to
	entries map[string]any
}

// maxCachedResults bounds the cache; past it, results are computed afresh.
const maxCachedResults = 4096

// get returns the result cached under key for the current register
// version, computing and caching it when there is none. A computation
// that outlives the request that asked for it (numberMatched counted in
// the background) still fills the cache, as long as its context lasts
// and the register has not changed meanwhile.
func (c *versionCache) get(ctx context.Context, q querier, key string, compute func() (any, error)) (any, error) {
	version, v, ok, err := c.lookup(ctx, q, key)
	if err != nil || ok {
		return v, err
	}
	v, err = compute()
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	// A write committing between the version read and the computation
	// makes this result newer than its version; it can then only be
	// served to requests that read the old version, that is that started
	// before the write, and the next request sees the new version and
	// drops it.
	if c.version == version && len(c.entries) < maxCachedResults {
		c.entries[key] = v
	}
	c.mu.Unlock()
	return v, nil
}

// lookup reads the register version and the result cached under key for
// it, if any, emptying the cache when the version has moved on.
func (c *versionCache) lookup(ctx context.Context, q querier, key string) (version int64, v any, ok bool, err error) {
	if version, err = auditHead(ctx, q); err != nil {
		return 0, nil, false, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.version != version || c.entries == nil {
		c.version, c.entries = version, map[string]any{}
	}
	v, ok = c.entries[key]
	return version, v, ok, nil
}

// CachedCount returns what CountAssets would for f and scope when the
// count is already cached, without counting: ok is false when it is not.
// It costs one indexed read.
func (db *DB) CachedCount(ctx context.Context, f estate.AssetFilter, scope service.Scope) (n int, ok bool, err error) {
	where, args := assetWhere(f, scope, false)
	_, v, ok, err := db.memo.lookup(ctx, db.reads, countCacheKey(where, args))
	if err != nil || !ok {
		return 0, false, err
	}
	return v.(int), true, nil
}

// count returns the number of assets matching where.
func (c *versionCache) count(ctx context.Context, q querier, where string, args []any) (int, error) {
	v, err := c.get(ctx, q, countCacheKey(where, args), func() (any, error) {
		var n int
		if err := q.QueryRowContext(ctx, `SELECT count(*) FROM assets a WHERE `+where, args...).Scan(&n); err != nil {
			return nil, fmt.Errorf("sqlite: count assets: %w", err)
		}
		return n, nil
	})
	if err != nil {
		return 0, err
	}
	return v.(int), nil
}

// countCacheKey is the cache key of the count of assets matching where.
func countCacheKey(where string, args []any) string { return "count\x00" + countKey(where, args) }

// countKey identifies a count by its SQL and arguments, quoting strings
// so that no two argument lists give the same key.
func countKey(where string, args []any) string {
	var sb strings.Builder
	sb.WriteString(where)
	for _, a := range args {
		sb.WriteByte(0)
		switch v := a.(type) {
		case string:
			sb.WriteString(strconv.Quote(v))
		case float64:
			sb.WriteString(strconv.FormatFloat(v, 'g', -1, 64))
		default:
			fmt.Fprintf(&sb, "%T:%v", v, v)
		}
	}
	return sb.String()
}
