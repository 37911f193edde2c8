package service

import (
	"encoding/binary"
	"errors"

	"github.com/placetrust/placetrust/internal/estate"
)

// The spool's records are written with the append functions below and
// read with a decoder: texts are length-prefixed, integers varints,
// assets in the store's encoding (ImportStore.AppendImportAsset).

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

// appendAsset writes an asset in the store's encoding, length-prefixed
// so a reader may pass over it.
func appendAsset(b, scratch []byte, codec assetCodec, a *estate.Asset) (out, scratchOut []byte, err error) {
	if scratch, err = codec.AppendImportAsset(scratch[:0], a); err != nil {
		return nil, scratch, err
	}
	return append(binary.AppendUvarint(b, uint64(len(scratch))), scratch...), scratch, nil
}

// asset reads an asset appendAsset wrote; with keep false it passes over
// it without decoding it.
func (d *decoder) asset(codec assetCodec, keep bool) *estate.Asset {
	n := d.uvarint()
	if uint64(len(d.b)) < n {
		d.fail()
		return nil
	}
	b := d.b[:n]
	d.b = d.b[n:]
	if !keep || d.err != nil {
		return nil
	}
	a, _, err := codec.ReadImportAsset(b)
	if err != nil {
		d.err = err
	}
	return a
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

func (d *decoder) fail() {
	if d.err == nil {
		d.err = errShortRecord
	}
	d.b = nil
}
