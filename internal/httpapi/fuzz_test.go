package httpapi_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/placetrust/placetrust"
	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/httpapi"
	"github.com/placetrust/placetrust/internal/insight"
	"github.com/placetrust/placetrust/internal/register"
	"github.com/placetrust/placetrust/internal/sqlite"
)

// fuzzServer is the real handler over a real database holding one asset
// (id 1), called in-process so the fuzzer can run thousands of requests a
// second. It returns the handler, an admin token and the database.
func fuzzServer(f *testing.F) (http.Handler, string, *sqlite.DB) {
	db, err := sqlite.Open(context.Background(), filepath.Join(f.TempDir(), "fuzz.db"))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { db.Close() })
	ctx := estate.NewContextWithActor(context.Background(), estate.Actor{Name: "fuzz", Role: estate.RoleAdmin})
	svc := newServices(db, estate.GreatBritain)
	if err := svc.Partners.CreatePartner(ctx, &estate.Partner{ID: "county", Name: "County", Kind: estate.KindCountyCouncil}); err != nil {
		f.Fatal(err)
	}
	secret, err := svc.Tokens.CreateToken(ctx, &estate.Token{Name: "fuzz-admin", Role: estate.RoleAdmin})
	if err != nil {
		f.Fatal(err)
	}
	a := &estate.Asset{Partner: "county", AssetCode: "P", Name: "Patched", Location: estate.Point{Lon: -2.2, Lat: 52.2},
		Tags: []string{"hub"}, MarketValueGBP: ptr[int64](100000)}
	if err := svc.Assets.CreateAsset(ctx, a); err != nil {
		f.Fatal(err)
	}
	reg := register.New(svc.Feed) // the tiles' and the analyses' one copy
	// httptest.NewRequest names example.com and comes over no connection.
	srv := httpapi.New(httpapi.Config{RatePerSecond: -1, AllowedHosts: []string{"example.com"}}, httpapi.Services{
		Services: *svc, Analyses: insight.New(reg, false), Register: reg, Spec: placetrust.OpenAPI,
	})
	return srv, secret, db
}

func serve(h http.Handler, method, target, token, body string, header map[string]string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, "/", strings.NewReader(body))
	// The fuzzer's text becomes the raw path and query, as a client could send it.
	r.RequestURI = target
	path, query, _ := strings.Cut(target, "?")
	r.URL.Path, r.URL.RawQuery = path, query
	r.Header.Set("Authorization", "Bearer "+token)
	r.Header.Set("Content-Type", "application/json")
	for k, v := range header {
		r.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func checkNo5xx(t *testing.T, w *httptest.ResponseRecorder, what string) {
	t.Helper()
	if w.Code >= 500 {
		t.Fatalf("%s: status %d: %.500s", what, w.Code, w.Body)
	}
	if w.Code >= 400 && w.Header().Get("Content-Type") != "application/problem+json" {
		t.Fatalf("%s: status %d without problem+json: %.500s", what, w.Code, w.Body)
	}
}

// FuzzCreateAsset feeds the GeoJSON asset decoder through POST.
func FuzzCreateAsset(f *testing.F) {
	h, token, _ := fuzzServer(f)
	f.Add(`{"type":"Feature","geometry":{"type":"Point","coordinates":[-2.2,52.2]},"properties":{"partner":"county","asset_code":"A","name":"N"}}`)
	f.Add(`{"type":"Feature","geometry":{"type":"Point","coordinates":[52.2,-2.2]},"properties":{"partner":"county","asset_code":"B","name":"N","footprint":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}}`)
	f.Add(`{"type":"Feature","geometry":null,"properties":{"gia_m2":1e400,"occupiers":[{"partner":"county","area_m2":-1}]}}`)
	f.Add(`{"properties":{"tags":["a",null],"uprn":"0001"},"geometry":{"type":"Point","coordinates":[]}}`)
	f.Add(`{"type":"Feature","geometry":{"type":"LineString","coordinates":[[-2.2,52.2],[-2.1,52.3]]},"properties":{}}`)
	f.Fuzz(func(t *testing.T, body string) {
		checkNo5xx(t, serve(h, "POST", "/api/v1/assets", token, body, nil), "create")
	})
}

// FuzzPatchAsset feeds merge patches through PATCH. Each input is sent
// with the asset's current ETag, so every one reaches the merge-patch
// code however earlier inputs changed the asset; the fuzzed If-Match is
// tried too, on its own request. A refused patch must leave the asset
// exactly as it was.
func FuzzPatchAsset(f *testing.F) {
	h, token, _ := fuzzServer(f)
	f.Add(`{"properties":{"name":"x","notes":null}}`, `"1"`)
	f.Add(`{"geometry":{"type":"Point","coordinates":[1,2,3]}}`, `"1"`)
	f.Add(`{"properties":{"footprint":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]]]}}}`, `W/"1"`)
	f.Add(`{"id":null,"type":null}`, `*`)
	f.Add(`[]`, ``)
	f.Add(`{"properties":{"tags":["a","b"],"market_value_gbp":12345678901234567890}}`, `"999999999999999999999"`)
	f.Add(`{"properties":{"occupiers":[{"partner":"county","area_m2":1e308}],"rag":"green"}}`, `"1", "2"`)
	f.Fuzz(func(t *testing.T, patch, ifMatch string) {
		get := func() *httptest.ResponseRecorder {
			w := serve(h, "GET", "/api/v1/assets/1", token, "", nil)
			if w.Code != 200 {
				t.Fatalf("asset 1: %d %s", w.Code, w.Body)
			}
			return w
		}
		before := get()
		w := serve(h, "PATCH", "/api/v1/assets/1", token, patch, map[string]string{"If-Match": before.Header().Get("ETag")})
		checkNo5xx(t, w, "patch")
		if w.Code != 200 {
			if after := get(); after.Body.String() != before.Body.String() {
				t.Fatalf("refused patch (%d) changed the asset:\n%s\n->\n%s", w.Code, before.Body, after.Body)
			}
		} else if w.Header().Get("ETag") == "" {
			t.Fatal("patched asset without ETag")
		}
		checkNo5xx(t, serve(h, "PATCH", "/api/v1/assets/1", token, patch, map[string]string{"If-Match": ifMatch}), "patch with fuzzed If-Match")
	})
}

// queryRoutes are every route that parses query parameters, with the
// method and body each needs.
var queryRoutes = []struct{ method, path, body string }{
	{"GET", "/api/v1/assets", ""},
	{"GET", "/api/v1/assets/1", ""},
	{"GET", "/api/v1/assets/1/history", ""},
	{"GET", "/api/v1/assets/1/nearby", ""},
	{"GET", "/api/v1/partners", ""},
	{"GET", "/api/v1/tokens", ""},
	{"GET", "/api/v1/audit", ""},
	{"GET", "/api/v1/trust", ""},
	{"GET", "/api/v1/analyses/receipts", ""},
	{"GET", "/api/v1/analyses/colocation", ""},
	{"GET", "/api/v1/exports/assets.geojson", ""},
	{"GET", "/api/v1/exports/assets.csv", ""},
	{"GET", "/ogc/collections/assets/items", ""},
	{"GET", "/ogc/collections/assets/items/1", ""},
	{"GET", "/ogc/collections/assets", ""},
	{"GET", "/tiles/assets.json", ""},
	{"GET", "/tiles/assets/10/505/337.mvt", ""},
	{"POST", "/api/v1/imports", "OrganisationLabel,AssetCode,PropertyName,GeoX,GeoY\r\nCounty,F-1,Fuzz,-2.2,52.2\r\n"},
}

// many joins n values made by prefix, for seeds with long lists.
func many(prefix string, n int) string {
	vs := make([]string, n)
	for i := range vs {
		vs[i] = prefix + strconv.Itoa(i)
	}
	return strings.Join(vs, ",")
}

// FuzzListQuery feeds every query-parameter parser through the real
// server: REST lists and reads, analyses, exports, OGC items, tiles,
// imports and the audit trail. None may answer 5xx or panic.
func FuzzListQuery(f *testing.F) {
	h, token, _ := fuzzServer(f)
	for _, q := range []string{
		"bbox=-2.3,52.1,-2.1,52.3&limit=5", "near=-2.2,52.2&within=400", "rag=red,green&tag=a,b&q=lib%25_",
		"cursor=aWQ6MTA", "limit=1e3", "bbox=1e308,-1e308,1e308,1e308", "uprn=000000000001&holding=land",
		"within=NaN&near=Inf,0", "q=" + strings.Repeat("x", 300), "%zz=1",
		"datetime=2026-01-01T00:00:00Z/..&f=json", "partner=county&format=geojson&dry_run=true",
		"p_green=2&haircut_low=-1&group_by=town", "distance=1e9&min_partners=0", "entity=token&id=1",
		"preset=none&delimiter=;;&map=AssetCode=REF", "limit=0&cursor=aWQ6LTE",
		// Long lists: SQLite refuses more than 32,766 variables or a deep
		// expression, which must become 400s, not 500s.
		"tag=" + many("t", 3000), "partner=" + many("p", 33000), "rag=" + strings.Repeat("red,", 30000),
		"tenure=" + strings.Repeat("freehold&tenure=", 2000) + "x",
	} {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, query string) {
		for _, r := range queryRoutes {
			path := r.path
			if r.method == "POST" {
				// An import needs a partner; the fuzzed query may add more.
				path += "?partner=county&dry_run=true&" + query
			} else {
				path += "?" + query
			}
			hdr := map[string]string{}
			if r.method == "POST" {
				hdr["Content-Type"] = "text/csv"
			}
			checkNo5xx(t, serve(h, r.method, path, token, r.body, hdr), r.method+" "+r.path)
		}
	})
}

// FuzzTilePath feeds the tile path parser: zoom, column and row as a
// client could spell them.
func FuzzTilePath(f *testing.F) {
	h, token, _ := fuzzServer(f)
	for _, s := range [][3]string{{"10", "505", "337.mvt"}, {"0", "0", "0.mvt"}, {"-1", "0", "0.mvt"}, {"30", "1073741823", "1.mvt"},
		{"99999999999999999999", "1", "1.mvt"}, {"10", "505", "337.png"}, {"1", "2", "2.mvt"}, {"1", "", ".mvt"}, {"0x1", "+1", "1e2.mvt"}} {
		f.Add(s[0], s[1], s[2])
	}
	f.Fuzz(func(t *testing.T, z, x, y string) {
		path := "/tiles/assets/" + url.PathEscape(z) + "/" + url.PathEscape(x) + "/" + url.PathEscape(y)
		w := serve(h, "GET", path, token, "", nil)
		if w.Code >= 500 {
			t.Fatalf("%s: status %d: %.300s", path, w.Code, w.Body)
		}
	})
}
