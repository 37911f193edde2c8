package webtest

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/placetrust/placetrust/internal/httpapi"
)

type qualityRow struct {
	Partner   string
	Assets    int
	HeldTwice int `json:"held_twice"`
	Shares    map[string]*float64
}

type qualityDoc struct {
	Total      qualityRow
	Partners   []qualityRow
	Duplicates struct {
		Count    int
		SameUPRN int `json:"same_uprn"`
		Nearby   int `json:"nearby_similar_name"`
		Groups   []struct {
			Evidence string
			Assets   []struct {
				ID   int64
				Name string
			}
		}
	}
}

// pctJS is quality.js pct: a share as a whole percentage, "–" for none.
func pctJS(share *float64) string {
	if share == nil {
		return "–"
	}
	return fmt.Sprintf("%d%%", int(math.Floor(*share*100+0.5))) // Math.round
}

// TestQualityPanel: the data quality panel loads when opened, shows the
// API's figures for the page's filters, lists the places held twice, and
// a click on one shows that asset.
func TestQualityPanel(t *testing.T) {
	srv := newServer(t, httpapi.Config{})
	p := open(t, srv, "admin", "/?partner=worcestershire-cc,west-mercia-police,worcester-city", 1280, 800, false)
	if n := p.count("#quality-table"); n != 0 {
		t.Errorf("the quality view loaded before the panel was opened (%d tables)", n)
	}
	p.do(chromedp.Click(chromedp.CSS(`#quality-more summary`)))
	p.waitFor(`document.querySelector('#quality-table')`)
	p.waitIdle()

	var api qualityDoc
	if _, err := srv.api(t, "GET", "/api/v1/quality?partner=worcestershire-cc,west-mercia-police,worcester-city", "admin", nil, nil, &api); err != nil {
		t.Fatal(err)
	}
	checkQualityTable(t, p, api)
	if got := p.text("#quality-dups-summary"); !strings.HasPrefix(got, fmt.Sprintf("%d places: %d by UPRN, %d by place and name",
		api.Duplicates.Count, api.Duplicates.SameUPRN, api.Duplicates.Nearby)) || api.Duplicates.Count != 2 {
		t.Errorf("held twice summary %q, API %+v", got, api.Duplicates)
	}
	var listed [][]string
	p.eval(`[...document.querySelectorAll('#quality-dups-list > li')].map((li) => [...li.querySelectorAll('button')].map((b) => b.dataset.id))`, &listed)
	if len(listed) != len(api.Duplicates.Groups) {
		t.Fatalf("%d places listed, API %d", len(listed), len(api.Duplicates.Groups))
	}
	for i, g := range api.Duplicates.Groups {
		for j, a := range g.Assets {
			if listed[i][j] != itoa(a.ID) {
				t.Errorf("place %d asset %d: button for %s, API %d", i, j, listed[i][j], a.ID)
			}
		}
	}
	p.screenshotAt("quality", "#quality-more")

	// A click shows the asset, as a click on the map would.
	want := api.Duplicates.Groups[0].Assets[1]
	p.do(chromedp.Click(chromedp.CSS(`#quality-dups-list button[data-id="` + itoa(want.ID) + `"]`)))
	p.waitFor(`document.querySelector('#asset-name')?.textContent === ` + jsString(want.Name))
	p.waitIdle()
	var search string
	p.eval(`location.search`, &search)
	if !strings.Contains(search, "asset="+itoa(want.ID)) {
		t.Errorf("after the click the URL is %q", search)
	}

	// A filter changes the figures while the panel is open.
	p.visit("admin", "/?partner=dwp-jobcentre-plus")
	p.do(chromedp.Click(chromedp.CSS(`#quality-more summary`)))
	p.waitFor(`document.querySelector('#quality-table tbody[data-partner="dwp-jobcentre-plus"]')`)
	p.waitIdle()
	if _, err := srv.api(t, "GET", "/api/v1/quality?partner=dwp-jobcentre-plus", "admin", nil, nil, &api); err != nil {
		t.Fatal(err)
	}
	checkQualityTable(t, p, api)
	if api.Duplicates.Count != 1 || api.Duplicates.Groups[0].Evidence != "nearby_similar_name" {
		t.Errorf("DWP's place held twice: %+v", api.Duplicates)
	}
}

// checkQualityTable compares the panel's table, cell by cell, with the
// API's rows.
func checkQualityTable(t *testing.T, p *page, api qualityDoc) {
	t.Helper()
	var shown map[string]map[string]string
	p.eval(`Object.fromEntries([...document.querySelectorAll('#quality-table tbody')].map((tb) =>
		[tb.dataset.partner, Object.fromEntries([...tb.querySelectorAll('td')].map((td) => [td.dataset.col, td.textContent]))]))`, &shown)
	want := map[string]map[string]string{}
	for _, r := range append(api.Partners, qualityRow{Partner: "all", Assets: api.Total.Assets, HeldTwice: api.Total.HeldTwice, Shares: api.Total.Shares}) {
		w := map[string]string{"assets": commas(r.Assets), "held_twice": commas(r.HeldTwice)}
		for _, k := range []string{"uprn", "gia", "market_value", "rated", "rationale", "stale_ratings"} {
			w[k] = pctJS(r.Shares[k])
		}
		want[r.Partner] = w
	}
	if fmt.Sprint(shown) != fmt.Sprint(want) {
		t.Errorf("quality table shows %v, API %v", shown, want)
	}
	if len(api.Partners) == 0 || api.Total.Assets == 0 {
		t.Errorf("nothing to compare: %+v", api)
	}
}

// TestQualityPanelForThePublic: the view holds no money, so on a
// register open to read the public has it, without the sensitive assets.
func TestQualityPanelForThePublic(t *testing.T) {
	srv := newServer(t, httpapi.Config{PublicRead: true})
	p := open(t, srv, "", "/", 1280, 800, false)
	p.waitIdle()
	p.do(chromedp.Click(chromedp.CSS(`#quality-more summary`)))
	p.waitFor(`document.querySelector('#quality-table')`)
	p.waitIdle()
	var public, admin qualityDoc
	if _, err := srv.api(t, "GET", "/api/v1/quality", "", nil, nil, &public); err != nil {
		t.Fatal(err)
	}
	if _, err := srv.api(t, "GET", "/api/v1/quality", "admin", nil, nil, &admin); err != nil {
		t.Fatal(err)
	}
	checkQualityTable(t, p, public)
	if public.Total.Assets >= admin.Total.Assets {
		t.Errorf("the public counts %d assets, an admin %d: sensitive ones should be left out", public.Total.Assets, admin.Total.Assets)
	}
}
