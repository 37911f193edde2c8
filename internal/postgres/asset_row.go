package postgres

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/geo"
	"github.com/placetrust/placetrust/internal/geo/bng"
)

// The asset row, written once for every write path: a single edit's
// INSERT and UPDATE here, an import's COPY (import_copy.go), a copy
// between stores.
//
// An asset goes to PostgreSQL as plain values (assetFields, from
// assetValues): numbers, text, the footprint as WKB and the British
// National Grid point as two numbers. assetExprs turns them into the
// stored columns, so a staging table holds the same values as a
// statement's parameters. Floats travel in pgx's binary format and WKB
// keeps float64s as they are, so every coordinate and measure reads back
// bit for bit.

// rowField is one value of an asset row as Go sends it.
type rowField struct {
	name string // a staging table's column of it
	typ  string // its PostgreSQL type
}

// assetFields are assetValues' values in order.
var assetFields = []rowField{
	{"partner_id", "text"}, {"asset_code", "text"}, {"uprn", "text"}, {"name", "text"},
	{"street_number", "text"}, {"street_name", "text"}, {"town", "text"}, {"postcode", "text"},
	{"holding", "text"}, {"use", "text"}, {"lon", "float8"}, {"lat", "float8"},
	{"footprint_wkb", "bytea"}, {"min_lon", "float8"}, {"min_lat", "float8"},
	{"max_lon", "float8"}, {"max_lat", "float8"}, {"bng_e", "float8"}, {"bng_n", "float8"},
	{"tenure", "text"}, {"tenure_detail", "text"}, {"lease_expiry", "text"}, {"lease_break", "text"},
	{"annual_rent_gbp", "int8"}, {"gia_m2", "float8"}, {"land_area_ha", "float8"},
	{"utilisation_pct", "float8"}, {"condition", "text"}, {"backlog_gbp", "int8"},
	{"energy_rating", "text"}, {"listed", "text"}, {"market_value_gbp", "int8"},
	{"book_value_gbp", "int8"}, {"running_cost_gbp_pa", "int8"}, {"occupiers", "jsonb"},
	{"rag", "text"}, {"rag_rationale", "text"}, {"rag_set_by", "text"}, {"rag_set_at", "timestamptz"},
	{"tags", "text[]"}, {"notes", "text"}, {"sensitive", "bool"}, {"effective_date", "text"},
	{"disposal_stage", "text"}, {"disposal_stage_at", "timestamptz"}, {"disposal_target", "text"},
	{"disposal_note", "text"}, {"receipt_gbp", "int8"}, {"receipt_date", "text"},
	{"surplus_value_gbp", "int8"},
	{"version", "int8"}, {"created_at", "timestamptz"}, {"updated_at", "timestamptz"},
	{"search_text", "text"},
}

// assetExprs returns the stored columns an asset row writes and, in the
// same order, the expression of each over assetFields, where ref(i)
// names the i-th field: "$3" in a statement, "s.town" from a staging
// table.
func assetExprs(ref func(i int) string) (columns, exprs string) {
	var cols, vals []string
	for i := 0; i < len(assetFields); i++ {
		f := assetFields[i]
		switch f.name {
		case "footprint_wkb":
			cols = append(cols, "footprint")
			vals = append(vals, "ST_GeomFromWKB("+ref(i)+", 4326)")
		case "bng_e":
			cols = append(cols, "bng")
			vals = append(vals, "ST_SetSRID(ST_MakePoint("+ref(i)+", "+ref(i+1)+"), 27700)")
			i++ // bng_n
		default:
			cols = append(cols, f.name)
			vals = append(vals, ref(i))
		}
	}
	return strings.Join(cols, ", "), strings.Join(vals, ", ")
}

// paramRef refers to the i-th field as parameter $(i+1+offset), typed,
// so PostgreSQL need not guess through PostGIS's overloads.
func paramRef(offset int) func(i int) string {
	return func(i int) string { return "$" + strconv.Itoa(i+1+offset) + "::" + assetFields[i].typ }
}

// assetValues returns a's values in assetFields order.
func assetValues(a *estate.Asset) ([]any, error) {
	fp, err := geo.MarshalWKB(a.Footprint)
	if err != nil {
		return nil, err
	}
	occ := []byte("[]")
	if len(a.Occupiers) > 0 {
		if occ, err = json.Marshal(a.Occupiers); err != nil {
			return nil, fmt.Errorf("postgres: occupiers: %w", err)
		}
	}
	tags := a.Tags
	if tags == nil {
		tags = []string{}
	}
	// Outside OSTN15's grid there is no National Grid point: NULL.
	var e, n *float64
	if x, y, err := bng.FromWGS84(a.Location.Lon, a.Location.Lat); err == nil {
		e, n = &x, &y
	}
	b := a.Bounds()
	return []any{a.Partner, a.AssetCode, a.UPRN, a.Name, a.StreetNumber, a.StreetName, a.Town,
		a.Postcode, string(a.Holding), a.Use, a.Location.Lon, a.Location.Lat, fp,
		b.MinLon, b.MinLat, b.MaxLon, b.MaxLat, e, n, string(a.Tenure), string(a.TenureDetail),
		a.LeaseExpiry, a.LeaseBreak, a.AnnualRentGBP, a.GIAM2, a.LandAreaHa, a.UtilisationPct,
		a.Condition, a.BacklogGBP, a.EnergyRating, string(a.Listed), a.MarketValueGBP,
		a.BookValueGBP, a.RunningCostGBPPA, occ, string(a.RAG), a.RAGRationale, a.RAGSetBy,
		a.RAGSetAt, tags, a.Notes, a.Sensitive, a.EffectiveDate, string(a.DisposalStage), a.DisposalStageAt,
		a.DisposalTarget, a.DisposalNote, a.ReceiptGBP, a.ReceiptDate, a.SurplusValueGBP, a.Version, a.CreatedAt,
		a.UpdatedAt, a.SearchText()}, nil
}

// assetColumns selects what scanAsset reads, from assets as a.
const assetColumns = `a.id, a.partner_id, a.asset_code, a.uprn, a.name, a.street_number, a.street_name,
	a.town, a.postcode, a.holding, a.use, a.lon, a.lat, ST_AsBinary(a.footprint), a.tenure,
	a.tenure_detail, a.lease_expiry, a.lease_break, a.annual_rent_gbp, a.gia_m2, a.land_area_ha,
	a.utilisation_pct, a.condition, a.backlog_gbp, a.energy_rating, a.listed, a.market_value_gbp,
	a.book_value_gbp, a.running_cost_gbp_pa, a.occupiers, a.rag, a.rag_rationale, a.rag_set_by,
	a.rag_set_at, a.tags, a.notes, a.sensitive, a.effective_date, a.disposal_stage, a.disposal_stage_at,
	a.disposal_target, a.disposal_note, a.receipt_gbp, a.receipt_date, a.surplus_value_gbp, a.version,
	a.created_at, a.updated_at`

// scanAsset reads a row of assetColumns; pgx.ErrNoRows as it is.
func scanAsset(row pgx.Row) (*estate.Asset, error) {
	var a estate.Asset
	var footprint, occupiers []byte
	err := row.Scan(&a.ID, &a.Partner, &a.AssetCode, &a.UPRN, &a.Name, &a.StreetNumber, &a.StreetName,
		&a.Town, &a.Postcode, (*string)(&a.Holding), &a.Use, &a.Location.Lon, &a.Location.Lat, &footprint,
		(*string)(&a.Tenure), (*string)(&a.TenureDetail), &a.LeaseExpiry, &a.LeaseBreak, &a.AnnualRentGBP,
		&a.GIAM2, &a.LandAreaHa, &a.UtilisationPct, &a.Condition, &a.BacklogGBP, &a.EnergyRating,
		(*string)(&a.Listed), &a.MarketValueGBP, &a.BookValueGBP, &a.RunningCostGBPPA, &occupiers,
		(*string)(&a.RAG), &a.RAGRationale, &a.RAGSetBy, &a.RAGSetAt, &a.Tags, &a.Notes, &a.Sensitive,
		&a.EffectiveDate, (*string)(&a.DisposalStage), &a.DisposalStageAt, &a.DisposalTarget, &a.DisposalNote,
		&a.ReceiptGBP, &a.ReceiptDate, &a.SurplusValueGBP, &a.Version, &a.CreatedAt, &a.UpdatedAt)
	if err == pgx.ErrNoRows {
		return nil, err
	} else if err != nil {
		return nil, fmt.Errorf("postgres: scan asset: %w", err)
	}
	if a.Footprint, err = geo.UnmarshalWKB(footprint); err != nil {
		return nil, fmt.Errorf("postgres: asset %d: %w", a.ID, err)
	}
	if len(occupiers) > 2 { // not "[]"
		if err := json.Unmarshal(occupiers, &a.Occupiers); err != nil {
			return nil, fmt.Errorf("postgres: asset %d occupiers: %w", a.ID, err)
		}
	}
	if len(a.Tags) == 0 {
		a.Tags = nil
	}
	// pgx reads timestamptz in the local zone.
	a.CreatedAt, a.UpdatedAt = a.CreatedAt.UTC(), a.UpdatedAt.UTC()
	utcPtr(&a.RAGSetAt)
	utcPtr(&a.DisposalStageAt)
	return &a, nil
}

// utcPtr puts a time pgx read in the local zone in UTC.
func utcPtr(p **time.Time) {
	if *p != nil {
		t := (*p).UTC()
		*p = &t
	}
}
