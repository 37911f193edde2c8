package webtest

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/httpapi"
)

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// drawnHubs counts the hubs and member lines drawn.
func (p *page) drawnHubs() (hubs, links int) {
	var n struct{ Hubs, Links int }
	p.eval(`(() => {
		const m = placetrust.map;
		const ranks = (layer) => new Set(m.queryRenderedFeatures({layers: [layer]}).map((f) => f.properties.rank));
		return {Hubs: ranks('hubs').size, Links: m.queryRenderedFeatures({layers: ['hub-links']}).length};
	})()`, &n)
	return n.Hubs, n.Links
}

type colocationDoc struct {
	Summary  struct{ Count int }
	Features []struct {
		Properties struct {
			Hub struct {
				Name, Partner string
			}
			Partners []string
			Members  []struct{ Partner string }
			Saving   int64 `json:"annual_saving_gbp"`
			Receipt  int64 `json:"central_receipt_gbp"`
		}
	}
}

// checkHubList compares the listed opportunities with the API's first.
func checkHubList(t *testing.T, p *page, api colocationDoc, names map[string]string) {
	t.Helper()
	var shown []struct{ Name, Owner, Partners, Money string }
	p.eval(`[...document.querySelectorAll('#hubs li')].map((li) => ({Name: li.querySelector('button').textContent,
		Owner: li.querySelector('.note').textContent, Partners: li.querySelector('.hub-partners').textContent,
		Money: li.querySelector('.hub-money').textContent}))`, &shown)
	want := min(25, len(api.Features))
	if len(shown) != want || want == 0 {
		t.Fatalf("%d hubs listed, API has %d opportunities", len(shown), len(api.Features))
	}
	for i, f := range api.Features[:want] {
		pr := f.Properties
		var partners []string
		for _, id := range pr.Partners {
			partners = append(partners, names[id])
		}
		w := shown[i]
		if w.Name != pr.Hub.Name || w.Owner != fmt.Sprintf("%s hub with %d moving in", names[pr.Hub.Partner], len(pr.Members)) ||
			w.Partners != "Partners: "+strings.Join(partners, ", ") ||
			!strings.HasPrefix(w.Money, fmt.Sprintf("Saves %s a year; receipt %s (central)", gbp(pr.Saving), gbp(pr.Receipt))) {
			t.Errorf("hub %d shown %+v, API %s (%s) partners %v saving %d receipt %d", i, w, pr.Hub.Name, pr.Hub.Partner, partners, pr.Saving, pr.Receipt)
		}
	}
}

func TestColocationLayerShowsHubs(t *testing.T) {
	srv := newServer(t, httpapi.Config{})
	names := srv.partnerNames(t)
	p := open(t, srv, "admin", "/", 1280, 800, false)
	if h, _ := p.drawnHubs(); h != 0 {
		t.Errorf("%d hubs drawn before asking", h)
	}
	colours := p.colours()
	hubPixels := func(name string) int {
		return colourPixels(p.screenshot(name), map[string]rgb{"hub": colours.Hub}, 30)["hub"]
	}
	before := hubPixels("no-hubs")
	p.eval(`new Promise((done) => { placetrust.map.once('idle', done); document.querySelector('#hubs-on').click(); }).then(() => true)`, nil)
	p.waitIdle()

	// The register's extent is in view, so every hub is drawn.
	for _, distance := range []int{400, 1000} {
		if distance != 400 {
			p.eval(fmt.Sprintf(`(() => { const r = document.querySelector('#hubs-distance'); r.value = '%d'; r.dispatchEvent(new Event('input', {bubbles: true})); return true; })()`, distance), nil)
			p.waitFor(fmt.Sprintf(`location.search.includes('distance=%d')`, distance))
			p.waitIdle()
		}
		var api colocationDoc
		if _, err := srv.api(t, "GET", fmt.Sprintf("/api/v1/analyses/colocation?distance=%d", distance), "admin", nil, nil, &api); err != nil {
			t.Fatal(err)
		}
		hubs, links := p.drawnHubs()
		if hubs != api.Summary.Count || hubs == 0 || links < hubs {
			t.Errorf("distance %d: %d hubs and %d lines drawn, API has %d opportunities", distance, hubs, links, api.Summary.Count)
		}
		if got := p.text("#hubs-summary"); got == "" || !strings.Contains(got, commas(api.Summary.Count)+" opportunities") {
			t.Errorf("distance %d: summary %q, API %d", distance, got, api.Summary.Count)
		}
		checkHubList(t, p, api, names)
		// Hub rings and lines in their own colour, visible at county zoom.
		px := hubPixels(fmt.Sprintf("hubs-%d", distance))
		if before > 20 || px < 20*hubs {
			t.Errorf("distance %d: %d hub-coloured pixels for %d hubs (%d before showing them)", distance, px, hubs, before)
		}
		t.Logf("distance %d m: %d hubs, %d member lines, %d pixels", distance, hubs, links, px)
	}
	p.screenshotPage("hubs")
}

// TestDistanceMatchesAPICap: the slider reaches the largest distance the
// API accepts and no further, and links past it fall back to the default.
func TestDistanceMatchesAPICap(t *testing.T) {
	srv := newServer(t, httpapi.Config{})
	p := open(t, srv, "admin", "/", 1280, 800, false)
	var r struct{ Max, Step, Value float64 }
	p.eval(`(() => { const r = document.querySelector('#hubs-distance'); return {Max: Number(r.max), Step: Number(r.step), Value: Number(r.value)}; })()`, &r)
	if _, err := srv.api(t, "GET", fmt.Sprintf("/api/v1/analyses/colocation?distance=%g", r.Max), "admin", nil, nil, nil); err != nil {
		t.Errorf("the slider's largest distance %g m: %v", r.Max, err)
	}
	_, err := srv.api(t, "GET", fmt.Sprintf("/api/v1/analyses/colocation?distance=%g", r.Max+1), "admin", nil, nil, nil)
	if err == nil || !strings.Contains(err.Error(), "400") || !strings.Contains(err.Error(), "distance") {
		t.Errorf("the API takes %g m, past the slider's %g: %v", r.Max+1, r.Max, err)
	}
	for _, tc := range []struct {
		distance, want float64
	}{{r.Max, r.Max}, {r.Max + r.Step, 400}} {
		p.visit("admin", fmt.Sprintf("/?hubs=1&distance=%g", tc.distance))
		p.eval(`Number(document.querySelector('#hubs-distance').value)`, &r.Value)
		if r.Value != tc.want || (tc.want == r.Max && !strings.Contains(p.text("#hubs-summary"), "opportunities")) {
			t.Errorf("link with distance=%g: slider at %g, summary %q", tc.distance, r.Value, p.text("#hubs-summary"))
		}
	}
}

func TestPhoneViewport(t *testing.T) {
	srv := newServer(t, httpapi.Config{})
	p := open(t, srv, "admin", "/", 390, 844, true)
	var box struct{ MapW, MapH, MapBottom, PanelTop, PageW float64 }
	p.eval(`(() => { const m = document.querySelector('#map').getBoundingClientRect(), a = document.querySelector('#panel').getBoundingClientRect();
		return {MapW: m.width, MapH: m.height, MapBottom: m.bottom, PanelTop: a.top, PageW: document.documentElement.scrollWidth}; })()`, &box)
	if box.MapW != 390 || box.MapH < 300 || box.PanelTop < box.MapBottom || box.PageW > 390 {
		t.Errorf("phone layout %+v", box)
	}
	px := ragPixels(p.screenshot("phone-map"), p.colours())
	if px["red"] == 0 || px["amber"] == 0 || px["green"] == 0 {
		t.Errorf("phone map pixels %v", px)
	}
	p.screenshotPage("phone")
}
