package httpapi_test

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/maptile"

	"github.com/placetrust/placetrust/internal/httpapi"
)

// TestHEADAnswersLikeGET checks RFC 9110 9.3.2 through the real server:
// wherever GET is served, HEAD answers with the same status and headers
// and no body, errors included. The harness checks each HEAD against the
// GET operation in openapi.yaml and that its body is empty.
func TestHEADAnswersLikeGET(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{PublicRead: true})
	a := ts.create(feature("county", "HEAD-1", -2.22, 52.19))
	tile := maptile.At(orb.Point{-2.22, 52.19}, 12)
	tilePath := fmt.Sprintf("/tiles/assets/%d/%d/%d.mvt", tile.Z, tile.X, tile.Y)
	// Compared headers: what a client or cache decides on. Identity
	// encoding, so the sizes compare (Go asks GET, not HEAD, for gzip).
	headers := []string{"Content-Type", "Content-Length", "ETag", "Cache-Control", "Vary", "Allow",
		"Location", "Content-Security-Policy", "X-Content-Type-Options", "WWW-Authenticate"}
	for _, tc := range []struct {
		path, token string
		status      int
	}{
		{"/healthz", "", 200},
		{"/openapi.yaml", "", 200},
		{"/", "", 200},
		{"/config.json", "admin", 200},
		{"/api/v1/partners", "admin", 200},
		{"/api/v1/partners/county", "", 200},
		{"/api/v1/assets?limit=1", "county-viewer", 200},
		{"/api/v1/assets/" + itoa(a.ID), "county-viewer", 200},
		{"/api/v1/assets/" + itoa(a.ID), "", 200},
		{"/api/v1/assets/999999", "admin", 404},
		{"/api/v1/assets/" + itoa(a.ID) + "/history", "admin", 200},
		{"/api/v1/tags", "admin", 200},
		{"/api/v1/trust", "admin", 200},
		{"/api/v1/exports/assets.csv", "admin", 200},
		{"/api/v1/tokens", "admin", 200},
		{"/api/v1/tokens", "", 401},
		{"/api/v1/assets?bbox=x", "admin", 400},
		{"/ogc", "", 200},
		{"/ogc/conformance", "", 200},
		{"/ogc/api.html", "", 200},
		{"/ogc/collections/assets/items?limit=1", "admin", 200},
		{"/ogc/collections/assets/items/" + itoa(a.ID), "admin", 200},
		{"/tiles/assets.json", "admin", 200},
		{tilePath, "admin", 200},
		{"/tiles/assets/0/5/5.mvt", "admin", 404},
	} {
		t.Run(tc.path+" "+tc.token, func(t *testing.T) {
			hdr := map[string]string{"Accept-Encoding": "identity"}
			get := ts.do(req{Method: "GET", Path: tc.path, Token: tc.token, Header: hdr})
			head := ts.do(req{Method: "HEAD", Path: tc.path, Token: tc.token, Header: hdr})
			if get.Status != tc.status || head.Status != get.Status {
				t.Fatalf("GET %d, HEAD %d, want %d", get.Status, head.Status, tc.status)
			}
			for _, h := range headers {
				g, hd := get.Header.Get(h), head.Header.Get(h)
				if h == "Content-Length" && hd == "" {
					continue // HEAD may leave out what a streamed GET would send
				}
				if g != hd {
					t.Errorf("%s: GET %q, HEAD %q", h, g, hd)
				}
			}
			if n := get.Header.Get("Content-Length"); n != "" && n != strconv.Itoa(len(get.Body)) {
				t.Errorf("GET Content-Length %s for %d bytes", n, len(get.Body))
			}
		})
	}
}

// TestStaticFilesAnswerHEAD covers the web map's files, which openapi.yaml
// describes only as "/".
func TestStaticFilesAnswerHEAD(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	for _, path := range []string{"/app.js", "/style.css", "/vendor/maplibre-gl/maplibre-gl.mjs"} {
		hdr := map[string]string{"Accept-Encoding": "identity"}
		get, head := ts.raw("GET", path, hdr), ts.raw("HEAD", path, hdr)
		if get.Status != 200 || head.Status != 200 || len(head.Body) != 0 {
			t.Errorf("%s: GET %d, HEAD %d with %d bytes", path, get.Status, head.Status, len(head.Body))
			continue
		}
		for _, h := range []string{"Content-Type", "Content-Length", "ETag", "Cache-Control", "Content-Security-Policy"} {
			if get.Header.Get(h) != head.Header.Get(h) {
				t.Errorf("%s %s: GET %q, HEAD %q", path, h, get.Header.Get(h), head.Header.Get(h))
			}
		}
		// A client that takes gzip still learns the file's size.
		zipped := ts.raw("HEAD", path, map[string]string{"Accept-Encoding": "gzip"})
		if zipped.Header.Get("Content-Length") != strconv.Itoa(len(get.Body)) || zipped.Header.Get("Content-Encoding") != "" {
			t.Errorf("%s: HEAD accepting gzip: length %q, encoding %q; the file is %d bytes", path,
				zipped.Header.Get("Content-Length"), zipped.Header.Get("Content-Encoding"), len(get.Body))
		}
	}
}

// TestAllowListsHEAD checks a 405's Allow names HEAD wherever GET is
// served, and only there.
func TestAllowListsHEAD(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	for _, tc := range []struct {
		method, path string
		allow        []string
		noHEAD       bool
	}{
		{"DELETE", "/api/v1/tags", []string{"GET", "HEAD"}, false},
		{"PUT", "/api/v1/assets", []string{"GET", "HEAD", "POST"}, false},
		{"HEAD", "/api/v1/imports", []string{"POST"}, true},
		{"HEAD", "/api/v1/assets/1/rag", []string{"PUT"}, true},
		{"POST", "/ogc/collections", []string{"GET", "HEAD"}, false},
		{"DELETE", "/tiles/assets.json", []string{"GET", "HEAD"}, false},
		{"POST", "/healthz", []string{"GET", "HEAD"}, false},
	} {
		res := ts.do(req{Method: tc.method, Path: tc.path, Token: "admin"})
		allow := res.Header.Get("Allow")
		if res.Status != http.StatusMethodNotAllowed {
			t.Errorf("%s %s: %d, want 405", tc.method, tc.path, res.Status)
			continue
		}
		for _, m := range tc.allow {
			if !strings.Contains(allow, m) {
				t.Errorf("%s %s: Allow %q lacks %s", tc.method, tc.path, allow, m)
			}
		}
		if tc.noHEAD && strings.Contains(allow, "HEAD") {
			t.Errorf("%s %s: Allow %q offers HEAD where GET is not served", tc.method, tc.path, allow)
		}
	}
}
