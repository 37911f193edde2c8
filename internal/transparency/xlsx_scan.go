package transparency

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"strconv"
	"unicode/utf8"
)

// xmlScan reads the few elements of a sheet or shared strings part by
// hand, streaming. encoding/xml (which excelize's row iterator uses)
// builds a token for every tag, attribute and text, which made reading
// a workbook cost more than all the rest of an import (README, Speed).
//
// It knows what a spreadsheet part holds: elements, attributes, text,
// character references, comments and processing instructions; tags may
// carry a namespace prefix (x:row), which it ignores.
type xmlScan struct {
	r    *bufio.Reader
	name []byte // the last tag's local name
	end  bool   // the last tag closes an element
	self bool   // the last tag closes itself (<c/>)
	text []byte
	attr [][4]int // offsets of each attribute's key and value in abuf
	abuf []byte
}

func newXMLScan(r io.Reader) *xmlScan { return &xmlScan{r: bufio.NewReaderSize(r, 64<<10)} }

// tag moves to the next tag, skipping the text before it, and reads its
// name and attributes. It returns io.EOF at the end of the part.
func (x *xmlScan) tag() error {
	for {
		if err := x.skipPast('<'); err != nil {
			return err
		}
		c, err := x.r.ReadByte()
		if err != nil {
			return err
		}
		switch c {
		case '?':
			if err := x.skipPast('>'); err != nil {
				return err
			}
			continue
		case '!': // a comment or a declaration; a sheet holds no CDATA
			if err := x.skipComment(); err != nil {
				return err
			}
			continue
		}
		x.end = c == '/'
		if !x.end {
			x.r.UnreadByte()
		}
		return x.readTag()
	}
}

// is reports whether the last tag opens (or, with end, closes) local.
func (x *xmlScan) is(local string, end bool) bool {
	return x.end == end && string(x.name) == local
}

func (x *xmlScan) skipPast(delim byte) error {
	for {
		_, err := x.r.ReadSlice(delim)
		if !errors.Is(err, bufio.ErrBufferFull) {
			return err
		}
	}
}

// skipComment skips a comment (<!-- -->) or a declaration (<!...>).
func (x *xmlScan) skipComment() error {
	if b, _ := x.r.Peek(2); string(b) != "--" {
		return x.skipPast('>')
	}
	var last [2]byte
	for {
		c, err := x.r.ReadByte()
		if err != nil {
			return err
		}
		if c == '>' && last == [2]byte{'-', '-'} {
			return nil
		}
		last[0], last[1] = last[1], c
	}
}

// readTag reads a tag's name and attributes up to its '>', into buffers
// reused from tag to tag: a sheet has three attributes on every cell.
func (x *xmlScan) readTag() error {
	x.name, x.self, x.attr, x.abuf = x.name[:0], false, x.attr[:0], x.abuf[:0]
	var a [4]int // key start, end; value start, end in abuf
	state := 0   // 0 name, 1 between attributes, 2 key, 3 after '=', 4 value
	var quote byte
	for {
		c, err := x.r.ReadByte()
		if err != nil {
			return err
		}
		switch {
		case state == 4 && c == quote:
			a[3] = len(x.abuf)
			x.attr = append(x.attr, a)
			state = 1
		case state == 4 || state == 2 && c != '=' && c != ' ' && c != '>' && c != '/':
			x.abuf = append(x.abuf, c)
		case c == '>':
			if i := bytes.IndexByte(x.name, ':'); i >= 0 {
				x.name = x.name[i+1:]
			}
			return nil
		case c == '/':
			x.self = true
		case state == 3 && (c == '"' || c == '\''):
			quote, state = c, 4
			a[2] = len(x.abuf)
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			if state == 0 || state == 2 {
				state = 1
			}
		case c == '=':
			a[1], state = len(x.abuf), 3
		case state == 0:
			x.name = append(x.name, c)
		case state == 1:
			a[0], state = len(x.abuf), 2
			x.abuf = append(x.abuf, c)
		}
	}
}

// attrOf is the value of the last tag's attribute with this local name,
// valid until the next tag is read.
func (x *xmlScan) attrOf(local string) []byte {
	for _, a := range x.attr {
		k := x.abuf[a[0]:a[1]]
		if i := bytes.IndexByte(k, ':'); i >= 0 {
			k = k[i+1:]
		}
		if string(k) == local {
			return decodeText(x.abuf[a[2]:a[3]])
		}
	}
	return nil
}

// atoi reads a non-negative decimal attribute, or -1.
func atoi(b []byte) int {
	if len(b) == 0 || len(b) > 9 {
		return -1
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return -1
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// readText reads the text up to the next tag, decoded, leaving the tag
// to be read.
func (x *xmlScan) readText() ([]byte, error) {
	x.text = x.text[:0]
	for {
		b, err := x.r.ReadSlice('<')
		x.text = append(x.text, b...)
		switch {
		case err == nil:
			x.text = x.text[:len(x.text)-1]
			x.r.UnreadByte()
			return decodeText(x.text), nil
		case !errors.Is(err, bufio.ErrBufferFull):
			return nil, err
		}
	}
}

// skipElement skips what follows an opening tag up to its closing tag.
func (x *xmlScan) skipElement(local string) error {
	if x.self {
		return nil
	}
	for depth := 1; ; {
		if err := x.tag(); err != nil {
			return err
		}
		switch {
		case string(x.name) != local || x.self:
		case x.end:
			depth--
		default:
			depth++
		}
		if depth == 0 {
			return nil
		}
	}
}

// richText gathers the text of the <t> elements inside an <si> or <is>
// until its closing tag, leaving out phonetic runs (<rPh>).
func (x *xmlScan) richText(local string, out []byte) ([]byte, error) {
	if x.self {
		return out, nil
	}
	for {
		if err := x.tag(); err != nil {
			return out, err
		}
		switch {
		case x.is(local, true):
			return out, nil
		case x.is("rPh", false):
			if err := x.skipElement("rPh"); err != nil {
				return out, err
			}
		case x.is("t", false) && !x.self:
			t, err := x.readText()
			if err != nil {
				return out, err
			}
			out = append(out, t...)
		}
	}
}

// decodeText resolves character references and Excel's _xHHHH_ escapes
// (a line break stored as _x000D_) in place.
func decodeText(b []byte) []byte {
	if bytes.IndexByte(b, '&') < 0 && bytes.Index(b, []byte("_x")) < 0 {
		return b
	}
	out := b[:0:0]
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c == '&' {
			if j := bytes.IndexByte(b[i:], ';'); j > 0 {
				if r, ok := entity(b[i+1 : i+j]); ok {
					out = utf8.AppendRune(out, r)
					i += j
					continue
				}
			}
		}
		if c == '_' && i+6 < len(b) && b[i+1] == 'x' && b[i+6] == '_' {
			if v, err := strconv.ParseUint(string(b[i+2:i+6]), 16, 32); err == nil {
				out = utf8.AppendRune(out, rune(v))
				i += 6
				continue
			}
		}
		out = append(out, c)
	}
	return out
}

func entity(name []byte) (rune, bool) {
	switch string(name) {
	case "amp":
		return '&', true
	case "lt":
		return '<', true
	case "gt":
		return '>', true
	case "quot":
		return '"', true
	case "apos":
		return '\'', true
	}
	if len(name) > 1 && name[0] == '#' {
		base, digits := 10, name[1:]
		if digits[0] == 'x' || digits[0] == 'X' {
			base, digits = 16, digits[1:]
		}
		if v, err := strconv.ParseUint(string(digits), base, 32); err == nil && utf8.ValidRune(rune(v)) {
			return rune(v), true
		}
	}
	return 0, false
}

// columnIndex reads the column of a cell reference such as "AB12": 27,
// counted from 0, or -1.
func columnIndex(ref []byte) int {
	n := 0
	for _, c := range ref {
		switch {
		case c >= 'A' && c <= 'Z':
			n = n*26 + int(c-'A') + 1
		case c >= 'a' && c <= 'z':
			n = n*26 + int(c-'a') + 1
		default:
			return n - 1
		}
	}
	return n - 1
}
