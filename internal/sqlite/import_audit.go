package sqlite

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/jsonesc"
)

// encodeInsertChanges writes a new asset's audit changes, what
// estate.Diff(nil, a) gives, compactly: every before is null, so it
// writes only the after values, by position in insertFields after a
// form tag, "" or null for a field Diff leaves out, and drops the blanks
// at the end. An import's audit rows are among the largest things it
// writes, and the {"field":…,"after":…} array form was three times the
// size; decodeChanges reads every form back to the same changes. It
// writes from the asset directly, as json.Marshal would but without
// Diff's boxed values and reflection; TestInsertChangesMatchDiff holds it
// to Diff for every field.
func encodeInsertChanges(a *estate.Asset) (string, error) {
	e := insertEncoder{b: make([]byte, 0, 320)}
	e.b = append(e.b, positionalTag...)
	e.str(a.Partner)
	e.str(a.AssetCode)
	e.str(a.UPRN)
	e.str(a.Name)
	e.str(a.StreetNumber)
	e.str(a.StreetName)
	e.str(a.Town)
	e.str(a.Postcode)
	e.str(string(a.Holding))
	e.str(a.Use)
	e.value([]float64{a.Location.Lon, a.Location.Lat})
	if len(a.Footprint) > 0 {
		e.value(a.Footprint)
	} else {
		e.blank()
	}
	e.str(string(a.Tenure))
	e.str(string(a.TenureDetail))
	e.str(a.LeaseExpiry)
	e.str(a.LeaseBreak)
	e.int(a.AnnualRentGBP)
	e.float(a.GIAM2)
	e.float(a.LandAreaHa)
	e.float(a.UtilisationPct)
	e.str(a.Condition)
	e.int(a.BacklogGBP)
	e.str(a.EnergyRating)
	e.str(string(a.Listed))
	e.int(a.MarketValueGBP)
	e.int(a.BookValueGBP)
	e.int(a.RunningCostGBPPA)
	if len(a.Occupiers) > 0 {
		e.value(a.Occupiers)
	} else {
		e.blank()
	}
	e.str(string(a.RAG))
	e.str(a.RAGRationale)
	e.str(a.RAGSetBy)
	if a.RAGSetAt != nil {
		e.str(a.RAGSetAt.UTC().Format(time.RFC3339Nano))
	} else {
		e.blank()
	}
	if len(a.Tags) > 0 {
		e.value(a.Tags)
	} else {
		e.blank()
	}
	e.str(a.Notes)
	e.value(a.Sensitive)
	e.str(a.EffectiveDate)
	e.str(string(a.DisposalStage))
	if a.DisposalStageAt != nil {
		e.str(a.DisposalStageAt.UTC().Format(time.RFC3339Nano))
	} else {
		e.blank()
	}
	e.str(a.DisposalTarget)
	e.str(a.DisposalNote)
	e.int(a.ReceiptGBP)
	e.str(a.ReceiptDate)
	e.int(a.SurplusValueGBP)
	if e.err != nil {
		return "", e.err
	}
	return string(append(e.b[:e.kept], ']')), nil
}

// positionalTag opens the positional form: an array whose first value,
// 1, tells it from the {field, before, after} array form.
const positionalTag = "[1"

// insertFields are the positional form's fields in order, Diff's order.
var insertFields = []string{"partner", "asset_code", "uprn", "name", "street_number", "street_name",
	"town", "postcode", "holding", "use", "location", "footprint", "tenure", "tenure_detail",
	"lease_expiry", "lease_break", "annual_rent_gbp", "gia_m2", "land_area_ha", "utilisation_pct",
	"condition", "backlog_gbp", "energy_rating", "listed", "market_value_gbp", "book_value_gbp",
	"running_cost_gbp_pa", "occupiers", "rag", "rag_rationale", "rag_set_by", "rag_set_at", "tags",
	"notes", "sensitive", "effective_date", "disposal_stage", "disposal_stage_at", "disposal_target",
	"disposal_note", "receipt_gbp", "receipt_date", "surplus_value_gbp"}

// insertEncoder appends the positional form's values.
type insertEncoder struct {
	b    []byte
	kept int // length of b up to its last value that is not blank
	err  error
}

func (e *insertEncoder) blank() { e.b = append(e.b, `,""`...) }

// done marks the value just written as one to keep.
func (e *insertEncoder) done() { e.kept = len(e.b) }

func (e *insertEncoder) str(v string) {
	if v == "" {
		e.blank()
		return
	}
	e.b = jsonesc.AppendString(append(e.b, ','), v)
	e.done()
}

func (e *insertEncoder) int(v *int64) {
	if v == nil {
		e.blank()
		return
	}
	e.b = strconv.AppendInt(append(e.b, ','), *v, 10)
	e.done()
}

func (e *insertEncoder) float(v *float64) {
	if v == nil {
		e.blank()
		return
	}
	e.value(*v)
}

func (e *insertEncoder) value(v any) {
	if e.err != nil {
		return
	}
	e.b, e.err = appendJSONValue(append(e.b, ','), v)
	e.done()
}

// appendJSONFloat writes f as encoding/json does, which refuses NaN and
// infinities (never stored: validation refuses them).
func appendJSONFloat(b []byte, f float64) ([]byte, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil, fmt.Errorf("sqlite: audit: unsupported value %v", f)
	}
	return jsonesc.AppendFloat(b, f), nil
}

func appendJSONValue(b []byte, v any) ([]byte, error) {
	switch t := v.(type) {
	case nil:
		return append(b, "null"...), nil
	case string:
		return jsonesc.AppendString(b, t), nil
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
