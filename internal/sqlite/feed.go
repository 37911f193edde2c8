package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/placetrust/placetrust/internal/estate"
)

// feedColumns are estate.FeedFields, what the copy of the register in
// memory holds; scanFeed reads them. TestFeedFields holds the two to the
// list.
const feedColumns = `id, partner_id, asset_code, uprn, name, street_name, town, postcode, use, holding, lon, lat,
	tenure, tenure_detail, annual_rent_gbp, gia_m2, utilisation_pct, market_value_gbp,
	running_cost_gbp_pa, rag, rag_rationale, rag_set_at, tags, sensitive,
	disposal_stage, disposal_stage_at, disposal_target, receipt_gbp, receipt_date, surplus_value_gbp`

// scanFeed reads one row of feedColumns into a, which it clears first so
// a reused Asset keeps nothing of the row before.
func scanFeed(rows *sql.Rows, a *estate.Asset) error {
	*a = estate.Asset{}
	var rent, market, running, receipt, surplus sql.NullInt64
	var gia, util sql.NullFloat64
	var tags, setAt, stageAt string
	if err := rows.Scan(&a.ID, &a.Partner, &a.AssetCode, &a.UPRN, &a.Name, &a.StreetName, &a.Town, &a.Postcode, &a.Use, &a.Holding,
		&a.Location.Lon, &a.Location.Lat, &a.Tenure, &a.TenureDetail, &rent, &gia, &util,
		&market, &running, &a.RAG, &a.RAGRationale, &setAt, &tags, &a.Sensitive,
		&a.DisposalStage, &stageAt, &a.DisposalTarget, &receipt, &a.ReceiptDate, &surplus); err != nil {
		return fmt.Errorf("sqlite: scan asset: %w", err)
	}
	a.AnnualRentGBP, a.MarketValueGBP, a.RunningCostGBPPA = nullInt(rent), nullInt(market), nullInt(running)
	a.GIAM2, a.UtilisationPct = nullFloat(gia), nullFloat(util)
	a.ReceiptGBP, a.SurplusValueGBP = nullInt(receipt), nullInt(surplus)
	if stageAt != "" {
		t, err := parseTime(stageAt)
		if err != nil {
			return fmt.Errorf("sqlite: asset %d disposal_stage_at: %w", a.ID, err)
		}
		a.DisposalStageAt = &t
	}
	if setAt != "" {
		t, err := parseTime(setAt)
		if err != nil {
			return fmt.Errorf("sqlite: asset %d rag_set_at: %w", a.ID, err)
		}
		a.RAGSetAt = &t
	}
	if tags != "[]" {
		if err := json.Unmarshal([]byte(tags), &a.Tags); err != nil {
			return fmt.Errorf("sqlite: asset %d tags: %w", a.ID, err)
		}
	}
	return nil
}

// ReadRegister calls fn with every asset's feed fields, in id order, from
// one snapshot, one row at a time: a national register is never held
// whole as estate.Assets.
func (db *DB) ReadRegister(ctx context.Context, fn func(*estate.Asset) error) (int64, error) {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	version, err := auditHead(ctx, tx)
	if err != nil {
		return 0, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+feedColumns+` FROM assets ORDER BY id`)
	if err != nil {
		return 0, fmt.Errorf("sqlite: read register: %w", err)
	}
	defer rows.Close()
	var a estate.Asset
	for rows.Next() {
		if err := scanFeed(rows, &a); err != nil {
			return 0, err
		}
		if err := fn(&a); err != nil {
			return 0, err
		}
	}
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("sqlite: read register: %w", err)
	}
	return version, nil
}
