package webtest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// page is one browser tab on the server's map.
type page struct {
	t     testing.TB
	ctx   context.Context
	srv   *server
	token string // the name of the token the page signed in with

	mu         sync.Mutex
	exceptions []string // uncaught exceptions and refusals by the page's security policy
}

// open signs in with the named token ("" for none: the page then asks)
// and opens path, waiting until the map is idle. The viewport is the
// laptop size the issue names unless w and h say otherwise.
func open(t testing.TB, srv *server, token, path string, w, h int64, mobile bool) *page {
	t.Helper()
	needBrowser(t)
	tab, cancel := chromedp.NewContext(browser)
	t.Cleanup(cancel)
	if err := chromedp.Do(tab); err != nil { // opens the tab; no timeout here (see chromedp.Run)
		t.Fatal(err)
	}
	// The tab's whole life: a test's steps, or a benchmark's loads after
	// a cold first one.
	life := 90 * time.Second
	if srv.Settle > 0 {
		life += 2 * srv.Settle
	}
	ctx, cancelT := context.WithTimeout(tab, life)
	t.Cleanup(cancelT)
	p := &page{t: t, ctx: ctx, srv: srv, token: token}
	go p.watchConsole(tab)
	t.Cleanup(func() {
		p.mu.Lock()
		defer p.mu.Unlock()
		for _, e := range p.exceptions {
			t.Errorf("uncaught or refused in the page: %s", e)
		}
	})
	var opts []chromedp.EmulateViewportOption
	if mobile {
		opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateScale(2))
	}
	p.do(chromedp.EmulateViewport(w, h, opts...), chromedp.Navigate(srv.URL+"/healthz"))
	p.visit(token, path)
	return p
}

// visit signs in with the named token, in this tab's session storage as
// the sign-in box would, and opens path.
func (p *page) visit(token, path string) {
	p.t.Helper()
	p.token = token
	p.eval(fmt.Sprintf("sessionStorage.setItem('placetrust.token', %q)", p.srv.Tokens[token]), nil)
	p.do(chromedp.Navigate(p.srv.URL + path))
	if token != "" {
		p.waitIdle()
	}
}

func (p *page) watchConsole(tab context.Context) {
	for m, err := range chromedp.Console(tab) {
		if err != nil {
			return
		}
		// The browser logs what the Content-Security-Policy refused
		// (a script, style, image, connection or worker) as a security
		// error: a policy too strict for MapLibre fails every test here.
		if m.Type == chromedp.ConsoleException || (m.Source == "security" && m.Type == chromedp.ConsoleError) {
			p.mu.Lock()
			p.exceptions = append(p.exceptions, m.Text)
			p.mu.Unlock()
		}
	}
}

func (p *page) do(steps ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	if err := chromedp.Do(p.ctx, steps...); err != nil {
		p.t.Fatal(err)
	}
}

// eval runs JavaScript, awaiting a promise it returns, and decodes the
// result into v (nil to ignore it).
func (p *page) eval(js string, v any) {
	p.t.Helper()
	raw, err := chromedp.Run(p.ctx, chromedp.Evaluate[[]byte](js, chromedp.EvalAwaitPromise))
	if err != nil {
		p.t.Fatalf("%s: %v", js, err)
	}
	if v != nil {
		if err := json.Unmarshal(raw, v); err != nil {
			p.t.Fatalf("%s: %s: %v", js, raw, err)
		}
	}
}

// waitIdle waits until the page has no request in flight and the map is
// drawn (app.js sets data-state="idle" on the body).
func (p *page) waitIdle() {
	p.t.Helper()
	settle := 30 * time.Second
	if p.srv.Settle > 0 {
		settle = p.srv.Settle
	}
	ctx, cancel := context.WithTimeout(p.ctx, settle)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.body.dataset.state === 'idle'`, chromedp.WithPollingInterval(20*time.Millisecond), chromedp.WithPollingTimeout(settle))); err != nil {
		p.t.Fatalf("the page did not settle: %v", err)
	}
}

// waitFor waits until the JavaScript condition holds.
func (p *page) waitFor(cond string) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 20*time.Second)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool]("!!("+cond+")", chromedp.WithPollingInterval(20*time.Millisecond))); err != nil {
		p.t.Fatalf("waiting for %s: %v", cond, err)
	}
}

// moveMap jumps the map and waits until its tiles are drawn.
func (p *page) moveMap(lon, lat, zoom float64) {
	p.t.Helper()
	p.eval(fmt.Sprintf(`new Promise((done) => {
		const m = placetrust.map;
		m.once('idle', () => done(true));
		m.jumpTo({center: [%f, %f], zoom: %f});
	})`, lon, lat, zoom), nil)
	p.waitIdle()
}

type rendered struct {
	ID  int64  `json:"id"`
	RAG string `json:"rag"`
	X   float64
	Y   float64
}

// renderedAssets lists the assets drawn inside the map's bounds, once
// each (a point near a tile edge is in both tiles' buffers).
func (p *page) renderedAssets() []rendered {
	p.t.Helper()
	var out []rendered
	p.eval(`(() => {
		const m = placetrust.map, b = m.getBounds(), seen = new Map();
		for (const f of m.queryRenderedFeatures({layers: ['assets-tiles', 'assets-list']})) {
			const id = Number(f.id ?? f.properties.id), c = f.geometry.coordinates;
			if (!b.contains(c) || seen.has(id)) continue;
			const pt = m.project(c);
			seen.set(id, {id, rag: f.properties.rag, X: pt.x, Y: pt.y});
		}
		return [...seen.values()];
	})()`, &out)
	return out
}

func byRAG(rs []rendered) map[string]int {
	out := map[string]int{}
	for _, r := range rs {
		out[r.RAG]++
	}
	return out
}

// mapBBox is the map's visible bounds as the API's bbox parameter.
func (p *page) mapBBox() string {
	var b []float64
	p.eval(`(() => { const b = placetrust.map.getBounds(); return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]; })()`, &b)
	return fmt.Sprintf("%f,%f,%f,%f", b[0], b[1], b[2], b[3])
}

func (p *page) text(sel string) string {
	p.t.Helper()
	var s string
	p.eval(fmt.Sprintf(`(document.querySelector(%q) || {}).textContent || ''`, sel), &s)
	return strings.TrimSpace(s)
}

// legend reads the counts the page shows, by rating and "total".
func (p *page) legend() map[string]string {
	p.t.Helper()
	out := map[string]string{}
	p.eval(`Object.fromEntries([...document.querySelectorAll('[data-count]')].map((e) => [e.dataset.count, e.textContent]))`, &out)
	return out
}

// screenshot saves the map's pixels as a test artifact and returns them.
// It first has the map draw a fresh frame and lets two more animation
// frames pass, so the capture is of a composited frame: once in CI a
// capture right after idle came back with the WebGL canvas blank.
func (p *page) screenshot(name string) image.Image {
	p.t.Helper()
	p.eval(`new Promise((done) => {
		const m = window.placetrust && placetrust.map;
		if (!m) return done();
		m.once('render', () => requestAnimationFrame(() => requestAnimationFrame(() => done())));
		m.triggerRepaint();
	})`, nil)
	buf, err := chromedp.Run(p.ctx, chromedp.Screenshot(chromedp.CSS("#map")))
	if err != nil {
		p.t.Fatal(err)
	}
	p.saveArtifact(name, buf)
	img, err := png.Decode(bytes.NewReader(buf))
	if err != nil {
		p.t.Fatal(err)
	}
	return img
}

// screenshotAt scrolls the side panel to the element and saves the
// viewport, as someone reading that part of the panel sees it.
func (p *page) screenshotAt(name, sel string) {
	p.t.Helper()
	p.eval(`(() => { const e = document.querySelector(`+jsString(sel)+`), panel = document.querySelector('#panel');
		panel.scrollTop += e.getBoundingClientRect().top - panel.getBoundingClientRect().top - 8; })()`, nil)
	p.screenshotPage(name)
}

// screenshotPage saves the whole viewport, panel included.
func (p *page) screenshotPage(name string) {
	p.t.Helper()
	buf, err := chromedp.Run(p.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		p.t.Fatal(err)
	}
	p.saveArtifact(name, buf)
}

func (p *page) saveArtifact(name string, png []byte) {
	path := filepath.Join(artifacts, p.t.Name()+"-"+name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		p.t.Fatal(err)
	}
	p.t.Logf("screenshot: %s", path)
}

// colourPixels counts the pixels within distance d (in RGB units) of each
// named colour.
func colourPixels(img image.Image, want map[string]rgb, d int) map[string]int {
	out := map[string]int{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			for name, c := range want {
				dr, dg, db := int(r>>8)-c[0], int(g>>8)-c[1], int(bl>>8)-c[2]
				if dr*dr+dg*dg+db*db < d*d {
					out[name]++
				}
			}
		}
	}
	return out
}
