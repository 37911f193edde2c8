package sqlite

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"reflect"

	"github.com/placetrust/placetrust/internal/estate"
)

// Tables lists the register's tables, in dependency order.
var Tables = []string{"partners", "assets", "assets_rtree", "asset_tags", "asset_occupiers", "audit_events", "tokens", "admin_events", "import_mappings"}

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

// Fingerprint returns a digest of every row of every table, read in one
// snapshot, so a test can tell that a refused write changed nothing at all
// (a count cannot see an update).
func (db *DB) Fingerprint(ctx context.Context) (string, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return "", err
	}
	defer tx.Rollback()
	h := sha256.New()
	for _, t := range Tables {
		// Every table's first two columns are its key; t comes from the
		// fixed list above.
		rows, err := tx.QueryContext(ctx, `SELECT * FROM `+t+` ORDER BY 1, 2`)
		if err != nil {
			return "", fmt.Errorf("sqlite: fingerprint %s: %w", t, err)
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		fmt.Fprintf(h, "%s\x00", t)
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				rows.Close()
				return "", fmt.Errorf("sqlite: fingerprint %s: %w", t, err)
			}
			fmt.Fprintf(h, "%q\n", vals)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return "", fmt.Errorf("sqlite: fingerprint %s: %w", t, err)
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// Check runs SQLite's integrity and foreign key checks and confirms every
// asset has its spatial index entry, an audit event for its version, and
// packed and search_text columns that agree with its other columns.
func (db *DB) Check(ctx context.Context) error {
	var res string
	if err := db.reader.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&res); err != nil {
		return fmt.Errorf("sqlite: integrity check: %w", err)
	}
	if res != "ok" {
		return fmt.Errorf("sqlite: integrity check: %s", res)
	}
	rows, err := db.reader.QueryContext(ctx, `PRAGMA foreign_key_check`)
	if err != nil {
		return fmt.Errorf("sqlite: foreign key check: %w", err)
	}
	bad := rows.Next()
	rows.Close()
	if bad {
		return fmt.Errorf("sqlite: foreign key check: dangling references")
	}
	var unindexed, unaudited int
	err = db.reader.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM assets a WHERE NOT EXISTS (SELECT 1 FROM assets_rtree r WHERE r.id = a.id)),
		(SELECT count(*) FROM assets a WHERE NOT EXISTS
			(SELECT 1 FROM audit_events e WHERE e.asset_id = a.id AND e.version = a.version))`).Scan(&unindexed, &unaudited)
	if err != nil {
		return fmt.Errorf("sqlite: check: %w", err)
	}
	if unindexed+unaudited > 0 {
		return fmt.Errorf("sqlite: check: %d assets missing from the spatial index, %d without an audit event for their version", unindexed, unaudited)
	}
	if err := db.checkSearchText(ctx); err != nil {
		return err
	}
	return db.checkPacked(ctx)
}

// checkSearchText confirms every asset's search_text is what the store
// writes for it, since a stale one would hide the asset from q.
func (db *DB) checkSearchText(ctx context.Context) error {
	rows, err := db.reader.QueryContext(ctx, `SELECT id, name, street_name, town, postcode, use, asset_code, search_text FROM assets`)
	if err != nil {
		return fmt.Errorf("sqlite: check: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var a estate.Asset
		var got string
		if err := rows.Scan(&a.ID, &a.Name, &a.StreetName, &a.Town, &a.Postcode, &a.Use, &a.AssetCode, &got); err != nil {
			return fmt.Errorf("sqlite: check: %w", err)
		}
		if want := a.SearchText(); got != want {
			return fmt.Errorf("sqlite: check: asset %d: search_text %q, want %q", a.ID, got, want)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sqlite: check: %w", err)
	}
	return nil
}

// checkPacked confirms every asset's packed column says what its other
// columns do (see asset_scan.go). It reads a thousand assets at a time
// each way, one query after the other, so it needs one connection only.
func (db *DB) checkPacked(ctx context.Context) error {
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
