package cql2

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
)

// jnode is one JSON value with the offset it starts at, so that a fault
// in cql2-json names its place as one in cql2-text does.
type jnode struct {
	pos  int
	kind byte // '{', '[', '"', '0' (number), 'b' (boolean), 'n' (null)
	str  string
	num  json.Number
	b    bool
	keys []string // object members, in order
	vals []*jnode // object member values, or array items
}

func (n *jnode) member(key string) *jnode {
	for i, k := range n.keys {
		if k == key {
			return n.vals[i]
		}
	}
	return nil
}

func (n *jnode) describe() string {
	switch n.kind {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case '0':
		return "a number"
	case 'b':
		return "a boolean"
	}
	return "null"
}

// readJSON reads one JSON document into nodes, within MaxDepth.
func readJSON(src []byte) (*jnode, error) {
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.UseNumber()
	r := &jreader{src: src, dec: dec}
	n, err := r.value(0)
	if err != nil {
		return nil, err
	}
	rest := bytes.TrimLeft(src[dec.InputOffset():], " \t\r\n")
	if len(rest) > 0 {
		return nil, r.errAt(len(src)-len(rest), "more after the expression's end")
	}
	return n, nil
}

type jreader struct {
	src []byte
	dec *json.Decoder
}

func (r *jreader) errAt(pos int, format string, args ...any) error {
	return syntaxErr(string(r.src), pos, format, args...)
}

// start is where the next value begins: after the last token, its
// separator and any space.
func (r *jreader) start() int {
	i := int(r.dec.InputOffset())
	for i < len(r.src) && (r.src[i] == ' ' || r.src[i] == '\t' || r.src[i] == '\n' || r.src[i] == '\r' || r.src[i] == ',' || r.src[i] == ':') {
		i++
	}
	return i
}

func (r *jreader) token() (json.Token, int, error) {
	pos := r.start()
	t, err := r.dec.Token()
	if err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return nil, int(se.Offset), r.errAt(int(se.Offset), "malformed JSON: %v", se)
		}
		if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, len(r.src), r.errAt(len(r.src), "unexpected end of JSON")
		}
		return nil, pos, r.errAt(pos, "malformed JSON: %v", err)
	}
	return t, pos, nil
}

func (r *jreader) value(depth int) (*jnode, error) {
	t, pos, err := r.token()
	if err != nil {
		return nil, err
	}
	n := &jnode{pos: pos}
	switch t := t.(type) {
	case json.Delim:
		if depth >= 2*MaxDepth { // an expression level is an object and its args
			return nil, r.errAt(pos, "nested more than %d deep", MaxDepth)
		}
		n.kind = byte(t)
		if t == '{' {
			return n, r.object(n, depth)
		}
		return n, r.array(n, depth)
	case string:
		n.kind, n.str = '"', t
	case json.Number:
		n.kind, n.num = '0', t
	case bool:
		n.kind, n.b = 'b', t
	default:
		n.kind = 'n'
	}
	return n, nil
}

func (r *jreader) object(n *jnode, depth int) error {
	for r.dec.More() {
		t, pos, err := r.token()
		if err != nil {
			return err
		}
		key := t.(string) // the decoder only gives a string here
		if n.member(key) != nil {
			return r.errAt(pos, "member %q given twice", key)
		}
		v, err := r.value(depth + 1)
		if err != nil {
			return err
		}
		n.keys, n.vals = append(n.keys, key), append(n.vals, v)
	}
	_, _, err := r.token() // }
	return err
}

func (r *jreader) array(n *jnode, depth int) error {
	for r.dec.More() {
		if len(n.vals) == max(MaxList, MaxPoints) {
			return r.errAt(r.start(), "array longer than %d items", max(MaxList, MaxPoints))
		}
		v, err := r.value(depth + 1)
		if err != nil {
			return err
		}
		n.vals = append(n.vals, v)
	}
	_, _, err := r.token() // ]
	return err
}
