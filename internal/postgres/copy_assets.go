package postgres

import (
	"context"
	"fmt"
	"iter"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/placetrust/placetrust/internal/estate"
)

// A copy's assets are COPYed into a staging table as assetValues gives
// them, the values of every other write, and moved on with the write
// path's own expressions (assetExprs): footprint, National Grid point,
// bounds and search_text come out as an edit writes them. The staging
// table is emptied every copyChunk rows, so it stays small whatever the
// register's size.

// copyStaging is the load's temporary table, apart from the imports'.
const copyStaging = "copy_assets_staging"

// copyChunk is how many assets go through the staging table at a time.
const copyChunk = 50_000

var (
	copyStagingColumns = func() []string {
		cols := []string{"id"}
		for _, f := range assetFields {
			cols = append(cols, f.name)
		}
		return cols
	}()
	createCopyStagingSQL = func() string {
		var cols []string
		for _, f := range assetFields {
			cols = append(cols, f.name+" "+f.typ)
		}
		return `CREATE TEMP TABLE ` + copyStaging + ` (id int8, ` + strings.Join(cols, ", ") + `) ON COMMIT DROP`
	}()
	// The occupiers as the write path lists them (occupierIDs), distinct.
	moveCopyStagingSQL = func() []string {
		dst, exprs := assetExprs(func(i int) string { return "s." + assetFields[i].name })
		return []string{
			`INSERT INTO assets (id, ` + dst + `) SELECT s.id, ` + exprs + ` FROM ` + copyStaging + ` s ORDER BY s.id`,
			`INSERT INTO asset_occupiers (asset_id, partner_id)
				SELECT DISTINCT s.id, o ->> 'partner' FROM ` + copyStaging + ` s, jsonb_array_elements(s.occupiers) o`,
			`TRUNCATE ` + copyStaging,
		}
	}()
)

func loadAssets(ctx context.Context, tx pgx.Tx, seq iter.Seq2[*estate.Asset, error]) error {
	if _, err := tx.Exec(ctx, createCopyStagingSQL); err != nil {
		return fmt.Errorf("postgres: load assets: %w", err)
	}
	src := newRowSource(seq, func(a *estate.Asset) ([]any, error) {
		v, err := assetValues(a)
		if err != nil {
			return nil, fmt.Errorf("postgres: load asset %d: %w", a.ID, err)
		}
		return append([]any{a.ID}, v...), nil
	})
	defer src.stop()
	for src.more(copyChunk) {
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{copyStaging}, copyStagingColumns, src); err != nil {
			if src.err != nil {
				return src.err
			}
			return fmt.Errorf("postgres: load assets: %w", err)
		}
		if src.err != nil {
			return src.err
		}
		if src.n == 0 {
			break
		}
		for _, stmt := range moveCopyStagingSQL {
			if _, err := tx.Exec(ctx, stmt); err != nil {
				return constraintError(err, "load assets")
			}
		}
	}
	if _, err := tx.Exec(ctx, `DROP TABLE `+copyStaging); err != nil {
		return fmt.Errorf("postgres: load assets: %w", err)
	}
	return nil
}
