package analysis

import (
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
)

func ragp(g estate.RAG) *estate.RAG { return &g }

// yearOf returns the one year a profile's figures fall in, failing when
// there are more.
func yearOf(t *testing.T, yp YearProfile) YearFigures {
	t.Helper()
	if len(yp.Years) != 1 {
		t.Fatalf("years %v, want one", yp.Years)
	}
	return yp.Total.Years[0]
}

// TestProfileLeadYears: without a target date a disposal lands its
// rating's lead years after the valuation date, weighted exactly as the
// receipts analysis weights it, so one year from 31 March is the same
// financial year and one year from 1 April the next.
func TestProfileLeadYears(t *testing.T) {
	assets := copied([]*estate.Asset{building(1, "a", estate.RAGGreen, worcester, 500, 80, value(1_000_000))})
	p := DefaultReceiptParams()
	for _, tt := range []struct{ asAt, year string }{
		{"2027-03-31", "2027-28"}, // lands 2028-03-31
		{"2027-04-01", "2028-29"}, // lands 2028-04-01
	} {
		yp, err := Profile(assets, p, tt.asAt, estate.Selection{}, "")
		if err != nil {
			t.Fatal(err)
		}
		y := yearOf(t, yp)
		// 662609/534783/747826: TestAssetReceipt's green freehold.
		if y.Year != tt.year || y.Assets != 1 || y.LowGBP != 534783 || y.CentralGBP != 662609 || y.HighGBP != 747826 {
			t.Errorf("as at %s: %+v, want %s 534783/662609/747826", tt.asAt, y, tt.year)
		}
	}
}

// TestProfileTargetBoundary: a target date places the receipt in its own
// financial year, 31 March in the year ending, 1 April in the next, and
// discounts it by the days from the valuation date over 365.25.
func TestProfileTargetBoundary(t *testing.T) {
	assets := copied([]*estate.Asset{building(1, "a", estate.RAGGreen, worcester, 500, 80, value(1_000_000))})
	p := DefaultReceiptParams()
	for _, tt := range []struct {
		target, year       string
		low, central, high int64
	}{
		// 441 days: 762000 × 0.9 / 1.035^(441/365.25) = 657898.08; low
		// 615000 × … = 530980.73; high 860000 × … = 742509.64
		{"2028-03-31", "2027-28", 530981, 657898, 742510},
		// 442 days: 762000 × 0.9 / 1.035^(442/365.25) = 657836.12
		{"2028-04-01", "2028-29", 0, 657836, 0},
	} {
		rules := ScenarioRules{{Target: tt.target}}
		rep, err := Scenario(assets, p, "2027-01-15", estate.Selection{}, rules)
		if err != nil {
			t.Fatal(err)
		}
		var y YearFigures
		for _, f := range rep.Scenario.Years {
			if f.Assets > 0 {
				y = f
			}
		}
		if y.Year != tt.year || y.CentralGBP != tt.central || (tt.low != 0 && (y.LowGBP != tt.low || y.HighGBP != tt.high)) {
			t.Errorf("target %s: %+v, want %s central %d", tt.target, y, tt.year, tt.central)
		}
		if rep.Changed != 1 || rep.Base.Total.CentralGBP != 662609 {
			t.Errorf("changed %d, base central %d", rep.Changed, rep.Base.Total.CentralGBP)
		}
	}
}

// TestProfileOverdue: a target before the valuation date is placed in
// the valuation date's year, not discounted, and counted.
func TestProfileOverdue(t *testing.T) {
	assets := copied([]*estate.Asset{building(1, "a", estate.RAGAmber, worcester, 500, 80, value(1_000_000))})
	rep, err := Scenario(assets, DefaultReceiptParams(), "2027-06-01", estate.Selection{}, ScenarioRules{{Target: "2026-01-01"}})
	if err != nil {
		t.Fatal(err)
	}
	// 762000 × 0.5, undiscounted
	if y := rep.Scenario.Years[0]; y.Year != "2027-28" || y.CentralGBP != 381000 {
		t.Errorf("%+v", rep.Scenario.Years)
	}
}

// TestScenarioRules: "every amber library turned green" changes the
// amber library only, brings green's probability and lead time, and a
// set probability or lead time wins over the rating's.
func TestScenarioRules(t *testing.T) {
	lib := func(a *estate.Asset) { a.Use = "library" }
	assets := copied([]*estate.Asset{
		building(1, "a", estate.RAGAmber, worcester, 500, 80, value(1_000_000), lib),
		building(2, "a", estate.RAGRed, worcester, 500, 80, value(1_000_000), lib),
		building(3, "b", estate.RAGAmber, worcester, 500, 80, value(1_000_000)),
	})
	p := DefaultReceiptParams()
	green := ScenarioRules{{Uses: []string{"library"}, RAGs: []estate.RAG{estate.RAGAmber}, RAG: ragp(estate.RAGGreen)}}
	rep, err := Scenario(assets, p, "2027-04-01", estate.Selection{}, green)
	if err != nil {
		t.Fatal(err)
	}
	// base: two ambers 343640 each; scenario: one green 662609 + one amber 343640
	if rep.Changed != 1 || rep.Base.Total.CentralGBP != 687280 || rep.Scenario.Total.CentralGBP != 1006249 {
		t.Errorf("changed %d base %d scenario %d", rep.Changed, rep.Base.Total.CentralGBP, rep.Scenario.Total.CentralGBP)
	}
	// The green library lands in 2028-29, the amber in 2030-31: both years listed on both sides.
	if len(rep.Years) != 2 || rep.Years[0] != "2028-29" || rep.Years[1] != "2030-31" ||
		rep.Base.Years[0].Assets != 0 || rep.Scenario.Years[0].Assets != 1 {
		t.Errorf("years %v base %+v scenario %+v", rep.Years, rep.Base.Years, rep.Scenario.Years)
	}
	// p 1, lead 0 for partner a's assets: 762000 each, undiscounted, red included.
	sure := ScenarioRules{{Partners: []string{"a"}, Probability: f64p(1), LeadYears: f64p(0)}}
	if rep, err = Scenario(assets, p, "2027-04-01", estate.Selection{}, sure); err != nil {
		t.Fatal(err)
	}
	if rep.Changed != 2 || rep.Scenario.Total.CentralGBP != 762000*2+343640 {
		t.Errorf("changed %d scenario %d", rep.Changed, rep.Scenario.Total.CentralGBP)
	}
}

func TestScenarioRulesRefused(t *testing.T) {
	assets := copied(nil)
	bad := ScenarioRules{
		{Partners: []string{"a"}},
		{RAG: ragp("purple"), Probability: f64p(1.5), LeadYears: f64p(-1), Target: "2028-13-01", RAGs: []estate.RAG{"x"}},
	}
	_, err := Scenario(assets, DefaultReceiptParams(), "2027-04-01", estate.Selection{}, bad)
	wantInvalid(t, err, "rules[0].set_rag", "rules[1].rags", "rules[1].set_rag", "rules[1].set_probability",
		"rules[1].set_lead_years", "rules[1].set_target")
	_, err = Profile(assets, DefaultReceiptParams(), "31/03/2027", estate.Selection{}, "")
	wantInvalid(t, err, "as_at")
}
