package cql2_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/cql2"
)

// queryables are shaped like the register's: enums and text, figures,
// a flag, dates and the location.
var queryables = cql2.Queryables{
	"rag":         cql2.TypeString,
	"name":        cql2.TypeString,
	"area_m2":     cql2.TypeNumber,
	"listed":      cql2.TypeBoolean,
	"acquired_on": cql2.TypeDate,
	"disposed_on": cql2.TypeDate,
	"rag_set_at":  cql2.TypeTimestamp,
	"geometry":    cql2.TypeGeometry,
}

func TestCheck(t *testing.T) {
	for _, tc := range []struct {
		text     string
		property string // the property the error names; "" with msg "" is valid
		msg      string
	}{
		{`rag = 'red' AND area_m2 > 100.5 OR NOT listed = TRUE`, "", ""},
		{`name LIKE 'St %' AND rag IN ('red', 'amber')`, "", ""},
		{`area_m2 BETWEEN 10 AND 20 AND name IS NULL AND geometry IS NOT NULL`, "", ""},
		{`acquired_on >= DATE('2020-01-01') AND rag_set_at < TIMESTAMP('2024-01-01T00:00:00Z')`, "", ""},
		{`S_INTERSECTS(geometry, BBOX(-1, 51, 0, 52)) AND S_WITHIN(geometry, POINT(0 51))`, "", ""},
		{`T_INTERSECTS(INTERVAL(acquired_on, disposed_on), INTERVAL('2020-01-01', '..'))`, "", ""},
		{`T_BEFORE(rag_set_at, DATE('2024-01-01')) OR T_AFTER(acquired_on, TIMESTAMP('2024-01-01T00:00:00Z'))`, "", ""},
		{`TRUE`, "", ""},
		{`1 = 1`, "", ""},
		{`tenure = 'freehold'`, "tenure", `property "tenure" is not queryable; queryables are acquired_on, area_m2,`},
		{`rag = 'red' OR S_INTERSECTS(geom, POINT(0 0))`, "geom", `"geom" is not queryable`},
		{`area_m2 = '100'`, "area_m2", "= compares area_m2, a number, with '100', a string"},
		{`rag = 5`, "rag", "= compares rag, a string, with 5, a number"},
		{`rag IN ('red', 1)`, "rag", "IN compares rag, a string, with 1, a number"},
		{`listed > FALSE`, "listed", "> does not order booleans"},
		{`area_m2 LIKE '1%'`, "area_m2", "LIKE compares area_m2, a number, with '1%', a string"},
		{`acquired_on BETWEEN DATE('2020-01-01') AND DATE('2021-01-01')`, "acquired_on", "BETWEEN takes numbers, but acquired_on is a date"},
		{`geometry = 'x'`, "geometry", "= takes strings, numbers, booleans, dates or timestamps, but geometry is a geometry"},
		{`acquired_on = TIMESTAMP('2020-01-01T00:00:00Z')`, "acquired_on", "compares acquired_on, a date, with TIMESTAMP"},
		{`S_INTERSECTS(rag, POINT(0 0))`, "rag", "S_INTERSECTS takes geometries, but rag is a string"},
		{`T_AFTER(area_m2, DATE('2020-01-01'))`, "area_m2", "T_AFTER takes dates and timestamps, but area_m2 is a number"},
		{`T_AFTER(INTERVAL(name, '..'), DATE('2020-01-01'))`, "name", "INTERVAL takes dates and timestamps, but name is a string"},
		{`nope IS NULL`, "nope", `"nope" is not queryable`},
	} {
		t.Run(tc.text, func(t *testing.T) {
			e, err := cql2.ParseText(tc.text)
			if err != nil {
				t.Fatal(err)
			}
			err = cql2.Check(e, queryables)
			if tc.msg == "" {
				if err != nil {
					t.Fatalf("Check: %v", err)
				}
				return
			}
			var ce *cql2.CheckError
			if !errors.As(err, &ce) {
				t.Fatalf("Check = %v, want a *CheckError", err)
			}
			if ce.Property != tc.property || !strings.Contains(ce.Msg, tc.msg) {
				t.Errorf("Check: %q naming %q, want %q naming %q", ce.Msg, ce.Property, tc.msg, tc.property)
			}
		})
	}
}

func TestParseByLang(t *testing.T) {
	want := cmp(prop("a"), cql2.Eq, num(1))
	for _, tc := range []struct{ lang, src string }{
		{"", "a = 1"}, {"cql2-text", "a=1"}, {"cql2-json", `{"op":"=","args":[{"property":"a"},1]}`},
	} {
		got, err := cql2.Parse(tc.src, tc.lang)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("Parse(%q, %q) = %#v, %v", tc.src, tc.lang, got, err)
		}
	}
	if _, err := cql2.Parse("a = 1", "ecql"); !errors.Is(err, cql2.ErrLang) {
		t.Errorf("Parse with ecql: %v, want ErrLang", err)
	}
}
