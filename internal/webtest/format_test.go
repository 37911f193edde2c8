package webtest

import (
	"fmt"
	"math"
	"math/big"
	"strings"
	"testing"
)

// These mirror web/js/format.js, so a test can say exactly what text the
// page should show for a figure the API gave.

// countJS formats as Intl.NumberFormat('en-GB', {maximumFractionDigits: 0}).
func countJS(n float64) string {
	r := math.Round(n) // half away from zero, as Intl's default halfExpand
	s := fmt.Sprintf("%.0f", math.Abs(r))
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if r < 0 {
		s = "-" + s
	}
	return s
}

func commas(n int) string { return countJS(float64(n)) }

// gbp is format.js gbp: millions and billions with decimals, thousands
// as "k" from £10,000.
func gbp(n int64) string {
	f := float64(n)
	switch a := math.Abs(f); {
	case a >= 1e9:
		return "£" + toFixed(f/1e9, 2) + "bn"
	case a >= 1e6:
		return "£" + toFixed(f/1e6, 1) + "m"
	case a >= 1e4:
		return "£" + countJS(math.Floor(f/1e3+0.5)) + "k" // Math.round
	}
	return "£" + countJS(f)
}

// toFixed is JavaScript's Number.prototype.toFixed: the float's exact
// decimal value rounded half away from zero (Go's %f rounds half to even,
// so 1.25 would be 1.2 in Go and 1.3 in JavaScript).
func toFixed(x float64, digits int) string {
	sign := ""
	if x < 0 {
		sign, x = "-", -x
	}
	exact := new(big.Float).SetFloat64(x).Text('f', 1100) // every float64 ends within 1074 places
	whole, frac, _ := strings.Cut(exact, ".")
	frac += strings.Repeat("0", digits+1)
	n, _ := new(big.Int).SetString(whole+frac[:digits], 10)
	if frac[digits] >= '5' {
		n.Add(n, big.NewInt(1))
	}
	s := fmt.Sprintf("%0*s", digits+1, n.String())
	if digits == 0 {
		return sign + s
	}
	return sign + s[:len(s)-digits] + "." + s[len(s)-digits:]
}

func ptrTo(v float64) *float64 { return &v }

func areaJS(m2 float64) string { return countJS(m2) + " m²" }

func metresJS(m float64) string { return countJS(m) + " m" }

func TestFormatMirrorsFormatJS(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{countJS(1234567.5), "1,234,568"},
		{countJS(999), "999"},
		{countJS(-1234), "-1,234"},
		{gbp(9999), "£9,999"},
		{gbp(10499), "£10k"},
		{gbp(10500), "£11k"},
		{gbp(999499), "£999k"},
		{gbp(1250000), "£1.3m"}, // 1.25 exactly: JavaScript rounds it up
		{gbp(1240000), "£1.2m"},
		{toFixed(0.05, 1), "0.1"},   // 0.05 is a little over, in binary
		{toFixed(2.675, 2), "2.67"}, // and 2.675 a little under
		{toFixed(-1.5, 0), "-2"},
		{gbp(3456789012), "£3.46bn"},
		{areaJS(1500), "1,500 m²"},
		{metresJS(399.6), "400 m"},
		{pctJS(ptrTo(0.125)), "13%"}, // Math.round rounds halves up
		{pctJS(ptrTo(0.285)), "28%"}, // 28.499999999999996 once times 100
		{pctJS(ptrTo(2.0 / 3)), "67%"},
		{pctJS(nil), "–"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}
