package postgres

import (
	"context"
	"fmt"
	"math"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/placetrust/placetrust/internal/geo/bng"
)

// Check confirms, from one snapshot, what the store keeps true beyond its
// constraints: every asset has its audit event at its version; every
// asset's occupier rows are the partners its occupiers list names; the
// register's head is at or past every version its log holds; every id
// sequence would give an id above every row's (the assets' above every
// id the trail names, deleted assets' too); and every asset's derived
// columns (search_text, bounds, National Grid point) are what the write
// path computes from its other columns. A copy runs all but the last
// before it commits (LoadRegister), having just written them by that
// path; `placetrust copy` and tests run it on either side afterwards.
func (db *DB) Check(ctx context.Context) error {
	return db.inSnapshot(ctx, func(tx pgx.Tx) error {
		return checkIn(ctx, tx, true)
	})
}

// checkIn runs Check's checks in tx, the derived columns' too if derived.
func checkIn(ctx context.Context, tx pgx.Tx, derived bool) error {
	var problems []string
	var unaudited, mismatched int64
	var head int64
	var logged *int64
	err := tx.QueryRow(ctx, `SELECT
		(SELECT count(*) FROM assets a WHERE NOT EXISTS
			(SELECT 1 FROM audit_events e WHERE e.asset_id = a.id AND e.version = a.version)),
		(SELECT count(*) FROM assets a WHERE
			(SELECT coalesce(array_agg(DISTINCT o ->> 'partner' ORDER BY o ->> 'partner'), '{}')
				FROM jsonb_array_elements(a.occupiers) o)
			IS DISTINCT FROM
			(SELECT coalesce(array_agg(x.partner_id ORDER BY x.partner_id), '{}')
				FROM asset_occupiers x WHERE x.asset_id = a.id)),
		(SELECT version FROM register_head),
		(SELECT max(version) FROM register_log)`).Scan(&unaudited, &mismatched, &head, &logged)
	if err != nil {
		return fmt.Errorf("postgres: check: %w", err)
	}
	if unaudited > 0 {
		problems = append(problems, fmt.Sprintf("%d assets without an audit event for their version", unaudited))
	}
	if mismatched > 0 {
		problems = append(problems, fmt.Sprintf("%d assets whose occupier rows differ from their occupiers", mismatched))
	}
	if logged != nil && *logged > head {
		problems = append(problems, fmt.Sprintf("register head %d behind its log's %d", head, *logged))
	}
	var orphans int64
	if err := tx.QueryRow(ctx, `SELECT count(*) FROM asset_occupiers x
		WHERE NOT EXISTS (SELECT 1 FROM assets a WHERE a.id = x.asset_id)`).Scan(&orphans); err != nil {
		return fmt.Errorf("postgres: check: %w", err)
	}
	if orphans > 0 {
		problems = append(problems, fmt.Sprintf("%d occupier rows of no asset", orphans))
	}
	for _, t := range []string{"assets", "tokens", "audit_events", "admin_events"} {
		next, err := nextID(ctx, tx, t)
		if err != nil {
			return err
		}
		// Assets' ids include the deleted ones the trail names. t comes
		// from the fixed list above.
		query := `SELECT coalesce(max(id), 0) FROM ` + t
		if t == "assets" {
			query = `SELECT greatest((SELECT max(id) FROM assets), (SELECT max(asset_id) FROM audit_events), 0)`
		}
		var top int64
		if err := tx.QueryRow(ctx, query).Scan(&top); err != nil {
			return fmt.Errorf("postgres: check: %w", err)
		}
		if next <= top {
			problems = append(problems, fmt.Sprintf("%s: the id sequence would give %d, at or below the highest id %d", t, next, top))
		}
	}
	if derived {
		p, err := checkDerived(ctx, tx)
		if err != nil {
			return err
		}
		problems = append(problems, p...)
	}
	if len(problems) > 0 {
		return fmt.Errorf("postgres: check: %s", strings.Join(problems, "; "))
	}
	return nil
}

// checkDerived recomputes each asset's derived columns with assetValues,
// the write path's own code, and names the first few assets that differ.
func checkDerived(ctx context.Context, tx pgx.Tx) ([]string, error) {
	rows, err := tx.Query(ctx, `SELECT `+assetColumns+`, a.search_text, a.min_lon, a.min_lat, a.max_lon, a.max_lat,
		ST_X(a.bng), ST_Y(a.bng) FROM assets a ORDER BY a.id`)
	if err != nil {
		return nil, fmt.Errorf("postgres: check: %w", err)
	}
	defer rows.Close()
	var problems []string
	var bad int
	for rows.Next() {
		var search string
		var box [4]float64
		var e, n *float64
		a, err := scanAsset(withExtra{rows, []any{&search, &box[0], &box[1], &box[2], &box[3], &e, &n}})
		if err != nil {
			return nil, err
		}
		var diffs []string
		if want := a.SearchText(); search != want {
			diffs = append(diffs, fmt.Sprintf("search_text %q, want %q", search, want))
		}
		b := a.Bounds()
		if box != [4]float64{b.MinLon, b.MinLat, b.MaxLon, b.MaxLat} {
			diffs = append(diffs, fmt.Sprintf("bounds %v, want %v", box, b))
		}
		we, wn, gerr := bng.FromWGS84(a.Location.Lon, a.Location.Lat)
		switch {
		case gerr != nil && e != nil:
			diffs = append(diffs, "a National Grid point outside the grid")
		case gerr == nil && (e == nil || !sameFloat(*e, we) || !sameFloat(*n, wn)):
			diffs = append(diffs, fmt.Sprintf("National Grid point %v %v, want %v %v", deref(e), deref(n), we, wn))
		}
		if len(diffs) > 0 {
			if bad++; bad <= 3 {
				problems = append(problems, fmt.Sprintf("asset %d: %s", a.ID, strings.Join(diffs, ", ")))
			}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: check: %w", err)
	}
	if bad > 3 {
		problems = append(problems, fmt.Sprintf("and %d more assets with derived columns that differ", bad-3))
	}
	return problems, nil
}

// withExtra scans a row's leading columns into what its caller asks for
// and the columns after them into extra, so scanAsset reads a row that
// holds more than an asset.
type withExtra struct {
	rows  pgx.Rows
	extra []any
}

func (w withExtra) Scan(dest ...any) error { return w.rows.Scan(append(dest, w.extra...)...) }

func sameFloat(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) }

func deref(f *float64) any {
	if f == nil {
		return nil
	}
	return *f
}
