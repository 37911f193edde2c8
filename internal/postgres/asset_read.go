package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/service"
)

// FindAsset returns the asset with id, as stored; ENOTFOUND.
func (db *DB) FindAsset(ctx context.Context, id int64) (*estate.Asset, error) {
	a, err := scanAsset(db.pool.QueryRow(ctx, `SELECT `+assetColumns+` FROM assets a WHERE a.id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, estate.Errorf(estate.ENOTFOUND, "Asset %d not found.", id)
	} else if err != nil {
		return nil, db.readError(err, "find asset")
	}
	return a, nil
}

// EachAsset calls fn with the page's rows in the order read: the page's
// order (f.Sort), reversed for a page read backwards.
func (db *DB) EachAsset(ctx context.Context, f estate.AssetFilter, scope service.Scope, fn func(*estate.Asset) error) error {
	w := assetWhere(f, scope, true)
	// A page read backwards is read from Before, in reverse.
	q := `SELECT ` + assetColumns + ` FROM assets a WHERE ` + w.String() + ` ORDER BY ` + orderBy(f) + ` LIMIT ` + w.arg(f.PageSize())
	rows, err := db.pool.Query(ctx, q, w.planned()...)
	if err != nil {
		return db.readError(err, "find assets")
	}
	defer rows.Close()
	for rows.Next() {
		a, err := scanAsset(rows)
		if err != nil {
			return err
		}
		if err := fn(a); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return db.readError(err, "find assets")
	}
	return nil
}

// CountAssets counts the assets matching f in scope, remembered until
// the register changes.
func (db *DB) CountAssets(ctx context.Context, f estate.AssetFilter, scope service.Scope) (int, error) {
	w := assetWhere(f, scope, false)
	v, err := db.cached(ctx, cacheKey("count", w), func() (any, error) {
		var n int
		if err := db.pool.QueryRow(ctx, `SELECT count(*) FROM assets a WHERE `+w.String(), w.planned()...).Scan(&n); err != nil {
			return nil, db.readError(err, "count assets")
		}
		return n, nil
	})
	if err != nil {
		return 0, err
	}
	return v.(int), nil
}

// FindAssetExtent returns how many assets scope holds and their bounds.
// It reads every row in scope, so it is remembered until the register
// changes.
func (db *DB) FindAssetExtent(ctx context.Context, scope service.Scope) (estate.AssetExtent, error) {
	w := assetWhere(estate.AssetFilter{}, scope, false)
	v, err := db.cached(ctx, cacheKey("extent", w), func() (any, error) {
		var e estate.AssetExtent
		var x0, y0, x1, y1 *float64
		err := db.pool.QueryRow(ctx, `SELECT count(*), min(a.min_lon), min(a.min_lat), max(a.max_lon), max(a.max_lat)
			FROM assets a WHERE `+w.String(), w.args...).Scan(&e.Count, &x0, &y0, &x1, &y1)
		if err != nil {
			return nil, db.readError(err, "asset extent")
		}
		if e.Count > 0 {
			e.BBox = estate.BBox{MinLon: *x0, MinLat: *y0, MaxLon: *x1, MaxLat: *y1}
		}
		return e, nil
	})
	if err != nil {
		return estate.AssetExtent{}, err
	}
	return v.(estate.AssetExtent), nil
}

// FindAssetDates bounds the dates of the assets in scope: the first
// second and the last of their effective_date days, or updated_at. It
// reads every row in scope (each OGC collection's temporal extent), so,
// as the extent, it is remembered until the register changes. The dates
// are compared as the text they are and parsed in Go, as year 0000,
// which the domain accepts, is no PostgreSQL timestamp.
func (db *DB) FindAssetDates(ctx context.Context, scope service.Scope) (first, last time.Time, ok bool, err error) {
	w := assetWhere(estate.AssetFilter{}, scope, false)
	v, err := db.cached(ctx, cacheKey("dates", w), func() (any, error) {
		var d assetDates
		var err error
		d.first, d.last, d.ok, err = db.readAssetDates(ctx, w)
		return d, err
	})
	if err != nil {
		return first, last, false, err
	}
	d := v.(assetDates)
	return d.first, d.last, d.ok, nil
}

// assetDates is FindAssetDates' answer, as cached.
type assetDates struct {
	first, last time.Time
	ok          bool
}

// readAssetDates reads what FindAssetDates returns.
func (db *DB) readAssetDates(ctx context.Context, w *where) (first, last time.Time, ok bool, err error) {
	var loDay, hiDay *string
	var loAt, hiAt *time.Time
	err = db.pool.QueryRow(ctx, `SELECT
		min(a.effective_date) FILTER (WHERE a.effective_date <> ''), max(a.effective_date) FILTER (WHERE a.effective_date <> ''),
		min(a.updated_at) FILTER (WHERE a.effective_date = ''), max(a.updated_at) FILTER (WHERE a.effective_date = '')
		FROM assets a WHERE `+w.String(), w.args...).Scan(&loDay, &hiDay, &loAt, &hiAt)
	if err != nil {
		return first, last, false, db.readError(err, "asset dates")
	}
	if loDay != nil {
		if first, err = time.Parse(time.DateOnly, *loDay); err != nil {
			return first, last, false, fmt.Errorf("postgres: asset dates: %w", err)
		}
		if last, err = time.Parse(time.DateOnly, *hiDay); err != nil {
			return first, last, false, fmt.Errorf("postgres: asset dates: %w", err)
		}
		last = last.Add(24*time.Hour - time.Second)
	}
	if loAt != nil {
		if first.IsZero() || loAt.Before(first) {
			first = loAt.UTC()
		}
		if last.IsZero() || hiAt.After(last) {
			last = hiAt.UTC()
		}
	}
	return first, last, loDay != nil || loAt != nil, nil
}

// FindTags returns the tags on the assets in scope, most used first.
func (db *DB) FindTags(ctx context.Context, scope service.Scope, limit int) ([]estate.TagCount, error) {
	w := assetWhere(estate.AssetFilter{}, scope, false)
	rows, err := db.pool.Query(ctx, `SELECT t.tag, count(*) FROM assets a, unnest(a.tags) AS t(tag)
		WHERE `+w.String()+` GROUP BY t.tag ORDER BY count(*) DESC, t.tag COLLATE "C" LIMIT `+w.arg(limit), w.args...)
	if err != nil {
		return nil, db.readError(err, "find tags")
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (estate.TagCount, error) {
		var tc estate.TagCount
		err := row.Scan(&tc.Tag, &tc.Assets)
		return tc, err
	})
	if err != nil {
		return nil, db.readError(err, "find tags")
	}
	if out == nil {
		out = []estate.TagCount{}
	}
	return out, nil
}

// readError wraps a read's error, naming the database when it could not
// be reached.
func (db *DB) readError(err error, what string) error {
	if isConnectError(err) {
		return db.connectError(err)
	}
	return fmt.Errorf("postgres: %s: %w", what, err)
}
