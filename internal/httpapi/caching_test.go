package httpapi_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/httpapi"
)

// hasToken reports whether a comma-separated header value such as Vary
// or Cache-Control holds tok (case-insensitively), across repeated
// header lines.
func hasToken(h http.Header, name, tok string) bool {
	for _, line := range h.Values(name) {
		for _, v := range strings.Split(line, ",") {
			if strings.EqualFold(strings.TrimSpace(v), tok) {
				return true
			}
		}
	}
	return false
}

// TestStaticFilesValidate checks the map's files carry a content-hash
// ETag and are revalidated, so a reload costs a 304 and not, for
// MapLibre, 1.1 MB again.
func TestStaticFilesValidate(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	tags := map[string]string{}
	for _, path := range []string{"/", "/app.js", "/js/api.js", "/style.css", "/vendor/maplibre-gl/maplibre-gl.mjs",
		"/vendor/maplibre-gl/maplibre-gl-worker.mjs", "/data/outlines.geojson"} {
		res := ts.raw("GET", path, nil)
		tag := res.Header.Get("ETag")
		if res.Status != 200 || len(tag) < 10 || !strings.HasPrefix(tag, `"`) || !hasToken(res.Header, "Cache-Control", "no-cache") {
			t.Errorf("%s: %d, ETag %q, Cache-Control %q", path, res.Status, tag, res.Header.Get("Cache-Control"))
			continue
		}
		for other, seen := range tags {
			if seen == tag {
				t.Errorf("%s and %s share the ETag %s", path, other, tag)
			}
		}
		tags[path] = tag
		for _, inm := range []string{tag, "W/" + tag, `"x", ` + tag} {
			again := ts.raw("GET", path, map[string]string{"If-None-Match": inm})
			if again.Status != http.StatusNotModified || len(again.Body) != 0 || again.Header.Get("ETag") != tag {
				t.Errorf("%s with If-None-Match %s: %d, %d bytes, ETag %q", path, inm, again.Status, len(again.Body), again.Header.Get("ETag"))
			}
		}
		if stale := ts.raw("GET", path, map[string]string{"If-None-Match": `"stale"`}); stale.Status != 200 {
			t.Errorf("%s with a stale ETag: %d", path, stale.Status)
		}
	}
	if got := ts.raw("GET", "/index.html", nil).Header.Get("ETag"); got != tags["/"] {
		t.Errorf("/index.html ETag %q, / %q", got, tags["/"])
	}
	// Directories are not listed, and never bounce between slash forms.
	if res := ts.raw("GET", "/js", nil); res.Status != 404 {
		t.Errorf("/js: %d", res.Status)
	}
}

// TestTileETags checks a tile's ETag follows the register version and
// who asks (the public, and each partner, see different sensitive
// assets), that a matching If-None-Match is 304, and that a signed-in
// caller's tile is for the browser's cache only.
func TestTileETags(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{PublicRead: true})
	seedFilterEstate(t, ts)
	f := feature("county", "HIDDEN", -2.2212, 52.1931)
	f["properties"].(map[string]any)["sensitive"] = true
	hidden := ts.create(f)
	path := tilePath(14)
	get := func(token, inm string) *response {
		t.Helper()
		r := req{Method: "GET", Path: path, Token: token}
		if inm != "" {
			r.Header = map[string]string{"If-None-Match": inm}
		}
		return ts.do(r)
	}
	tags := map[string]string{}
	for _, who := range []string{"", "county-viewer", "county-editor", "police-viewer", "admin"} {
		res := must(t, get(who, ""), 200)
		tag := res.Header.Get("ETag")
		if tag == "" || !hasToken(res.Header, "Vary", "Authorization") || !hasToken(res.Header, "Cache-Control", "no-cache") ||
			hasToken(res.Header, "Cache-Control", "private") != (who != "") {
			t.Errorf("%q: ETag %q, Vary %q, Cache-Control %q", who, tag, res.Header.Values("Vary"), res.Header.Get("Cache-Control"))
		}
		tags[who] = tag
		if again := get(who, tag); again.Status != http.StatusNotModified || len(again.Body) != 0 || again.Header.Get("ETag") != tag {
			t.Errorf("%q with its ETag: %d, ETag %q", who, again.Status, again.Header.Get("ETag"))
		}
	}
	// The county sees its hidden asset; the public and the police do not.
	if tags[""] == tags["county-viewer"] || tags["police-viewer"] == tags["county-viewer"] || tags["admin"] == tags[""] {
		t.Errorf("bodies differ but ETags do not: %v", tags)
	}
	// Staff of one partner see the same tile, whatever their role.
	if tags["county-viewer"] != tags["county-editor"] {
		t.Errorf("same view, ETags %q and %q", tags["county-viewer"], tags["county-editor"])
	}
	if res := get("police-viewer", tags["county-viewer"]); res.Status != 200 {
		t.Errorf("police with the county's ETag: %d, want the police's own tile", res.Status)
	}
	// An edit moves the register on: the old ETag no longer matches.
	must(t, ts.do(req{Method: "PATCH", Path: "/api/v1/assets/" + itoa(hidden.ID), Token: "admin",
		Body: map[string]any{"properties": map[string]any{"name": "Renamed"}}, Header: map[string]string{"If-Match": `"1"`}}), 200)
	res := must(t, get("county-viewer", tags["county-viewer"]), 200)
	if res.Header.Get("ETag") == tags["county-viewer"] {
		t.Errorf("ETag %q unchanged by an edit", res.Header.Get("ETag"))
	}
	// An empty tile is validated too.
	empty := must(t, ts.do(req{Method: "GET", Path: "/tiles/assets/14/0/0.mvt"}), 204)
	if tag := empty.Header.Get("ETag"); tag == "" {
		t.Errorf("empty tile ETag %q", tag)
	}
}

// TestAssetETagsByRepresentation checks the public's asset (no money) and
// a signed-in reader's (with money) have different ETags, so no cache
// answers one with the other; that signed-in answers are private; and
// that If-Match takes the writer's ETag and refuses the public's with 412.
func TestAssetETagsByRepresentation(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{PublicRead: true})
	a := ts.create(feature("county", "MONEY-1", -2.22, 52.19))
	rest := "/api/v1/assets/" + itoa(a.ID)
	ogc := "/ogc/collections/assets/items/" + itoa(a.ID)
	tagOf := func(path, token string) (string, *response) {
		t.Helper()
		res := must(t, ts.do(req{Method: "GET", Path: path, Token: token}), 200)
		if !hasToken(res.Header, "Vary", "Authorization") {
			t.Errorf("%s as %q: Vary %q", path, token, res.Header.Values("Vary"))
		}
		if private := hasToken(res.Header, "Cache-Control", "private"); private != (token != "") {
			t.Errorf("%s as %q: Cache-Control %q", path, token, res.Header.Get("Cache-Control"))
		}
		return res.Header.Get("ETag"), res
	}
	pub, pubRes := tagOf(rest, "")
	full, fullRes := tagOf(rest, "county-viewer")
	if strings.Contains(string(pubRes.Body), "market_value_gbp") || !strings.Contains(string(fullRes.Body), "market_value_gbp") {
		t.Fatal("money shown to the public or hidden from a partner")
	}
	if full != `"1"` || pub == full || pub == "" {
		t.Errorf("ETags: public %q, signed in %q", pub, full)
	}
	// Another partner's staff see it without notes or the rater: a third
	// representation, which If-Match refuses.
	others, othersRes := tagOf(rest, "police-viewer")
	if !strings.Contains(string(othersRes.Body), "market_value_gbp") || others == full || others == pub || others == "" {
		t.Errorf("ETags: other partner %q, owner %q, public %q", others, full, pub)
	}
	if res := ts.do(req{Method: "GET", Path: rest, Token: "police-viewer", Header: map[string]string{"If-None-Match": full}}); res.Status != 200 {
		t.Errorf("other partner with the owner's ETag: %d, want 200", res.Status)
	}
	if res := ts.do(req{Method: "PATCH", Path: rest, Token: "county-editor", Body: map[string]any{"properties": map[string]any{"notes": "x"}},
		Header: map[string]string{"If-Match": others, "Content-Type": "application/merge-patch+json"}}); res.Status != 412 {
		t.Errorf("If-Match with another partner's view's ETag: %d, want 412", res.Status)
	}
	// A validator from one representation never gets a 304 for the other.
	for _, tc := range []struct{ token, inm string }{{"", full}, {"county-viewer", pub}} {
		if res := ts.do(req{Method: "GET", Path: rest, Token: tc.token, Header: map[string]string{"If-None-Match": tc.inm}}); res.Status != 200 {
			t.Errorf("as %q with If-None-Match %s: %d, want 200", tc.token, tc.inm, res.Status)
		}
	}
	for _, tc := range []struct{ token, inm string }{{"", pub}, {"county-viewer", full}, {"county-viewer", `"0", ` + full}, {"county-viewer", "W/" + full}} {
		if res := ts.do(req{Method: "GET", Path: rest, Token: tc.token, Header: map[string]string{"If-None-Match": tc.inm}}); res.Status != 304 {
			t.Errorf("as %q with If-None-Match %s: %d, want 304", tc.token, tc.inm, res.Status)
		}
	}
	// The OGC item: public and signed in differ, and so do its formats.
	ogcPub, _ := tagOf(ogc, "")
	ogcFull, _ := tagOf(ogc, "county-viewer")
	ogcJSON, _ := tagOf(ogc+"?f=json", "county-viewer")
	if ogcPub == ogcFull || ogcJSON == ogcFull || ogcPub == "" || ogcJSON == "" {
		t.Errorf("OGC ETags: public %q, signed in %q, f=json %q", ogcPub, ogcFull, ogcJSON)
	}
	accept := ts.do(req{Method: "GET", Path: ogc, Token: "county-viewer", Header: map[string]string{"Accept": "application/json"}})
	if accept.Header.Get("ETag") != ogcJSON || !hasToken(accept.Header, "Vary", "Accept") {
		t.Errorf("OGC item by Accept: ETag %q, Vary %q", accept.Header.Get("ETag"), accept.Header.Values("Vary"))
	}
	if res := ts.do(req{Method: "GET", Path: ogc, Token: "county-viewer", Header: map[string]string{"If-None-Match": ogcFull}}); res.Status != 304 {
		t.Errorf("OGC item with its ETag: %d", res.Status)
	}

	// Writing: the public's ETag names no version a writer sees (412 with
	// the current ETag, nothing written); the writer's own works.
	patch := func(ifMatch string) *response {
		return ts.do(req{Method: "PATCH", Path: rest, Token: "county-editor", Header: map[string]string{"If-Match": ifMatch},
			Body: map[string]any{"properties": map[string]any{"name": "Renamed"}}})
	}
	before := ts.snapshot()
	for _, tag := range []string{pub, ogcJSON} {
		res := patch(tag)
		if p := res.Problem(t); p.Status != 412 || p.Version != 1 || res.Header.Get("ETag") != full {
			t.Errorf("If-Match %s: %+v, ETag %q", tag, p, res.Header.Get("ETag"))
		}
	}
	if ts.snapshot() != before {
		t.Error("a refused write changed the database")
	}
	if res := must(t, patch(full), 200); res.Header.Get("ETag") != `"2"` {
		t.Errorf("after the write: ETag %q", res.Header.Get("ETag"))
	}
}

// TestMoneyAnswersArePrivate checks every answer that can carry money or
// sensitive assets keeps out of shared caches, and register answers say
// they depend on who asks.
func TestMoneyAnswersArePrivate(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{PublicRead: true})
	ts.create(feature("county", "MONEY-2", -2.22, 52.19))
	for _, tc := range []struct {
		method, path, token string
		private             bool
	}{
		{"GET", "/api/v1/assets", "county-viewer", true},
		{"GET", "/api/v1/assets", "", false},
		{"GET", "/ogc/collections/assets/items", "county-viewer", true},
		{"GET", "/api/v1/exports/assets.csv", "admin", true},
		{"GET", "/api/v1/partners", "admin", true},
		// With --public-money the analyses carry money to anyone.
		{"GET", "/api/v1/trust", "", true},
		{"GET", "/api/v1/analyses/receipts", "", true},
		{"POST", "/api/v1/analyses/colocation", "", true},
		{"GET", "/api/v1/trust", "admin", true},
	} {
		r := req{Method: tc.method, Path: tc.path, Token: tc.token}
		if tc.method == "POST" {
			r.Body = map[string]any{}
		}
		res := must(t, ts.do(r), 200)
		if hasToken(res.Header, "Cache-Control", "private") != tc.private || !hasToken(res.Header, "Cache-Control", "no-cache") ||
			!hasToken(res.Header, "Vary", "Authorization") {
			t.Errorf("%s %s as %q: Cache-Control %q, Vary %q", tc.method, tc.path, tc.token,
				res.Header.Get("Cache-Control"), res.Header.Values("Vary"))
		}
	}
}
