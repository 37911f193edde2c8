package service

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"slices"

	"github.com/placetrust/placetrust/internal/estate"
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

// assetCodec encodes assets for the spool: the store's (ImportStore).
type assetCodec interface {
	AppendImportAsset(b []byte, a *estate.Asset) ([]byte, error)
	ReadImportAsset(b []byte) (a *estate.Asset, rest []byte, err error)
}

// spool is the file of an import's decided rows.
type spool struct {
	codec   assetCodec
	f       *os.File
	w       *bufio.Writer
	size    int64
	removed bool
	buf     []byte
	abuf    []byte // an asset encoded, before it goes into buf
	// prefixes are the distinct NoteLines.Prefixes seen: a file's rows
	// all share one list, so records name it by its index.
	prefixes [][]string
}

func newSpool(codec assetCodec) (*spool, error) {
	f, err := os.CreateTemp("", "placetrust-import-*")
	if err != nil {
		return nil, fmt.Errorf("service: import spool: %w", err)
	}
	// Where open files cannot be removed (Windows), close removes it.
	removed := os.Remove(f.Name()) == nil
	return &spool{codec: codec, f: f, w: bufio.NewWriterSize(f, 256<<10), removed: removed}, nil
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
		return 0, fmt.Errorf("service: import spool: %w", err)
	}
	if _, err := s.w.Write(b); err != nil {
		return 0, fmt.Errorf("service: import spool: %w", err)
	}
	s.size += int64(k + len(b))
	return off, nil
}

// rowAt reads the report of the record at off.
func (s *spool) rowAt(off int64) (estate.ImportRow, error) {
	var row estate.ImportRow
	if err := s.w.Flush(); err != nil {
		return row, fmt.Errorf("service: import spool: %w", err)
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
			yield(nil, fmt.Errorf("service: import spool: %w", err))
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
		return nil, fmt.Errorf("service: import spool: %w", err)
	}
	return buf, nil
}

// A record is its kind, its report row, then flags saying which of the
// rest follow. Texts are length-prefixed, numbers varints.
const (
	spoolHasAsset = 1 << iota
	spoolHasNotes
	spoolHasAfter
)

func (s *spool) encode(b []byte, r *spoolRecord) ([]byte, error) {
	b = append(b, byte(r.kind))
	b = appendRow(b, &r.row)
	var flags byte
	if r.asset != nil {
		flags |= spoolHasAsset
	}
	if r.notes != nil {
		flags |= spoolHasNotes
	}
	if r.after != nil {
		flags |= spoolHasAfter
	}
	b = append(b, flags)
	b = binary.AppendUvarint(b, uint64(r.fields))
	var err error
	if r.asset != nil {
		if b, s.abuf, err = appendAsset(b, s.abuf, s.codec, r.asset); err != nil {
			return nil, err
		}
	}
	if r.notes != nil {
		b = binary.AppendUvarint(b, uint64(s.prefixIndex(r.notes.Prefixes)))
		b = appendStrings(b, r.notes.Lines)
	}
	if r.after != nil {
		if b, s.abuf, err = appendAsset(b, s.abuf, s.codec, r.after); err != nil {
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
		return nil, errors.New("service: import spool: empty record")
	}
	r := &spoolRecord{kind: recordKind(b[0])}
	d := decoder{b: b[1:]}
	d.readRow(&r.row)
	flags := d.byte()
	r.fields = estate.FieldSet(d.uvarint())
	if flags&spoolHasAsset != 0 {
		r.asset = d.asset(s.codec, asRead || r.kind == recInsert)
	}
	if flags&spoolHasNotes != 0 {
		i := int(d.uvarint())
		if i >= len(s.prefixes) {
			return nil, errors.New("service: import spool: unknown note prefixes")
		}
		r.notes = &estate.NoteLines{Prefixes: s.prefixes[i], Lines: d.strings()}
	}
	if flags&spoolHasAfter != 0 {
		r.after = d.asset(s.codec, true)
		r.changes = d.string()
	}
	if d.err != nil {
		return nil, fmt.Errorf("service: import spool: %w", d.err)
	}
	return r, nil
}
