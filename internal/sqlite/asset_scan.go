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
	"github.com/placetrust/placetrust/internal/jsonesc"
)

// Reading an asset row fast.
//
// Through database/sql, every column of every row costs a driver call
// under SQLite's mutex and an interface value, and text a fresh Go string,
// so reading the 41 columns of a page of 1,000 assets cost more than
// finding them. So every row also stores its integer and text columns
// packed into one JSON array (packed, written by assetRow with the
// others), and a read takes 8 columns, the text fields being slices of
// one string, not copies (BenchmarkScanAssetPacked times that part,
// BenchmarkStore1M's bbox-page-1000 the whole page). Building the array
// in the query instead (json_array) would make SQLite do that work on
// every read. REALs stay columns of their own: JSON would round them.

// assetColumnsPacked selects what scanAssetPacked reads.
const assetColumnsPacked = `a.id, a.lon, a.lat, a.footprint, a.gia_m2, a.land_area_ha, a.utilisation_pct, a.packed`

// packedValues is the number of values in packed: 7 integers (null where
// unknown), then 25 texts and 2 arrays (occupiers and tags, JSON
// themselves, nested rather than quoted so reading them takes no
// unescaping), then the disposal programme's 5 texts and 2 integers
// (issue 18), at the end so the layout only grew.
// migrations/sqlite/0007_disposal_programme.sql builds the same array.
const packedValues = 41

// packRow builds the packed column of a, whose occupiers and tags are
// already encoded as JSON.
func packRow(a *estate.Asset, occupiers, tags []byte) string {
	b := make([]byte, 0, 512)
	b = append(b, '[')
	b = strconv.AppendInt(b, a.Version, 10)
	if a.Sensitive {
		b = append(b, ",1"...)
	} else {
		b = append(b, ",0"...)
	}
	for _, v := range []*int64{a.AnnualRentGBP, a.BacklogGBP, a.MarketValueGBP, a.BookValueGBP, a.RunningCostGBPPA} {
		b = appendOptInt(b, v)
	}
	for _, v := range []string{a.Partner, a.AssetCode, a.UPRN, a.Name, a.StreetNumber, a.StreetName, a.Town,
		a.Postcode, string(a.Holding), a.Use, string(a.Tenure), string(a.TenureDetail), a.LeaseExpiry,
		a.LeaseBreak, a.Condition, a.EnergyRating, string(a.Listed)} {
		b = jsonesc.AppendString(append(b, ','), v)
	}
	b = append(append(b, ','), occupiers...)
	for _, v := range []string{string(a.RAG), a.RAGRationale, a.RAGSetBy, optTime(a.RAGSetAt)} {
		b = jsonesc.AppendString(append(b, ','), v)
	}
	b = append(append(b, ','), tags...)
	for _, v := range []string{a.Notes, a.EffectiveDate, formatTime(a.CreatedAt), formatTime(a.UpdatedAt),
		string(a.DisposalStage), optTime(a.DisposalStageAt), a.DisposalTarget, a.DisposalNote} {
		b = jsonesc.AppendString(append(b, ','), v)
	}
	b = appendOptInt(b, a.ReceiptGBP)
	b = jsonesc.AppendString(append(b, ','), a.ReceiptDate)
	b = appendOptInt(b, a.SurplusValueGBP)
	return string(append(b, ']'))
}

func appendOptInt(b []byte, v *int64) []byte {
	if v == nil {
		return append(b, ",null"...)
	}
	return strconv.AppendInt(append(b, ','), *v, 10)
}

// scannedAsset holds an asset, its optional numbers and the columns it is
// scanned from in one allocation; the asset's pointers point into it.
type scannedAsset struct {
	a                                estate.Asset
	rent, backlog, market, book, run int64
	receipt, surplus                 int64
	gia, land, util                  float64

	footprint          []byte
	giaN, landN, utilN sql.NullFloat64
	packed             string
}

var errMalformedPacked = errors.New("malformed packed row")

func scanAssetPacked(row scanner) (*estate.Asset, error) {
	s := &scannedAsset{}
	a := &s.a
	err := row.Scan(&a.ID, &a.Location.Lon, &a.Location.Lat, &s.footprint, &s.giaN, &s.landN, &s.utilN, &s.packed)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, err
	} else if err != nil {
		return nil, fmt.Errorf("sqlite: scan asset: %w", err)
	}
	var v [packedValues]string
	if err := splitJSONArray(s.packed, v[:]); err != nil {
		return nil, fmt.Errorf("sqlite: scan asset %d: %w", a.ID, err)
	}
	var ints [7]int64
	var set [7]bool
	for i := range ints {
		if v[i] == "" {
			continue // null
		}
		if ints[i], err = strconv.ParseInt(v[i], 10, 64); err != nil {
			return nil, fmt.Errorf("sqlite: scan asset %d: %w", a.ID, err)
		}
		set[i] = true
	}
	a.Version, a.Sensitive = ints[0], ints[1] != 0
	opt := func(i int, v *int64) *int64 {
		if !set[i] {
			return nil
		}
		*v = ints[i]
		return v
	}
	a.AnnualRentGBP, a.BacklogGBP, a.MarketValueGBP = opt(2, &s.rent), opt(3, &s.backlog), opt(4, &s.market)
	a.BookValueGBP, a.RunningCostGBPPA = opt(5, &s.book), opt(6, &s.run)
	t := v[7:]
	a.Partner, a.AssetCode, a.UPRN, a.Name, a.StreetNumber, a.StreetName, a.Town = t[0], t[1], t[2], t[3], t[4], t[5], t[6]
	a.Postcode, a.Holding, a.Use, a.Tenure, a.TenureDetail = t[7], estate.Holding(t[8]), t[9], estate.Tenure(t[10]), estate.TenureDetail(t[11])
	a.LeaseExpiry, a.LeaseBreak, a.Condition, a.EnergyRating, a.Listed = t[12], t[13], t[14], t[15], estate.Listed(t[16])
	a.RAG, a.RAGRationale, a.RAGSetBy, a.Notes, a.EffectiveDate = estate.RAG(t[18]), t[19], t[20], t[23], t[24]
	if s.giaN.Valid {
		s.gia, a.GIAM2 = s.giaN.Float64, &s.gia
	}
	if s.landN.Valid {
		s.land, a.LandAreaHa = s.landN.Float64, &s.land
	}
	if s.utilN.Valid {
		s.util, a.UtilisationPct = s.utilN.Float64, &s.util
	}
	if a.Footprint, err = geo.UnmarshalWKB(s.footprint); err != nil {
		return nil, fmt.Errorf("sqlite: asset %d: %w", a.ID, err)
	}
	s.footprint = nil
	if occ := t[17]; occ != "[]" {
		if err := json.Unmarshal([]byte(occ), &a.Occupiers); err != nil {
			return nil, fmt.Errorf("sqlite: asset %d occupiers: %w", a.ID, err)
		}
	}
	if tags := t[22]; tags != "[]" {
		if a.Tags, err = parseStringArray(tags); err != nil {
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
	if err := scanDisposal(s, t[27:]); err != nil {
		return nil, fmt.Errorf("sqlite: scan asset %d: %w", a.ID, err)
	}
	return a, nil
}

// scanDisposal reads the programme's values at the end of a packed row:
// stage, stage_at, target, note, receipt, receipt date, surplus value.
func scanDisposal(s *scannedAsset, t []string) error {
	a := &s.a
	a.DisposalStage, a.DisposalTarget, a.DisposalNote, a.ReceiptDate = estate.DisposalStage(t[0]), t[2], t[3], t[5]
	if t[1] != "" {
		at, err := parseStoredTime(t[1])
		if err != nil {
			return err
		}
		a.DisposalStageAt = &at
	}
	for _, p := range []struct {
		v   string
		dst *int64
		set **int64
	}{{t[4], &s.receipt, &a.ReceiptGBP}, {t[6], &s.surplus, &a.SurplusValueGBP}} {
		if p.v == "" {
			continue
		}
		n, err := strconv.ParseInt(p.v, 10, 64)
		if err != nil {
			return err
		}
		*p.dst, *p.set = n, p.dst
	}
	return nil
}

// splitJSONArray reads a packed row, a JSON array of integers, texts and
// arrays, into out: a text is a slice of s unless it has escapes, an
// integer its digits, an array its JSON text, null the empty string.
// Neither packRow nor SQLite's json_array writes whitespace or escapes
// non-ASCII characters.
func splitJSONArray(s string, out []string) error {
	if len(s) < 2 || s[0] != '[' || s[len(s)-1] != ']' {
		return errMalformedPacked
	}
	i := 1
	for k := range out {
		if k > 0 {
			if i >= len(s) || s[i] != ',' {
				return errMalformedPacked
			}
			i++
		}
		if i >= len(s) {
			return errMalformedPacked
		}
		switch s[i] {
		case '"':
			end, escaped := jsonStringEnd(s, i)
			if end < 0 {
				return errMalformedPacked
			}
			if !escaped {
				out[k] = s[i+1 : end-1]
			} else if err := json.Unmarshal([]byte(s[i:end]), &out[k]); err != nil {
				return errMalformedPacked
			}
			i = end
		case '[':
			start, depth := i, 0
			for i < len(s) {
				switch s[i] {
				case '"':
					if i, _ = jsonStringEnd(s, i); i < 0 {
						return errMalformedPacked
					}
					continue
				case '[', '{':
					depth++
				case ']', '}':
					depth--
				}
				i++
				if depth == 0 {
					break
				}
			}
			if depth != 0 {
				return errMalformedPacked
			}
			out[k] = s[start:i]
		default: // null or a number: up to the next comma or the end
			end := strings.IndexAny(s[i:], ",]")
			if end < 0 {
				return errMalformedPacked
			}
			if tok := s[i : i+end]; tok != "null" {
				out[k] = tok
			} else {
				out[k] = ""
			}
			i += end
		}
	}
	if i != len(s)-1 {
		return errMalformedPacked
	}
	return nil
}

// jsonStringEnd returns the index just past the JSON string starting at
// s[i] (a quote), or -1, and whether the string has escapes.
func jsonStringEnd(s string, i int) (int, bool) {
	j := strings.IndexByte(s[i+1:], '"')
	if j < 0 {
		return -1, false
	}
	if strings.IndexByte(s[i+1:i+1+j], '\\') < 0 {
		return i + j + 2, false // the common case: no escapes at all
	}
	for i++; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '"':
			return i + 1, true
		}
	}
	return -1, true
}

// parseStringArray reads a JSON array of strings, such as stored tags.
func parseStringArray(s string) ([]string, error) {
	if strings.IndexByte(s, '\\') < 0 && strings.HasPrefix(s, `["`) && strings.HasSuffix(s, `"]`) {
		// No escapes: the strings are what lies between `","`.
		inner := s[2 : len(s)-2]
		out := make([]string, 0, strings.Count(inner, `","`)+1)
		for part := range strings.SplitSeq(inner, `","`) {
			if strings.ContainsRune(part, '"') {
				out = nil
				break // not the simple form after all
			}
			out = append(out, part)
		}
		if out != nil {
			return out, nil
		}
	}
	var out []string
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		return nil, err
	}
	return out, nil
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
