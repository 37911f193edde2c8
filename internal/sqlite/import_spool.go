package sqlite

import (
	"bufio"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"iter"
	"math"
	"os"
	"slices"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/geo"
)

// An import decides every row before it takes the writer (import.go), so
// the decided rows wait in a spool: a temporary file, unlinked as soon as
// it is made so that it goes with the process however that ends, and read
// back in order. A million rows take some hundreds of megabytes there,
// and none in memory.

// recordKind says what the writer does with a spooled row.
type recordKind byte

const (
	recReport recordKind = iota // nothing to write: unchanged, skipped or wrong
	recInsert                   // a new asset
	recUpdate                   // a change to a stored asset
	recLater                    // a row decided at the end of the file: its decision follows the others
)

// spoolRecord is one decided row: its report, what to write, and the row
// as read, to decide it again if the register changed before the import
// took the writer.
type spoolRecord struct {
	kind recordKind
	row  estate.ImportRow // for recLater, only the row as read
	// The row as read: the file's asset (nil for a skipped or wrong row),
	// which of its fields the file carries, and the note lines it owns.
	asset  *estate.Asset
	fields estate.FieldSet
	notes  *estate.NoteLines
	// recUpdate: the stored asset as the row leaves it (its id and version
	// as stored) and the audit changes, encoded.
	after   *estate.Asset
	changes string
}

// spool is the file of an import's decided rows.
type spool struct {
	f       *os.File
	w       *bufio.Writer
	size    int64
	removed bool
	buf     []byte
	// prefixes are the distinct NoteLines.Prefixes seen: a file's rows
	// all share one list, so records name it by its index.
	prefixes [][]string
}

func newSpool() (*spool, error) {
	f, err := os.CreateTemp("", "placetrust-import-*")
	if err != nil {
		return nil, fmt.Errorf("sqlite: import spool: %w", err)
	}
	// Where open files cannot be removed (Windows), close removes it.
	removed := os.Remove(f.Name()) == nil
	return &spool{f: f, w: bufio.NewWriterSize(f, 256<<10), removed: removed}, nil
}

func (s *spool) close() {
	s.f.Close()
	if !s.removed {
		os.Remove(s.f.Name())
	}
}

// append writes r and returns its offset.
func (s *spool) append(r *spoolRecord) (int64, error) {
	b, err := s.encode(s.buf[:0], r)
	if err != nil {
		return 0, err
	}
	s.buf = b
	var n [binary.MaxVarintLen64]byte
	k := binary.PutUvarint(n[:], uint64(len(b)))
	off := s.size
	if _, err := s.w.Write(n[:k]); err != nil {
		return 0, fmt.Errorf("sqlite: import spool: %w", err)
	}
	if _, err := s.w.Write(b); err != nil {
		return 0, fmt.Errorf("sqlite: import spool: %w", err)
	}
	s.size += int64(k + len(b))
	return off, nil
}

// rowAt reads the report of the record at off.
func (s *spool) rowAt(off int64) (estate.ImportRow, error) {
	var row estate.ImportRow
	if err := s.w.Flush(); err != nil {
		return row, fmt.Errorf("sqlite: import spool: %w", err)
	}
	rd := bufio.NewReaderSize(io.NewSectionReader(s.f, off, s.size-off), 512)
	b, err := readRecord(rd, nil)
	if err != nil {
		return row, err
	}
	d := decoder{b: b[1:]}
	d.readRow(&row)
	return row, d.err
}

// records reads the records from offset from up to offset to, in order.
// Each record is fresh: the caller may keep it. Unless asRead is set, a
// row's asset as read is left out but for a new one, which is what the
// writer and the report need.
func (s *spool) records(from, to int64, asRead bool) iter.Seq2[*spoolRecord, error] {
	return func(yield func(*spoolRecord, error) bool) {
		if err := s.w.Flush(); err != nil {
			yield(nil, fmt.Errorf("sqlite: import spool: %w", err))
			return
		}
		rd := bufio.NewReaderSize(io.NewSectionReader(s.f, from, to-from), 256<<10)
		var buf []byte
		for {
			b, err := readRecord(rd, buf)
			if errors.Is(err, io.EOF) {
				return
			}
			if err != nil {
				yield(nil, err)
				return
			}
			buf = b
			r, err := s.decode(b, asRead)
			if !yield(r, err) || err != nil {
				return
			}
		}
	}
}

func readRecord(rd *bufio.Reader, buf []byte) ([]byte, error) {
	n, err := binary.ReadUvarint(rd)
	if err != nil {
		return nil, err // io.EOF at the end
	}
	buf = slices.Grow(buf[:0], int(n))[:n]
	if _, err := io.ReadFull(rd, buf); err != nil {
		return nil, fmt.Errorf("sqlite: import spool: %w", err)
	}
	return buf, nil
}

// A record is its kind, its report row, then flags saying which of the
// rest follow. Texts are length-prefixed, numbers varints.
const (
	hasAsset = 1 << iota
	hasNotes
	hasAfter
)

func (s *spool) encode(b []byte, r *spoolRecord) ([]byte, error) {
	b = append(b, byte(r.kind))
	b = appendRow(b, &r.row)
	var flags byte
	if r.asset != nil {
		flags |= hasAsset
	}
	if r.notes != nil {
		flags |= hasNotes
	}
	if r.after != nil {
		flags |= hasAfter
	}
	b = append(b, flags)
	b = binary.AppendUvarint(b, uint64(r.fields))
	var err error
	if r.asset != nil {
		if b, err = appendAsset(b, r.asset); err != nil {
			return nil, err
		}
	}
	if r.notes != nil {
		b = binary.AppendUvarint(b, uint64(s.prefixIndex(r.notes.Prefixes)))
		b = appendStrings(b, r.notes.Lines)
	}
	if r.after != nil {
		if b, err = appendAsset(b, r.after); err != nil {
			return nil, err
		}
		b = appendString(b, r.changes)
	}
	return b, nil
}

func (s *spool) prefixIndex(p []string) int {
	for i, q := range s.prefixes {
		if slices.Equal(p, q) {
			return i
		}
	}
	s.prefixes = append(s.prefixes, p)
	return len(s.prefixes) - 1
}

func (s *spool) decode(b []byte, asRead bool) (*spoolRecord, error) {
	if len(b) == 0 {
		return nil, errors.New("sqlite: import spool: empty record")
	}
	r := &spoolRecord{kind: recordKind(b[0])}
	d := decoder{b: b[1:]}
	d.readRow(&r.row)
	flags := d.byte()
	r.fields = estate.FieldSet(d.uvarint())
	if flags&hasAsset != 0 {
		if asRead || r.kind == recInsert {
			r.asset = d.asset()
		} else {
			d.skipAsset()
		}
	}
	if flags&hasNotes != 0 {
		i := int(d.uvarint())
		if i >= len(s.prefixes) {
			return nil, errors.New("sqlite: import spool: unknown note prefixes")
		}
		r.notes = &estate.NoteLines{Prefixes: s.prefixes[i], Lines: d.strings()}
	}
	if flags&hasAfter != 0 {
		r.after = d.asset()
		r.changes = d.string()
	}
	if d.err != nil {
		return nil, fmt.Errorf("sqlite: import spool: %w", d.err)
	}
	return r, nil
}

func appendRow(b []byte, r *estate.ImportRow) []byte {
	b = binary.AppendUvarint(b, uint64(r.Row))
	b = binary.AppendUvarint(b, uint64(r.Line))
	b = appendString(b, r.AssetCode)
	b = binary.AppendVarint(b, r.AssetID)
	b = appendString(b, string(r.Outcome))
	b = appendString(b, r.Reason)
	b = appendStrings(b, r.Changed)
	return appendStrings(b, r.Warnings)
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
