package analysis

import (
	"fmt"
	"math"
	"time"
)

// UK public bodies account by financial year, 1 April to 31 March; a
// year is named by its two calendar years, "2027-28" for 1 April 2027 to
// 31 March 2028, and numbered here by the calendar year it starts in.

// DateLayout is how the programme's dates (target, receipt, as at) are
// written.
const DateLayout = time.DateOnly

// FinancialYear returns the calendar year the UK financial year holding t
// starts in: 2027 for any day from 1 April 2027 to 31 March 2028. Only
// t's calendar date counts, read in t's own location.
func FinancialYear(t time.Time) int {
	if t.Month() < time.April {
		return t.Year() - 1
	}
	return t.Year()
}

// FYLabel names the financial year starting in year y: 2027 is "2027-28",
// 1999 is "1999-00".
func FYLabel(y int) string { return fmt.Sprintf("%d-%02d", y, (y+1)%100) }

// ParseDate reads a YYYY-MM-DD date as midnight UTC.
func ParseDate(s string) (time.Time, bool) {
	t, err := time.Parse(DateLayout, s)
	return t, err == nil
}

// afterYears is the date lead years after t: whole years by the
// calendar, the rest in whole months (rounded), so a one-year lead from
// 31 March lands on the next 31 March, in the same place in the year.
func afterYears(t time.Time, lead float64) time.Time {
	whole := math.Floor(lead)
	months := int(math.Round((lead - whole) * 12))
	return t.AddDate(int(whole), months, 0)
}

// yearsBetween is the time from a to b in years of 365.25 days, 0 when b
// is not after a: how far a dated disposal is discounted.
func yearsBetween(a, b time.Time) float64 {
	if !b.After(a) {
		return 0
	}
	return b.Sub(a).Hours() / 24 / 365.25
}

// zeroDate stands for a valuation date where none matters (pricing
// without placing).
var zeroDate = time.Date(2000, time.April, 1, 0, 0, 0, 0, time.UTC)
