package sqlite

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/geo"
)

// Reading an asset row fast.
//
// Through database/sql, every column of every row costs a driver call
// under SQLite's mutex and an interface value, and text a fresh Go string:
// about 220 ns a column, so the 41 columns of a page of 1,000 assets cost
// more than finding them (measured at 1M assets: 4.7 ms to read the raw
// columns of such a page, 12 ms with scanAsset's conversions). SQLite
// instead packs the integer and text columns into one JSON array, so a
// row is 7 columns and one string, and the text fields are slices of that
// string, not copies. REALs stay columns of their own: JSON would round
// them.

// assetColumnsPacked selects what scanAssetPacked reads.
const assetColumnsPacked = `a.lon, a.lat, a.footprint, a.gia_m2, a.land_area_ha, a.utilisation_pct,
	json_array(a.id, a.version, a.sensitive, a.annual_rent_gbp, a.backlog_gbp, a.market_value_gbp,
		a.book_value_gbp, a.running_cost_gbp_pa,
		a.partner_id, a.asset_code, a.uprn, a.name, a.street_number, a.street_name, a.town,
		a.postcode, a.holding, a.use, a.tenure, a.tenure_detail, a.lease_expiry, a.lease_break,
		a.condition, a.energy_rating, a.listed, a.occupiers, a.rag, a.rag_rationale, a.rag_set_by,
		a.rag_set_at, a.tags, a.notes, a.effective_date, a.created_at, a.updated_at)`

// packedValues is the number of values in the JSON array: 8 integers
// (null where unknown) and 27 texts.
const packedValues = 35

// scannedAsset holds an asset and its optional numbers in one
// allocation; the asset's pointers point into it.
type scannedAsset struct {
	a                                estate.Asset
	rent, backlog, market, book, run int64
	gia, land, util                  float64
}

func scanAssetPacked(row scanner) (*estate.Asset, error) {
	s := &scannedAsset{}
	a := &s.a
	var footprint []byte
	var gia, land, util sql.NullFloat64
	var packed string
	err := row.Scan(&a.Location.Lon, &a.Location.Lat, &footprint, &gia, &land, &util, &packed)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, err
	} else if err != nil {
		return nil, fmt.Errorf("sqlite: scan asset: %w", err)
	}
	var v [packedValues]string
	if err := splitJSONArray(packed, v[:]); err != nil {
		return nil, fmt.Errorf("sqlite: scan asset: %w", err)
	}
	var ints [8]int64
	var set [8]bool
	for i := range ints {
		if v[i] == "" {
			continue // null
		}
		if ints[i], err = strconv.ParseInt(v[i], 10, 64); err != nil {
			return nil, fmt.Errorf("sqlite: scan asset: %w", err)
		}
		set[i] = true
	}
	a.ID, a.Version, a.Sensitive = ints[0], ints[1], ints[2] != 0
	for i, dst := range []struct {
		v   *int64
		out **int64
	}{{&s.rent, &a.AnnualRentGBP}, {&s.backlog, &a.BacklogGBP}, {&s.market, &a.MarketValueGBP},
		{&s.book, &a.BookValueGBP}, {&s.run, &a.RunningCostGBPPA}} {
		if set[3+i] {
			*dst.v, *dst.out = ints[3+i], dst.v
		}
	}
	t := v[8:]
	a.Partner, a.AssetCode, a.UPRN, a.Name, a.StreetNumber, a.StreetName, a.Town = t[0], t[1], t[2], t[3], t[4], t[5], t[6]
	a.Postcode, a.Holding, a.Use, a.Tenure, a.TenureDetail = t[7], estate.Holding(t[8]), t[9], estate.Tenure(t[10]), estate.TenureDetail(t[11])
	a.LeaseExpiry, a.LeaseBreak, a.Condition, a.EnergyRating, a.Listed = t[12], t[13], t[14], t[15], estate.Listed(t[16])
	a.RAG, a.RAGRationale, a.RAGSetBy, a.Notes, a.EffectiveDate = estate.RAG(t[18]), t[19], t[20], t[23], t[24]
	if gia.Valid {
		s.gia, a.GIAM2 = gia.Float64, &s.gia
	}
	if land.Valid {
		s.land, a.LandAreaHa = land.Float64, &s.land
	}
	if util.Valid {
		s.util, a.UtilisationPct = util.Float64, &s.util
	}
	if a.Footprint, err = geo.UnmarshalWKB(footprint); err != nil {
		return nil, fmt.Errorf("sqlite: asset %d: %w", a.ID, err)
	}
	if occ := t[17]; occ != "[]" {
		if err := json.Unmarshal([]byte(occ), &a.Occupiers); err != nil {
			return nil, fmt.Errorf("sqlite: asset %d occupiers: %w", a.ID, err)
		}
	}
	if tags := t[22]; tags != "[]" {
		if err := json.Unmarshal([]byte(tags), &a.Tags); err != nil {
			return nil, fmt.Errorf("sqlite: asset %d tags: %w", a.ID, err)
		}
	}
	if t[21] != "" {
		at, err := parseStoredTime(t[21])
		if err != nil {
			return nil, err
		}
		a.RAGSetAt = &at
	}
	if a.CreatedAt, err = parseStoredTime(t[25]); err != nil {
		return nil, err
	}
	if a.UpdatedAt, err = parseStoredTime(t[26]); err != nil {
		return nil, err
	}
	return a, nil
}

// splitJSONArray reads SQLite's json_array of integers and texts into
// out: a text is a slice of s unless it has escapes, an integer its
// digits, null the empty string. SQLite writes no whitespace and leaves
// non-ASCII characters unescaped.
func splitJSONArray(s string, out []string) error {
	bad := errors.New("malformed packed row")
	if len(s) < 2 || s[0] != '[' || s[len(s)-1] != ']' {
		return bad
	}
	i := 1
	for k := range out {
		if k > 0 {
			if i >= len(s) || s[i] != ',' {
				return bad
			}
			i++
		}
		if i >= len(s) {
			return bad
		}
		if s[i] != '"' { // null or a number: up to the next comma or the end
			end := strings.IndexAny(s[i:], ",]")
			if end < 0 {
				return bad
			}
			if tok := s[i : i+end]; tok != "null" {
				out[k] = tok
			} else {
				out[k] = ""
			}
			i += end
			continue
		}
		start, escaped := i, false
		for i++; i < len(s) && s[i] != '"'; i++ {
			if s[i] == '\\' {
				escaped = true
				i++
			}
		}
		if i >= len(s) {
			return bad
		}
		i++ // past the closing quote
		if !escaped {
			out[k] = s[start+1 : i-1]
			continue
		}
		if err := json.Unmarshal([]byte(s[start:i]), &out[k]); err != nil {
			return bad
		}
	}
	if i != len(s)-1 {
		return bad
	}
	return nil
}

// parseStoredTime reads a time as formatTime writes it,
// 2006-01-02T15:04:05.999999999Z, without time.Parse's generality.
func parseStoredTime(s string) (time.Time, error) {
	n := len(s)
	if n < 20 || s[n-1] != 'Z' || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' {
		return parseTime(s)
	}
	num := func(from, to int) (int, bool) {
		v := 0
		for _, c := range []byte(s[from:to]) {
			if c < '0' || c > '9' {
				return 0, false
			}
			v = v*10 + int(c-'0')
		}
		return v, true
	}
	y, ok1 := num(0, 4)
	mo, ok2 := num(5, 7)
	d, ok3 := num(8, 10)
	h, ok4 := num(11, 13)
	mi, ok5 := num(14, 16)
	sec, ok6 := num(17, 19)
	nsec := 0
	ok7 := true
	if n > 20 {
		if s[19] != '.' || n-21 > 9 || n-21 < 1 {
			return parseTime(s)
		}
		nsec, ok7 = num(20, n-1)
		for range 9 - (n - 21) {
			nsec *= 10
		}
	}
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6 && ok7) || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 59 {
		return parseTime(s)
	}
	t := time.Date(y, time.Month(mo), d, h, mi, sec, nsec, time.UTC)
	if t.Day() != d {
		return parseTime(s) // a day the month lacks: let time.Parse say so
	}
	return t, nil
}
