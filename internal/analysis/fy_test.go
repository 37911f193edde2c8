package analysis

import (
	"testing"
	"time"
)

func TestFinancialYear(t *testing.T) {
	for _, tt := range []struct {
		date  string
		year  int
		label string
	}{
		{"2027-03-31", 2026, "2026-27"},
		{"2027-04-01", 2027, "2027-28"},
		{"2028-03-31", 2027, "2027-28"},
		{"2027-12-31", 2027, "2027-28"},
		{"2028-01-01", 2027, "2027-28"},
		{"2000-02-29", 1999, "1999-00"},
		{"2099-04-01", 2099, "2099-00"},
	} {
		d, ok := ParseDate(tt.date)
		if !ok {
			t.Fatalf("%s does not parse", tt.date)
		}
		if y := FinancialYear(d); y != tt.year || FYLabel(y) != tt.label {
			t.Errorf("%s: year %d %q, want %d %q", tt.date, y, FYLabel(y), tt.year, tt.label)
		}
	}
}

func TestAfterYears(t *testing.T) {
	d, _ := ParseDate("2027-03-31")
	for _, tt := range []struct {
		lead float64
		want string
	}{
		{0, "2027-03-31"}, {1, "2028-03-31"}, {3, "2030-03-31"}, {0.5, "2027-10-01"}, // 31 Sept is 1 Oct
		{2.25, "2029-07-01"},
	} {
		if got := afterYears(d, tt.lead).Format(time.DateOnly); got != tt.want {
			t.Errorf("lead %g from %s: %s, want %s", tt.lead, d.Format(time.DateOnly), got, tt.want)
		}
	}
	a, _ := ParseDate("2027-04-01")
	b, _ := ParseDate("2029-04-01") // 731 days, one 29 February between
	if got := yearsBetween(a, b); got != 731/365.25 {
		t.Errorf("yearsBetween = %g", got)
	}
	if yearsBetween(b, a) != 0 {
		t.Error("a past date is no lead")
	}
}
