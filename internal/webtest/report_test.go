package webtest

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
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
