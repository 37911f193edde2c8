package sqlite

import (
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/geo"
)

// An import's spool holds assets as the register stores them packed
// (packRow, its integers and texts) beside their REALs and footprint, and
// reads them back through scanAssetPacked: one description of an asset's
// columns. Texts are length-prefixed, integers varints, REALs their 8
// bytes.

// AppendImportAsset appends a's encoding to b.
func (db *DB) AppendImportAsset(b []byte, a *estate.Asset) ([]byte, error) {
	occ, tags, err := linkColumns(a)
	if err != nil {
		return nil, err
	}
	fp, err := geo.MarshalWKB(a.Footprint)
	if err != nil {
		return nil, err
	}
	b = binary.AppendVarint(b, a.ID)
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(a.Location.Lon))
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(a.Location.Lat))
	b = appendBytes(b, fp)
	for _, v := range []*float64{a.GIAM2, a.LandAreaHa, a.UtilisationPct} {
		if v == nil {
			b = append(b, 0)
		} else {
			b = binary.LittleEndian.AppendUint64(append(b, 1), math.Float64bits(*v))
		}
	}
	return appendBytes(b, []byte(packRow(a, occ, tags))), nil
}

func appendBytes(b, v []byte) []byte {
	return append(binary.AppendUvarint(b, uint64(len(v))), v...)
}

var errShortAsset = errors.New("sqlite: import spool: asset cut short")

// ReadImportAsset reads an asset AppendImportAsset wrote at the start of
// b.
func (db *DB) ReadImportAsset(b []byte) (*estate.Asset, []byte, error) {
	var c packedColumns
	var n int
	if c.id, n = binary.Varint(b); n <= 0 || len(b) < n+16 {
		return nil, nil, errShortAsset
	}
	b = b[n:]
	c.lon, c.lat = math.Float64frombits(binary.LittleEndian.Uint64(b)), math.Float64frombits(binary.LittleEndian.Uint64(b[8:]))
	b = b[16:]
	fp, b, ok := cutBytes(b)
	if !ok {
		return nil, nil, errShortAsset
	}
	if len(fp) > 0 {
		c.footprint = fp
	}
	for _, v := range []*sql.NullFloat64{&c.gia, &c.land, &c.util} {
		switch {
		case len(b) >= 1 && b[0] == 0:
			b = b[1:]
		case len(b) >= 9:
			v.Float64, v.Valid = math.Float64frombits(binary.LittleEndian.Uint64(b[1:])), true
			b = b[9:]
		default:
			return nil, nil, errShortAsset
		}
	}
	packed, b, ok := cutBytes(b)
	if !ok {
		return nil, nil, errShortAsset
	}
	c.packed = string(packed)
	a, err := scanAssetPacked(&c)
	return a, b, err
}

// cutBytes cuts a length-prefixed value off the start of b.
func cutBytes(b []byte) (v, rest []byte, ok bool) {
	n, k := binary.Uvarint(b)
	if k <= 0 || uint64(len(b)-k) < n {
		return nil, nil, false
	}
	return b[k : k+int(n)], b[k+int(n):], true
}

// packedColumns are the columns scanAssetPacked reads, from a spool
// rather than a query.
type packedColumns struct {
	id              int64
	lon, lat        float64
	footprint       []byte
	gia, land, util sql.NullFloat64
	packed          string
}

func (c *packedColumns) Scan(dest ...any) error {
	src := []any{c.id, c.lon, c.lat, c.footprint, c.gia, c.land, c.util, c.packed}
	if len(dest) != len(src) {
		return fmt.Errorf("sqlite: import spool: %d columns asked for, %d spooled", len(dest), len(src))
	}
	for i, v := range src {
		switch d := dest[i].(type) {
		case *int64:
			*d = v.(int64)
		case *float64:
			*d = v.(float64)
		case *[]byte:
			*d = v.([]byte)
		case *sql.NullFloat64:
			*d = v.(sql.NullFloat64)
		case *string:
			*d = v.(string)
		default:
			return fmt.Errorf("sqlite: import spool: cannot scan into %T", d)
		}
	}
	return nil
}
