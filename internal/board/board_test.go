package board_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/analysis"
	"github.com/placetrust/placetrust/internal/board"
	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/insight"
)

// TestRenderEscapes: names from the register are text, never markup.
func TestRenderEscapes(t *testing.T) {
	evil := `<script>alert("x")</script>`
	b := insight.BoardFigures{AsAt: "2027-04-01",
		Trust: analysis.TrustView{Params: analysis.DefaultReceiptParams(),
			Partners: []analysis.TrustRow{{Partner: evil, TrustTotals: analysis.TrustTotals{Assets: 1}}}},
		Hubs: []analysis.Opportunity{{Hub: analysis.Hub{Name: evil, Location: estate.Point{Lon: -2.2, Lat: 52.2}},
			Members: []analysis.Member{{Name: evil, Location: estate.Point{Lon: -2.21, Lat: 52.2}}}}},
		Profile: analysis.YearProfile{Total: analysis.ProfileGroup{Years: []analysis.YearFigures{
			{Year: "2027-28", CentralGBP: 1_000_000}, {Year: "2028-29", CentralGBP: 250_000, AchievedGBP: 400_000}}}},
	}
	var buf bytes.Buffer
	if err := board.Render(&buf, b, board.Meta{Filter: estate.Selection{Q: evil}, Generated: time.Unix(0, 0).UTC()}); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	if strings.Contains(page, "<script>") {
		t.Error("a name went into the page as markup")
	}
	if !strings.Contains(page, "&lt;script&gt;") {
		t.Error("the name is missing")
	}
	// Two years, two bars each; the tallest, £1,000,000, reaches the top tick.
	if n := strings.Count(page, `<rect class="bar `); n != 4 {
		t.Errorf("%d bars, want 4", n)
	}
	if !strings.Contains(page, `data-gbp="1000000" x="`) || !strings.Contains(page, ">£1,000,000</text>") {
		t.Error("the chart's scale is not the largest year")
	}
}

func TestGBP(t *testing.T) {
	for n, want := range map[int64]string{0: "£0", 999: "£999", 1000: "£1,000", 1234567: "£1,234,567", -5000: "−£5,000"} {
		if got := board.GBP(n); got != want {
			t.Errorf("GBP(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestRenderNamesPartnersAndStages: a board reads partners by name (an id
// with no name as it is) and stages in words.
func TestRenderNamesPartnersAndStages(t *testing.T) {
	b := insight.BoardFigures{AsAt: "2027-04-01",
		Trust: analysis.TrustView{Params: analysis.DefaultReceiptParams(), Partners: []analysis.TrustRow{
			{Partner: "worcestershire-cc", TrustTotals: analysis.TrustTotals{Assets: 1}},
			{Partner: "nameless", TrustTotals: analysis.TrustTotals{Assets: 1}}}},
		Stages: []analysis.StageRow{{Stage: "under_review", Assets: 2}},
	}
	var buf bytes.Buffer
	m := board.Meta{Generated: time.Unix(0, 0).UTC(), PartnerNames: map[string]string{"worcestershire-cc": "Worcestershire County Council"}}
	if err := board.Render(&buf, b, m); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	for _, want := range []string{"<td>Worcestershire County Council</td>", "<td>nameless</td>", "<td>Under review</td>"} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	if strings.Contains(page, "<td>worcestershire-cc</td>") || strings.Contains(page, "<td>under_review</td>") {
		t.Error("an id where a name belongs")
	}
}
