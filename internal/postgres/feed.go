package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/service"
)

// The register's change feed (estate.RegisterFeed) over register_head
// and register_log (migrations/postgres/0001_register.sql). Their
// versions are in commit order: every writing transaction bumps the one
// head row as its last statement, so a later version's transaction
// waited for the earlier one's commit. Hence a snapshot that sees head v
// sees every log row up to v and none after it, and "the log rows after
// since, up to the head" in one snapshot is exactly what changed, with no
// transaction that commits late slipping under a version already passed.
var _ service.FeedStore = (*DB)(nil)

// feedColumns are estate.FeedFields, what the copy of the register in
// memory holds; scanFeed reads them. TestFeedFields holds the two to the
// list.
const feedColumns = `id, partner_id, asset_code, uprn, name, street_name, town, postcode, use, holding, lon, lat,
	tenure, tenure_detail, annual_rent_gbp, gia_m2, utilisation_pct, market_value_gbp,
	running_cost_gbp_pa, rag, rag_rationale, rag_set_at, tags, sensitive,
	disposal_stage, disposal_stage_at, disposal_target, receipt_gbp, receipt_date, surplus_value_gbp`

// scanFeed reads one row of feedColumns into a, which it clears first so
// a reused Asset keeps nothing of the row before.
func scanFeed(rows pgx.Rows, a *estate.Asset) error {
	*a = estate.Asset{}
	if err := rows.Scan(&a.ID, &a.Partner, &a.AssetCode, &a.UPRN, &a.Name, &a.StreetName, &a.Town, &a.Postcode,
		&a.Use, (*string)(&a.Holding), &a.Location.Lon, &a.Location.Lat, (*string)(&a.Tenure), (*string)(&a.TenureDetail),
		&a.AnnualRentGBP, &a.GIAM2, &a.UtilisationPct, &a.MarketValueGBP, &a.RunningCostGBPPA,
		(*string)(&a.RAG), &a.RAGRationale, &a.RAGSetAt, &a.Tags, &a.Sensitive,
		(*string)(&a.DisposalStage), &a.DisposalStageAt, &a.DisposalTarget, &a.ReceiptGBP, &a.ReceiptDate,
		&a.SurplusValueGBP); err != nil {
		return fmt.Errorf("postgres: scan asset: %w", err)
	}
	if len(a.Tags) == 0 {
		a.Tags = nil
	}
	utcPtr(&a.RAGSetAt) // pgx reads timestamptz in the local zone
	utcPtr(&a.DisposalStageAt)
	return nil
}

// ReadRegister calls fn with every asset's feed fields, in id order, from
// one repeatable-read snapshot, streaming: a national register is never
// held whole as estate.Assets. It returns the head version that snapshot
// sees.
func (db *DB) ReadRegister(ctx context.Context, fn func(*estate.Asset) error) (int64, error) {
	var version int64
	err := db.inSnapshot(ctx, func(tx pgx.Tx) error {
		var err error
		if version, err = registerHead(ctx, tx); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, `SELECT `+feedColumns+` FROM assets ORDER BY id`)
		if err != nil {
			return fmt.Errorf("postgres: read register: %w", err)
		}
		defer rows.Close()
		var a estate.Asset
		for rows.Next() {
			if err := scanFeed(rows, &a); err != nil {
				return err
			}
			if err := fn(&a); err != nil {
				return err
			}
		}
		if err := rows.Err(); err != nil {
			return fmt.Errorf("postgres: read register: %w", err)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return version, nil
}

// registerHead is the register's version in q's snapshot.
func registerHead(ctx context.Context, q interface {
	QueryRow(context.Context, string, ...any) pgx.Row
}) (int64, error) {
	var v int64
	if err := q.QueryRow(ctx, `SELECT version FROM register_head`).Scan(&v); err != nil {
		return 0, fmt.Errorf("postgres: register version: %w", err)
	}
	return v, nil
}
