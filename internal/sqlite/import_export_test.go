package sqlite

import (
	"context"
	"fmt"
)

// RTreeRows returns the spatial index's entries in id order, as text, and
// rtreecheck's verdict, for tests of the bulk-loaded index.
func RTreeRows(ctx context.Context, db *DB) ([]string, string, error) {
	rows, err := db.writer.QueryContext(ctx, `SELECT id, min_lon, max_lon, min_lat, max_lat FROM assets_rtree ORDER BY id`)
	if err != nil {
		return nil, "", err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id int64
		var a, b, c, d float64
		if err := rows.Scan(&id, &a, &b, &c, &d); err != nil {
			return nil, "", err
		}
		out = append(out, fmt.Sprint(id, a, b, c, d))
	}
	var check string
	if err := db.writer.QueryRowContext(ctx, `SELECT rtreecheck('assets_rtree')`).Scan(&check); err != nil {
		return nil, "", err
	}
	return out, check, rows.Err()
}
