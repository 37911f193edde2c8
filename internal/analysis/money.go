package analysis

import "math"

// Sums of money and area (issue 13, item 2). Every figure an analysis
// adds up is an int64 of whole pounds or square metres, not a float64:
// a total must equal the sum of its rows to the pound (Total is the sum
// of Partners, of RAGs and of Cells), which float addition, not being
// associative, stops keeping past 2^53. The bounds on an asset
// (estate.MaxMoneyGBP, estate.MaxAreaM2) keep an int64 sum exact up to 92
// million assets all at the bound, some ninety times a national
// register. Past that, or with figures stored before the bounds existed,
// sums saturate rather than wrap: a total reads £9.2 quintillion, plainly
// wrong, never a negative or small figure that looks right.

// add returns a+b, or the nearest int64 when that overflows.
func add(a, b int64) int64 {
	s := a + b
	// Overflow only when a and b share a sign that s has lost.
	if (a >= 0) == (b >= 0) && (s >= 0) != (a >= 0) {
		if a >= 0 {
			return math.MaxInt64
		}
		return math.MinInt64
	}
	return s
}

// whole rounds x to a whole number, half away from zero, and clamps it
// to int64 (a float64 beyond it would convert to an arbitrary value);
// NaN is 0. Being monotone, it keeps every ordering the unrounded figures
// have.
func whole(x float64) int64 {
	switch {
	case x != x:
		return 0
	case x >= math.MaxInt64: // 2^63 as a float64
		return math.MaxInt64
	case x <= math.MinInt64:
		return math.MinInt64
	}
	return int64(math.Round(x))
}
