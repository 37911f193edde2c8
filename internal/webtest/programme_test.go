package webtest

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/placetrust/placetrust/internal/httpapi"
)

// moveStage chooses the next stage in the panel's programme form, with a
// target date, a note and, when given, a receipt, and saves.
func (p *page) moveStage(stage, target, note, receipt, receiptDate string) {
	p.t.Helper()
	p.chooseStage(stage)
	if target != "" {
		p.do(chromedp.SetValue(chromedp.CSS(`#programme-form input[name=target]`), target))
	}
	if receipt != "" {
		p.do(chromedp.SetValue(chromedp.CSS(`#programme-form input[name=receipt_gbp]`), receipt),
			chromedp.SetValue(chromedp.CSS(`#programme-form input[name=receipt_date]`), receiptDate))
	}
	p.do(chromedp.SetValue(chromedp.CSS(`#programme-form textarea`), note),
		chromedp.Click(chromedp.CSS(`#programme-form button[type=submit]`)))
	p.waitIdle()
}

// chooseStage picks stage in the programme form's select, as a change.
func (p *page) chooseStage(stage string) {
	p.t.Helper()
	var ok bool
	p.do(chromedp.SetValue(chromedp.CSS(`#programme-stage`), stage))
	p.eval(`document.querySelector('#programme-stage').dispatchEvent(new Event('change'))`, &ok)
}

// stagedFeature is what the programme test reads back from the API.
type stagedFeature struct {
	Properties struct {
		Stage       string `json:"disposal_stage"`
		StageAt     string `json:"disposal_stage_at"`
		Target      string `json:"disposal_target"`
		Note        string `json:"disposal_note"`
		Receipt     *int64 `json:"receipt_gbp"`
		ReceiptDate string `json:"receipt_date"`
		Version     int64
	}
}

func TestEditorMovesDisposalStage(t *testing.T) {
	srv := newServer(t, httpapi.Config{})
	id := srv.assetAtStage(t, "none")
	read := func() stagedFeature {
		var f stagedFeature
		if _, err := srv.api(t, "GET", "/api/v1/assets/"+itoa(id), "admin", nil, nil, &f); err != nil {
			t.Fatal(err)
		}
		return f
	}
	p := open(t, srv, "editor", "/?asset="+itoa(id), 1280, 800, false)
	if got := p.text("#programme-now"); !strings.Contains(got, "Not in the programme") {
		t.Fatalf("panel programme before: %q", got)
	}
	var options []string
	p.eval(`[...document.querySelectorAll('#programme-stage option')].map((o) => o.value).filter(Boolean)`, &options)
	if strings.Join(options, ",") != "under_review,declared_surplus" {
		t.Errorf("moves offered from none: %v", options)
	}

	p.moveStage("declared_surplus", "2027-09-30", "Cabinet declared it surplus", "", "")
	if msg := p.text("#programme-saved"); !strings.Contains(msg, "declared surplus") {
		t.Fatalf("after moving: %q (error %q)", msg, p.text("#programme-error"))
	}
	f := read()
	if f.Properties.Stage != "declared_surplus" || f.Properties.Target != "2027-09-30" ||
		f.Properties.Note != "Cabinet declared it surplus" || f.Properties.StageAt == "" {
		t.Errorf("API after the move: %+v", f.Properties)
	}
	if got := p.text("#programme-now"); !strings.Contains(got, "Declared surplus") || !strings.Contains(got, "2027-09-30") {
		t.Errorf("panel programme after the move: %q", got)
	}
	if got := p.text("#asset-history li"); !strings.Contains(got, "Not in the programme \u2192 Declared surplus") ||
		!strings.Contains(got, "Cabinet declared it surplus") {
		t.Errorf("newest history entry %q", got)
	}

	// Through marketing and an offer to a sale, whose receipt the form
	// asks for only then.
	p.moveStage("marketed", "", "With agents", "", "")
	p.moveStage("under_offer", "", "Offer accepted", "", "")
	p.chooseStage("sold")
	var hidden bool
	p.eval(`document.querySelector('#programme-receipt').hidden`, &hidden)
	if hidden {
		t.Error("choosing sold does not ask for the receipt")
	}
	// Without the receipt the server refuses, and the form says why.
	p.moveStage("sold", "", "Completed", "", "")
	if got := p.text("#programme-error"); !strings.Contains(got, "receipt_gbp") {
		t.Errorf("a sale without its receipt: %q", got)
	}
	p.moveStage("sold", "", "Completed", "1350000", "2026-02-27")
	f = read()
	if f.Properties.Stage != "sold" || f.Properties.Receipt == nil || *f.Properties.Receipt != 1_350_000 || f.Properties.ReceiptDate != "2026-02-27" {
		t.Errorf("API after the sale: %+v", f.Properties)
	}
	if got := p.text("#programme-now"); !strings.Contains(got, "Sold") || !strings.Contains(got, "£1,350,000") {
		t.Errorf("panel after the sale: %q", got)
	}
	if n := p.count("#programme-form"); n != 0 || !strings.Contains(p.text("#programme-final"), "final") {
		t.Error("a sold asset still offers moves")
	}
	p.screenshotPage("programme-sold")

	// A viewer sees the programme, not the form.
	p.visit("viewer", "/?asset="+itoa(id))
	if n := p.count("#programme-form"); n != 0 {
		t.Error("a viewer sees the programme form")
	}
	if got := p.text("#programme-now"); !strings.Contains(got, "Sold") {
		t.Errorf("viewer sees %q", got)
	}
}

// assetAtStage returns the id of a building of the editor's partner at
// the disposal stage.
func (s *server) assetAtStage(t testing.TB, stage string) int64 {
	t.Helper()
	var page struct {
		Features []struct {
			ID         int64
			Properties struct {
				Stage string `json:"disposal_stage"`
			}
		}
	}
	if _, err := s.api(t, "GET", "/api/v1/assets?limit=10000&holding=building&partner="+editorPartner, "admin", nil, nil, &page); err != nil {
		t.Fatal(err)
	}
	for _, f := range page.Features {
		if f.Properties.Stage == stage {
			return f.ID
		}
	}
	t.Fatal(errNoAsset)
	return 0
}
