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

// TestScaledProgramme: Scaled's programme is the demo's in proportion,
// green and amber assets only, each allowed as a new asset, labelled
// synthetic; and it draws from a stream of its own, so every asset is
// otherwise what Scaled made before it had one.
func TestScaledProgramme(t *testing.T) {
	const n = 100_000
	assets := Scaled(n, 1)
	day := asOf.AddDate(0, 0, 1)
	count := map[estate.DisposalStage]int{}
	in := 0
	for _, a := range assets {
		if a.DisposalStage == "" || a.DisposalStage == estate.StageNone {
			continue
		}
		count[a.DisposalStage]++
		in++
		if a.RAG != estate.RAGGreen && a.RAG != estate.RAGAmber || !strings.HasPrefix(a.DisposalNote, "Synthetic demo programme") {
			t.Fatalf("%s: rated %s, note %q", a.AssetCode, a.RAG, a.DisposalNote)
		}
		if err := estate.CheckDisposal(nil, a, day); err != nil {
			t.Fatalf("%s: %v", a.AssetCode, err)
		}
	}
	// The demo's share of all assets, 48 of 1,433, within a few tenths.
	if share := float64(in) / n; share < 0.030 || share > 0.037 {
		t.Errorf("%d of %d in the programme (%.4f)", in, n, share)
	}
	for _, p := range programmePlan {
		if want := float64(in) * float64(p.n) / 48; float64(count[p.stage]) < 0.8*want || float64(count[p.stage]) > 1.2*want {
			t.Errorf("%s: %d, want about %.0f", p.stage, count[p.stage], want)
		}
	}
	// The main stream is untouched: these are what Scaled made before it
	// had a programme.
	for _, w := range []struct {
		i        int
		partner  string
		rag      estate.RAG
		lon, lat float64
		value    int64
	}{{0, "district", estate.RAGUnrated, -3.1920334, 53.1841633, 734784}, {99_999, "nhs", estate.RAGGreen, -4.3021529, 51.6596054, 1706280}} {
		a := assets[w.i]
		if a.Partner != w.partner || a.RAG != w.rag || a.Location != (estate.Point{Lon: w.lon, Lat: w.lat}) || *a.MarketValueGBP != w.value {
			t.Errorf("asset %d: %s %s %v £%d, before the programme %+v", w.i, a.Partner, a.RAG, a.Location, *a.MarketValueGBP, w)
		}
	}
}
