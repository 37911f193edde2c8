package transparency

import (
	"maps"
	"reflect"
	"strings"
	"testing"
	"unicode"

	"github.com/placetrust/placetrust/internal/estate"
)

// checkFastPaths holds the hand-written matchers to the regexps they
// stand in for on the common cells, which stay the reference, and
// normName to the rune-by-rune fold it replaced.
func checkFastPaths(t *testing.T, s string) {
	t.Helper()
	m := fullPostcodeRE.FindStringSubmatch(s)
	want, wantOK := "", m != nil
	if wantOK {
		want = m[1] + " " + m[2]
	}
	if got, ok := wellFormedPostcode(s); got != want || ok != wantOK {
		t.Fatalf("wellFormedPostcode(%q) = %q, %v; fullPostcodeRE gives %q, %v", s, got, ok, want, wantOK)
	}
	if got, want := outwardCode(s), outwardRE.MatchString(s); got != want {
		t.Fatalf("outwardCode(%q) = %v; outwardRE gives %v", s, got, want)
	}
	if figure, unit, ok := splitQuantityFast(s); ok {
		m := quantityRE.FindStringSubmatch(s)
		if m == nil || figure != m[1] || unit != m[2] {
			t.Fatalf("splitQuantityFast(%q) = %q, %q; quantityRE gives %q", s, figure, unit, m)
		}
	} else if s != "" && isDigit(s[0]) {
		t.Fatalf("splitQuantityFast(%q) left a cell starting with a digit to the regexp", s)
	}
	if got, want := normName(s), normNameByRune(s); got != want {
		t.Fatalf("normName(%q) = %q, want %q", s, got, want)
	}
}

// normNameByRune is normName as first written, before it worked byte by
// byte.
func normNameByRune(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r < unicode.MaxASCII && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9'):
			b.WriteRune(r)
		case r >= 'A' && r <= 'Z':
			b.WriteRune(r + 'a' - 'A')
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// oddCells are postcodes and quantities as published, well and badly.
var oddCells = []string{
	"", "WR1 2EY", "WR12EY", "wr1 2ey", "W1A 0AX", "EC1A 1BB", "EC1A1BB", "M1 1AE", "DN55 1PT",
	"M32 OXZ", "WA14 1", "WA14", "M31", "WF5 9EE (FOR SAT NAV)", " SW1A 1AA", "SW1A 1AA ",
	"SW1A  1AA", "SW1A\t1AA", "SW1A\u00a01AA", "AA1A 1AA", "A1 1A", "A 1AA", "1AA", "É1 1AA",
	"\u212a1 1AA", "SW1A 1ÄA", "AB1 2CDE", "ABC1 2DE", "A1AA 1AA", "A11 1AA", "A111AA",
	"415.05", "415", "1,047.5", "415 m2", "415m2", "4467 sq ft", "0.537 hectares (1.33 acres)",
	"415 m2 / 4467 sq ft", "£250,000", " £ 12", ".5", "0.5ha", "12 m²", "1..2", "1.", "1.e2",
	"1,,2 m2", "9\vm2", "9\fm2", "9\r\nm2", "7 (m2)", "8/9", "1e3", "0x10", "1_000", "١٢ m2",
	"1\xff m2", "2 \xc2", "Post Code", "\ufeffAssetCode", "OSGB36", "ＯＳＧＢ３６", "Land & Buildings",
}

func TestFastPathsMatchRegexps(t *testing.T) {
	for _, s := range oddCells {
		checkFastPaths(t, s)
	}
	// Every short string over characters each matcher treats apart:
	// both cases, digits, a space, other spacing, the punctuation the
	// quantity regexp stops at or reads, and a letter outside ASCII.
	var walk func(alphabet []rune, prefix string, n int)
	walk = func(alphabet []rune, prefix string, n int) {
		checkFastPaths(t, prefix)
		if n == 0 {
			return
		}
		for _, r := range alphabet {
			walk(alphabet, prefix+string(r), n-1)
		}
	}
	walk([]rune("A1 a.,(\tÉ"), "", 6)
	walk([]rune("A1 "), "", 9) // long enough for every postcode
}

// FuzzFastPaths runs checkFastPaths on anything: go test -fuzz=FuzzFastPaths.
func FuzzFastPaths(f *testing.F) {
	for _, s := range oddCells {
		f.Add(s)
	}
	f.Fuzz(checkFastPaths)
}

// TestRegisterTargets checks that skipping readRegister for a file
// without registerTargets loses nothing: for every column name we know, a
// row with something in that column reads the same either way.
func TestRegisterTargets(t *testing.T) {
	// Note lines are data, so the items compare whole.
	read := func(p *plan, rec []string) estate.ImportItem {
		var item estate.ImportItem
		rr := rowReader{p: p, rec: rec, partner: "p"}
		rr.read(&item)
		return item
	}
	for name := range allNames() {
		for _, cell := range []string{"x", "1", "2020-01-01"} {
			p, err := newPlan([]string{"GeoX", "GeoY", name}, nil)
			if err != nil {
				t.Fatal(err)
			}
			rec := []string{"-2", "52", cell}
			got := read(p, rec)
			p.register = true
			if want := read(p, rec); !reflect.DeepEqual(got, want) {
				t.Errorf("column %s = %q reads otherwise without readRegister: add its target to registerTargets", name, cell)
			}
		}
	}
}

// allNames are every column name the reader knows.
func allNames() map[string]target {
	out := maps.Clone(headerTargets)
	maps.Copy(out, commonNames)
	return out
}

// newPlan matches header cells to targets, then applies the mapping.
func newPlan(header []string, m Mapping) (*plan, error) {
	cols := make([]column, len(header))
	for i, h := range header {
		cols[i] = column{text: h, m: matchName(h)}
	}
	return planColumns(cols, m, howMapped)
}
