package webtest

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/placetrust/placetrust/internal/httpapi"
)

var rags = []string{"red", "amber", "green", "unrated"}

// worcester is a view at a zoom where tiles are not thinned, over the
// city centre, where the demo estate has assets of every rating.
const worcesterLon, worcesterLat, streetZoom = -2.2215, 52.1935, 14.6

func legendNumber(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(strings.ReplaceAll(strings.TrimPrefix(s, "at least "), ",", ""))
	if err != nil {
		t.Fatalf("legend count %q: %v", s, err)
	}
	return n
}

// checkLegend compares the page's counts with the API's for query q.
func checkLegend(t *testing.T, p *page, q url.Values, want []string) {
	t.Helper()
	api := p.srv.ragCounts(t, p.token, q)
	got := p.legend()
	total := 0
	for _, r := range want {
		total += api[r]
		if n := legendNumber(t, got[r]); n != api[r] {
			t.Errorf("legend %s = %d, API has %d (%v)", r, n, api[r], q)
		}
	}
	if n := legendNumber(t, got["total"]); n != total {
		t.Errorf("legend total = %d, API has %d", n, total)
	}
	if len(got) != len(want)+1 {
		t.Errorf("legend rows %v, want %v and total", got, want)
	}
}

// checkRendered compares the assets drawn in the view with the API's
// answer for the same box and filter q, rating by rating.
func checkRendered(t *testing.T, p *page, q url.Values) map[string]int {
	t.Helper()
	drawn := byRAG(p.renderedAssets())
	q.Set("bbox", p.mapBBox())
	api := p.srv.ragCounts(t, p.token, q)
	for _, r := range rags {
		if drawn[r] != api[r] {
			t.Errorf("drawn %s = %d, API has %d in %s", r, drawn[r], api[r], q.Encode())
		}
	}
	return drawn
}

func TestSignInThenCountsMatchAPI(t *testing.T) {
	srv := newServer(t, httpapi.Config{})
	p := open(t, srv, "", "/", 1280, 800, false)

	// Without a token the page asks for one, refuses a wrong one, and
	// takes a right one.
	p.do(chromedp.WaitVisible(chromedp.CSS("#signin input[name=token]")))
	p.do(chromedp.SendKeys(chromedp.CSS("#signin input[name=token]"), "pt_wrong"),
		chromedp.Click(chromedp.CSS("#signin button[type=submit]")))
	p.waitFor(`document.querySelector('#signin-error').textContent`)
	if msg := p.text("#signin-error"); !strings.Contains(msg, "not accepted") {
		t.Errorf("wrong token: %q", msg)
	}
	p.do(chromedp.SetValue(chromedp.CSS("#signin input[name=token]"), srv.Tokens["admin"]),
		chromedp.Click(chromedp.CSS("#signin button[type=submit]")))
	p.do(chromedp.WaitVisible(chromedp.CSS("#who-name")))
	p.waitIdle()
	p.token = "admin"
	var idle float64
	p.eval(`placetrust.timings.firstIdle`, &idle)
	t.Logf("map idle %.0f ms after navigation (demo estate, %d assets)", idle, len(srv.Assets))
	if idle > 15000 {
		t.Errorf("map idle after %.0f ms", idle)
	}
	if who := p.text("#who"); !strings.Contains(who, "admin") {
		t.Errorf("signed in as %q", who)
	}

	checkLegend(t, p, url.Values{}, rags)

	p.moveMap(worcesterLon, worcesterLat, streetZoom)
	drawn := checkRendered(t, p, url.Values{})
	for _, r := range rags {
		if drawn[r] < 3 {
			t.Errorf("only %d %s assets in the view: choose a busier one", drawn[r], r)
		}
	}
	px := ragPixels(p.screenshot("worcester"), p.colours())
	for _, r := range []string{"red", "amber", "green"} {
		if px[r] < 20*drawn[r] {
			t.Errorf("%d %s pixels for %d %s assets", px[r], r, drawn[r], r)
		}
	}
	t.Logf("drawn %v, pixels %v", drawn, px)
}

func TestFiltersFollowURLAndBackButton(t *testing.T) {
	srv := newServer(t, httpapi.Config{})
	p := open(t, srv, "admin", "/", 1280, 800, false)
	p.moveMap(worcesterLon, worcesterLat, streetZoom)

	// A rating filter: the legend, the map and the URL follow.
	p.do(chromedp.Click(chromedp.CSS(`#f-rag input[value=red]`)))
	p.waitIdle()
	var search string
	p.eval(`location.search`, &search)
	if search != "?rag=red" {
		t.Errorf("URL query %q", search)
	}
	checkLegend(t, p, url.Values{"rag": {"red"}}, []string{"red"})
	drawn := checkRendered(t, p, url.Values{"rag": {"red"}})
	if drawn["red"] == 0 || drawn["amber"]+drawn["green"]+drawn["unrated"] > 0 {
		t.Errorf("drawn with rag=red: %v", drawn)
	}
	px := ragPixels(p.screenshot("red-only"), p.colours())
	if px["red"] < 20*drawn["red"] || px["amber"] > 5 || px["green"] > 5 {
		t.Errorf("pixels with rag=red: %v", px)
	}

	// A text search, which the tiles cannot apply: the map draws the
	// API's matches instead.
	p.do(chromedp.SendKeys(chromedp.CSS(`#filters input[name=q]`), "road"))
	p.waitFor(`location.search.includes('q=road')`)
	p.waitIdle()
	q := url.Values{"rag": {"red"}, "q": {"road"}}
	checkLegend(t, p, q, []string{"red"})
	checkRendered(t, p, q)
	if n := p.srv.ragCounts(t, p.token, q)["red"]; n == 0 || n >= drawn["red"]+1000 {
		t.Errorf("%d red assets match road", n)
	}

	// Back undoes the search, then the rating, and the form follows.
	p.do(chromedp.NavigateBack())
	p.waitIdle()
	checkLegend(t, p, url.Values{"rag": {"red"}}, []string{"red"})
	if v := p.text(`#matches`); v != "" {
		t.Errorf("matches still shown: %q", v)
	}
	p.do(chromedp.NavigateBack())
	p.waitIdle()
	checkLegend(t, p, url.Values{}, rags)
	var checked bool
	p.eval(`document.querySelector('#f-rag input[value=red]').checked`, &checked)
	if checked {
		t.Error("red still ticked after going back")
	}
	checkRendered(t, p, url.Values{})

	// A shared link opens with its filters.
	p.visit("admin", "/?partner=west-mercia-police&holding=building")
	checkLegend(t, p, url.Values{"partner": {"west-mercia-police"}, "holding": {"building"}}, rags)
}

type nearbyDoc struct {
	Features []struct {
		ID         int64
		Properties struct {
			Name, Partner string
			DistanceM     float64 `json:"distance_m"`
		}
	}
}

// lonePoints are the drawn assets at least 12 px from any other, so a
// click is unambiguous, away from the map's edges and controls.
func lonePoints(drawn []rendered) []rendered {
	var out []rendered
	for _, a := range drawn {
		if a.X < 60 || a.Y < 60 || a.X > 840 || a.Y > 700 {
			continue
		}
		alone := true
		for _, b := range drawn {
			if b.ID != a.ID && (a.X-b.X)*(a.X-b.X)+(a.Y-b.Y)*(a.Y-b.Y) < 144 {
				alone = false
			}
		}
		if alone {
			out = append(out, a)
		}
	}
	return out
}

func TestClickAssetOpensDetails(t *testing.T) {
	srv := newServer(t, httpapi.Config{})
	names := srv.partnerNames(t)
	p := open(t, srv, "admin", "/", 1280, 800, false)
	p.moveMap(worcesterLon, worcesterLat, 15.5)
	// A rated asset with occupiers and neighbours, so every part of the
	// panel has something to compare with the API.
	var target *rendered
	var want feature
	var near nearbyDoc
	for _, a := range lonePoints(p.renderedAssets()) {
		f, _ := srv.asset(t, a.ID)
		if f.Properties.RAG == "unrated" || f.Properties.RAGRationale == "" || len(f.Properties.Occupiers) == 0 {
			continue
		}
		near = nearbyDoc{}
		if _, err := srv.api(t, "GET", "/api/v1/assets/"+itoa(a.ID)+"/nearby?within=400", "admin", nil, nil, &near); err != nil {
			t.Fatal(err)
		}
		if len(near.Features) > 0 {
			target, want = &a, f
			break
		}
	}
	if target == nil {
		t.Fatal("no lone rated asset with occupiers and neighbours in the view: choose another")
	}
	var off struct{ X, Y float64 }
	p.eval(`(() => { const r = document.querySelector('#map').getBoundingClientRect(); return {X: r.left, Y: r.top}; })()`, &off)
	p.do(chromedp.MouseClickXY(off.X+target.X, off.Y+target.Y))
	p.waitFor(`location.search.includes('asset=')`)
	p.waitIdle()

	if got := p.text("#asset-name"); got != want.Properties.Name {
		t.Errorf("panel shows %q, clicked %d %q", got, target.ID, want.Properties.Name)
	}
	var shown struct {
		RAG, Rationale, Search string
		History                int
		Errors                 []string
		Occupiers              [][]string
		Nearby                 []struct {
			ID   int64
			Text string
		}
	}
	p.eval(`(() => {
		const q = (s) => [...document.querySelectorAll(s)];
		return {RAG: document.querySelector('#rag-now').dataset.rag, Search: location.search,
			Rationale: (document.querySelector('#rag-rationale') || {}).textContent || '',
			History: q('#asset-history li').length,
			Errors: q('#asset .field-error, #errors .err').map((e) => e.textContent).filter(Boolean),
			Occupiers: q('#occupiers tbody tr').map((tr) => [tr.dataset.partner, ...[...tr.cells].map((c) => c.textContent)]),
			Nearby: q('#asset-nearby button').map((b) => ({ID: Number(b.dataset.id), Text: b.textContent}))};
	})()`, &shown)
	if shown.RAG != want.Properties.RAG || shown.Search != "?asset="+itoa(target.ID) || shown.History < 1 {
		t.Errorf("asset %d: panel %+v, API rating %s", target.ID, shown, want.Properties.RAG)
	}
	if shown.Rationale != want.Properties.RAGRationale {
		t.Errorf("rationale shown %q, API %q", shown.Rationale, want.Properties.RAGRationale)
	}
	if len(shown.Errors) > 0 {
		t.Errorf("errors in the panel: %q", shown.Errors)
	}
	var occ [][]string
	for _, o := range want.Properties.Occupiers {
		a := "–"
		if o.AreaM2 != nil {
			a = areaJS(*o.AreaM2)
		}
		occ = append(occ, []string{o.Partner, names[o.Partner], a})
	}
	if fmt.Sprint(shown.Occupiers) != fmt.Sprint(occ) {
		t.Errorf("occupiers shown %q, API %q", shown.Occupiers, occ)
	}
	if len(shown.Nearby) != len(near.Features) {
		t.Errorf("%d nearby shown, API %d", len(shown.Nearby), len(near.Features))
	}
	for i, f := range near.Features {
		if i >= len(shown.Nearby) {
			break
		}
		w := fmt.Sprintf("%s %s, %s", f.Properties.Name, names[f.Properties.Partner], metresJS(f.Properties.DistanceM))
		if g := shown.Nearby[i]; g.ID != f.ID || g.Text != w {
			t.Errorf("nearby %d: shown %d %q, API %d %q", i, g.ID, g.Text, f.ID, w)
		}
	}
	t.Logf("asset %d: %d occupiers, %d nearby", target.ID, len(occ), len(near.Features))
	p.screenshotPage("details")
}
