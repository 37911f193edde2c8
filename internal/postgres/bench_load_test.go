package postgres

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/placetrust/placetrust/internal/benchdb"
	"github.com/placetrust/placetrust/internal/demo"
	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/postgres/pgtest"
)

// BenchEnv names a database kept between benchmark runs, built on first
// use (a million assets take minutes to load and index); without it each
// run builds one in a fresh test database.
const BenchEnv = "PLACETRUST_BENCH_POSTGRES"

// nationalDB opens a register of the n assets of demo.Scaled(n,
// benchdb.Seed), with the ids benchdb's SQLite register gives them (each
// partner's in turn, in demo.ScalePartners order), so both stores'
// benchmarks read the same rows under the same ids.
func nationalDB(b *testing.B, n int) *DB {
	b.Helper()
	ctx := context.Background()
	url := os.Getenv(BenchEnv)
	if url == "" {
		url = pgtest.URL(b)
	}
	db, err := Open(ctx, url)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	var have int
	if err := db.pool.QueryRow(ctx, `SELECT count(*) FROM assets`).Scan(&have); err != nil {
		b.Fatal(err)
	}
	switch have {
	case n:
		return db
	case 0:
		if err := loadNational(ctx, db, n); err != nil {
			b.Fatal(err)
		}
		return db
	}
	b.Fatalf("%s holds %d assets, not the %d of a benchmark register", url, have, n)
	return nil
}

// loadNational writes the partners and assets by COPY, with the asset
// indexes dropped meanwhile and built afterwards: the audit trail is left
// out (no read benchmark reads it).
func loadNational(ctx context.Context, db *DB, n int) error {
	for _, p := range demo.ScalePartners() {
		if err := db.CreatePartner(ctx, p, nil); err != nil {
			return err
		}
	}
	all := demo.Scaled(n, benchdb.Seed)
	ordered := make([]*estate.Asset, 0, n)
	for _, p := range demo.ScalePartners() {
		for _, a := range all {
			if a.Partner == p.ID {
				ordered = append(ordered, a)
			}
		}
	}
	conn, err := db.pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Release()
	names := []string{"assets_bounds", "assets_uprn", "assets_rag", "assets_updated_at", "assets_partner", "assets_partner_sort", "assets_tags", "assets_search"}
	var defs []string
	if err := conn.QueryRow(ctx, `SELECT array_agg(indexdef) FROM pg_indexes WHERE indexname = ANY($1)`, names).Scan(&defs); err != nil {
		return err
	}
	for _, stmt := range append([]string{`SET maintenance_work_mem = '512MB'`, `DROP INDEX IF EXISTS ` + strings.Join(names, ", ")},
		`CREATE TEMP TABLE staging (id int8, `+stagingColumns()+`)`) {
		if _, err := conn.Exec(ctx, stmt); err != nil {
			return fmt.Errorf("%s: %w", stmt, err)
		}
	}
	cols := []string{"id"}
	for _, f := range assetFields {
		cols = append(cols, f.name)
	}
	i := 0
	_, err = conn.Conn().CopyFrom(ctx, pgx.Identifier{"staging"}, cols, pgx.CopyFromFunc(func() ([]any, error) {
		if i == len(ordered) {
			return nil, nil
		}
		a := ordered[i]
		i++
		a.ID = int64(i)
		v, err := assetValues(a)
		return append([]any{a.ID}, v...), err
	}))
	if err != nil {
		return err
	}
	dst, exprs := assetExprs(func(i int) string { return "s." + assetFields[i].name })
	stmts := []string{
		`INSERT INTO assets (id, ` + dst + `) SELECT s.id, ` + exprs + ` FROM staging s ORDER BY s.id`,
		`INSERT INTO asset_occupiers (asset_id, partner_id) SELECT DISTINCT s.id, o ->> 'partner' FROM staging s, jsonb_array_elements(s.occupiers) o`,
		`SELECT setval(pg_get_serial_sequence('assets', 'id'), (SELECT max(id) FROM assets))`,
		`DROP TABLE staging`,
	}
	for _, stmt := range append(append(stmts, defs...), `ANALYZE assets`) {
		if _, err := conn.Exec(ctx, stmt); err != nil {
			return fmt.Errorf("%.60s: %w", stmt, err)
		}
	}
	return nil
}

// stagingColumns declares assetFields as a staging table's columns.
func stagingColumns() string {
	var out []string
	for _, f := range assetFields {
		out = append(out, f.name+" "+f.typ)
	}
	return strings.Join(out, ", ")
}
