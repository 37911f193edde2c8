package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/geo"
	"github.com/placetrust/placetrust/internal/service"
)

// CreateAssets stores new assets and their audit events in one
// transaction: all or none.
func (db *DB) CreateAssets(ctx context.Context, writes []service.AssetWrite) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	w, err := newAssetWriter(ctx, tx)
	if err != nil {
		return err
	}
	defer w.close()
	for i, wr := range writes {
		if err := w.insert(ctx, wr.Asset, wr.Event); err != nil {
			return &service.ItemError{Index: i, Err: err}
		}
	}
	return commit(tx)
}

// UpdateAsset replaces the asset if it is still at version.
func (db *DB) UpdateAsset(ctx context.Context, wr service.AssetWrite, version int64) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := checkVersion(ctx, tx, wr.Asset.ID, version); err != nil {
		return err
	}
	w, err := newAssetWriter(ctx, tx)
	if err != nil {
		return err
	}
	defer w.close()
	if err := w.replace(ctx, wr.Asset, wr.Event); err != nil {
		return err
	}
	return commit(tx)
}

// checkVersion reads the asset's version in the write transaction:
// ENOTFOUND when it is gone, a StaleError when it is not version.
func checkVersion(ctx context.Context, tx *Tx, id, version int64) error {
	var current int64
	err := tx.QueryRowContext(ctx, `SELECT version FROM assets WHERE id = ?`, id).Scan(&current)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return estate.Errorf(estate.ENOTFOUND, "Asset %d not found.", id)
	case err != nil:
		return fmt.Errorf("sqlite: asset version: %w", err)
	case current != version:
		return &service.StaleError{Current: current}
	}
	return nil
}

// DeleteAsset removes the asset if it is still at version; its audit
// trail stays.
func (db *DB) DeleteAsset(ctx context.Context, ev *estate.AuditEvent, version int64) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := checkVersion(ctx, tx, ev.AssetID, version); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM assets WHERE id = ?`, ev.AssetID); err != nil {
		return fmt.Errorf("sqlite: delete asset: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM assets_rtree WHERE id = ?`, ev.AssetID); err != nil {
		return fmt.Errorf("sqlite: delete asset bounds: %w", err)
	}
	changes, err := json.Marshal(ev.Changes)
	if err != nil {
		return fmt.Errorf("sqlite: audit: %w", err)
	}
	if _, err = tx.ExecContext(ctx, insertAuditSQL, auditArgs(ev, string(changes))...); err != nil {
		return fmt.Errorf("sqlite: audit: %w", err)
	}
	return commit(tx)
}

const insertAuditSQL = `INSERT INTO audit_events
	(asset_id, partner_id, action, actor, actor_partner, at, version, changes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`

// auditArgs are insertAuditSQL's arguments for ev, its changes encoded
// already.
func auditArgs(ev *estate.AuditEvent, changes string) []any {
	return []any{ev.AssetID, ev.Partner, string(ev.Action), ev.Actor, ev.ActorPartner, formatTime(ev.At), ev.Version, changes}
}

// assetRow returns the column values shared by insert and update, in
// assetWriteColumns order.
func assetRow(a *estate.Asset) ([]any, error) {
	fp, err := geo.MarshalWKB(a.Footprint)
	if err != nil {
		return nil, err
	}
	occ, tags, err := linkColumns(a)
	if err != nil {
		return nil, err
	}
	b := a.Bounds()
	return []any{a.Partner, a.AssetCode, a.UPRN, a.Name, a.StreetNumber, a.StreetName, a.Town,
		a.Postcode, string(a.Holding), a.Use, a.Location.Lon, a.Location.Lat, fp,
		b.MinLon, b.MinLat, b.MaxLon, b.MaxLat, string(a.Tenure), string(a.TenureDetail),
		a.LeaseExpiry, a.LeaseBreak, optInt(a.AnnualRentGBP), optFloat(a.GIAM2), optFloat(a.LandAreaHa),
		optFloat(a.UtilisationPct), a.Condition, optInt(a.BacklogGBP), a.EnergyRating, string(a.Listed),
		optInt(a.MarketValueGBP), optInt(a.BookValueGBP), optInt(a.RunningCostGBPPA), string(occ),
		string(a.RAG), a.RAGRationale, a.RAGSetBy, optTime(a.RAGSetAt), string(tags), a.Notes,
		a.Sensitive, a.EffectiveDate, string(a.DisposalStage), optTime(a.DisposalStageAt), a.DisposalTarget,
		a.DisposalNote, optInt(a.ReceiptGBP), a.ReceiptDate, optInt(a.SurplusValueGBP), a.Version, formatTime(a.CreatedAt), formatTime(a.UpdatedAt),
		packRow(a, occ, tags), a.SearchText()}, nil
}

// linkColumns encodes an asset's occupiers and tags as their columns
// hold them.
func linkColumns(a *estate.Asset) (occ, tags []byte, err error) {
	occ, tags = []byte("[]"), []byte("[]")
	if len(a.Occupiers) > 0 {
		if occ, err = json.Marshal(a.Occupiers); err != nil {
			return nil, nil, fmt.Errorf("sqlite: occupiers: %w", err)
		}
	}
	if len(a.Tags) > 0 {
		if tags, err = json.Marshal(a.Tags); err != nil {
			return nil, nil, fmt.Errorf("sqlite: tags: %w", err)
		}
	}
	return occ, tags, nil
}

const assetWriteColumns = `partner_id, asset_code, uprn, name, street_number, street_name, town,
	postcode, holding, use, lon, lat, footprint, min_lon, min_lat, max_lon, max_lat, tenure,
	tenure_detail, lease_expiry, lease_break, annual_rent_gbp, gia_m2, land_area_ha,
	utilisation_pct, condition, backlog_gbp, energy_rating, listed, market_value_gbp,
	book_value_gbp, running_cost_gbp_pa, occupiers, rag, rag_rationale, rag_set_by, rag_set_at,
	tags, notes, sensitive, effective_date, disposal_stage, disposal_stage_at, disposal_target,
	disposal_note, receipt_gbp, receipt_date, surplus_value_gbp, version, created_at, updated_at,
	packed, search_text`
