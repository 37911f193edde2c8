package webtest

import (
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/placetrust/placetrust/internal/httpapi"
)

// rate chooses a rating and rationale in the panel's form and saves.
func (p *page) rate(rating, rationale string) {
	p.t.Helper()
	p.do(chromedp.Click(chromedp.CSS(`#rag-form input[value=`+rating+`]`)),
		chromedp.SetValue(chromedp.CSS(`#rag-form textarea`), rationale),
		chromedp.Click(chromedp.CSS(`#rag-form button[type=submit]`)))
	p.waitIdle()
}

// drawnRAG is the rating the map draws asset id with ("" if not drawn).
func (p *page) drawnRAG(id int64) string {
	for _, r := range p.renderedAssets() {
		if r.ID == id {
			return r.RAG
		}
	}
	return ""
}

func TestEditorChangesRatingAndMapAgrees(t *testing.T) {
	srv := newServer(t, httpapi.Config{})
	id := srv.editableAsset(t, nil, "green")
	before, _ := srv.asset(t, id)
	p := open(t, srv, "editor", "/?asset="+itoa(id), 1280, 800, false)
	if got := p.drawnRAG(id); got != before.Properties.RAG {
		t.Fatalf("asset %d drawn %q before, API %q", id, got, before.Properties.RAG)
	}

	p.rate("green", "Declared surplus at the asset review")
	if msg := p.text(".saved"); !strings.Contains(msg, "green") {
		t.Errorf("after saving: %q (error %q)", msg, p.text("#rag-error"))
	}
	after, _ := srv.asset(t, id)
	if after.Properties.RAG != "green" || after.Properties.RAGRationale != "Declared surplus at the asset review" {
		t.Errorf("API after the edit: %+v", after.Properties)
	}
	if got := p.drawnRAG(id); got != "green" {
		t.Errorf("map draws asset %d %q after the edit", id, got)
	}
	if got := p.text("#rag-now"); !strings.Contains(got, "Declared surplus") {
		t.Errorf("panel rating %q", got)
	}
	if got := p.text("#asset-history li"); !strings.Contains(got, "Amber \u2192 Green") {
		t.Errorf("newest history entry %q", got)
	}
	checkLegend(t, p, url.Values{}, rags)
	p.screenshotPage("after-edit")

	// A viewer of the same partner, and an editor looking at another
	// partner's asset, get no form.
	p.visit("viewer", "/?asset="+itoa(id))
	if n := p.count("#rag-form"); n != 0 {
		t.Error("a viewer sees the rating form")
	}
	if got := p.text("#rag-now"); !strings.Contains(got, "Declared surplus") {
		t.Errorf("viewer sees rating %q", got)
	}
	var other int64
	for _, a := range srv.Assets {
		if a.Partner != editorPartner {
			other = a.ID
			break
		}
	}
	p.visit("editor", "/?asset="+itoa(other))
	if n := p.count("#rag-form"); n != 0 {
		t.Error("an editor sees the rating form on another partner's asset")
	}
}

func TestStaleEditShowsNewerVersionAndRetries(t *testing.T) {
	srv := newServer(t, httpapi.Config{})
	id := srv.editableAsset(t, nil, "amber")
	p := open(t, srv, "editor", "/?asset="+itoa(id), 1280, 800, false)

	// Someone else rates it while the page has it open.
	_, etag := srv.asset(t, id)
	if err := srv.setRAG(t, "admin", id, etag, "red", "Specialist site: keep"); err != nil {
		t.Fatal(err)
	}
	theirs, _ := srv.asset(t, id)

	p.rate("amber", "Could be shared")
	got := p.text("#conflict")
	if !strings.Contains(got, "version "+itoa(theirs.Properties.Version)) || !strings.Contains(got, "Specialist site") {
		t.Fatalf("after a stale save the page shows %q", got)
	}
	var draft struct{ Rating, Rationale string }
	p.eval(`({Rating: document.querySelector('#rag-form').elements.rating.value, Rationale: document.querySelector('#rag-form textarea').value})`, &draft)
	if draft.Rating != "amber" || draft.Rationale != "Could be shared" {
		t.Errorf("the draft was lost: %+v", draft)
	}
	if a, _ := srv.asset(t, id); a.Properties.RAG != "red" {
		t.Errorf("the stale save wrote: %+v", a.Properties)
	}
	p.screenshotPage("conflict")

	p.do(chromedp.Click(chromedp.CSS("#conflict-retry")))
	p.waitIdle()
	mine, _ := srv.asset(t, id)
	if mine.Properties.RAG != "amber" || mine.Properties.RAGRationale != "Could be shared" || mine.Properties.Version != theirs.Properties.Version+1 {
		t.Errorf("after retrying: %+v", mine.Properties)
	}
	if got := p.drawnRAG(id); got != "amber" {
		t.Errorf("map draws %q after the retry", got)
	}
	if n := p.count("#conflict"); n != 0 {
		t.Error("the conflict notice stayed after saving")
	}
}

func (p *page) count(sel string) int {
	p.t.Helper()
	var n int
	p.eval(`document.querySelectorAll(`+jsString(sel)+`).length`, &n)
	return n
}
