package cql2_test

import (
	"errors"
	"reflect"
	"testing"

	"github.com/placetrust/placetrust/internal/cql2"
)

// FuzzParseText holds the parser to never panic, to fail only with a
// *SyntaxError inside the input, and to read back what Text writes.
// Plain `go test` runs the seeds; `go test -fuzz FuzzParseText` explores.
func FuzzParseText(f *testing.F) {
	for _, ex := range examples {
		f.Add(ex.text)
	}
	for _, s := range []string{
		`NOT (a = 1 AND b <> 'x''y') OR "c d" IS NOT NULL`,
		`S_WITHIN(g, POLYGON((0 0, 9 0, 9 9, 0 0), (1 1, 2 1, 2 2, 1 1)))`,
		`T_INTERSECTS(INTERVAL(a, '..'), INTERVAL('2020-01-01', '2021-01-01T00:00:00Z'))`,
		`a IN (1, -2.5e-3, 'x', TRUE, DATE('2020-02-29'))`,
		`S_INTERSECTS(g, ENVELOPE(-2, 1, 55, 50))`,
		`a = 1 AND (b = 2`, `'unterminated`, `"`, `(((((`, `NOT NOT`, `1e999`, `-.`, `a = -`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		e, err := cql2.ParseText(src)
		if err != nil {
			var se *cql2.SyntaxError
			if !errors.As(err, &se) || se.Pos < 0 || se.Pos > len(src) || se.Caret > len(se.Near) {
				t.Fatalf("ParseText(%q): %#v", src, err)
			}
			_ = se.Pointer()
			return
		}
		roundTrip(t, e)
		_ = cql2.Check(e, queryables)
	})
}

// FuzzParseJSON holds cql2-json to the same, and to give a tree that
// cql2-text writes and reads back unchanged.
func FuzzParseJSON(f *testing.F) {
	for _, ex := range examples {
		f.Add(ex.json)
	}
	for _, s := range []string{`{"op":"and","args":[true,{"op":"not","args":[false]}]}`, `{`, `[1,`, `{"op":1}`, `"\u0000"`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		e, err := cql2.ParseJSON([]byte(src))
		if err != nil {
			var se *cql2.SyntaxError
			if !errors.As(err, &se) || se.Pos < 0 || se.Pos > len(src) {
				t.Fatalf("ParseJSON(%q): %#v", src, err)
			}
			return
		}
		roundTrip(t, e)
	})
}

func roundTrip(t *testing.T, e cql2.Expr) {
	t.Helper()
	text := cql2.Text(e)
	again, err := cql2.ParseText(text)
	if err != nil {
		t.Fatalf("Text wrote %q, which does not parse: %v", text, err)
	}
	if !reflect.DeepEqual(again, e) {
		t.Fatalf("round trip through %q\n got %#v\nwant %#v", text, again, e)
	}
}
