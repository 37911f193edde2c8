// Package sqlitetest holds the checks tests run on a sqlite store's
// database from outside it: row counts and a fingerprint of every table,
// to show a refused write wrote nothing, and an integrity check after
// writes. It reads the database file through a read-only connection of
// its own, so the store carries none of it but CheckPacked.
package sqlitetest

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/sqlite"
)

// tables lists the register's tables, in dependency order.
var tables = []string{"partners", "assets", "assets_rtree", "asset_tags", "asset_occupiers", "audit_events", "tokens", "admin_events", "import_mappings"}

// open opens a read-only connection to db's file; the store's WAL lets it
// read what the store has committed while the store runs.
func open(db *sqlite.DB) (*sql.DB, error) {
	r, err := sql.Open("sqlite", "file:"+db.Path()+"?mode=ro&_pragma=busy_timeout(10000)")
	if err != nil {
		return nil, fmt.Errorf("sqlitetest: %w", err)
	}
	r.SetMaxOpenConns(1)
	return r, nil
}

// TableCounts returns the row count of every table, for tests that check
// a refused write wrote nothing.
func TableCounts(ctx context.Context, db *sqlite.DB) (map[string]int, error) {
	r, err := open(db)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	out := make(map[string]int, len(tables))
	for _, t := range tables {
		var n int
		// t comes from the fixed list above, never from input.
		if err := r.QueryRowContext(ctx, `SELECT count(*) FROM `+t).Scan(&n); err != nil {
			return nil, fmt.Errorf("sqlitetest: count %s: %w", t, err)
		}
		out[t] = n
	}
	return out, nil
}

// Fingerprint returns a digest of every row of every table, read in one
// snapshot, so a test can tell that a refused write changed nothing at all
// (a count cannot see an update).
func Fingerprint(ctx context.Context, db *sqlite.DB) (string, error) {
	r, err := open(db)
	if err != nil {
		return "", err
	}
	defer r.Close()
	tx, err := r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return "", fmt.Errorf("sqlitetest: fingerprint: %w", err)
	}
	defer tx.Rollback()
	h := sha256.New()
	for _, t := range tables {
		// Every table's first two columns are its key; t comes from the
		// fixed list above.
		rows, err := tx.QueryContext(ctx, `SELECT * FROM `+t+` ORDER BY 1, 2`)
		if err != nil {
			return "", fmt.Errorf("sqlitetest: fingerprint %s: %w", t, err)
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
				return "", fmt.Errorf("sqlitetest: fingerprint %s: %w", t, err)
			}
			fmt.Fprintf(h, "%q\n", vals)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return "", fmt.Errorf("sqlitetest: fingerprint %s: %w", t, err)
		}
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// Check runs SQLite's integrity and foreign key checks and confirms every
// asset has its spatial index entry, an audit event for its version, and
// packed and search_text columns that agree with its other columns.
func Check(ctx context.Context, db *sqlite.DB) error {
	r, err := open(db)
	if err != nil {
		return err
	}
	defer r.Close()
	var res string
	if err := r.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&res); err != nil {
		return fmt.Errorf("sqlitetest: integrity check: %w", err)
	}
	if res != "ok" {
		return fmt.Errorf("sqlitetest: integrity check: %s", res)
	}
	rows, err := r.QueryContext(ctx, `PRAGMA foreign_key_check`)
	if err != nil {
		return fmt.Errorf("sqlitetest: foreign key check: %w", err)
	}
	bad := rows.Next()
	rows.Close()
	if bad {
		return fmt.Errorf("sqlitetest: foreign key check: dangling references")
	}
	var unindexed, unaudited int
	err = r.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM assets a WHERE NOT EXISTS (SELECT 1 FROM assets_rtree r WHERE r.id = a.id)),
		(SELECT count(*) FROM assets a WHERE NOT EXISTS
			(SELECT 1 FROM audit_events e WHERE e.asset_id = a.id AND e.version = a.version))`).Scan(&unindexed, &unaudited)
	if err != nil {
		return fmt.Errorf("sqlitetest: check: %w", err)
	}
	if unindexed+unaudited > 0 {
		return fmt.Errorf("sqlitetest: check: %d assets missing from the spatial index, %d without an audit event for their version", unindexed, unaudited)
	}
	if err := checkSearchText(ctx, r); err != nil {
		return err
	}
	return db.CheckPacked(ctx)
}

// checkSearchText confirms every asset's search_text is what the store
// writes for it, since a stale one would hide the asset from q.
func checkSearchText(ctx context.Context, r *sql.DB) error {
	rows, err := r.QueryContext(ctx, `SELECT id, name, street_name, town, postcode, use, asset_code, search_text FROM assets`)
	if err != nil {
		return fmt.Errorf("sqlitetest: check: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var a estate.Asset
		var got string
		if err := rows.Scan(&a.ID, &a.Name, &a.StreetName, &a.Town, &a.Postcode, &a.Use, &a.AssetCode, &got); err != nil {
			return fmt.Errorf("sqlitetest: check: %w", err)
		}
		if want := a.SearchText(); got != want {
			return fmt.Errorf("sqlitetest: check: asset %d: search_text %q, want %q", a.ID, got, want)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sqlitetest: check: %w", err)
	}
	return nil
}
