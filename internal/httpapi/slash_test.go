package httpapi_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/httpapi"
)

// TestTrailingSlashRedirects checks a URL pasted with a trailing slash
// (or a doubled one) is sent, permanently, to the URL without it, query
// kept; GET and HEAD with 301, which every client follows, other methods
// with 308, which keeps the method and body. "/" itself is the map, and
// a doubled leading slash never turns into a link to another host.
func TestTrailingSlashRedirects(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{PublicRead: true})
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, tc := range []struct {
		method, path string
		status       int
		location     string
	}{
		{"GET", "/ogc/", 301, "/ogc"},
		{"GET", "/ogc/collections/?f=json", 301, "/ogc/collections?f=json"},
		{"GET", "/ogc/collections/assets/items/?limit=2&bbox=-3,52,-2,53", 301, "/ogc/collections/assets/items?limit=2&bbox=-3,52,-2,53"},
		{"HEAD", "/api/v1/assets/?rag=red&limit=5", 301, "/api/v1/assets?rag=red&limit=5"},
		{"GET", "/api/v1/assets/%31/", 301, "/api/v1/assets/%31"},
		{"POST", "/api/v1/assets/", 308, "/api/v1/assets"},
		{"PATCH", "/api/v1/assets/1/", 308, "/api/v1/assets/1"},
		{"GET", "//evil.example.org/", 301, "/evil.example.org"},
		{"GET", "//evil.example.org", 301, "/evil.example.org"},
		{"GET", "/ogc//collections?f=json", 301, "/ogc/collections?f=json"},
		{"DELETE", "/api/v1//tokens/3//", 308, "/api/v1/tokens/3"},
		{"GET", "/", 200, ""},
	} {
		hr, err := http.NewRequest(tc.method, ts.URL+tc.path, nil)
		if err != nil {
			t.Fatal(err)
		}
		hr.Header.Set("Origin", "https://map.example.org")
		res, err := noFollow.Do(hr)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != tc.status || res.Header.Get("Location") != tc.location {
			t.Errorf("%s %s: %d to %q, want %d to %q", tc.method, tc.path, res.StatusCode, res.Header.Get("Location"), tc.status, tc.location)
		}
		// A browser on another origin may follow it; nothing sniffs it.
		if res.Header.Get("Access-Control-Allow-Origin") == "" || res.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s %s: CORS %q, nosniff %q", tc.method, tc.path, res.Header.Get("Access-Control-Allow-Origin"), res.Header.Get("X-Content-Type-Options"))
		}
	}

	// Followed, as clients do: the answers are the canonical URLs'
	// (the harness checks each hop and the final answer).
	var land struct{ Links []struct{ Href, Rel string } }
	must(t, ts.do(req{Method: "GET", Path: "/ogc/", Token: "admin"}), 200).JSON(t, &land)
	if len(land.Links) == 0 || !strings.HasSuffix(land.Links[0].Href, "/ogc") {
		t.Errorf("landing page through the slash: %+v", land.Links)
	}
	must(t, ts.do(req{Method: "GET", Path: "/ogc/collections/", Token: "admin"}), 200)
	var page collectionOut
	ts.create(feature("county", "SLASH-1", -2.2, 52.19))
	must(t, ts.do(req{Method: "GET", Path: "/api/v1/assets/?limit=1", Token: "admin"}), 200).JSON(t, &page)
	if len(page.Features) != 1 {
		t.Errorf("assets through the slash: %d features", len(page.Features))
	}
	// A write through the slash keeps its method and body (308).
	must(t, ts.do(req{Method: "POST", Path: "/api/v1/assets/", Token: "admin", Body: feature("county", "SLASH-2", -2.2, 52.19)}), 201)
}
