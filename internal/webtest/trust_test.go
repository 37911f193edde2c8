package webtest

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/placetrust/placetrust/internal/httpapi"
)

func TestTrustPanelAndAssumptions(t *testing.T) {
	srv := newServer(t, httpapi.Config{})
	p := open(t, srv, "admin", "/?partner=wychavon-dc,worcester-city", 1280, 800, false)

	var trust trustDoc
	if _, err := srv.api(t, "GET", "/api/v1/trust?partner=wychavon-dc,worcester-city", "admin", nil, nil, &trust); err != nil {
		t.Fatal(err)
	}
	if got := p.text("#trust-totals"); !strings.Contains(got, fmt.Sprintf("Assets%s", commas(trust.Total.Assets))) {
		t.Errorf("trust totals %q, API %d assets", got, trust.Total.Assets)
	}
	if n := p.count("#trust-bars li"); n != len(trust.Partners) || n != 2 {
		t.Errorf("%d partner bars, API %d partners", n, len(trust.Partners))
	}
	// The figures behind the bars are in a table anyone can read: counts,
	// then, with the toggle, market values.
	checkTrustTable(t, p, trust, "assets", commas)
	p.screenshotAt("trust-figures", "#trust")
	p.do(chromedp.Click(chromedp.CSS(`#trust input[name=measure][value=value]`)))
	p.waitFor(`document.querySelector('#trust-table')?.dataset.measure === 'market_value_gbp'`)
	p.waitIdle()
	checkTrustTable(t, p, trust, "market_value_gbp", func(n int) string { return gbp(int64(n)) })
	p.screenshotAt("trust-values", "#trust")
	p.do(chromedp.Click(chromedp.CSS(`#trust input[name=measure][value=count]`)))
	p.waitFor(`document.querySelector('#trust-table')?.dataset.measure === 'assets'`)
	p.waitIdle()
	check := func(q string) {
		t.Helper()
		var r struct {
			Total struct {
				Low     int64 `json:"low_gbp"`
				Central int64 `json:"central_gbp"`
				High    int64 `json:"high_gbp"`
			}
		}
		if _, err := srv.api(t, "GET", "/api/v1/analyses/receipts?group_by=rag&partner=wychavon-dc,worcester-city"+q, "admin", nil, nil, &r); err != nil {
			t.Fatal(err)
		}
		var shown map[string]string
		p.eval(`Object.fromEntries([...document.querySelectorAll('[data-receipt]')].map((e) => [e.dataset.receipt, e.textContent]))`, &shown)
		want := map[string]string{"low": gbp(r.Total.Low), "central": gbp(r.Total.Central), "high": gbp(r.Total.High)}
		for k, v := range want {
			if shown[k] != v {
				t.Errorf("receipts%s: %s shown %q, API %q", q, k, shown[k], v)
			}
		}
	}
	check("")

	// Changing an assumption re-runs the analyses with it, and the link
	// keeps it.
	p.do(chromedp.Click(chromedp.CSS(`#trust details.more summary`)),
		chromedp.SetValue(chromedp.CSS(`#assumptions input[name=p_green]`), "0.5"),
		chromedp.Click(chromedp.CSS(`#assumptions button[type=submit]`)))
	p.waitIdle()
	var search string
	p.eval(`location.search`, &search)
	if q, _ := url.ParseQuery(strings.TrimPrefix(search, "?")); q.Get("p_green") != "0.5" {
		t.Errorf("URL after changing p_green: %q", search)
	}
	check("&p_green=0.5")
	var echoed string
	p.eval(`document.querySelector('#assumptions input[name=p_green]').value`, &echoed)
	if echoed != "0.5" {
		t.Errorf("assumptions form shows p_green %q", echoed)
	}

	// A bad value is refused by the API, and the page says which one,
	// keeping the last good figures (p_green=0.5) beside the message.
	p.do(chromedp.SetValue(chromedp.CSS(`#assumptions input[name=fees]`), "2"),
		chromedp.Click(chromedp.CSS(`#assumptions button[type=submit]`)))
	p.waitIdle()
	if got := p.text("#trust-error"); !strings.Contains(got, "fees") {
		t.Errorf("after fees=2 the trust panel says %q", got)
	}
	var bad struct{ Value, Invalid string }
	p.eval(`(() => { const i = document.querySelector('#assumptions input[name=fees]'); return {Value: i.value, Invalid: i.getAttribute('aria-invalid') || ''}; })()`, &bad)
	if bad.Value != "2" || bad.Invalid != "true" {
		t.Errorf("fees field after the refusal: %+v", bad)
	}
	check("&p_green=0.5")
	checkTrustTable(t, p, trust, "assets", commas)
	p.screenshotAt("trust-refused", "#trust")
	p.screenshotPage("assumptions")
}

type trustRow struct {
	Partner, RAG string
	Assets       int
	Value        int `json:"market_value_gbp"`
}

type trustDoc struct {
	Total    trustRow
	Partners []trustRow
	Cells    []trustRow
}

// checkTrustTable compares the trust panel's table, cell by cell, with
// the API's cells for measure (assets or market_value_gbp).
func checkTrustTable(t *testing.T, p *page, api trustDoc, measure string, format func(int) string) {
	t.Helper()
	var shown map[string]map[string]string
	p.eval(`Object.fromEntries([...document.querySelectorAll('#trust-table tbody')].map((tb) =>
		[tb.dataset.partner, Object.fromEntries([...tb.querySelectorAll('td')].map((td) => [td.dataset.rag, td.textContent]))]))`, &shown)
	pick := func(r trustRow) int {
		if measure == "assets" {
			return r.Assets
		}
		return r.Value
	}
	want := map[string]map[string]string{"all": {}}
	sums := map[string]int{}
	for _, row := range api.Partners {
		want[row.Partner] = map[string]string{"all": format(pick(row))}
		for _, r := range rags {
			want[row.Partner][r] = format(0)
		}
	}
	for _, c := range api.Cells {
		want[c.Partner][c.RAG] = format(pick(c))
		sums[c.RAG] += pick(c)
	}
	for _, r := range rags {
		want["all"][r] = format(sums[r])
	}
	want["all"]["all"] = format(pick(api.Total))
	if fmt.Sprint(shown) != fmt.Sprint(want) {
		t.Errorf("trust table (%s) shows %v, API %v", measure, shown, want)
	}
	if len(api.Cells) == 0 || pick(api.Total) == 0 {
		t.Errorf("nothing to compare: %+v", api)
	}
}
