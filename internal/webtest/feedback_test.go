package webtest

import (
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/placetrust/placetrust/internal/httpapi"
)

// TestLoadingIndicatorAndErrors slows and breaks requests on their way
// to the server: a slow one shows the loading indicator until it is
// answered, and a failed one a message saying what failed, in the alert
// banner, until dismissed.
func TestLoadingIndicatorAndErrors(t *testing.T) {
	srv := newServer(t, httpapi.Config{AllowedHosts: []string{"127.0.0.1"}}) // the fault proxy's port, too
	f := srv.withFaults(t)
	p := open(t, srv, "admin", "/", 1280, 800, false)
	if got := p.text("#loading"); got != "" {
		t.Errorf("loading indicator %q on an idle page", got)
	}

	held, release := f.hold("/api/v1/trust")
	defer release()
	p.do(chromedp.Click(chromedp.CSS(`#f-rag input[value=green]`)))
	p.waitFor(`document.querySelector('#loading').textContent.includes('Loading')`)
	var state struct{ State, Role string }
	p.eval(`({State: document.body.dataset.state, Role: document.querySelector('#loading').getAttribute('role')})`, &state)
	if state.State != "busy" || state.Role != "status" || held() == 0 {
		t.Errorf("while /api/v1/trust is held (%d requests): page %+v", held(), state)
	}
	p.screenshotPage("loading")
	release()
	p.waitIdle()
	if got := p.text("#loading"); got != "" {
		t.Errorf("loading indicator %q after the answer came", got)
	}
	var trust trustDoc
	if _, err := srv.api(t, "GET", "/api/v1/trust?rag=green", "admin", nil, nil, &trust); err != nil {
		t.Fatal(err)
	}
	checkTrustTable(t, p, trust, "assets", commas)

	// The counts fail.
	failed, stop := f.fail("/ogc/collections/assets/items", http.StatusInternalServerError)
	p.do(chromedp.Click(chromedp.CSS(`#f-rag input[value=amber]`)))
	p.waitIdle()
	stop()
	var banner struct {
		Messages []string
		Role     string
		Height   float64
	}
	readBanner := func() {
		p.eval(`(() => { const e = document.querySelector('#errors');
			return {Messages: [...e.querySelectorAll('.err span')].map((s) => s.textContent), Role: e.getAttribute('role'), Height: e.offsetHeight}; })()`, &banner)
	}
	readBanner()
	if failed() == 0 || len(banner.Messages) != 1 || banner.Messages[0] != "Assets: "+brokenDetail || banner.Role != "alert" || banner.Height == 0 {
		t.Errorf("after %d failed count requests the banner is %+v", failed(), banner)
	}
	// The legend must not go on showing the last filter's counts.
	if got := p.legend(); len(got) != 3 || got["amber"] != "–" || got["green"] != "–" || got["total"] != "–" {
		t.Errorf("legend after the counts failed: %v", got)
	}
	p.screenshotPage("error")
	p.do(chromedp.Click(chromedp.CSS(`#errors .err button`)))
	readBanner()
	if len(banner.Messages) != 0 || banner.Height != 0 {
		t.Errorf("after Dismiss the banner is %+v", banner)
	}

	// The map's tiles fail somewhere it has not been yet.
	tiles, stop := f.fail("/tiles/assets/", http.StatusInternalServerError)
	p.moveMap(-2.05, 52.37, 13)
	stop()
	readBanner()
	if tiles() == 0 || len(banner.Messages) != 1 || !strings.Contains(banner.Messages[0], "could not load") || !strings.Contains(banner.Messages[0], "HTTP 500") {
		t.Errorf("after %d failed tile requests the banner is %+v", tiles(), banner)
	}
}
