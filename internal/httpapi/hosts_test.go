package httpapi_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/httpapi"
)

// links returns the absolute links a request with these headers is
// given: a new asset's Location, the asset list's and OGC items' next
// links, and TileJSON's tile URL.
func links(t *testing.T, ts *testServer, header map[string]string) []string {
	t.Helper()
	with := func(r req) req { r.Header = header; return r }
	var out []string
	res := must(t, ts.do(with(req{Method: "POST", Path: "/api/v1/assets", Token: "admin", Body: feature("county", "L"+itoa(int64(ts.counts()["assets"])), -2.22, 52.19)})), 201)
	out = append(out, res.Header.Get("Location"))
	var page collectionOut
	must(t, ts.do(with(req{Method: "GET", Path: "/api/v1/assets?limit=1", Token: "admin"})), 200).JSON(t, &page)
	out = append(out, page.next())
	must(t, ts.do(with(req{Method: "GET", Path: "/ogc/collections/assets/items?limit=1", Token: "admin"})), 200).JSON(t, &page)
	out = append(out, page.next())
	var tj struct{ Tiles []string }
	must(t, ts.do(with(req{Method: "GET", Path: "/tiles/assets.json", Token: "admin"})), 200).JSON(t, &tj)
	return append(out, tj.Tiles...)
}

func allStartWith(t *testing.T, hrefs []string, base string) {
	t.Helper()
	if len(hrefs) != 4 {
		t.Fatalf("links %q, want 4", hrefs)
	}
	for _, h := range hrefs {
		if !strings.HasPrefix(h, base+"/") {
			t.Errorf("link %q does not start with %s/", h, base)
		}
	}
}

// refusesHost checks a request naming host is answered 400 naming the
// Host and the settings that would allow it.
func refusesHost(t *testing.T, ts *testServer, r req, host string) {
	t.Helper()
	r.Header = map[string]string{"Host": host}
	p := must(t, ts.do(r), 400).Problem(t)
	if len(p.Errors) != 1 || p.Errors[0].Field != "Host" || !strings.Contains(p.Detail, "--allowed-hosts") ||
		!strings.Contains(p.Detail, "--base-url") {
		t.Errorf("%s %s with Host %s: %+v", r.Method, r.Path, host, p)
	}
}

// TestLinksIgnoreClientHeaders is issue 13's item 4: links never come
// from a Host the server does not answer for, nor from forwarded headers
// sent by anyone but a trusted proxy.
func TestLinksIgnoreClientHeaders(t *testing.T) {
	spoof := map[string]string{"X-Forwarded-Proto": "https", "X-Forwarded-Ssl": "on", "X-Url-Scheme": "https",
		"X-Forwarded-Host": "evil.example", "Forwarded": "proto=https;host=evil.example"}
	t.Run("made-up Host refused", func(t *testing.T) {
		ts := newTestServer(t, httpapi.Config{PublicRead: true})
		for _, r := range []req{
			{Method: "GET", Path: "/api/v1/assets"}, {Method: "GET", Path: "/ogc/collections/assets/items"},
			{Method: "GET", Path: "/tiles/assets.json"}, {Method: "GET", Path: "/ogc"}, {Method: "GET", Path: "/"},
			{Method: "GET", Path: "/openapi.yaml"}, {Method: "GET", Path: "/api/v1/partners", Token: "pt_unknown"},
			{Method: "POST", Path: "/api/v1/assets", Token: "admin", Body: feature("county", "EVIL", -2.22, 52.19)},
		} {
			before := ts.snapshot()
			refusesHost(t, ts, r, "evil.example")
			if ts.snapshot() != before {
				t.Errorf("%s %s with a refused Host changed the register", r.Method, r.Path)
			}
		}
		u, _ := url.Parse(ts.URL)
		refusesHost(t, ts, req{Method: "GET", Path: "/api/v1/assets"}, "127.0.0.2:"+u.Port()) // not the listen address
		refusesHost(t, ts, req{Method: "GET", Path: "/api/v1/assets"}, "127.0.0.1")           // not its port
		// Load balancers probe by whatever name or address they know.
		must(t, ts.do(req{Method: "GET", Path: "/healthz", Header: map[string]string{"Host": "10.1.2.3"}}), 200)
	})
	t.Run("forwarded headers from anyone ignored", func(t *testing.T) {
		ts := newTestServer(t, httpapi.Config{})
		ts.create(feature("county", "A", -2.22, 52.19))
		allStartWith(t, links(t, ts, spoof), ts.URL)
	})
	t.Run("localhost on a loopback listener", func(t *testing.T) {
		ts := newTestServer(t, httpapi.Config{})
		ts.create(feature("county", "A", -2.22, 52.19))
		u, _ := url.Parse(ts.URL)
		allStartWith(t, links(t, ts, map[string]string{"Host": "localhost:" + u.Port()}), "http://localhost:"+u.Port())
	})
	t.Run("trusted proxy and allowed host", func(t *testing.T) {
		ts := newTestServer(t, httpapi.Config{TrustedProxies: []string{"127.0.0.1"}, AllowedHosts: []string{"Register.Example.org"}})
		ts.create(feature("county", "A", -2.22, 52.19))
		allStartWith(t, links(t, ts, map[string]string{"Host": "register.example.org", "X-Forwarded-Proto": "https"}), "https://register.example.org")
		// Only X-Forwarded-Proto is believed, and only http or https.
		allStartWith(t, links(t, ts, map[string]string{"Host": "register.example.org", "X-Forwarded-Proto": "javascript",
			"X-Forwarded-Host": "evil.example"}), "http://register.example.org")
		refusesHost(t, ts, req{Method: "GET", Path: "/api/v1/assets", Token: "admin"}, "evil.example")
	})
	t.Run("base URL", func(t *testing.T) {
		ts := newTestServer(t, httpapi.Config{BaseURL: "https://maps.example.org/register/"})
		ts.create(feature("county", "A", -2.22, 52.19))
		h := map[string]string{"Host": "evil.example"}
		for k, v := range spoof {
			h[k] = v
		}
		allStartWith(t, links(t, ts, h), "https://maps.example.org/register")
	})
	t.Run("base URL with allowed hosts", func(t *testing.T) {
		ts := newTestServer(t, httpapi.Config{BaseURL: "https://maps.example.org", AllowedHosts: []string{"10.0.0.5:8080"}})
		ts.create(feature("county", "A", -2.22, 52.19))
		allStartWith(t, links(t, ts, map[string]string{"Host": "maps.example.org"}), "https://maps.example.org")
		allStartWith(t, links(t, ts, map[string]string{"Host": "10.0.0.5:8080"}), "https://maps.example.org")
		refusesHost(t, ts, req{Method: "GET", Path: "/api/v1/assets", Token: "admin"}, "10.0.0.5:8081")
		refusesHost(t, ts, req{Method: "GET", Path: "/api/v1/assets", Token: "admin"}, "evil.example")
	})
}
