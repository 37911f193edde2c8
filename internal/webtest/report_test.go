package webtest

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"

	"github.com/placetrust/placetrust/internal/httpapi"
)

// TestBoardReport opens the board report as a browser does, signed in
// with a bearer token (sent on every request of the tab), and checks what
// it shows: the totals, a bar for each year of the profile table, the map
// of hubs and the assumptions, under the page's own policy (a refused
// style would leave the page unstyled: the test reads computed styles).
func TestBoardReport(t *testing.T) {
	srv := newServer(t, httpapi.Config{})
	p := open(t, srv, "", "/healthz", 1200, 900, false)
	header := func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		if _, err := cdp.Call(ctx, tg, network.Enable, network.EnableParams{}); err != nil {
			return chromedp.Void{}, err
		}
		_, err := cdp.Call(ctx, tg, network.SetExtraHTTPHeaders, network.SetExtraHTTPHeadersParams{
			Headers: network.Headers{"Authorization": "Bearer " + srv.Tokens["admin"]}})
		return chromedp.Void{}, err
	}
	p.do(header, chromedp.Navigate(srv.URL+"/report?as_at=2027-04-01&top=8"))
	p.waitFor(`document.getElementById('assumption-list') !== null`)

	var shown struct {
		Assets, Central, Scope string
		Years                  []string
		BarYears               []string
		Hubs, Assumptions      int
		HeadingFont            string
	}
	p.eval(`({
		assets: document.getElementById('total-assets').textContent,
		central: document.getElementById('receipts-central').textContent,
		scope: document.getElementById('scope').textContent,
		years: [...document.querySelectorAll('#year-table tbody tr td:first-child')].map((e) => e.textContent),
		barYears: [...document.querySelectorAll('#year-chart rect.bar.expected')].map((e) => e.dataset.year),
		hubs: document.querySelectorAll('#hub-map circle.hub').length,
		assumptions: document.querySelectorAll('#assumption-list dt').length,
		headingFont: getComputedStyle(document.querySelector('h1')).fontSize,
	})`, &shown)
	if n, _ := strconv.Atoi(strings.ReplaceAll(shown.Assets, ",", "")); n != len(srv.Assets) {
		t.Errorf("total assets %q, the register has %d", shown.Assets, len(srv.Assets))
	}
	if !strings.HasPrefix(shown.Central, "£") || len(shown.Central) < 5 {
		t.Errorf("central receipts %q", shown.Central)
	}
	if !strings.Contains(shown.Scope, "2027-04-01") {
		t.Errorf("scope %q", shown.Scope)
	}
	if len(shown.Years) == 0 || strings.Join(shown.Years, ",") != strings.Join(shown.BarYears, ",") {
		t.Errorf("table years %v, chart bars %v", shown.Years, shown.BarYears)
	}
	if shown.Hubs != 8 || shown.Assumptions != 17 {
		t.Errorf("%d hubs on the map, %d assumptions", shown.Hubs, shown.Assumptions)
	}
	if shown.HeadingFont != "24px" {
		t.Errorf("the page's style did not apply (h1 %s): refused by its policy?", shown.HeadingFont)
	}
	p.screenshotPage("board-report")
}

// TestReportLink: the map's link to the board report carries its filters
// and assumptions, and a click shows the report, signed in with the
// page's token (a plain link could not send it), in a new window, styled
// under the map's policy, which the report's Blob URL takes.
func TestReportLink(t *testing.T) {
	srv := newServer(t, httpapi.Config{})
	p := open(t, srv, "admin", "/?partner="+editorPartner+"&p_green=0.8", 1200, 900, false)
	var href string
	p.eval(`document.getElementById('report-link').getAttribute('href')`, &href)
	if href != "report?distance=400&partner="+editorPartner+"&p_green=0.8" {
		t.Errorf("the link goes to %q", href)
	}
	// Filters changed on the map follow into the link.
	p.eval(`window.placetrust.store.set({ rag: ['green', 'amber'] })`, nil)
	p.waitFor(`document.getElementById('report-link').getAttribute('href').includes('rag=green%2Camber')`)

	opened := chromedp.WaitNewTarget(p.ctx, func(i *target.Info) bool { return strings.HasPrefix(i.URL, "blob:") })
	p.do(chromedp.Click(chromedp.CSS(`#report-link`)))
	var id target.ID
	select {
	case id = <-opened:
	case <-time.After(20 * time.Second):
		t.Fatal("no window opened on the report")
	}
	win, cancel := chromedp.NewContext(p.ctx, chromedp.WithTargetID(id))
	defer cancel()
	// Read by polling on a timer: a window in the background draws no
	// frames, and chromedp's default polling waits for one.
	raw, err := chromedp.Run(win, chromedp.Poll[[]byte](`document.getElementById('assumption-list') && {
		assets: document.getElementById('total-assets').textContent,
		scope: document.getElementById('scope').textContent,
		headingFont: getComputedStyle(document.querySelector('h1')).fontSize,
		pGreen: [...document.querySelectorAll('#assumption-list dt')].find((e) => e.textContent === 'p_green').nextElementSibling.textContent,
	}`, chromedp.WithPollingInterval(20*time.Millisecond), chromedp.WithPollingTimeout(20*time.Second)))
	if err != nil {
		t.Fatalf("the report in its window: %v", err)
	}
	var shown struct{ Assets, Scope, HeadingFont, PGreen string }
	if err := json.Unmarshal(raw, &shown); err != nil {
		t.Fatal(err)
	}
	want := 0
	for _, a := range srv.Assets {
		if a.Partner == editorPartner && (a.RAG == "green" || a.RAG == "amber") {
			want++
		}
	}
	if n, _ := strconv.Atoi(strings.ReplaceAll(shown.Assets, ",", "")); n != want || want == 0 {
		t.Errorf("the report counts %q assets; the partner has %d green or amber", shown.Assets, want)
	}
	if !strings.Contains(shown.Scope, "partner "+editorPartner) || !strings.Contains(shown.Scope, "rating green, amber") {
		t.Errorf("the report is for %q", shown.Scope)
	}
	if !strings.HasPrefix(shown.PGreen, "80%") {
		t.Errorf("p_green on the report %q, the map's 0.8", shown.PGreen)
	}
	if shown.HeadingFont != "24px" {
		t.Errorf("the report's style did not apply in the window (h1 %s): refused by the map's policy?", shown.HeadingFont)
	}
}
