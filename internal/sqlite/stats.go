package sqlite

import (
	"context"
	"fmt"
)

// Tables lists the register's tables, in dependency order.
var Tables = []string{"partners", "assets", "assets_rtree", "asset_tags", "asset_occupiers", "audit_events", "tokens"}

// TableCounts returns the row count of every table, for operators and for
// tests that check a refused write wrote nothing.
func (db *DB) TableCounts(ctx context.Context) (map[string]int, error) {
	out := make(map[string]int, len(Tables))
	for _, t := range Tables {
		var n int
		// t comes from the fixed list above, never from input.
		if err := db.reader.QueryRowContext(ctx, `SELECT count(*) FROM `+t).Scan(&n); err != nil {
			return nil, fmt.Errorf("sqlite: count %s: %w", t, err)
		}
		out[t] = n
	}
	return out, nil
}
