package webtest

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/placetrust/placetrust/internal/httpapi"
)

// focused describes the element with the keyboard focus.
func (p *page) focused() string {
	var s string
	p.eval(`(() => { const e = document.activeElement; return e.tagName + ' ' + (e.name || e.id || '') + ' ' + (e.textContent || '').trim().slice(0, 40); })()`, &s)
	return s
}

// tabTo presses Tab until the focused element matches the CSS selector.
func (p *page) tabTo(sel string, most int) {
	p.t.Helper()
	for range most {
		p.do(chromedp.KeyEvent(kb.Tab))
		var ok bool
		p.eval(`document.activeElement.matches(`+jsString(sel)+`)`, &ok)
		if ok {
			return
		}
	}
	p.t.Fatalf("%d tabs did not reach %s; focus on %q", most, sel, p.focused())
}

// TestKeyboardOnly finds and opens an asset, and filters by rating,
// without a mouse.
func TestKeyboardOnly(t *testing.T) {
	srv := newServer(t, httpapi.Config{})
	p := open(t, srv, "admin", "/", 1280, 800, false)
	p.tabTo(`#filters input[name=q]`, 8)
	p.do(chromedp.KeyEvent("library"))
	p.waitFor(`document.querySelector('#matches button')`)
	p.waitIdle()
	p.tabTo(`#matches button`, 12) // past the rating boxes and links
	name := p.focused()
	p.do(chromedp.KeyEvent(kb.Enter))
	p.waitFor(`document.querySelector('#asset-name')`)
	p.waitIdle()
	if got := p.text("#asset-name"); got == "" || !strings.Contains(name, got) {
		t.Errorf("Enter on %q opened %q", name, got)
	}
	if f := p.focused(); !strings.Contains(f, "H2 asset-h") {
		t.Errorf("focus after opening an asset: %q", f)
	}
	// A rating box toggles with the space bar.
	p.do(chromedp.Focus(chromedp.CSS(`#f-rag input[value=green]`)), chromedp.KeyEvent(" "))
	p.waitIdle()
	var search string
	p.eval(`location.search`, &search)
	if !strings.Contains(search, "rag=green") {
		t.Errorf("after space on Green: %q", search)
	}
}
