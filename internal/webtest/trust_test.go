package webtest

import (
	"fmt"
	"math"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/placetrust/placetrust/internal/httpapi"
)

// gbp formats money as web/js/format.js does.
func gbp(n int64) string {
	a := math.Abs(float64(n))
	switch {
	case a >= 1e9:
		return fmt.Sprintf("£%.2fbn", float64(n)/1e9)
	case a >= 1e6:
		return fmt.Sprintf("£%.1fm", float64(n)/1e6)
	}
	return fmt.Sprintf("£%d", n)
}

func TestTrustPanelAndAssumptions(t *testing.T) {
	srv := newServer(t, httpapi.Config{})
	p := open(t, srv, "admin", "/?partner=wychavon-dc,worcester-city", 1280, 800, false)

	var trust struct {
		Total    struct{ Assets int }
		Partners []struct{ Partner string }
	}
	if _, err := srv.api(t, "GET", "/api/v1/trust?partner=wychavon-dc,worcester-city", "admin", nil, nil, &trust); err != nil {
		t.Fatal(err)
	}
	if got := p.text("#trust-totals"); !strings.Contains(got, fmt.Sprintf("Assets%s", commas(trust.Total.Assets))) {
		t.Errorf("trust totals %q, API %d assets", got, trust.Total.Assets)
	}
	if n := p.count("#trust-bars li"); n != len(trust.Partners) || n != 2 {
		t.Errorf("%d partner bars, API %d partners", n, len(trust.Partners))
	}
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

	// A bad value is refused by the API, and the page says which one.
	p.do(chromedp.SetValue(chromedp.CSS(`#assumptions input[name=fees]`), "2"),
		chromedp.Click(chromedp.CSS(`#assumptions button[type=submit]`)))
	p.waitIdle()
	if got := p.text("#trust"); !strings.Contains(got, "fees") {
		t.Errorf("after fees=2 the trust panel says %q", got)
	}
	p.screenshotPage("assumptions")
}

func commas(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
