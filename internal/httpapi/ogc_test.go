package httpapi_test

import (
	"encoding/json"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/httpapi"
)

type ogcLink struct{ Href, Rel, Type, Title string }

type ogcPage struct {
	Type           string       `json:"type"`
	Features       []featureOut `json:"features"`
	NumberReturned int          `json:"numberReturned"`
	NumberMatched  int          `json:"numberMatched"`
	TimeStamp      string       `json:"timeStamp"`
	Links          []ogcLink    `json:"links"`
}

func (p ogcPage) link(rel string) string {
	for _, l := range p.Links {
		if l.Rel == rel {
			return l.Href
		}
	}
	return ""
}

func (p ogcPage) ids() []int64 {
	var out []int64
	for _, f := range p.Features {
		out = append(out, f.ID)
	}
	return out
}

// relPath turns an absolute link back into a path for ts.do.
func relPath(t *testing.T, href string) string {
	t.Helper()
	u, err := url.Parse(href)
	if err != nil || u.Host == "" {
		t.Fatalf("link %q is not absolute", href)
	}
	return u.RequestURI()
}

func TestOGCLandingConformanceAndServiceDesc(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	var landing struct {
		Title string
		Links []ogcLink
	}
	must(t, ts.do(req{Method: "GET", Path: "/ogc", Token: "admin"}), 200).JSON(t, &landing)
	want := map[string]string{"self": "application/json", "service-desc": "application/vnd.oai.openapi+json;version=3.0",
		"service-doc": "text/html", "conformance": "application/json", "data": "application/json"}
	for _, l := range landing.Links {
		if want[l.Rel] == l.Type && strings.HasPrefix(l.Href, ts.URL+"/ogc") {
			delete(want, l.Rel)
		}
	}
	if len(want) > 0 {
		t.Errorf("landing page lacks typed links %v: %+v", want, landing.Links)
	}

	var conf struct{ ConformsTo []string }
	must(t, ts.do(req{Method: "GET", Path: "/ogc/conformance?f=json", Token: "admin"}), 200).JSON(t, &conf)
	for _, c := range []string{"core", "geojson", "oas30"} {
		if !strings.Contains(strings.Join(conf.ConformsTo, " "), "/conf/"+c) {
			t.Errorf("conformance lacks %s: %v", c, conf.ConformsTo)
		}
	}

	// The service description as GDAL asks for it.
	res := must(t, ts.do(req{Method: "GET", Path: "/ogc/api", Token: "admin", Header: map[string]string{
		"Accept": "application/vnd.oai.openapi+json;version=3.0, application/openapi+json;version=3.0, application/json"}}), 200)
	if ct := res.Header.Get("Content-Type"); ct != "application/vnd.oai.openapi+json;version=3.0" {
		t.Errorf("service-desc content type %q", ct)
	}
	var desc struct {
		OpenAPI string `json:"openapi"`
		Servers []struct{ URL string }
		Paths   map[string]map[string]struct {
			Parameters []map[string]any
		}
		Components struct{ Parameters map[string]map[string]any }
	}
	res.JSON(t, &desc)
	if !strings.HasPrefix(desc.OpenAPI, "3.0") || len(desc.Servers) != 1 || desc.Servers[0].URL != "/ogc" {
		t.Errorf("service-desc openapi %q servers %+v", desc.OpenAPI, desc.Servers)
	}
	items, ok := desc.Paths["/collections/assets/items"]["get"]
	if !ok {
		t.Fatalf("service-desc has no /collections/assets/items: %v", desc.Paths)
	}
	var names []string
	for _, p := range items.Parameters {
		if ref, ok := p["$ref"].(string); ok {
			p = desc.Components.Parameters[strings.TrimPrefix(ref, "#/components/parameters/")]
		}
		if p["in"] == "query" {
			names = append(names, p["name"].(string))
		}
	}
	sort.Strings(names)
	if got := strings.Join(names, ","); got != "bbox,bbox-crs,crs,cursor,datetime,f,filter,filter-crs,filter-lang,holding,limit,partner,properties,rag,sortby,tag,tags,tenure" {
		t.Errorf("items query parameters %s", got)
	}
	doc := must(t, ts.do(req{Method: "GET", Path: "/ogc/api.html", Token: "admin"}), 200)
	if !strings.Contains(string(doc.Body), "/collections/assets/items") {
		t.Errorf("service-doc: %.300s", doc.Body)
	}
}

func TestOGCCollection(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	seedFilterEstate(t, ts)
	var cols struct {
		Collections []struct {
			ID, ItemType string
			Extent       struct {
				Spatial  struct{ BBox [][]float64 }
				Temporal struct{ Interval [][]*string }
			}
			Links []ogcLink
		}
	}
	must(t, ts.do(req{Method: "GET", Path: "/ogc/collections", Token: "admin"}), 200).JSON(t, &cols)
	if len(cols.Collections) != 1 || cols.Collections[0].ID != "assets" || cols.Collections[0].ItemType != "feature" {
		t.Fatalf("collections %+v", cols)
	}
	col := cols.Collections[0]
	if bb := col.Extent.Spatial.BBox; len(bb) != 1 || fmt.Sprint(bb[0]) != "[-2.325 52.0925 -1.947 52.21]" {
		t.Errorf("spatial extent %v", bb)
	}
	if iv := col.Extent.Temporal.Interval; len(iv) != 1 || iv[0][0] == nil || iv[0][1] == nil {
		t.Errorf("temporal extent %v", iv)
	}
	var items bool
	for _, l := range col.Links {
		items = items || (l.Rel == "items" && l.Type == "application/geo+json")
	}
	if !items {
		t.Errorf("collection links %+v", col.Links)
	}
	must(t, ts.do(req{Method: "GET", Path: "/ogc/collections/assets", Token: "admin"}), 200)
	ts.do(req{Method: "GET", Path: "/ogc/collections/parcels", Token: "admin"}).Problem(t)
	ts.do(req{Method: "GET", Path: "/ogc/collections/parcels/items", Token: "admin"}).Problem(t)
}

// TestOGCPagingVisitsEveryFeatureOnce follows next to the end, then prev
// back to the start, checking counts and links on the way.
func TestOGCPagingVisitsEveryFeatureOnce(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	const n = 23
	for i := range n {
		ts.create(feature("county", fmt.Sprintf("P%02d", i), -2.2+float64(i)*0.001, 52.19))
	}
	seen := map[int64]int{}
	var pages [][]int64
	path := "/ogc/collections/assets/items?limit=5"
	for path != "" {
		var p ogcPage
		must(t, ts.do(req{Method: "GET", Path: path, Token: "admin"}), 200).JSON(t, &p)
		if p.NumberMatched != n || p.NumberReturned != len(p.Features) || p.TimeStamp == "" {
			t.Fatalf("page %s: matched %d returned %d/%d stamp %q", path, p.NumberMatched, p.NumberReturned, len(p.Features), p.TimeStamp)
		}
		if len(pages) > 0 && p.link("prev") == "" {
			t.Errorf("page %d has no prev link", len(pages))
		}
		if p.link("self") == "" || p.link("alternate") == "" {
			t.Errorf("page links %+v", p.Links)
		}
		for _, id := range p.ids() {
			seen[id]++
		}
		pages = append(pages, p.ids())
		path = ""
		if next := p.link("next"); next != "" {
			path = relPath(t, next)
		}
	}
	if len(seen) != n {
		t.Fatalf("visited %d distinct features of %d", len(seen), n)
	}
	for id, k := range seen {
		if k != 1 {
			t.Errorf("feature %d visited %d times", id, k)
		}
	}
	// From the third page, prev goes back to exactly the second, then the
	// first, which has no prev; next from a page read backwards goes on.
	var p1, p2, p3, back2, back1, fwd ogcPage
	must(t, ts.do(req{Method: "GET", Path: "/ogc/collections/assets/items?limit=5", Token: "admin"}), 200).JSON(t, &p1)
	must(t, ts.do(req{Method: "GET", Path: relPath(t, p1.link("next")), Token: "admin"}), 200).JSON(t, &p2)
	must(t, ts.do(req{Method: "GET", Path: relPath(t, p2.link("next")), Token: "admin"}), 200).JSON(t, &p3)
	must(t, ts.do(req{Method: "GET", Path: relPath(t, p3.link("prev")), Token: "admin"}), 200).JSON(t, &back2)
	must(t, ts.do(req{Method: "GET", Path: relPath(t, back2.link("prev")), Token: "admin"}), 200).JSON(t, &back1)
	if fmt.Sprint(back2.ids()) != fmt.Sprint(pages[1]) || fmt.Sprint(back1.ids()) != fmt.Sprint(pages[0]) {
		t.Errorf("prev pages %v %v, want %v %v", back2.ids(), back1.ids(), pages[1], pages[0])
	}
	if back1.link("prev") != "" {
		t.Errorf("the first page reached backwards still has prev: %s", back1.link("prev"))
	}
	must(t, ts.do(req{Method: "GET", Path: relPath(t, back2.link("next")), Token: "admin"}), 200).JSON(t, &fwd)
	if fmt.Sprint(fwd.ids()) != fmt.Sprint(pages[2]) {
		t.Errorf("next from a page read backwards: %v, want %v", fwd.ids(), pages[2])
	}
}

func TestOGCItemFilters(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	clock := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	ts.setClock(func() time.Time { clock = clock.Add(time.Hour); return clock })
	ids := seedFilterEstate(t, ts) // lib 13:00, depot 14:00, station 15:00, evesham 16:00, field 17:00
	tests := []struct {
		query string
		want  []string
	}{
		{"", []string{"lib", "depot", "station", "evesham", "field"}},
		{"partner=police", []string{"station", "evesham"}},
		{"rag=amber,green", []string{"lib", "depot"}},
		{"holding=land", []string{"field"}},
		{"tenure=leasehold", []string{"depot"}},
		{"tag=surplus&tag=vacant", []string{"depot"}},
		{"bbox=-2.23,52.19,-2.19,52.22", []string{"lib", "depot", "station"}},
		{"bbox=-2.23E0,5.219e1,-219e-2,%2B52.22", []string{"lib", "depot", "station"}},
		{"bbox=-2.23,52.19,-2.19,52.22&partner=county", []string{"lib", "depot"}},
		{"datetime=2026-05-01T14:00:00Z", []string{"depot"}},
		{"datetime=2026-05-01T14:00:00.5Z", []string{"depot"}},
		{"datetime=2026-05-01", []string{"lib", "depot", "station", "evesham", "field"}},
		{"datetime=2026-05-02", nil},
		{"datetime=2026-05-01T14:00:00Z/2026-05-01T16:00:00Z", []string{"depot", "station", "evesham"}},
		{"datetime=../2026-05-01T14:30:00Z", []string{"lib", "depot"}},
		{"datetime=2026-05-01T15:00:00%2B01:00/..", []string{"depot", "station", "evesham", "field"}},
		{"datetime=/2026-05-01T13:00:00Z", []string{"lib"}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			var p ogcPage
			must(t, ts.do(req{Method: "GET", Path: "/ogc/collections/assets/items?" + tt.query, Token: "admin"}), 200).JSON(t, &p)
			var want []int64
			for _, code := range tt.want {
				want = append(want, ids[code])
			}
			sort.Slice(want, func(i, j int) bool { return want[i] < want[j] })
			if fmt.Sprint(p.ids()) != fmt.Sprint(want) && !(len(want) == 0 && len(p.ids()) == 0) {
				t.Errorf("got %v, want %v (%v)", p.ids(), want, tt.want)
			}
			if p.NumberMatched != len(tt.want) {
				t.Errorf("numberMatched %d, want %d", p.NumberMatched, len(tt.want))
			}
		})
	}
}

func TestOGCRefusals(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	seedFilterEstate(t, ts)
	items := "/ogc/collections/assets/items"
	for _, q := range []string{"limit=0", "limit=-1", "limit=ten", "limit=", "limit=1.5", "bbox=1,2,3", "bbox=a,b,c,d",
		"bbox=1,2,3,4,5", "bbox=3,2,1,4", "bbox=NaN,1,2,3", "datetime=yesterday", "datetime=2026-13-01",
		"datetime=../..", "datetime=2026-02-01/2026-01-01", "datetime=", "rag=purple", "cursor=xyz",
		"color=red", "f=xml", "q=library"} {
		t.Run(q, func(t *testing.T) {
			p := ts.do(req{Method: "GET", Path: items + "?" + q, Token: "admin"}).Problem(t)
			if p.Status != 400 {
				t.Errorf("status %d: %+v", p.Status, p)
			}
		})
	}
	// Above the maximum is served as the maximum, not refused.
	var p ogcPage
	must(t, ts.do(req{Method: "GET", Path: items + "?limit=1000000", Token: "admin"}), 200).JSON(t, &p)
	if p.NumberReturned != 5 {
		t.Errorf("clamped limit returned %d", p.NumberReturned)
	}
	must(t, ts.do(req{Method: "GET", Path: items + "?f=json", Token: "admin"}), 200)
	if p := ts.do(req{Method: "GET", Path: items, Token: "admin", Header: map[string]string{"Accept": "image/png"}}).Problem(t); p.Status != 406 {
		t.Errorf("Accept image/png: %+v", p)
	}
	for _, path := range []string{items + "/999999", items + "/abc", items + "/0"} {
		if p := ts.do(req{Method: "GET", Path: path, Token: "admin"}).Problem(t); p.Status != 404 {
			t.Errorf("%s: %+v", path, p)
		}
	}
	// CORS headers on errors too.
	res := ts.do(req{Method: "GET", Path: items + "?limit=0", Token: "admin", Header: map[string]string{"Origin": "https://maps.example"}})
	if res.Status != 400 || res.Header.Get("Access-Control-Allow-Origin") == "" {
		t.Errorf("error without CORS: %d %v", res.Status, res.Header)
	}
}

func TestOGCAccessRules(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	ids := seedFilterEstate(t, ts)
	f := feature("police", "SECRET", -2.2, 52.2)
	f["properties"].(map[string]any)["sensitive"] = true
	secret := ts.create(f).ID
	items := "/ogc/collections/assets/items"
	ts.do(req{Method: "GET", Path: items}).Problem(t) // 401: the register is not public
	if p := ts.do(req{Method: "GET", Path: "/ogc"}).Problem(t); p.Status != 401 {
		t.Errorf("anonymous landing page: %+v", p)
	}
	count := func(token string) (int, map[string]any) {
		var p ogcPage
		must(t, ts.do(req{Method: "GET", Path: items, Token: token}), 200).JSON(t, &p)
		for _, f := range p.Features {
			if f.ID == ids["lib"] {
				return p.NumberMatched, f.Properties
			}
		}
		return p.NumberMatched, nil
	}
	if n, _ := count("county-viewer"); n != 5 {
		t.Errorf("county viewer sees %d", n)
	}
	if n, _ := count("police-viewer"); n != 6 {
		t.Errorf("police viewer sees %d", n)
	}
	ts.do(req{Method: "GET", Path: items + "/" + itoa(secret), Token: "county-viewer"}).Problem(t)
	must(t, ts.do(req{Method: "GET", Path: items + "/" + itoa(secret), Token: "police-viewer"}), 200)

	public := newTestServer(t, httpapi.Config{PublicRead: true})
	public.create(feature("county", "PUB", -2.2, 52.2))
	var p ogcPage
	must(t, public.do(req{Method: "GET", Path: items}), 200).JSON(t, &p)
	if len(p.Features) != 1 || p.Features[0].Properties["market_value_gbp"] != nil {
		t.Errorf("public page shows money or nothing: %+v", p.Features)
	}
	var one featureOut
	must(t, public.do(req{Method: "GET", Path: items + "/" + itoa(p.Features[0].ID)}), 200).JSON(t, &one)
	if one.Properties["market_value_gbp"] != nil || one.Properties["tags"] == nil {
		t.Errorf("public feature %+v", one.Properties)
	}
}

func TestOGCResponsesAreGeoJSON(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	f := feature("county", "FP", -2.2, 52.2)
	// A clockwise exterior ring: served counter-clockwise, per RFC 7946.
	f["properties"].(map[string]any)["footprint"] = map[string]any{"type": "Polygon", "coordinates": [][][]float64{
		{{-2.2, 52.2}, {-2.2, 52.2001}, {-2.1999, 52.2001}, {-2.1999, 52.2}, {-2.2, 52.2}}}}
	id := ts.create(f).ID
	res := must(t, ts.do(req{Method: "GET", Path: "/ogc/collections/assets/items", Token: "admin"}), 200)
	if ct := res.Header.Get("Content-Type"); ct != "application/geo+json" {
		t.Errorf("content type %q", ct)
	}
	var raw map[string]json.RawMessage
	res.JSON(t, &raw)
	if _, ok := raw["crs"]; ok {
		t.Error("collection has a crs member")
	}
	want := `[[[-2.2,52.2],[-2.1999,52.2],[-2.1999,52.2001],[-2.2,52.2001],[-2.2,52.2]]]`
	if !strings.Contains(string(res.Body), want) {
		t.Errorf("footprint not wound counter-clockwise: %s", res.Body)
	}
	one := must(t, ts.do(req{Method: "GET", Path: "/ogc/collections/assets/items/" + itoa(id) + "?f=json", Token: "admin"}), 200)
	if ct := one.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("f=json content type %q", ct)
	}
}
