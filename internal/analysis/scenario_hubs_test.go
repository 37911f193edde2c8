package analysis

import (
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
)

// TestScenarioHubs: a rule that rates the only movable building red
// leaves its hub without an opportunity (co-location rerun with the
// scenario's ratings); a rule that only changes a probability keeps the
// register's run and reprices its members.
func TestScenarioHubs(t *testing.T) {
	assets := copied([]*estate.Asset{
		building(1, "a", estate.RAGAmber, worcester, 1000, 40, running(10_000)),
		building(2, "b", estate.RAGGreen, north(worcester, 100), 200, 100, running(20_000), value(1_000_000)),
	})
	p := DefaultColocationParams()
	rows := ColocationUniverse(assets, nil)
	base, err := FindHubs(rows, p)
	if err != nil {
		t.Fatal(err)
	}
	sum, err := base.Summary(p.ReceiptParams, estate.Selection{})
	if err != nil || sum.Count != 1 || sum.AnnualSavingGBP != 20_000 {
		t.Fatalf("register: %+v %v", sum, err)
	}
	red := ScenarioRules{{IDs: []int64{2}, RAG: ragp(estate.RAGRed)}}
	what, err := ScenarioHubs(rows, base, p, estate.Selection{}, red)
	if err != nil || what.Count != 0 {
		t.Errorf("member rated red: %+v %v", what, err)
	}
	sure := ScenarioRules{{IDs: []int64{2}, Probability: f64p(1), LeadYears: f64p(0)}}
	what, err = ScenarioHubs(rows, base, p, estate.Selection{}, sure)
	// (1,000,000 × 0.882 − 300 × 200 × 1) × 1, undiscounted
	if err != nil || what.Count != 1 || what.CentralReceiptGBP != 822_000 || sum.CentralReceiptGBP == 822_000 {
		t.Errorf("member certain: %+v (register %+v) %v", what, sum, err)
	}
}
