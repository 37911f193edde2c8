package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
)

var _ estate.RegisterSource = (*AssetService)(nil)

// RegisterVersion is the id of the newest audit event: every change to
// any asset writes one in its own transaction, so the id moves with every
// commit, and reading it is one index lookup.
func (s *AssetService) RegisterVersion(ctx context.Context) (int64, error) {
	return auditHead(ctx, s.db.reads)
}

// snapshotColumns are the analysis fields: what analyses never read
// (addresses, footprints, notes, audit fields) is left out, which keeps a
// national register's copy small. The UPRN, rationale and rating date are
// for the data quality view, which needs all three; the rationale's text
// is kept whole, as a prefix standing in for it would be a trap for the
// next analysis that reads it (their cost: README, Speed).
const snapshotColumns = `id, partner_id, asset_code, uprn, name, street_name, town, postcode, use, holding, lon, lat,
	tenure, tenure_detail, annual_rent_gbp, gia_m2, utilisation_pct, market_value_gbp,
	running_cost_gbp_pa, rag, rag_rationale, rag_set_at, tags, sensitive`

// scanSnapshot reads one row of snapshotColumns into a; at holds the
// rating's date, if it has one, so a caller reading many rows can give
// each its place in one array instead of a small allocation each.
func scanSnapshot(rows *sql.Rows, a *estate.Asset, at *time.Time) error {
	var rent, market, running sql.NullInt64
	var gia, util sql.NullFloat64
	var tags, setAt string
	if err := rows.Scan(&a.ID, &a.Partner, &a.AssetCode, &a.UPRN, &a.Name, &a.StreetName, &a.Town, &a.Postcode, &a.Use, &a.Holding,
		&a.Location.Lon, &a.Location.Lat, &a.Tenure, &a.TenureDetail, &rent, &gia, &util,
		&market, &running, &a.RAG, &a.RAGRationale, &setAt, &tags, &a.Sensitive); err != nil {
		return fmt.Errorf("sqlite: scan asset: %w", err)
	}
	a.AnnualRentGBP, a.MarketValueGBP, a.RunningCostGBPPA = nullInt(rent), nullInt(market), nullInt(running)
	a.GIAM2, a.UtilisationPct = nullFloat(gia), nullFloat(util)
	if setAt != "" {
		t, err := parseTime(setAt)
		if err != nil {
			return fmt.Errorf("sqlite: asset %d rag_set_at: %w", a.ID, err)
		}
		*at = t
		a.RAGSetAt = at
	}
	if tags != "[]" {
		if err := json.Unmarshal([]byte(tags), &a.Tags); err != nil {
			return fmt.Errorf("sqlite: asset %d tags: %w", a.ID, err)
		}
	}
	return nil
}

// FindAllAssets reads the analysis fields of every asset in one snapshot.
func (s *AssetService) FindAllAssets(ctx context.Context) (int64, []*estate.Asset, error) {
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return 0, nil, err
	}
	defer tx.Rollback()
	version, err := auditHead(ctx, tx)
	if err != nil {
		return 0, nil, err
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM assets`).Scan(&n); err != nil {
		return 0, nil, fmt.Errorf("sqlite: find all assets: %w", err)
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+snapshotColumns+` FROM assets ORDER BY id`)
	if err != nil {
		return 0, nil, fmt.Errorf("sqlite: find all assets: %w", err)
	}
	defer rows.Close()
	// One backing array each for assets and rating dates: a million small
	// allocations cost more than the rows.
	backing := make([]estate.Asset, 0, n)
	times := make([]time.Time, 0, n)
	out := make([]*estate.Asset, 0, n)
	for rows.Next() {
		backing = append(backing, estate.Asset{})
		times = append(times, time.Time{})
		a := &backing[len(backing)-1]
		if err := scanSnapshot(rows, a, &times[len(times)-1]); err != nil {
			return 0, nil, err
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return 0, nil, fmt.Errorf("sqlite: find all assets: %w", err)
	}
	return version, out, nil
}
