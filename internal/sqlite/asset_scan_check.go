package sqlite

import (
	"context"
	"fmt"
	"reflect"

	"github.com/placetrust/placetrust/internal/estate"
)

// CheckPacked confirms every asset's packed column says what its other
// columns do (see asset_scan.go). Tests call it through sqlitetest.Check;
// it stays in the store because it reads both ways through the store's
// own scanners. It reads a thousand assets at a time each way, one query
// after the other, so it needs one connection only.
func (db *DB) CheckPacked(ctx context.Context) error {
	read := func(cols string, scan func(scanner) (*estate.Asset, error), after int64) ([]*estate.Asset, error) {
		rows, err := db.reader.QueryContext(ctx, `SELECT `+cols+` FROM assets a WHERE a.id > ? ORDER BY a.id LIMIT 1000`, after)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		var out []*estate.Asset
		for rows.Next() {
			a, err := scan(rows)
			if err != nil {
				return nil, err
			}
			out = append(out, a)
		}
		return out, rows.Err()
	}
	for after := int64(0); ; {
		want, err := read(assetColumns, scanAsset, after)
		if err != nil {
			return fmt.Errorf("sqlite: check: %w", err)
		}
		if len(want) == 0 {
			return nil
		}
		got, err := read(assetColumnsPacked, scanAssetPacked, after)
		if err != nil {
			return fmt.Errorf("sqlite: check: %w", err)
		}
		if !reflect.DeepEqual(got, want) {
			for i := range min(len(got), len(want)) {
				if !reflect.DeepEqual(got[i], want[i]) {
					return fmt.Errorf("sqlite: check: asset %d: packed row %+v, columns %+v", want[i].ID, got[i], want[i])
				}
			}
			return fmt.Errorf("sqlite: check: assets changed while checked")
		}
		after = want[len(want)-1].ID
	}
}
