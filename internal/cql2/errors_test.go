package cql2_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/cql2"
)

func TestTextSyntaxErrors(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		pos        int
		msg        string
	}{
		{"empty", ``, 0, "expected a property or a value"},
		{"dangling and", `a = 1 AND`, 9, "expected a property or a value, found the end"},
		{"and and", `a = 1 AND AND b = 2`, 10, "found AND"},
		{"no operator", `a 1`, 2, "expected a comparison"},
		{"unclosed paren", `(a = 1`, 6, "expected ), found the end"},
		{"extra paren", `a = 1)`, 5, "expected AND, OR or the end"},
		{"unterminated string", `name = 'abc`, 7, "unterminated string"},
		{"unterminated name", `"name = 'abc'`, 0, "unterminated quoted name"},
		{"bad character", `a = 1 & b = 2`, 6, "unexpected character '&'"},
		{"bad number", `a = 1.2.3`, 7, "malformed number"},
		{"number then letters", `a = 12abc`, 6, "malformed number"},
		{"exponent without digits", `a = 1e`, 6, "digits expected after E"},
		{"huge number", `a = 1e999`, 4, "out of range"},
		{"like without string", `a LIKE b`, 7, "LIKE takes a pattern in quotes"},
		{"between without and", `a BETWEEN 1 OR 2`, 12, "BETWEEN takes low AND high"},
		{"is without null", `a IS 1`, 5, "expected NULL after IS"},
		{"not alone", `a NOT = 1`, 6, "expected LIKE, IN or BETWEEN after NOT"},
		{"not before is", `a NOT IS NULL`, 6, "expected LIKE, IN or BETWEEN after NOT"},
		{"not not", `NOT NOT a = 1`, 4, "NOT NOT"},
		{"in without list", `a IN 1`, 5, "expected (, found 1"},
		{"in unclosed", `a IN (1, 2`, 10, "expected , or ) in the IN list"},
		{"function", `avg(windSpeed) < 4`, 0, "unknown function avg"},
		{"function on the right", `a = upper(b)`, 4, "unknown function upper"},
		{"unsupported spatial", `S_CONTAINS(geometry, POINT(1 2))`, 0, "S_CONTAINS is not supported"},
		{"unsupported temporal", `t_during(built, INTERVAL('..','..'))`, 0, "t_during is not supported"},
		{"keyword as name", `and = 1`, 0, "found and"},
		{"bad date", `d = DATE('2024-13-01')`, 9, `date "2024-13-01" is not YYYY-MM-DD`},
		{"bad timestamp", `d = TIMESTAMP('2024-01-01')`, 14, "is not RFC 3339"},
		{"geometry compared", `g = POINT(1 2)`, 4, "a geometry is compared only by S_INTERSECTS"},
		{"interval compared", `d = INTERVAL('..','..')`, 4, "an INTERVAL is compared only by T_"},
		{"spatial of a number", `S_INTERSECTS(geometry, 5)`, 23, "S_INTERSECTS compares geometries"},
		{"temporal of a string", `T_BEFORE(built, '2020-01-01')`, 16, "T_BEFORE compares times"},
		{"3d point", `S_INTERSECTS(g, POINT(1 2 3))`, 26, "only 2D coordinates"},
		{"point z", `S_INTERSECTS(g, POINT Z(1 2 3))`, 22, "only 2D geometries"},
		{"6 number bbox", `S_INTERSECTS(g, BBOX(1,2,0,3,4,5))`, 28, "only 2D boxes"},
		{"inverted bbox", `S_INTERSECTS(g, BBOX(3,2,1,4))`, 16, "minimum above its maximum"},
		{"open ring", `S_INTERSECTS(g, POLYGON((0 0, 1 0, 1 1, 0 1)))`, 24, "not closed"},
		{"short ring", `S_INTERSECTS(g, POLYGON((0 0, 1 0, 0 0)))`, 24, "fewer than 4 points"},
		{"interval backwards", `T_INTERSECTS(d, INTERVAL('2020-01-02', '2020-01-01'))`, 16, "ends before it starts"},
		{"interval of a number", `T_INTERSECTS(d, INTERVAL(1, 2))`, 25, "INTERVAL takes a quoted date"},
		{"not utf-8", "a = '\xff'", 5, "not UTF-8"},
		{"empty quoted name", `"" = 1`, 0, "empty property name"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := cql2.ParseText(tc.text)
			var se *cql2.SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("ParseText(%q) = %v, want a *SyntaxError", tc.text, err)
			}
			if se.Pos != tc.pos || !strings.Contains(se.Msg, tc.msg) {
				t.Errorf("ParseText(%q): at %d %q, want at %d %q", tc.text, se.Pos, se.Msg, tc.pos, tc.msg)
			}
		})
	}
}

func TestSyntaxErrorPointsAtTheFault(t *testing.T) {
	src := "rag = 'red' AND (holding = 'freehold' OR OR tenure = 'leasehold')"
	_, err := cql2.ParseText(src)
	var se *cql2.SyntaxError
	if !errors.As(err, &se) {
		t.Fatalf("got %v", err)
	}
	if got := src[se.Pos:]; !strings.HasPrefix(got, "OR tenure") {
		t.Errorf("Pos %d points at %q", se.Pos, got)
	}
	if !strings.HasPrefix(se.Near[se.Caret:], "OR tenure") || len(se.Near) > 2*24+4 {
		t.Errorf("Near %q, Caret %d", se.Near, se.Caret)
	}
	lines := strings.Split(se.Pointer(), "\n")
	if len(lines) != 2 || strings.Index(lines[1], "^") != strings.Index(lines[0], "OR tenure") {
		t.Errorf("Pointer:\n%s", se.Pointer())
	}
	if msg := err.Error(); !strings.Contains(msg, "position 41") {
		t.Errorf("Error() = %q, want the position", msg)
	}
}

func TestJSONSyntaxErrors(t *testing.T) {
	for _, tc := range []struct {
		name, json string
		pos        int
		msg        string
	}{
		{"not json", `{"op": "=", `, 12, "unexpected end of JSON"},
		{"malformed", `{"op" "="}`, 6, "malformed JSON"},
		{"trailing", `true true`, 5, "more after the expression's end"},
		{"trailing comma", `true ,`, 5, "more after the expression's end"},
		{"a string", `"a = 1"`, 0, "expected an expression"},
		{"unknown op", `{"op":"s_crosses","args":[{"property":"g"},{"bbox":[0,0,1,1]}]}`, 6, `unsupported op "s_crosses"`},
		{"extra member", `{"op":"=","args":[1,1],"x":1}`, 0, `exactly the members "op" and "args"`},
		{"duplicate member", `{"op":"=","op":"<","args":[1,1]}`, 10, `member "op" given twice`},
		{"arity", `{"op":"=","args":[{"property":"a"}]}`, 17, "= takes 2 arguments, found 1"},
		{"and of one", `{"op":"and","args":[true]}`, 19, "and takes 2 arguments or more"},
		{"bad property", `{"op":"=","args":[{"property":3},1]}`, 30, "property is a name"},
		{"geometry compared", `{"op":"=","args":[{"property":"a"},{"bbox":[0,0,1,1]}]}`, 35, "a geometry is compared only by s_intersects"},
		{"bad date", `{"op":"=","args":[{"property":"a"},{"date":"2024-02-30"}]}`, 43, "is not YYYY-MM-DD"},
		{"linestring", `{"op":"s_intersects","args":[{"property":"g"},{"type":"LineString","coordinates":[[0,0],[1,1]]}]}`, 46, "GeoJSON LineString is not supported"},
		{"3d position", `{"op":"s_intersects","args":[{"property":"g"},{"type":"Point","coordinates":[0,0,1]}]}`, 76, "2D only"},
		{"bbox of 6", `{"op":"s_intersects","args":[{"property":"g"},{"bbox":[0,0,0,1,1,1]}]}`, 54, "four numbers"},
		{"like number", `{"op":"like","args":[{"property":"a"},5]}`, 38, "like takes a pattern string"},
		{"in not a list", `{"op":"in","args":[{"property":"a"},5]}`, 36, "in takes a list"},
		{"expression as value", `{"op":"=","args":[{"op":"=","args":[1,1]},1]}`, 18, "an expression cannot stand"},
		{"temporal of a string", `{"op":"t_before","args":[{"property":"d"},"2020-01-01"]}`, 42, "expected a property, date, timestamp or interval"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := cql2.ParseJSON([]byte(tc.json))
			var se *cql2.SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("ParseJSON(%s) = %v, want a *SyntaxError", tc.json, err)
			}
			if se.Pos != tc.pos || !strings.Contains(se.Msg, tc.msg) {
				t.Errorf("ParseJSON(%s): at %d %q, want at %d %q", tc.json, se.Pos, se.Msg, tc.pos, tc.msg)
			}
		})
	}
}
