package analysis

import (
	"math"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
)

func TestAddSaturates(t *testing.T) {
	for _, tt := range []struct{ a, b, want int64 }{
		{1, 2, 3},
		{math.MaxInt64 - 1, 1, math.MaxInt64},
		{math.MaxInt64, 1, math.MaxInt64},
		{9e18, 9e18, math.MaxInt64},
		{math.MinInt64, -1, math.MinInt64},
		{math.MaxInt64, math.MinInt64, -1},
		{-5, 3, -2},
	} {
		if got := add(tt.a, tt.b); got != tt.want {
			t.Errorf("add(%d, %d) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
	for _, tt := range []struct {
		x    float64
		want int64
	}{
		{1.5, 2}, {-1.5, -2}, {0.49, 0}, {math.NaN(), 0}, {1e300, math.MaxInt64}, {math.Inf(-1), math.MinInt64},
		{math.Ldexp(1, 63), math.MaxInt64}, {math.Ldexp(1, 62), 1 << 62},
	} {
		if got := whole(tt.x); got != tt.want {
			t.Errorf("whole(%g) = %d, want %d", tt.x, got, tt.want)
		}
	}
}

// TestTotalsNeverWrap: figures stored before the bounds existed (two
// assets "worth" 9e18, issue 13 item 2) make totals saturate at the
// largest int64, never wrap to a negative figure.
func TestTotalsNeverWrap(t *testing.T) {
	huge := func(id int64, partner string) *estate.Asset {
		// Unused, so the relocation cost of its floor area is nothing.
		return building(id, partner, estate.RAGGreen, worcester, 9e18, 0, value(9e18), running(9e18),
			func(a *estate.Asset) { a.AnnualRentGBP = i64p(9e18) })
	}
	assets := []*estate.Asset{huge(1, "a"), huge(2, "a"), huge(3, "b")}
	v, err := Trust(copied(assets), DefaultReceiptParams(), estate.Selection{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range append(append([]TrustRow{{TrustTotals: v.Total}}, v.Partners...), v.Cells...) {
		tt := row.TrustTotals
		if tt.MarketValueGBP < 0 || tt.RunningCostGBPPA < 0 || tt.GIAM2 < 0 || tt.CentralReceiptGBP < 0 {
			t.Errorf("a total wrapped: %+v", row)
		}
	}
	if v.Total.MarketValueGBP != math.MaxInt64 || v.Total.RunningCostGBPPA != math.MaxInt64 ||
		v.Total.GIAM2 != math.MaxInt64 || v.Total.CentralReceiptGBP != math.MaxInt64 {
		t.Errorf("total %+v, want saturated", v.Total)
	}

	for _, a := range assets {
		a.TenureDetail = estate.DetailLeasedIn // rent saved instead of a sale
	}
	rep, err := Receipts(copied(append(assets, building(4, "b", estate.RAGGreen, worcester, 10, 10, value(9e18)))),
		DefaultReceiptParams(), estate.Selection{}, ByPartner)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range append(rep.Groups, ReceiptGroup{ReceiptTotals: rep.Total}) {
		if g.LowGBP < 0 || g.CentralGBP < 0 || g.HighGBP < 0 || g.RentSavedGBPPA < 0 {
			t.Errorf("a receipts total wrapped: %+v", g)
		}
	}
	if rep.Total.RentSavedGBPPA != math.MaxInt64 {
		t.Errorf("rent saved %d, want saturated", rep.Total.RentSavedGBPPA)
	}
	if s := annualSaving(copiedOne(assets[0])); s != math.MaxInt64 {
		t.Errorf("annual saving %d, want saturated", s)
	}
}

// TestTotalsAtTheBoundsAreExact: a national register of a million assets,
// every one at every bound, adds up exactly: int64 is wide enough.
func TestTotalsAtTheBoundsAreExact(t *testing.T) {
	const n = 1_000_000
	one := building(1, "a", estate.RAGGreen, worcester, estate.MaxAreaM2, 0, value(estate.MaxMoneyGBP),
		running(estate.MaxMoneyGBP))
	assets := make([]*estate.Asset, n) // one asset n times: the sums do not look at ids
	for i := range assets {
		assets[i] = one
	}
	p := DefaultReceiptParams()
	v, err := Trust(copied(assets), p, estate.Selection{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	central := AssetReceipt(copiedOne(one), p).CentralGBP
	want := TrustTotals{Assets: n, GIAM2: n * estate.MaxAreaM2, MarketValueGBP: n * estate.MaxMoneyGBP,
		RunningCostGBPPA: n * estate.MaxMoneyGBP, CentralReceiptGBP: n * central}
	if central <= 0 || v.Total != want {
		t.Errorf("total %+v, want %+v", v.Total, want)
	}
	rep, err := Receipts(copied(assets), p, estate.Selection{}, ByPartner)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Total.CentralGBP != n*central || rep.Total.HighGBP != n*AssetReceipt(copiedOne(one), p).HighGBP {
		t.Errorf("receipts %+v", rep.Total)
	}
}
