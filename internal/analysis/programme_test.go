package analysis

import (
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
)

// stage sets an asset's programme: its stage, target, receipt and
// surplus value (0 for none).
func stage(s estate.DisposalStage, target string, receipt int64, on string, surplus int64) func(*estate.Asset) {
	return func(a *estate.Asset) {
		a.DisposalStage, a.DisposalTarget, a.ReceiptDate = s, target, on
		if receipt != 0 {
			a.ReceiptGBP = i64p(receipt)
		}
		if surplus != 0 {
			a.SurplusValueGBP = i64p(surplus)
		}
	}
}

// TestProfileProgramme: achieved receipts land in the year of their
// date, as they are (31 March in the year ending, 1 April in the next);
// withdrawn assets count nowhere; an asset's own target date places it;
// grouping by stage keeps the stages apart and the totals whole.
func TestProfileProgramme(t *testing.T) {
	at := worcester
	assets := copied([]*estate.Asset{
		building(1, "a", estate.RAGGreen, at, 500, 80, value(1_000_000), stage(estate.StageSold, "", 900_000, "2027-03-31", 1_000_000)),
		building(2, "a", estate.RAGGreen, at, 500, 80, value(1_000_000), stage(estate.StageSold, "", 800_000, "2027-04-01", 950_000)),
		building(3, "b", estate.RAGGreen, at, 500, 80, value(1_000_000), stage(estate.StageTransferred, "", 1, "2027-05-01", 0)),
		building(4, "b", estate.RAGGreen, at, 500, 80, value(1_000_000), stage(estate.StageWithdrawn, "2028-01-01", 0, "", 0)),
		// its own target: 441 days after 2027-01-15, as TestProfileTargetBoundary: 657898
		building(5, "b", estate.RAGGreen, at, 500, 80, value(1_000_000), stage(estate.StageMarketed, "2028-03-31", 0, "", 1_000_000)),
		// none: a year's lead from 2027-01-15 is 2028-01-15, 2027-28, 662609
		building(6, "b", estate.RAGGreen, at, 500, 80, value(1_000_000)),
	})
	yp, err := Profile(assets, DefaultReceiptParams(), "2027-01-15", estate.Selection{}, ByStage)
	if err != nil {
		t.Fatal(err)
	}
	want := []YearFigures{
		{Year: "2026-27", Achieved: 1, AchievedGBP: 900_000},
		{Year: "2027-28", Assets: 2, LowGBP: 530981 + 534783, CentralGBP: 657898 + 662609, HighGBP: 742510 + 747826,
			Achieved: 2, AchievedGBP: 800_001},
	}
	if len(yp.Total.Years) != len(want) {
		t.Fatalf("years %v", yp.Years)
	}
	for i, w := range want {
		if yp.Total.Years[i] != w {
			t.Errorf("year %d: %+v, want %+v", i, yp.Total.Years[i], w)
		}
	}
	if yp.Withdrawn != 1 || yp.Overdue != 0 {
		t.Errorf("withdrawn %d overdue %d", yp.Withdrawn, yp.Overdue)
	}
	var keys []string
	var sum YearFigures
	for _, g := range yp.Groups {
		keys = append(keys, g.Key)
		sum.plus(&g.Total)
	}
	sum.Year = ""
	if want := []string{"marketed", "none", "sold", "transferred", "withdrawn"}; len(keys) != len(want) {
		t.Errorf("stages %v, want %v", keys, want)
	}
	if sum != yp.Total.Total {
		t.Errorf("groups add up to %+v, total %+v", sum, yp.Total.Total)
	}
}

// TestOutcome works estimate against outcome by hand: estimate_s =
// surplus × (1 − haircut_s) × (1 − fees), keep factors 0.735, 0.882, 0.98.
func TestOutcome(t *testing.T) {
	at := worcester
	assets := copied([]*estate.Asset{
		building(1, "a", estate.RAGGreen, at, 500, 80, value(1_200_000), stage(estate.StageSold, "", 900_000, "2027-03-31", 1_000_000)),
		building(2, "a", estate.RAGGreen, at, 500, 80, stage(estate.StageSold, "", 500_000, "2027-04-01", 500_000)),
		building(3, "b", estate.RAGGreen, at, 500, 80, stage(estate.StageSold, "", 700_000, "2027-04-01", 0)),        // no surplus value
		building(4, "b", estate.RAGGreen, at, 500, 80, stage(estate.StageTransferred, "", 1, "2027-04-01", 800_000)), // not a sale
		building(5, "b", estate.RAGGreen, at, 500, 80, stage(estate.StageMarketed, "", 0, "", 800_000)),
	})
	rep, err := Outcome(assets, DefaultReceiptParams(), estate.Selection{})
	if err != nil {
		t.Fatal(err)
	}
	// a: 1,500,000 surplus; central 882000 + 441000 = 1323000; receipts 1,400,000
	want := OutcomeFigures{Sold: 2, SurplusValueGBP: 1_500_000, LowGBP: 735000 + 367500, CentralGBP: 1_323_000,
		HighGBP: 980000 + 490000, ReceiptGBP: 1_400_000, Ratio: 1.0582, ValueRatio: 0.9333}
	if rep.Total != want || len(rep.Partners) != 1 || rep.Partners[0].OutcomeFigures != want {
		t.Errorf("total %+v partners %+v, want %+v", rep.Total, rep.Partners, want)
	}
	if len(rep.Sales) != 2 || rep.Sales[0].ID != 1 || rep.Sales[0].Ratio != 1.0204 || rep.Unestimated != 1 {
		t.Errorf("sales %+v unestimated %d", rep.Sales, rep.Unestimated)
	}
}
