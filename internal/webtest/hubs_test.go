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

func TestColocationLayerShowsHubs(t *testing.T) {
	srv := newServer(t, httpapi.Config{})
	p := open(t, srv, "admin", "/", 1280, 800, false)
	if h, _ := p.drawnHubs(); h != 0 {
		t.Errorf("%d hubs drawn before asking", h)
	}
	p.eval(`new Promise((done) => { placetrust.map.once('idle', done); document.querySelector('#hubs-on').click(); }).then(() => true)`, nil)
	p.waitIdle()

	// The register's extent is in view, so every hub is drawn.
	for _, distance := range []int{400, 1000} {
		if distance != 400 {
			p.eval(fmt.Sprintf(`(() => { const r = document.querySelector('#hubs-distance'); r.value = '%d'; r.dispatchEvent(new Event('input', {bubbles: true})); return true; })()`, distance), nil)
			p.waitFor(fmt.Sprintf(`location.search.includes('distance=%d')`, distance))
			p.waitIdle()
		}
		var api struct {
			Summary struct{ Count int }
		}
		if _, err := srv.api(t, "GET", fmt.Sprintf("/api/v1/analyses/colocation?distance=%d", distance), "admin", nil, nil, &api); err != nil {
			t.Fatal(err)
		}
		hubs, links := p.drawnHubs()
		if hubs != api.Summary.Count || hubs == 0 || links < hubs {
			t.Errorf("distance %d: %d hubs and %d lines drawn, API has %d opportunities", distance, hubs, links, api.Summary.Count)
		}
		if got := p.text("#hubs-summary"); got == "" || !strings.Contains(got, strconv.Itoa(api.Summary.Count)+" opportunities") {
			t.Errorf("distance %d: summary %q, API %d", distance, got, api.Summary.Count)
		}
		t.Logf("distance %d m: %d hubs, %d member lines", distance, hubs, links)
	}
	p.screenshotPage("hubs")
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
	px := ragPixels(p.screenshot("phone-map"))
	if px["red"] == 0 || px["amber"] == 0 || px["green"] == 0 {
		t.Errorf("phone map pixels %v", px)
	}
	p.screenshotPage("phone")
}
