package transparency

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"github.com/placetrust/placetrust/internal/estate"
)

// sniffSize is how much of a file is looked at to decide what it is.
const sniffSize = 64 << 10

// DefaultMaxRecordBytes bounds one CSV record, so a file with an unclosed
// quote or no line breaks cannot make the reader hold all of it.
const DefaultMaxRecordBytes = 1 << 20

func invalidf(format string, args ...any) error {
	return fmt.Errorf("transparency: %w", estate.Errorf(estate.EINVALID, format, args...))
}

// OpenText looks at the start of r and returns a reader of its text with
// any byte order mark gone, and whether the text is Windows-1252 rather
// than UTF-8. It refuses binary files with an error saying what they
// look like.
func OpenText(r io.Reader) (*bufio.Reader, bool, error) {
	br := bufio.NewReaderSize(r, sniffSize)
	head, err := br.Peek(sniffSize)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, false, fmt.Errorf("transparency: read: %w", err)
	}
	switch {
	case len(head) == 0:
		return nil, false, invalidf("the file is empty")
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		br.Discard(3)
		return br, false, nil
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		// Excel's "Unicode text": UTF-16 with a byte order mark.
		dec := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
		return bufio.NewReaderSize(transform.NewReader(br, dec), sniffSize), false, nil
	}
	if what := binaryKind(head); what != "" {
		return nil, false, invalidf("the file is %s, not CSV text", what)
	}
	return br, !validUTF8Prefix(head), nil
}

// binaryKind names what a binary file looks like, or "" for text.
func binaryKind(head []byte) string {
	for _, sig := range []struct {
		magic, what string
	}{
		{"PK\x03\x04", "a ZIP archive (an Excel .xlsx or OpenDocument .ods workbook?): save the sheet as CSV"},
		{"\xD0\xCF\x11\xE0", "an old Excel .xls workbook: save the sheet as CSV"},
		{"%PDF", "a PDF document"},
		{"\x1F\x8B", "gzip-compressed: decompress it first"},
		{"SQLite format 3\x00", "a SQLite database (a GeoPackage?)"},
	} {
		if bytes.HasPrefix(head, []byte(sig.magic)) {
			return sig.what
		}
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return "binary (it holds NUL bytes)"
	}
	// Text has few control characters besides tab and line ends.
	ctl := 0
	for _, c := range head {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' {
			ctl++
		}
	}
	if ctl > len(head)/100+1 {
		return "binary (it holds control characters)"
	}
	return ""
}

// validUTF8Prefix reports whether b is UTF-8, allowing a character cut
// at the end of the sniffed window.
func validUTF8Prefix(b []byte) bool {
	for i := 0; i < utf8.UTFMax && len(b) > 0; i++ {
		if utf8.Valid(b) {
			return true
		}
		b = b[:len(b)-1]
	}
	return utf8.Valid(b)
}

// cellDecoder turns raw cells into UTF-8 text: Windows-1252 throughout a
// file sniffed as such, and cell by cell for stray bytes in a UTF-8 file.
type cellDecoder struct {
	win1252  bool
	fellBack bool // a cell of this row was not valid UTF-8
}

func (d *cellDecoder) cell(s string) string {
	if !d.win1252 {
		if utf8.ValidString(s) {
			return s
		}
		d.fellBack = true
	}
	return decode1252(s)
}

func decode1252(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	b := make([]rune, 0, len(s))
	for i := 0; i < len(s); i++ {
		b = append(b, charmap.Windows1252.DecodeByte(s[i]))
	}
	return string(b)
}

// Guard counts bytes read and fails once a record runs past max bytes;
// the CSV and GeoJSON readers tell it where each record ends.
type Guard struct {
	r       io.Reader
	n       int64 // bytes handed on
	mark    int64 // where the current record began
	max     int64
	tripped bool
	eof     bool // the input has ended
	last    byte // the last byte handed on
}

// NewGuard reads r, failing once a record runs past max bytes.
func NewGuard(r io.Reader, max int64) *Guard { return &Guard{r: r, max: max} }

// Tripped reports whether a record ran past the bound.
func (g *Guard) Tripped() bool { return g.tripped }

var errRecordTooLong = errors.New("record too long")

func (g *Guard) Read(p []byte) (int, error) {
	if g.n-g.mark > g.max {
		g.tripped = true
		return 0, errRecordTooLong
	}
	n, err := g.r.Read(p)
	g.n += int64(n)
	if n > 0 {
		g.last = p[n-1]
	}
	g.eof = g.eof || errors.Is(err, io.EOF)
	return n, err
}

// next says a record ended at offset, counted from where the CSV reader
// started, which is where this Guard's count starts too.
func (g *Guard) Next(offset int64) { g.mark = offset }

// endsMidRow reports whether the record that ended at offset is the
// file's last and no line break follows it. Every record before it
// ended with one, so the file was most likely cut inside this row (a
// download or head -c cut short), and its last cell may have lost
// digits: "322851" cut to "322" is still a number.
func (g *Guard) endsMidRow(offset int64) bool {
	return g.eof && offset == g.n && g.last != '\n' && g.last != '\r'
}
