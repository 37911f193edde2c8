package board

import "testing"

// TestAssumptionFigures: shares read as a board writes them, whatever
// binary floating point makes of 0.035 × 100, and one year is singular.
func TestAssumptionFigures(t *testing.T) {
	for in, want := range map[float64]string{0.035: "3.5%", 0.9: "90%", 0.02: "2%", 0: "0%", 1: "100%", 0.12345: "12.35%"} {
		if got := pct(in); got != want {
			t.Errorf("pct(%v) = %q, want %q", in, got, want)
		}
	}
	if years(1) != "1 year" || years(3) != "3 years" || years(0.5) != "0.5 years" {
		t.Errorf("years: %q %q %q", years(1), years(3), years(0.5))
	}
}
