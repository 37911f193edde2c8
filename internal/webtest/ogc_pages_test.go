package webtest

import (
	"strconv"
	"testing"

	"github.com/placetrust/placetrust/internal/httpapi"
)

// TestOGCPagesDrawTheirMaps opens the OGC API's HTML pages of a public
// register as someone following a link would: the page of items and one
// item draw their points on the map under the page's policy (open fails
// the test on anything the policy refuses).
func TestOGCPagesDrawTheirMaps(t *testing.T) {
	srv := newServer(t, httpapi.Config{PublicRead: true})
	for _, path := range []string{"/ogc/collections/assets/items?f=html&limit=50",
		"/ogc/collections/assets/items/" + strconv.FormatInt(srv.Assets[0].ID, 10) + "?f=html"} {
		p := open(t, srv, "", path, 1280, 800, false)
		p.waitIdle()
		var drawn string
		p.eval(`document.getElementById('map').dataset.drawn`, &drawn)
		if n, _ := strconv.Atoi(drawn); n == 0 {
			t.Errorf("%s: the map drew %q points", path, drawn)
		}
		p.screenshot("ogc-page-" + strconv.Itoa(len(path)))
	}
}

// TestAPIReference opens the REST API's reference: Redoc, vendored,
// renders openapi.yaml under the page's policy.
func TestAPIReference(t *testing.T) {
	srv := newServer(t, httpapi.Config{})
	p := open(t, srv, "", "/api/v1/docs", 1280, 800, false)
	p.waitFor(`document.querySelector('.api-content') && document.body.innerText.includes('OGC API - Features landing page')`)
	p.screenshotPage("api-reference")
}
