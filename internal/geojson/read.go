package lga

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"sort"
	"strings"

	"github.com/placetrust/placetrust/internal/estate"
)

// GeoJSONReader streams a GeoJSON FeatureCollection of assets, one feature
// at a time, with the API's property names. Row numbers count features
// from 1.
type GeoJSONReader struct {
	dec     *json.Decoder
	guard   *guard
	max     int
	partner string
	crs     crs // from a legacy "crs" member; WGS84 by RFC 7946
	n       int
	unknown map[string]bool
	err     error
}

// NewGeoJSONReader reads r up to its first feature. It returns an EINVALID
// error, wrapped, for a file that is not JSON or not a FeatureCollection.
func NewGeoJSONReader(r io.Reader, partner string) (*GeoJSONReader, error) {
	text, win, err := openText(r)
	if err != nil {
		return nil, err
	}
	if win {
		return nil, invalidf("the file is not UTF-8, as GeoJSON must be")
	}
	g := &guard{r: text, max: DefaultMaxRecordBytes}
	rd := &GeoJSONReader{dec: json.NewDecoder(g), guard: g, max: DefaultMaxRecordBytes,
		partner: partner, crs: crsWGS84, unknown: map[string]bool{}}
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
func (rd *GeoJSONReader) readCRS() error {
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
	got, ok := crsNames[normName(c.Properties.Name)]
	if !ok {
		return invalidf("the GeoJSON's crs %q is not WGS84 or British National Grid", c.Properties.Name)
	}
	rd.crs = got
	return nil
}

func (rd *GeoJSONReader) key() (string, error) {
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

func (rd *GeoJSONReader) expectDelim(d json.Delim, what string) error {
	tok, err := rd.token()
	if err != nil {
		return err
	}
	if tok != d {
		return invalidf("the file is not GeoJSON: expected %s", what)
	}
	return nil
}

func (rd *GeoJSONReader) token() (json.Token, error) {
	tok, err := rd.dec.Token()
	return tok, rd.jsonErr(err)
}

func (rd *GeoJSONReader) decode(v any) error {
	err := rd.dec.Decode(v)
	rd.guard.next(rd.dec.InputOffset())
	return rd.jsonErr(err)
}

// jsonErr says where a file stops being JSON.
func (rd *GeoJSONReader) jsonErr(err error) error {
	var syn *json.SyntaxError
	switch {
	case err == nil:
		return nil
	case rd.guard.tripped:
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
	return fmt.Errorf("lga: read: %w", err)
}

// Read returns the next feature as an import item, io.EOF after the last,
// or an error for a file that cannot be read further (which is sticky).
func (rd *GeoJSONReader) Read() (*estate.ImportItem, error) {
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
func (rd *GeoJSONReader) Notices() []string {
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
func (rd *GeoJSONReader) Items() iter.Seq2[*estate.ImportItem, error] {
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
