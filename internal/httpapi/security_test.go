package httpapi_test

import (
	"crypto/sha256"
	"encoding/base64"
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/board"
	"github.com/placetrust/placetrust/internal/httpapi"
)

// csp parses a Content-Security-Policy into its directives.
func csp(t *testing.T, policy string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, d := range strings.Split(policy, ";") {
		f := strings.Fields(d)
		if len(f) == 0 {
			continue
		}
		if _, dup := out[f[0]]; dup {
			t.Errorf("directive %s twice in %q", f[0], policy)
		}
		out[f[0]] = f[1:]
	}
	return out
}

func has(list []string, v string) bool {
	for _, e := range list {
		if e == v {
			return true
		}
	}
	return false
}

// TestSecurityHeaders checks the map page and its files carry a policy
// that allows only the server's own scripts and styles (and the basemap,
// when one is set), none may frame them, and every answer, errors and
// redirects included, forbids type sniffing and cross-origin referrers.
func TestSecurityHeaders(t *testing.T) {
	for _, tc := range []struct {
		name    string
		cfg     httpapi.Config
		basemap string
	}{
		{"offline", httpapi.Config{}, ""},
		{"basemap", httpapi.Config{BasemapURL: "https://tiles.example.org/osm/{z}/{x}/{y}.png"}, "https://tiles.example.org"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ts := newTestServer(t, tc.cfg)
			for _, path := range []string{"/", "/app.js", "/vendor/maplibre-gl/maplibre-gl-worker.mjs"} {
				res := ts.raw("GET", path, nil)
				p := csp(t, res.Header.Get("Content-Security-Policy"))
				if res.Status != 200 || !has(p["default-src"], "'self'") || !has(p["frame-ancestors"], "'none'") ||
					!has(p["object-src"], "'none'") || !has(p["base-uri"], "'none'") || !has(p["worker-src"], "'self'") {
					t.Errorf("%s: %d, policy %v", path, res.Status, p)
				}
				for _, d := range []string{"default-src", "script-src", "style-src", "worker-src"} {
					for _, v := range p[d] {
						if v == "'unsafe-inline'" || v == "'unsafe-eval'" || v == "*" || v == "data:" || v == "blob:" {
							t.Errorf("%s: %s allows %s", path, d, v)
						}
					}
				}
				// Beside its own files, only the board report's stylesheet,
				// which the map shows from a Blob URL under this policy.
				if len(p["style-src"]) != 2 || !has(p["style-src"], "'self'") || !has(p["style-src"], board.StyleSource) {
					t.Errorf("%s: styles from %v", path, p["style-src"])
				}
				if tc.basemap != "" && (!has(p["img-src"], tc.basemap) || !has(p["connect-src"], tc.basemap)) {
					t.Errorf("%s: the basemap %s is not allowed: %v", path, tc.basemap, p)
				}
				if tc.basemap == "" && (len(p["img-src"]) != 3 || len(p["connect-src"]) != 1) {
					t.Errorf("%s: offline, images from %v and connections to %v", path, p["img-src"], p["connect-src"])
				}
			}
			for _, r := range []req{
				{Method: "GET", Path: "/"},
				{Method: "GET", Path: "/healthz"},
				{Method: "GET", Path: "/api/v1/partners", Token: "admin"},
				{Method: "GET", Path: "/api/v1/partners"},
				{Method: "GET", Path: "/ogc/api.html", Token: "admin"},
				{Method: "GET", Path: "/no/such/page"},
				{Method: "GET", Path: "/ogc/", Token: "admin"},
			} {
				res := ts.do(r)
				h := res.Header
				if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") != "strict-origin-when-cross-origin" ||
					h.Get("X-Frame-Options") != "DENY" || !has(csp(t, h.Get("Content-Security-Policy"))["frame-ancestors"], "'none'") {
					t.Errorf("%s %s (%d): nosniff %q, referrer %q, frame %q, policy %q", r.Method, r.Path, res.Status,
						h.Get("X-Content-Type-Options"), h.Get("Referrer-Policy"), h.Get("X-Frame-Options"), h.Get("Content-Security-Policy"))
				}
			}
			// Answers that are not the page load nothing at all.
			if p := csp(t, ts.do(req{Method: "GET", Path: "/api/v1/partners", Token: "admin"}).Header.Get("Content-Security-Policy")); !has(p["default-src"], "'none'") {
				t.Errorf("API policy %v", p)
			}
			// The OGC API's HTML page has one inline style, allowed by its hash.
			doc := ts.do(req{Method: "GET", Path: "/ogc/api.html", Token: "admin"})
			_, style, _ := strings.Cut(string(doc.Body), "<style>")
			style, _, _ = strings.Cut(style, "</style>")
			sum := sha256.Sum256([]byte(style))
			want := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
			if p := csp(t, doc.Header.Get("Content-Security-Policy")); len(p["style-src"]) != 1 || p["style-src"][0] != want || style == "" {
				t.Errorf("api.html policy %v, its style's hash %s", p, want)
			}
		})
	}
}
