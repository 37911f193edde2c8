package geojson

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"sort"
	"strings"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/transparency"
)

// Reader streams a GeoJSON FeatureCollection of assets, one feature
// at a time, with the API's property names. Row numbers count features
// from 1.
type Reader struct {
	dec     *json.Decoder
	guard   *transparency.Guard
	max     int
	partner string
	bng     bool // from a legacy "crs" member; WGS84 by RFC 7946
	n       int
	unknown map[string]bool
	err     error
}

// NewReader reads r up to its first feature. It returns an EINVALID
// error, wrapped, for a file that is not JSON or not a FeatureCollection.
func NewReader(r io.Reader, partner string) (*Reader, error) {
	text, win, err := transparency.OpenText(r)
	if err != nil {
		return nil, err
	}
	if win {
		return nil, invalidf("the file is not UTF-8, as GeoJSON must be")
	}
	g := transparency.NewGuard(text, transparency.DefaultMaxRecordBytes)
	rd := &Reader{dec: json.NewDecoder(g), guard: g, max: transparency.DefaultMaxRecordBytes,
		partner: partner, unknown: map[string]bool{}}
	if err := rd.expectDelim('{', "a GeoJSON FeatureCollection object"); err != nil {
		return nil, err
	}
	for rd.dec.More() {
		key, err := rd.key()
		if err != nil {
			return nil, err
		}
		switch key {
		case "type":
			var t string
			if err := rd.decode(&t); err != nil {
				return nil, err
			}
			if t != "FeatureCollection" {
				return nil, invalidf("the GeoJSON is a %q, not a FeatureCollection", t)
			}
		case "crs":
			if err := rd.readCRS(); err != nil {
				return nil, err
			}
		case "features":
			return rd, rd.expectDelim('[', "an array of features")
		default:
			var skip json.RawMessage
			if err := rd.decode(&skip); err != nil {
				return nil, err
			}
		}
	}
	return nil, invalidf("the GeoJSON has no features member")
}

// readCRS reads the "crs" member GeoJSON had before RFC 7946, which some
// tools still write for British National Grid files.
func (rd *Reader) readCRS() error {
	var c struct {
		Properties struct {
			Name string `json:"name"`
		} `json:"properties"`
	}
	if err := rd.decode(&c); err != nil {
		return err
	}
	if c.Properties.Name == "" {
		return nil
	}
	bng, ok := transparency.GridNamed(c.Properties.Name)
	if !ok {
		return invalidf("the GeoJSON's crs %q is not WGS84 or British National Grid", c.Properties.Name)
	}
	rd.bng = bng
	return nil
}

func (rd *Reader) key() (string, error) {
	tok, err := rd.token()
	if err != nil {
		return "", err
	}
	k, ok := tok.(string)
	if !ok {
		return "", invalidf("the GeoJSON is not a JSON object where one is expected")
	}
	return k, nil
}

func (rd *Reader) expectDelim(d json.Delim, what string) error {
	tok, err := rd.token()
	if err != nil {
		return err
	}
	if tok != d {
		return invalidf("the file is not GeoJSON: expected %s", what)
	}
	return nil
}

func (rd *Reader) token() (json.Token, error) {
	tok, err := rd.dec.Token()
	return tok, rd.jsonErr(err)
}

func (rd *Reader) decode(v any) error {
	err := rd.dec.Decode(v)
	rd.guard.Next(rd.dec.InputOffset())
	return rd.jsonErr(err)
}

// jsonErr says where a file stops being JSON.
func (rd *Reader) jsonErr(err error) error {
	var syn *json.SyntaxError
	switch {
	case err == nil:
		return nil
	case rd.guard.Tripped():
		return invalidf("a feature is longer than %d bytes", rd.max)
	case errors.As(err, &syn):
		return invalidf("the file is not valid JSON at byte %d: %s", syn.Offset, syn.Error())
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return invalidf("the GeoJSON ends early, after %d features: the file is cut short", rd.n)
	}
	var typ *json.UnmarshalTypeError
	if errors.As(err, &typ) {
		return invalidf("the GeoJSON has a %s where %s belongs", typ.Value, typ.Field)
	}
	return fmt.Errorf("geojson: read: %w", err)
}

// Read returns the next feature as an import item, io.EOF after the last,
// or an error for a file that cannot be read further (which is sticky).
func (rd *Reader) Read() (*estate.ImportItem, error) {
	if rd.err != nil {
		return nil, rd.err
	}
	if !rd.dec.More() {
		if rd.err = rd.expectDelim(']', "the end of the features array"); rd.err == nil {
			rd.err = io.EOF
		}
		return nil, rd.err
	}
	var raw json.RawMessage
	if err := rd.decode(&raw); err != nil {
		rd.err = err
		return nil, err
	}
	rd.n++
	item := &estate.ImportItem{Row: rd.n}
	rd.readFeature(raw, item)
	return item, nil
}

// Notices lists properties no asset field has, read so far.
func (rd *Reader) Notices() []string {
	if len(rd.unknown) == 0 {
		return nil
	}
	names := make([]string, 0, len(rd.unknown))
	for n := range rd.unknown {
		names = append(names, fmt.Sprintf("%q", n))
	}
	sort.Strings(names)
	return []string{"properties not read (not asset fields): " + strings.Join(names, ", ")}
}

// Items yields every feature, then the file's notices as one item
// without a row, stopping after the first read error.
func (rd *Reader) Items() iter.Seq2[*estate.ImportItem, error] {
	return func(yield func(*estate.ImportItem, error) bool) {
		for {
			item, err := rd.Read()
			if errors.Is(err, io.EOF) {
				break
			}
			if !yield(item, err) || err != nil {
				return
			}
		}
		if n := rd.Notices(); len(n) > 0 {
			yield(&estate.ImportItem{Warnings: n}, nil)
		}
	}
}

func invalidf(format string, args ...any) error {
	return fmt.Errorf("geojson: %w", estate.Errorf(estate.EINVALID, format, args...))
}
