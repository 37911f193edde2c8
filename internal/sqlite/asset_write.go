package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/geo"
)

// CreateAsset stores a new asset, audited as a creation.
func (s *AssetService) CreateAsset(ctx context.Context, a *estate.Asset) error {
	return s.CreateAssets(ctx, []*estate.Asset{a}, estate.ActionCreate)
}

// CreateAssets stores several new assets in one transaction: all or none.
// Each is audited with action (create or import).
func (s *AssetService) CreateAssets(ctx context.Context, assets []*estate.Asset, action estate.AuditAction) error {
	actor := estate.ActorFromContext(ctx)
	for i, a := range assets {
		if err := checkNewAsset(actor, a, s.area); err != nil {
			return withIndex(err, i, len(assets))
		}
	}
	tx, err := s.db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	w, err := newAssetWriter(ctx, tx)
	if err != nil {
		return err
	}
	defer w.close()
	for i, a := range assets {
		if err := w.create(ctx, a, actor, action); err != nil {
			return withIndex(err, i, len(assets))
		}
	}
	return commit(tx)
}

// checkNewAsset normalizes and validates a new asset in area and checks
// the actor may create it, before any transaction starts.
func checkNewAsset(actor estate.Actor, a *estate.Asset, area estate.ServiceArea) error {
	if !actor.CanEdit(a.Partner) {
		return estate.Errorf(estate.EFORBIDDEN, "You may not create assets for partner %q.", a.Partner)
	}
	a.Normalize()
	if err := a.ValidateIn(area); err != nil {
		return err
	}
	return estate.CheckRAGRationale(a)
}

// withIndex says which item of a batch failed; a batch of one is left as is.
func withIndex(err error, i, n int) error {
	var e *estate.Error
	if n == 1 || !errors.As(err, &e) {
		return err
	}
	c := *e
	c.Message = fmt.Sprintf("Item %d: %s", i, e.Message)
	return &c
}

// UpdateAsset applies change to the asset if its version is ifVersion.
func (s *AssetService) UpdateAsset(ctx context.Context, id, ifVersion int64, change func(*estate.Asset) error) (*estate.Asset, error) {
	return s.modify(ctx, id, ifVersion, estate.ActionUpdate, func(a *estate.Asset, _ *Tx) error {
		ragBefore := ragState(a)
		if err := change(a); err != nil {
			return err
		}
		if ragState(a) != ragBefore {
			return &estate.Error{Code: estate.EINVALID, Message: "Ratings change only through the rag resource, which records who rated and why.",
				Fields: []estate.FieldError{{Field: "rag", Message: "set it with PUT /api/v1/assets/{id}/rag"}}}
		}
		return nil
	})
}

func ragState(a *estate.Asset) [3]string {
	return [3]string{string(a.RAG), a.RAGRationale, a.RAGSetBy}
}

// SetAssetRAG rates the asset and records who rated it and when.
func (s *AssetService) SetAssetRAG(ctx context.Context, id, ifVersion int64, u estate.RAGUpdate) (*estate.Asset, error) {
	if err := u.Validate(); err != nil {
		return nil, err
	}
	actor := estate.ActorFromContext(ctx)
	return s.modify(ctx, id, ifVersion, estate.ActionRAG, func(a *estate.Asset, tx *Tx) error {
		a.RAG, a.RAGRationale = u.Rating, u.Rationale
		a.RAGSetBy = actor.AuditName()
		now := tx.now
		a.RAGSetAt = &now
		return nil
	})
}

// modify is the one path for changing an existing asset: load it in the
// write transaction, check access and version, change a copy, validate,
// write it and its audit event, commit.
func (s *AssetService) modify(ctx context.Context, id, ifVersion int64, action estate.AuditAction,
	change func(*estate.Asset, *Tx) error) (*estate.Asset, error) {
	actor := estate.ActorFromContext(ctx)
	tx, err := s.db.beginWrite(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	before, err := loadForWrite(ctx, tx, actor, id, ifVersion)
	if err != nil {
		return nil, err
	}
	after := before.Clone()
	if err := change(after, tx); err != nil {
		return nil, err
	}
	after.ID, after.Version, after.CreatedAt = before.ID, before.Version, before.CreatedAt
	if after.Partner != before.Partner && !actor.CanEdit(after.Partner) {
		return nil, estate.Errorf(estate.EFORBIDDEN, "You may not give assets to partner %q.", after.Partner)
	}
	after.Normalize()
	if err := after.ValidateChange(before, s.area); err != nil {
		return nil, err
	}
	changes := estate.Diff(before, after)
	if len(changes) == 0 {
		// Nothing changed: no new version, no audit noise.
		return before, nil
	}
	w, err := newAssetWriter(ctx, tx)
	if err != nil {
		return nil, err
	}
	defer w.close()
	if err := w.update(ctx, after, actor, action, changes); err != nil {
		return nil, err
	}
	if err := commit(tx); err != nil {
		return nil, err
	}
	return after, nil
}

// loadForWrite reads the asset inside the write transaction and checks the
// actor may change it and holds its current version.
func loadForWrite(ctx context.Context, tx *Tx, actor estate.Actor, id, ifVersion int64) (*estate.Asset, error) {
	a, err := scanAsset(tx.QueryRowContext(ctx, `SELECT `+assetColumns+` FROM assets a WHERE a.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) || (err == nil && a.Sensitive && !actor.CanSeeSensitive(a.Partner)) {
		return nil, estate.Errorf(estate.ENOTFOUND, "Asset %d not found.", id)
	} else if err != nil {
		return nil, err
	}
	if !actor.CanEdit(a.Partner) {
		if actor.IsAnonymous() {
			return nil, estate.Errorf(estate.EUNAUTHORIZED, "Sign in with a token to change assets.")
		}
		return nil, estate.Errorf(estate.EFORBIDDEN, "You may not change assets of partner %q.", a.Partner)
	}
	if ifVersion == 0 {
		return nil, &estate.Error{Code: estate.EPRECONDITIONNEEDED, Version: a.Version,
			Message: "Say which version you are changing (If-Match), so nobody's update is lost."}
	}
	if ifVersion < 0 {
		return nil, &estate.Error{Code: estate.EPRECONDITIONFAILED, Version: a.Version,
			Message: fmt.Sprintf("Asset %d is at version %d: name it with the strong ETag \"%d\" (a weak W/ tag never matches).", id, a.Version, a.Version)}
	}
	if ifVersion != a.Version {
		return nil, &estate.Error{Code: estate.EPRECONDITIONFAILED, Version: a.Version,
			Message: fmt.Sprintf("Asset %d has changed: it is at version %d, not %d. Reload it and try again.", id, a.Version, ifVersion)}
	}
	return a, nil
}

// DeleteAsset removes the asset; its audit trail stays.
func (s *AssetService) DeleteAsset(ctx context.Context, id, ifVersion int64) error {
	actor := estate.ActorFromContext(ctx)
	tx, err := s.db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	before, err := loadForWrite(ctx, tx, actor, id, ifVersion)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM assets WHERE id = ?`, id); err != nil {
		return fmt.Errorf("sqlite: delete asset: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM assets_rtree WHERE id = ?`, id); err != nil {
		return fmt.Errorf("sqlite: delete asset bounds: %w", err)
	}
	ev := &estate.AuditEvent{AssetID: id, Partner: before.Partner, Action: estate.ActionDelete,
		Version: before.Version + 1, Changes: estate.Diff(before, nil)}
	if err := insertAudit(ctx, tx, actor, ev); err != nil {
		return err
	}
	return commit(tx)
}

const insertAuditSQL = `INSERT INTO audit_events
	(asset_id, partner_id, action, actor, actor_partner, at, version, changes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`

func insertAudit(ctx context.Context, tx *Tx, actor estate.Actor, ev *estate.AuditEvent) error {
	changes, err := json.Marshal(ev.Changes)
	if err != nil {
		return fmt.Errorf("sqlite: audit: %w", err)
	}
	if _, err = tx.ExecContext(ctx, insertAuditSQL, auditArgs(tx, actor, ev, string(changes))...); err != nil {
		return fmt.Errorf("sqlite: audit: %w", err)
	}
	return nil
}

// auditArgs are insertAuditSQL's arguments for ev by actor, its changes
// encoded already, at the transaction's time.
func auditArgs(tx *Tx, actor estate.Actor, ev *estate.AuditEvent, changes string) []any {
	return []any{ev.AssetID, ev.Partner, string(ev.Action), actor.Name, actor.Partner, formatTime(tx.now), ev.Version, changes}
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
		a.Sensitive, a.EffectiveDate, a.Version, formatTime(a.CreatedAt), formatTime(a.UpdatedAt),
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
	tags, notes, sensitive, effective_date, version, created_at, updated_at, packed, search_text`
