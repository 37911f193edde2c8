package webtest

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/placetrust/placetrust/internal/httpapi"
)

// TestTenureAndTagFilters sets the filters the tiles cannot apply, the
// way people do, through the form: the map then draws the API's own
// answer, and the legend and the drawn points must agree with it.
func TestTenureAndTagFilters(t *testing.T) {
	srv := newServer(t, httpapi.Config{})
	p := open(t, srv, "admin", "/", 1280, 800, false)
	p.moveMap(worcesterLon, worcesterLat, 13.5)

	// The tag box suggests the register's own tags, most used first.
	var tags struct{ Tags []struct{ Tag string } }
	if _, err := srv.api(t, "GET", "/api/v1/tags", "admin", nil, nil, &tags); err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, tc := range tags.Tags {
		want = append(want, tc.Tag)
	}
	p.waitFor(fmt.Sprintf(`document.querySelectorAll('#tag-list option').length === %d`, len(want)))
	var offered []string
	p.eval(`[...document.querySelectorAll('#tag-list option')].map((o) => o.value)`, &offered)
	if len(want) < 4 || strings.Join(offered, ",") != strings.Join(want, ",") {
		t.Errorf("tag suggestions %v, API %v", offered, want)
	}

	p.do(chromedp.Click(chromedp.CSS(`#f-more summary`)), chromedp.Click(chromedp.CSS(`#f-tenure input[value=leasehold]`)))
	p.waitFor(`location.search.includes('tenure=leasehold')`)
	p.waitIdle()
	q := url.Values{"tenure": {"leasehold"}}
	checkLegend(t, p, q, rags)
	drawn := checkRendered(t, p, q)
	if n := len(p.renderedAssets()); n == 0 {
		t.Errorf("no leasehold assets drawn in the view: %v", drawn)
	}
	if got := p.text("#f-more-count"); got != "(1 set)" {
		t.Errorf("hidden filters count %q", got)
	}

	// Swap the tenure for a tag, typed and left with Tab.
	p.do(chromedp.Click(chromedp.CSS(`#f-tenure input[value=leasehold]`)))
	p.waitIdle()
	p.do(chromedp.Click(chromedp.CSS(`#filters input[name=tag]`)), chromedp.KeyEvent("Surplus"), chromedp.KeyEvent(kb.Tab))
	p.waitFor(`location.search === '?tag=surplus'`)
	p.waitIdle()
	q = url.Values{"tag": {"surplus"}}
	checkLegend(t, p, q, rags)
	drawn = checkRendered(t, p, q)
	all := srv.ragCounts(t, "admin", url.Values{})
	tagged := srv.ragCounts(t, "admin", url.Values{"tag": {"surplus"}})
	if tagged["red"]+tagged["amber"]+tagged["green"]+tagged["unrated"] == 0 || tagged["amber"] >= all["amber"] || len(p.renderedAssets()) == 0 {
		t.Errorf("tag=surplus: API %v of %v, drawn %v", tagged, all, drawn)
	}
	if v := p.text("#matches"); !strings.Contains(v, "Matching assets") {
		t.Errorf("matches list %.100q", v)
	}
	p.screenshotPage("tag")
}

// TestTrustFollowsEveryFilter opens a link with the filters the analyses
// once ignored (holding, tenure, text): the trust panel's figures must be
// the API's answer for the same filter, not the unfiltered register's.
func TestTrustFollowsEveryFilter(t *testing.T) {
	srv := newServer(t, httpapi.Config{})
	const filter = "holding=building&tenure=freehold&q=worcester"
	p := open(t, srv, "admin", "/?"+filter, 1280, 800, false)
	var all, want trustDoc
	if _, err := srv.api(t, "GET", "/api/v1/trust", "admin", nil, nil, &all); err != nil {
		t.Fatal(err)
	}
	if _, err := srv.api(t, "GET", "/api/v1/trust?"+filter, "admin", nil, nil, &want); err != nil {
		t.Fatal(err)
	}
	if want.Total.Assets == 0 || want.Total.Assets >= all.Total.Assets {
		t.Fatalf("filter %s selects %d of %d assets: pick another", filter, want.Total.Assets, all.Total.Assets)
	}
	if got := p.text("#trust-totals"); !strings.Contains(got, "Assets"+commas(want.Total.Assets)) {
		t.Errorf("trust totals %q, API %d assets for %s", got, want.Total.Assets, filter)
	}
	checkTrustTable(t, p, want, "assets", commas)
	if strings.Contains(p.text("#trust"), "not apply") {
		t.Errorf("trust panel still says a filter does not apply: %q", p.text("#trust"))
	}
}
