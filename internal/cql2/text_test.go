package cql2_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/cql2"
)

// TestTextForms covers what the examples do not: precedence, keyword
// case, quoting and escaping, and the text each tree is written as.
func TestTextForms(t *testing.T) {
	a1, b2, c3 := cmp(prop("a"), cql2.Eq, num(1)), cmp(prop("b"), cql2.Eq, num(2)), cmp(prop("c"), cql2.Eq, num(3))
	for _, tc := range []struct {
		name, text string
		want       cql2.Expr
		written    string
	}{
		{"and before or", `a = 1 OR b = 2 AND c = 3`, or(a1, and(b2, c3)), `a = 1 OR (b = 2 AND c = 3)`},
		{"and before or, left", `a = 1 AND b = 2 OR c = 3`, or(and(a1, b2), c3), `(a = 1 AND b = 2) OR c = 3`},
		{"not before and", `NOT a = 1 AND b = 2`, and(not(a1), b2), `NOT a = 1 AND b = 2`},
		{"not of a parenthesis", `NOT (a = 1 AND b = 2)`, not(and(a1, b2)), `NOT (a = 1 AND b = 2)`},
		{"not of not", `NOT (NOT a = 1)`, not(not(a1)), `NOT (NOT a = 1)`},
		{"parentheses keep their node", `(a = 1 AND b = 2) AND c = 3`, and(and(a1, b2), c3), `(a = 1 AND b = 2) AND c = 3`},
		{"flat and", `a = 1 AND b = 2 AND c = 3`, and(a1, b2, c3), `a = 1 AND b = 2 AND c = 3`},
		{"redundant parentheses", `((a = 1))`, a1, `a = 1`},
		{"keywords in any case", `a = 1 and NoT b = 2 Or c = 3`, or(and(a1, not(b2)), c3), `(a = 1 AND NOT b = 2) OR c = 3`},
		{"lower-case functions", `s_intersects(g, bbox(0, 1, 2, 3))`,
			cql2.Spatial{Op: cql2.SIntersects, Left: prop("g"), Right: cql2.BBox{MinX: 0, MinY: 1, MaxX: 2, MaxY: 3}},
			`S_INTERSECTS(g, BBOX(0, 1, 2, 3))`},
		{"envelope, the draft's order", `S_WITHIN(g, ENVELOPE(-2, 1, 55, 50))`,
			cql2.Spatial{Op: cql2.SWithin, Left: prop("g"), Right: cql2.BBox{MinX: -2, MinY: 50, MaxX: 1, MaxY: 55}},
			`S_WITHIN(g, BBOX(-2, 50, 1, 55))`},
		{"polygon with a hole", `S_WITHIN(g, POLYGON((0 0, 9 0, 9 9, 0 0), (1 1, 2 1, 2 2, 1 1)))`,
			cql2.Spatial{Op: cql2.SWithin, Left: prop("g"), Right: cql2.Polygon{Rings: [][]cql2.Point{
				{{X: 0, Y: 0}, {X: 9, Y: 0}, {X: 9, Y: 9}, {X: 0, Y: 0}}, {{X: 1, Y: 1}, {X: 2, Y: 1}, {X: 2, Y: 2}, {X: 1, Y: 1}}}}},
			`S_WITHIN(g, POLYGON((0 0, 9 0, 9 9, 0 0), (1 1, 2 1, 2 2, 1 1)))`},
		{"quoted name", `"rag" = 'red'`, cmp(prop("rag"), cql2.Eq, str("red")), `rag = 'red'`},
		{"quoted keyword", `"date" = DATE('2024-01-31')`, cmp(prop("date"), cql2.Eq, date("2024-01-31")), `"date" = DATE('2024-01-31')`},
		{"quoted with space and quote", `"my ""odd"" name" IS NULL`, cql2.IsNull{Arg: prop(`my "odd" name`)}, `"my ""odd"" name" IS NULL`},
		{"escaped quote", `name = 'it''s'`, cmp(prop("name"), cql2.Eq, str("it's")), `name = 'it''s'`},
		{"backslash quote", `name = 'it\'s'`, cmp(prop("name"), cql2.Eq, str("it's")), `name = 'it''s'`},
		{"empty string", `name = ''`, cmp(prop("name"), cql2.Eq, str("")), `name = ''`},
		{"unicode", `name = 'Bryn Mawr – Ysgol' AND café = 'ü'`,
			and(cmp(prop("name"), cql2.Eq, str("Bryn Mawr – Ysgol")), cmp(prop("café"), cql2.Eq, str("ü"))),
			`name = 'Bryn Mawr – Ysgol' AND café = 'ü'`},
		{"negative and exponent", `a BETWEEN -1.5e3 AND +.5`, cql2.Between{Arg: prop("a"), Low: num(-1500), High: num(0.5)}, `a BETWEEN -1500 AND 0.5`},
		{"literal on the left", `5 < floors`, cmp(num(5), cql2.Lt, prop("floors")), `5 < floors`},
		{"no spaces", `a<>1AND b>=2`, nil, ``},
		{"timestamp with offset", `t = TIMESTAMP('2024-06-01T10:00:00+01:00')`,
			cmp(prop("t"), cql2.Eq, stamp("2024-06-01T09:00:00Z")), `t = TIMESTAMP('2024-06-01T09:00:00Z')`},
		{"fractional seconds", `t < TIMESTAMP('2024-06-01T10:00:00.25Z')`,
			cmp(prop("t"), cql2.Lt, stamp("2024-06-01T10:00:00.25Z")), `t < TIMESTAMP('2024-06-01T10:00:00.25Z')`},
		{"false alone", `NOT false`, not(boolean(false)), `NOT FALSE`},
		{"whitespace", "\ta\n=\r\n1 ", a1, `a = 1`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := cql2.ParseText(tc.text)
			if tc.want == nil {
				if err == nil {
					t.Fatalf("ParseText(%q) = %#v, want an error", tc.text, got)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseText(%q): %v", tc.text, err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("ParseText(%q)\n got %#v\nwant %#v", tc.text, got, tc.want)
			}
			if w := cql2.Text(got); w != tc.written {
				t.Errorf("Text = %q, want %q", w, tc.written)
			}
			if again, err := cql2.ParseText(tc.written); err != nil || !reflect.DeepEqual(again, got) {
				t.Errorf("ParseText(%q) = %#v, %v", tc.written, again, err)
			}
		})
	}
}

func TestLimits(t *testing.T) {
	deep := strings.Repeat("(", cql2.MaxDepth+1) + "a = 1" + strings.Repeat(")", cql2.MaxDepth+1)
	ok := strings.Repeat("(", cql2.MaxDepth-1) + "a = 1" + strings.Repeat(")", cql2.MaxDepth-1)
	notDeep := strings.Repeat("NOT (", cql2.MaxDepth) + "a = 1" + strings.Repeat(")", cql2.MaxDepth)
	long := "a = '" + strings.Repeat("x", cql2.MaxLength) + "'"
	list := func(n int) string { return "a IN (" + strings.TrimSuffix(strings.Repeat("1,", n), ",") + ")" }
	ring := func(n int) string {
		pts := strings.Repeat("0 0, ", n-1)
		return "S_INTERSECTS(g, POLYGON((" + pts + "0 0)))"
	}
	jsonDeep := strings.Repeat(`{"op":"not","args":[`, cql2.MaxDepth+1) + "true" + strings.Repeat("]}", cql2.MaxDepth+1)
	jsonList := `{"op":"in","args":[{"property":"a"},[` + strings.TrimSuffix(strings.Repeat("1,", cql2.MaxList+1), ",") + `]]}`
	for _, tc := range []struct {
		name, src string
		json      bool
		msg       string
	}{
		{"depth", deep, false, "nested more than"},
		{"depth by NOT", notDeep, false, "nested more than"},
		{"length", long, false, "longer than"},
		{"list", list(cql2.MaxList + 1), false, "IN list longer than"},
		{"points", ring(cql2.MaxPoints + 1), false, "polygon of more than"},
		{"json depth", jsonDeep, true, "nested more than"},
		{"json list", jsonList, true, "IN list longer than"},
		{"within depth", ok, false, ""},
		{"within list", list(cql2.MaxList), false, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var err error
			if tc.json {
				_, err = cql2.ParseJSON([]byte(tc.src))
			} else {
				_, err = cql2.ParseText(tc.src)
			}
			switch {
			case tc.msg == "" && err != nil:
				t.Fatalf("got %v", err)
			case tc.msg != "" && (err == nil || !strings.Contains(err.Error(), tc.msg)):
				t.Fatalf("got %v, want %q", err, tc.msg)
			}
		})
	}
}
