package insight_test

import (
	"testing"

	"github.com/placetrust/placetrust/internal/analysis"
	"github.com/placetrust/placetrust/internal/demo"
	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/insight"
	"github.com/placetrust/placetrust/internal/register"
)

// TestBoardFiguresAgree: on the demo estate, the board's receipts, its
// trust view and its year profile agree. The trust view's central
// receipt is the receipts analysis's; with the programme's target dates
// taken away, the year profile's expected low, central and high totals
// are the receipts analysis's to the pound; with them, the profile
// differs only by the dated disposals it discounts to their dates
// (analysis.TestExpectedFiguresAgree recomputes that shift).
func TestBoardFiguresAgree(t *testing.T) {
	const asAt = "2026-12-07"
	ps, as := demo.Estate(demo.DefaultSeed)
	targets := 0
	undated := make([]*estate.Asset, len(as))
	for i, a := range as {
		undated[i] = a.Clone()
		if a.DisposalTarget != "" {
			targets++
			undated[i].DisposalTarget = ""
		}
	}
	if targets == 0 {
		t.Fatal("the demo's programme has no target date: the dated case tests nothing")
	}
	for _, c := range []struct {
		name   string
		assets []*estate.Asset
	}{{"dated", as}, {"undated", undated}} {
		st, _ := storeOf(t, ps, c.assets)
		b, err := insight.New(register.New(st), false).Board(admin, analysis.DefaultColocationParams(), asAt, estate.Selection{}, 5)
		if err != nil {
			t.Fatal(err)
		}
		r, y := b.Receipts.Total, b.Profile.Total.Total
		if b.Trust.Total.CentralReceiptGBP != r.CentralGBP {
			t.Errorf("%s: trust central £%d, receipts £%d", c.name, b.Trust.Total.CentralReceiptGBP, r.CentralGBP)
		}
		same := r.LowGBP == y.LowGBP && r.CentralGBP == y.CentralGBP && r.HighGBP == y.HighGBP
		switch {
		case c.name == "undated" && (!same || b.Profile.Dated != 0):
			t.Errorf("undated: receipts %d/%d/%d, year profile %d/%d/%d (dated %d)", r.LowGBP, r.CentralGBP, r.HighGBP,
				y.LowGBP, y.CentralGBP, y.HighGBP, b.Profile.Dated)
		case c.name == "dated" && (same || b.Profile.Dated == 0):
			t.Errorf("dated: the profile should discount %d dated disposals to their dates: receipts £%d, profile £%d",
				b.Profile.Dated, r.CentralGBP, y.CentralGBP)
		}
		t.Logf("%s: receipts central £%d, year profile £%d, dated %d, overdue %d", c.name, r.CentralGBP, y.CentralGBP,
			b.Profile.Dated, b.Profile.Overdue)
	}
}
