package sqlite

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/geojsonenc"
)

// encodeInsertChanges writes a new asset's audit changes, what
// estate.Diff(nil, a) gives, compactly: one JSON object of field to after
// value, in Diff's order. Every before is null, and the array form's
// {"field":…,"after":…} wrapping doubled the size of an import's audit
// rows, the largest thing it writes; decodeChanges reads both forms back
// to the same changes. It writes from the asset directly, as json.Marshal
// would but without Diff's boxed values and reflection, which cost the
// reading goroutine more than parsing the row; TestInsertChangesMatchDiff
// holds it to Diff for every field.
func encodeInsertChanges(a *estate.Asset) (string, error) {
	e := insertEncoder{b: make([]byte, 0, 512)}
	e.b = append(e.b, '{')
	e.str("partner", a.Partner)
	e.str("asset_code", a.AssetCode)
	e.str("uprn", a.UPRN)
	e.str("name", a.Name)
	e.str("street_number", a.StreetNumber)
	e.str("street_name", a.StreetName)
	e.str("town", a.Town)
	e.str("postcode", a.Postcode)
	e.str("holding", string(a.Holding))
	e.str("use", a.Use)
	e.value("location", []float64{a.Location.Lon, a.Location.Lat})
	if len(a.Footprint) > 0 {
		e.value("footprint", a.Footprint)
	}
	e.str("tenure", string(a.Tenure))
	e.str("tenure_detail", string(a.TenureDetail))
	e.str("lease_expiry", a.LeaseExpiry)
	e.str("lease_break", a.LeaseBreak)
	e.int("annual_rent_gbp", a.AnnualRentGBP)
	e.float("gia_m2", a.GIAM2)
	e.float("land_area_ha", a.LandAreaHa)
	e.float("utilisation_pct", a.UtilisationPct)
	e.str("condition", a.Condition)
	e.int("backlog_gbp", a.BacklogGBP)
	e.str("energy_rating", a.EnergyRating)
	e.str("listed", string(a.Listed))
	e.int("market_value_gbp", a.MarketValueGBP)
	e.int("book_value_gbp", a.BookValueGBP)
	e.int("running_cost_gbp_pa", a.RunningCostGBPPA)
	if len(a.Occupiers) > 0 {
		e.value("occupiers", a.Occupiers)
	}
	e.str("rag", string(a.RAG))
	e.str("rag_rationale", a.RAGRationale)
	e.str("rag_set_by", a.RAGSetBy)
	if a.RAGSetAt != nil {
		e.str("rag_set_at", a.RAGSetAt.UTC().Format(time.RFC3339Nano))
	}
	if len(a.Tags) > 0 {
		e.value("tags", a.Tags)
	}
	e.str("notes", a.Notes)
	e.value("sensitive", a.Sensitive)
	e.str("effective_date", a.EffectiveDate)
	if e.err != nil {
		return "", e.err
	}
	return string(append(e.b, '}')), nil
}

// insertEncoder appends an object's members, leaving out empty values as
// Diff does.
type insertEncoder struct {
	b   []byte
	err error
}

func (e *insertEncoder) key(field string) {
	if len(e.b) > 1 {
		e.b = append(e.b, ',')
	}
	e.b = geojsonenc.AppendString(e.b, field)
	e.b = append(e.b, ':')
}

func (e *insertEncoder) str(field, v string) {
	if v != "" {
		e.key(field)
		e.b = geojsonenc.AppendString(e.b, v)
	}
}

func (e *insertEncoder) int(field string, v *int64) {
	if v != nil {
		e.key(field)
		e.b = strconv.AppendInt(e.b, *v, 10)
	}
}

func (e *insertEncoder) float(field string, v *float64) {
	if v != nil {
		e.value(field, *v)
	}
}

func (e *insertEncoder) value(field string, v any) {
	if e.err != nil {
		return
	}
	e.key(field)
	e.b, e.err = appendJSONValue(e.b, v)
}

// appendJSONFloat writes f as encoding/json does, which refuses NaN and
// infinities (never stored: validation refuses them).
func appendJSONFloat(b []byte, f float64) ([]byte, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil, fmt.Errorf("sqlite: audit: unsupported value %v", f)
	}
	return geojsonenc.AppendFloat(b, f), nil
}

func appendJSONValue(b []byte, v any) ([]byte, error) {
	switch t := v.(type) {
	case nil:
		return append(b, "null"...), nil
	case string:
		return geojsonenc.AppendString(b, t), nil
	case bool:
		return strconv.AppendBool(b, t), nil
	case int64:
		return strconv.AppendInt(b, t, 10), nil
	case float64:
		return appendJSONFloat(b, t)
	case []float64:
		b = append(b, '[')
		for i, f := range t {
			if i > 0 {
				b = append(b, ',')
			}
			var err error
			if b, err = appendJSONFloat(b, f); err != nil {
				return nil, err
			}
		}
		return append(b, ']'), nil
	}
	// Footprints, occupiers and tags: rare in imports, left to the
	// standard encoder.
	j, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("sqlite: audit: %w", err)
	}
	return append(b, j...), nil
}
