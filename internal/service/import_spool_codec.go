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

// The spool's records are written with the append functions below and
// read with a decoder: texts are length-prefixed, integers varints,
// REALs their 8 bytes.

func appendRow(b []byte, r *estate.ImportRow) []byte {
	b = binary.AppendUvarint(b, uint64(r.Row))
	b = binary.AppendUvarint(b, uint64(r.Line))
	b = appendString(b, r.AssetCode)
	b = binary.AppendVarint(b, r.AssetID)
	b = appendString(b, string(r.Outcome))
	b = appendString(b, r.Reason)
	b = appendStrings(b, r.Changed)
	b = appendStrings(b, r.Warnings)
	b = binary.AppendUvarint(b, uint64(len(r.WarningKinds)))
	for _, k := range r.WarningKinds {
		b = appendString(b, string(k))
	}
	return b
}

func (d *decoder) readRow(r *estate.ImportRow) {
	r.Row = int(d.uvarint())
	r.Line = int(d.uvarint())
	r.AssetCode = d.string()
	r.AssetID = d.varint()
	r.Outcome = estate.ImportOutcome(d.string())
	r.Reason = d.string()
	r.Changed = d.strings()
	r.Warnings = d.strings()
	for _, k := range d.strings() {
		r.WarningKinds = append(r.WarningKinds, estate.WarningKind(k))
	}
}

// appendAsset writes an asset as the register stores it packed (packRow,
// its integers and texts) beside its REALs and footprint, and asset reads
// it back through scanAssetPacked: one description of an asset's columns.
func appendAsset(b []byte, a *estate.Asset) ([]byte, error) {
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
	b = appendString(b, string(fp))
	for _, v := range []*float64{a.GIAM2, a.LandAreaHa, a.UtilisationPct} {
		if v == nil {
			b = append(b, 0)
		} else {
			b = binary.LittleEndian.AppendUint64(append(b, 1), math.Float64bits(*v))
		}
	}
	return appendString(b, packRow(a, occ, tags)), nil
}

func (d *decoder) asset() *estate.Asset {
	var c packedColumns
	c.id = d.varint()
	c.lon, c.lat = d.float(), d.float()
	if fp := d.string(); fp != "" {
		c.footprint = []byte(fp)
	}
	for _, v := range []*sql.NullFloat64{&c.gia, &c.land, &c.util} {
		if d.byte() == 1 {
			v.Float64, v.Valid = d.float(), true
		}
	}
	c.packed = d.string()
	if d.err != nil {
		return nil
	}
	a, err := scanAssetPacked(&c)
	if err != nil {
		d.err = err
	}
	return a
}

// skipAsset passes over an asset without decoding it.
func (d *decoder) skipAsset() {
	d.varint()
	d.float()
	d.float()
	d.skip(int(d.uvarint()))
	for range 3 {
		if d.byte() == 1 {
			d.float()
		}
	}
	d.skip(int(d.uvarint()))
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

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

func appendStrings(b []byte, ss []string) []byte {
	b = binary.AppendUvarint(b, uint64(len(ss)))
	for _, s := range ss {
		b = appendString(b, s)
	}
	return b
}

// decoder reads a record; the first problem sticks in err.
type decoder struct {
	b   []byte
	err error
}

var errShortRecord = errors.New("record cut short")

func (d *decoder) byte() byte {
	if len(d.b) < 1 {
		d.fail()
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) varint() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) float() float64 {
	if len(d.b) < 8 {
		d.fail()
		return 0
	}
	v := math.Float64frombits(binary.LittleEndian.Uint64(d.b))
	d.b = d.b[8:]
	return v
}

func (d *decoder) string() string {
	n := d.uvarint()
	if uint64(len(d.b)) < n {
		d.fail()
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

func (d *decoder) strings() []string {
	n := d.uvarint()
	if n == 0 || uint64(len(d.b)) < n {
		if n > 0 {
			d.fail()
		}
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = d.string()
	}
	return out
}

func (d *decoder) skip(n int) {
	if n < 0 || len(d.b) < n {
		d.fail()
		return
	}
	d.b = d.b[n:]
}

func (d *decoder) fail() {
	if d.err == nil {
		d.err = errShortRecord
	}
	d.b = nil
}
