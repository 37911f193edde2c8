package demo

import (
	"strings"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
)

// TestProgramme: the demo's programme has the planned assets at each
// stage, mostly green and amber, every one labelled synthetic and
// allowed by the programme's rules as a new asset on the day after the
// as-at date; sales and transfers completed over the three financial
// years to then, open targets over the next five.
func TestProgramme(t *testing.T) {
	_, assets := Estate(DefaultSeed)
	count := map[estate.DisposalStage]int{}
	years := map[int]int{} // financial year starting -> completions
	day := asOf.AddDate(0, 0, 1)
	for _, a := range assets {
		s := a.DisposalStage
		count[s]++
		if s == estate.StageNone {
			if a.DisposalStageAt != nil || a.DisposalTarget != "" || a.ReceiptGBP != nil || a.SurplusValueGBP != nil {
				t.Errorf("%s is in no programme but has %+v", a.AssetCode, a)
			}
			continue
		}
		if !strings.HasPrefix(a.DisposalNote, "Synthetic demo programme") || a.Sensitive {
			t.Errorf("%s: note %q, sensitive %v", a.AssetCode, a.DisposalNote, a.Sensitive)
		}
		if a.RAG != estate.RAGGreen && a.RAG != estate.RAGAmber {
			t.Errorf("%s at %s is rated %s", a.AssetCode, s, a.RAG)
		}
		if err := a.Validate(); err != nil {
			t.Errorf("%s: %v", a.AssetCode, err)
		}
		if err := estate.CheckDisposal(nil, a, day); err != nil {
			t.Errorf("%s: %v", a.AssetCode, err)
		}
		if a.DisposalStageAt == nil || a.DisposalStageAt.After(day) {
			t.Errorf("%s moved at %v", a.AssetCode, a.DisposalStageAt)
		}
		if s.Surplus() != (a.SurplusValueGBP != nil) && s != estate.StageWithdrawn {
			t.Errorf("%s at %s has surplus value %v", a.AssetCode, s, a.SurplusValueGBP)
		}
		switch {
		case s.Final():
			on, _ := time.Parse(time.DateOnly, a.ReceiptDate)
			fy := on.Year()
			if on.Month() < time.April {
				fy--
			}
			years[fy]++
		case s.Open():
			if a.DisposalTarget <= "2026-03-31" || a.DisposalTarget > "2031-03-31" {
				t.Errorf("%s at %s targets %q", a.AssetCode, s, a.DisposalTarget)
			}
		}
	}
	for _, p := range programmePlan {
		if count[p.stage] != p.n {
			t.Errorf("%d assets %s, want %d", count[p.stage], p.stage, p.n)
		}
	}
	if len(years) != 3 || years[2023] == 0 || years[2024] == 0 || years[2025] == 0 {
		t.Errorf("completions by financial year %v, want 2023/24 to 2025/26", years)
	}
}
