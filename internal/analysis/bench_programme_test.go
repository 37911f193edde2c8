package analysis

import (
	"fmt"
	"sync"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/register"
)

// programmeEstate is the million of bigEstate with a programme on one
// asset in ten: targets over five years, and a sale with its receipt and
// surplus value on one in fifty. Held as the copy holds it.
var programmeEstate = sync.OnceValue(func() register.Assets {
	src := bigEstate()
	assets := make([]*estate.Asset, len(src))
	for i, a := range src {
		c := *a
		switch {
		case i%50 == 0:
			v := int64(500_000)
			c.DisposalStage, c.ReceiptGBP, c.ReceiptDate, c.SurplusValueGBP = estate.StageSold, &v, fmt.Sprintf("202%d-0%d-15", 4+i%3, 1+i%9), &v
		case i%10 == 0:
			c.DisposalStage, c.DisposalTarget = estate.StageMarketed, fmt.Sprintf("20%d-03-31", 27+i%5)
		}
		assets[i] = &c
	}
	return copied(assets)
})

// BenchmarkProfile1M is receipts by financial year over the whole
// register, grouped by partner (the trust view's budget: 500 ms warm).
func BenchmarkProfile1M(b *testing.B) {
	assets := programmeEstate()
	p := DefaultReceiptParams()
	for b.Loop() {
		if _, err := Profile(assets, p, "2026-04-01", estate.Selection{}, ByPartner); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkScenario1M is a what-if over the whole register, both sides:
// every amber asset turned green, and one partner's disposals all
// brought to one date.
func BenchmarkScenario1M(b *testing.B) {
	assets := programmeEstate()
	green := estate.RAGGreen
	rules := ScenarioRules{{RAGs: []estate.RAG{estate.RAGAmber}, RAG: &green},
		{Partners: []string{"partner-1"}, Target: "2028-09-30"}}
	var rep ScenarioReport
	for b.Loop() {
		var err error
		if rep, err = Scenario(assets, DefaultReceiptParams(), "2026-04-01", estate.Selection{}, rules); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(rep.Changed), "changed")
}

// BenchmarkOutcome1M is estimate against outcome over the whole register.
func BenchmarkOutcome1M(b *testing.B) {
	assets := programmeEstate()
	for b.Loop() {
		if _, err := Outcome(assets, DefaultReceiptParams(), estate.Selection{}); err != nil {
			b.Fatal(err)
		}
	}
}
