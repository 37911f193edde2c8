package httpapi_test

import (
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/httpapi"
)

// browserAccept is what Firefox and Chrome send for a page.
const browserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"

// TestOGCHTMLPages opens each OGC document as a person would, by a link
// with f=html or a browser's Accept, and as a client would, with JSON.
func TestOGCHTMLPages(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	ids := seedFilterEstate(t, ts)
	f := feature("county", "XSS", -2.2, 52.19)
	f["properties"].(map[string]any)["name"] = `</script><script>alert(1)</script>`
	xss := ts.create(f).ID
	item := "/ogc/collections/assets/items/" + itoa(ids["lib"])
	pages := []struct {
		path string
		want []string // in the page
	}{
		{"/ogc", []string{"placetrust: OGC API - Features", `href="` + ts.URL + `/ogc/collections?f=html"`, `href="` + ts.URL + `/api/v1/docs"`}},
		{"/ogc/conformance", []string{"ogcapi-features-2/1.0/conf/crs"}},
		{"/ogc/collections", []string{"Public estate assets", "EPSG/0/27700"}},
		{"/ogc/collections/assets", []string{"Public estate assets", `/ogc/collections/assets/items?f=html`}},
		{"/ogc/collections/assets/items?limit=2", []string{`<div id="map"`, `id="features">{"type":"FeatureCollection"`,
			"The Hive library", `rel="next"`, "/pages/ogc.js"}},
		{item, []string{"The Hive library", "<th scope=\"row\">rag</th><td>amber</td>", `<div id="map"`}},
	}
	for _, p := range pages {
		t.Run(p.path, func(t *testing.T) {
			sep := "?"
			if strings.Contains(p.path, "?") {
				sep = "&"
			}
			for _, r := range []req{
				{Method: "GET", Path: p.path + sep + "f=html", Token: "admin"},
				{Method: "GET", Path: p.path, Token: "admin", Header: map[string]string{"Accept": browserAccept}},
			} {
				res := must(t, ts.do(r), 200)
				if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
					t.Fatalf("%s: content type %q", r.Path, ct)
				}
				if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
					t.Errorf("%s: policy %q", r.Path, csp)
				}
				for _, w := range p.want {
					if !strings.Contains(string(res.Body), w) {
						t.Errorf("%s lacks %q: %s", r.Path, w, res.Body)
					}
				}
			}
			// Clients: no Accept, */* and JSON get JSON.
			accepts := []string{"", "*/*", "application/json"}
			if strings.Contains(p.path, "/items") {
				accepts = append(accepts, "application/geo+json, application/json")
			}
			for _, accept := range accepts {
				res := must(t, ts.do(req{Method: "GET", Path: p.path, Token: "admin", Header: map[string]string{"Accept": accept}}), 200)
				if ct := res.Header.Get("Content-Type"); !strings.Contains(ct, "json") {
					t.Errorf("%s Accept %q: content type %q", p.path, accept, ct)
				}
			}
		})
	}
	// The asset's name is text in the table and data in the map's JSON,
	// never markup.
	for _, path := range []string{"/ogc/collections/assets/items?f=html", "/ogc/collections/assets/items/" + itoa(xss) + "?f=html"} {
		body := string(must(t, ts.do(req{Method: "GET", Path: path, Token: "admin"}), 200).Body)
		if strings.Contains(body, "<script>alert") || !strings.Contains(body, `\u003c/script\u003e\u003cscript\u003ealert(1)`) {
			t.Errorf("%s: the name is not escaped: %s", path, body)
		}
	}
	// The files the pages load are served.
	for _, path := range []string{"/pages/ogc.js", "/pages/ogc.css", "/vendor/maplibre-gl/maplibre-gl.mjs"} {
		if res := ts.raw("GET", path, nil); res.Status != 200 {
			t.Errorf("%s: %d", path, res.Status)
		}
	}
	// A page needs a token as the JSON does.
	if p := ts.do(req{Method: "GET", Path: "/ogc/collections/assets/items?f=html"}).Problem(t); p.Status != 401 {
		t.Errorf("anonymous page: %+v", p)
	}
	// HTML is no format of the schema or the queryables.
	for _, path := range []string{"/ogc/collections/assets/schema?f=html", "/ogc/collections/assets/queryables?f=html"} {
		if p := ts.do(req{Method: "GET", Path: path, Token: "admin"}).Problem(t); p.Status != 400 {
			t.Errorf("%s: %+v", path, p)
		}
	}
}

// TestAPIReferencePage serves the REST API's reference without a token,
// loading the vendored Redoc, which is served too.
func TestAPIReferencePage(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	res := must(t, ts.do(req{Method: "GET", Path: "/api/v1/docs"}), 200)
	body := string(res.Body)
	for _, w := range []string{ts.URL + "/vendor/redoc/redoc.standalone.js", `data-spec="` + ts.URL + `/openapi.yaml"`, "/pages/docs.js"} {
		if !strings.Contains(body, w) {
			t.Errorf("page lacks %q: %s", w, body)
		}
	}
	if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self';") || strings.Contains(csp, "http") {
		t.Errorf("policy %q", csp)
	}
	for _, path := range []string{"/vendor/redoc/redoc.standalone.js", "/pages/docs.js"} {
		if res := ts.raw("GET", path, nil); res.Status != 200 {
			t.Errorf("%s: %d", path, res.Status)
		}
	}
	if p := ts.do(req{Method: "GET", Path: "/api/v1/docs?x=1"}).Problem(t); p.Status != 400 {
		t.Errorf("unknown parameter: %+v", p)
	}
	if p := ts.do(req{Method: "GET", Path: "/api/v1/docs", Header: map[string]string{"Accept": "application/json"}}).Problem(t); p.Status != 406 {
		t.Errorf("Accept JSON: %+v", p)
	}
	index := string(ts.raw("GET", "/", nil).Body)
	if !strings.Contains(index, `href="api/v1/docs"`) || !strings.Contains(index, `href="ogc?f=html"`) {
		t.Error("the map does not link to the API reference and the OGC pages")
	}
}
