package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/geo"
	"github.com/placetrust/placetrust/internal/service"
)

const assetColumns = `a.id, a.partner_id, a.asset_code, a.uprn, a.name, a.street_number, a.street_name,
	a.town, a.postcode, a.holding, a.use, a.lon, a.lat, a.footprint, a.tenure, a.tenure_detail,
	a.lease_expiry, a.lease_break, a.annual_rent_gbp, a.gia_m2, a.land_area_ha, a.utilisation_pct,
	a.condition, a.backlog_gbp, a.energy_rating, a.listed, a.market_value_gbp, a.book_value_gbp,
	a.running_cost_gbp_pa, a.occupiers, a.rag, a.rag_rationale, a.rag_set_by, a.rag_set_at,
	a.tags, a.notes, a.sensitive, a.effective_date, a.disposal_stage, a.disposal_stage_at,
	a.disposal_target, a.disposal_note, a.receipt_gbp, a.receipt_date, a.surplus_value_gbp,
	a.version, a.created_at, a.updated_at`

// FindAsset returns the asset with id, as stored.
func (db *DB) FindAsset(ctx context.Context, id int64) (*estate.Asset, error) {
	a, err := scanAssetPacked(db.reads.QueryRowContext(ctx, `SELECT `+assetColumnsPacked+` FROM assets a WHERE a.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, estate.Errorf(estate.ENOTFOUND, "Asset %d not found.", id)
	}
	return a, err
}

type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// EachAsset calls fn with the page's rows in the order read: the page's
// order (f.Sort), reversed for a page read backwards.
func (db *DB) EachAsset(ctx context.Context, f estate.AssetFilter, scope service.Scope, fn func(*estate.Asset) error) error {
	// A sorted page's cursor is a pair, which sortedPage writes.
	where, args := assetWhere(f, scope, f.Sort.ByID())
	if scan, err := db.bboxByScan(ctx, f); err != nil {
		return err
	} else if scan {
		where, args = unindexedBBox(where, args, f) // see asset_plan.go
	}
	var q string
	if f.Sort.ByID() {
		// A page read backwards is read from Before, in reverse.
		order := ` ORDER BY a.id LIMIT ?`
		if !f.ReadsAscending() {
			order = ` ORDER BY a.id DESC LIMIT ?`
		}
		q, args = `SELECT `+assetColumnsPacked+` FROM assets a WHERE `+where+order, append(args, f.PageSize())
	} else {
		q, args = sortedPage(f, where, args) // see asset_order.go
	}
	rows, err := db.readsFor(f).QueryContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("sqlite: find assets: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		a, err := scanAssetPacked(rows) // see asset_scan.go
		if err != nil {
			return err
		}
		if err := fn(a); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sqlite: find assets: %w", err)
	}
	return nil
}

// FindAssetDates bounds the dates of the assets in scope. Like the
// extent, it is remembered until the register changes.
func (db *DB) FindAssetDates(ctx context.Context, scope service.Scope) (first, last time.Time, ok bool, err error) {
	where, args := assetWhere(estate.AssetFilter{}, scope, false)
	v, err := db.memo.get(ctx, db.reads, "dates\x00"+countKey(where, args), func() (any, error) {
		var lo, hi sql.NullString
		err := db.reads.QueryRowContext(ctx, `SELECT
			min(CASE WHEN a.effective_date <> '' THEN a.effective_date || 'T00:00:00Z' ELSE a.updated_at END),
			max(CASE WHEN a.effective_date <> '' THEN a.effective_date || 'T23:59:59Z' ELSE a.updated_at END)
			FROM assets a WHERE `+where, args...).Scan(&lo, &hi)
		if err != nil {
			return nil, fmt.Errorf("sqlite: asset dates: %w", err)
		}
		if !lo.Valid {
			return [2]time.Time{}, nil
		}
		var out [2]time.Time
		if out[0], err = parseTime(lo.String); err != nil {
			return nil, err
		}
		if out[1], err = parseTime(hi.String); err != nil {
			return nil, err
		}
		return out, nil
	})
	if err != nil {
		return first, last, false, err
	}
	d := v.([2]time.Time)
	return d[0], d[1], !d[0].IsZero(), nil
}

// CountAssets counts the assets matching f in scope.
func (db *DB) CountAssets(ctx context.Context, f estate.AssetFilter, scope service.Scope) (int, error) {
	where, args := assetWhere(f, scope, false)
	return db.memo.count(ctx, db.readsFor(f), where, args)
}

// readsFor returns the statement cache f's queries run through.
func (db *DB) readsFor(f estate.AssetFilter) *stmtCache {
	if f.Where != nil {
		return db.filtered
	}
	return db.reads
}

// assetWhere builds the WHERE clause for f. Values only ever travel as
// placeholders; the SQL text depends on which filters are set, not on
// what they hold.
func assetWhere(f estate.AssetFilter, scope service.Scope, paged bool) (string, []any) {
	var conds []string
	var args []any
	add := func(cond string, a ...any) {
		conds = append(conds, cond)
		args = append(args, a...)
	}
	// The scope the service gave: sensitive assets only of its partner, or of all.
	switch {
	case scope.AllSensitive:
	case scope.Partner == "":
		add(`a.sensitive = 0`)
	default:
		add(`(a.sensitive = 0 OR a.partner_id = ?)`, scope.Partner)
	}
	if len(f.IDs) > 0 {
		add(`a.id IN (`+placeholders(len(f.IDs))+`)`, anySlice(f.IDs)...)
	}
	if len(f.Partners) > 0 {
		add(`a.partner_id IN (`+placeholders(len(f.Partners))+`)`, anySlice(f.Partners)...)
	}
	if len(f.RAGs) > 0 {
		add(`a.rag IN (`+placeholders(len(f.RAGs))+`)`, anySlice(f.RAGs)...)
	}
	if len(f.Holdings) > 0 {
		add(`a.holding IN (`+placeholders(len(f.Holdings))+`)`, anySlice(f.Holdings)...)
	}
	if len(f.Tenures) > 0 {
		add(`a.tenure IN (`+placeholders(len(f.Tenures))+`)`, anySlice(f.Tenures)...)
	}
	for _, t := range f.Tags {
		add(`a.id IN (SELECT asset_id FROM asset_tags WHERE tag = ?)`, t)
	}
	if q := strings.TrimSpace(f.Q); q != "" {
		// search_text holds the fields q looks in, folded as q is here
		// (estate.Asset.SearchText), so one LIKE matches whatever the case
		// or Unicode normal form of either.
		add(`a.search_text LIKE ? ESCAPE '\'`, "%"+likeEscaper.Replace(estate.FoldText(q))+"%")
	}
	if f.UPRN != "" {
		add(`a.uprn = ?`, f.UPRN)
	}
	if b := f.BBox; b != nil {
		add(rtreeBBoxCond+`a.max_lon >= ? AND a.min_lon <= ? AND a.max_lat >= ? AND a.min_lat <= ?`,
			b.MinLon, b.MaxLon, b.MinLat, b.MaxLat, b.MinLon, b.MaxLon, b.MinLat, b.MaxLat)
	}
	if f.Near != nil {
		b := estate.AroundBBox(*f.Near, f.WithinM)
		add(`a.id IN (SELECT id FROM assets_rtree WHERE max_lon >= ? AND min_lon <= ? AND max_lat >= ? AND min_lat <= ?)
			AND pt_distance(a.lon, a.lat, ?, ?) <= ?`,
			b.MinLon, b.MaxLon, b.MinLat, b.MaxLat, f.Near.Lon, f.Near.Lat, f.WithinM)
	}
	if !f.UpdatedSince.IsZero() {
		add(`a.updated_at >= ?`, lowerTimeBound(f.UpdatedSince)) // see timebounds.go
	}
	if !f.UpdatedBefore.IsZero() {
		add(`a.updated_at <= ?`, upperTimeBound(f.UpdatedBefore))
	}
	if f.EffectiveFrom != "" {
		add(`a.effective_date <> '' AND a.effective_date >= ?`, f.EffectiveFrom)
	}
	if f.EffectiveTo != "" {
		add(`a.effective_date <> '' AND a.effective_date <= ?`, f.EffectiveTo)
	}
	// An asset's date is its effective_date's day, or its updated_at
	// when it has none: a day meets a bound when any second of it does.
	if !f.DatedFrom.IsZero() {
		add(`(CASE WHEN a.effective_date <> '' THEN a.effective_date >= ? ELSE a.updated_at >= ? END)`,
			f.DatedFrom.UTC().Format(time.DateOnly), lowerTimeBound(f.DatedFrom))
	}
	if !f.DatedTo.IsZero() {
		add(`(CASE WHEN a.effective_date <> '' THEN a.effective_date <= ? ELSE a.updated_at <= ? END)`,
			f.DatedTo.UTC().Format(time.DateOnly), upperTimeBound(f.DatedTo))
	}
	if f.Where != nil {
		cond, a := condWhere(f.Where) // see asset_cond.go
		add(cond, a...)
	}
	if cond, a := idKeyset(f); paged && cond != "" {
		add(cond, a...)
	}
	if len(conds) == 0 {
		return "1", nil
	}
	return strings.Join(conds, " AND "), args
}

var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

func anySlice[T any](vs []T) []any {
	out := make([]any, len(vs))
	for i, v := range vs {
		out[i] = v
	}
	return out
}

func scanAsset(row scanner) (*estate.Asset, error) {
	var a estate.Asset
	var footprint []byte
	var rent, backlog, market, book, running sql.NullInt64
	var gia, land, util sql.NullFloat64
	var occupiers, tags, ragSetAt, stageAt, created, updated string
	var receipt, surplus sql.NullInt64
	err := row.Scan(&a.ID, &a.Partner, &a.AssetCode, &a.UPRN, &a.Name, &a.StreetNumber, &a.StreetName,
		&a.Town, &a.Postcode, &a.Holding, &a.Use, &a.Location.Lon, &a.Location.Lat, &footprint,
		&a.Tenure, &a.TenureDetail, &a.LeaseExpiry, &a.LeaseBreak, &rent, &gia, &land, &util,
		&a.Condition, &backlog, &a.EnergyRating, &a.Listed, &market, &book, &running, &occupiers,
		&a.RAG, &a.RAGRationale, &a.RAGSetBy, &ragSetAt, &tags, &a.Notes, &a.Sensitive,
		&a.EffectiveDate, &a.DisposalStage, &stageAt, &a.DisposalTarget, &a.DisposalNote, &receipt,
		&a.ReceiptDate, &surplus, &a.Version, &created, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, err
	} else if err != nil {
		return nil, fmt.Errorf("sqlite: scan asset: %w", err)
	}
	a.AnnualRentGBP, a.BacklogGBP = nullInt(rent), nullInt(backlog)
	a.MarketValueGBP, a.BookValueGBP, a.RunningCostGBPPA = nullInt(market), nullInt(book), nullInt(running)
	a.GIAM2, a.LandAreaHa, a.UtilisationPct = nullFloat(gia), nullFloat(land), nullFloat(util)
	a.ReceiptGBP, a.SurplusValueGBP = nullInt(receipt), nullInt(surplus)
	if stageAt != "" {
		t, err := parseTime(stageAt)
		if err != nil {
			return nil, err
		}
		a.DisposalStageAt = &t
	}
	if a.Footprint, err = geo.UnmarshalWKB(footprint); err != nil {
		return nil, fmt.Errorf("sqlite: asset %d: %w", a.ID, err)
	}
	if occupiers != "[]" {
		if err := json.Unmarshal([]byte(occupiers), &a.Occupiers); err != nil {
			return nil, fmt.Errorf("sqlite: asset %d occupiers: %w", a.ID, err)
		}
	}
	if tags != "[]" {
		if err := json.Unmarshal([]byte(tags), &a.Tags); err != nil {
			return nil, fmt.Errorf("sqlite: asset %d tags: %w", a.ID, err)
		}
	}
	if ragSetAt != "" {
		t, err := parseTime(ragSetAt)
		if err != nil {
			return nil, err
		}
		a.RAGSetAt = &t
	}
	if a.CreatedAt, err = parseTime(created); err != nil {
		return nil, err
	}
	if a.UpdatedAt, err = parseTime(updated); err != nil {
		return nil, err
	}
	return &a, nil
}

func nullInt(v sql.NullInt64) *int64 {
	if !v.Valid {
		return nil
	}
	return &v.Int64
}

func nullFloat(v sql.NullFloat64) *float64 {
	if !v.Valid {
		return nil
	}
	return &v.Float64
}

func optInt(v *int64) any {
	if v == nil {
		return nil
	}
	return *v
}

func optFloat(v *float64) any {
	if v == nil {
		return nil
	}
	return *v
}

func optTime(t *time.Time) string {
	if t == nil {
		return ""
	}
	return formatTime(*t)
}
