package httpapi_test

import (
	"cmp"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/httpapi"
)

// sortEstate seeds seedFilterEstate's five assets and eight more, so
// that each rating and partner has runs of several assets.
func sortEstate(t *testing.T, ts *testServer) {
	seedFilterEstate(t, ts)
	for i, rag := range []string{"red", "amber", "red", "unrated", "green", "red", "amber", "unrated"} {
		f := feature([]string{"county", "police"}[i*3%2], "S"+itoa(int64(i)), -2.2+0.01*float64(i), 52.19)
		p := f["properties"].(map[string]any)
		if p["rag"] = rag; rag != "unrated" {
			p["rag_rationale"] = "Reviewed"
		}
		ts.create(f)
	}
}

// sortedWant lists the ids of all sorted by key (desc when -), then id.
func sortedWant(all []featureOut, key string, desc bool) []int64 {
	fs := slices.Clone(all)
	slices.SortFunc(fs, func(a, b featureOut) int {
		c := cmp.Compare(a.ID, b.ID)
		if key != "id" {
			c = cmp.Or(strings.Compare(a.Properties[key].(string), b.Properties[key].(string)), c)
		}
		if desc {
			return -c
		}
		return c
	})
	return ogcPage{Features: fs}.ids()
}

// TestOGCSortby pages through the items sorted each way the sortables
// allow, following next to the end and prev back to the start, each
// link keeping sortby, with filters, and compares with a Go sort.
func TestOGCSortby(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	sortEstate(t, ts)
	get := func(path string) ogcPage {
		t.Helper()
		var p ogcPage
		must(t, ts.do(req{Method: "GET", Path: path, Token: "admin"}), 200).JSON(t, &p)
		return p
	}
	for _, tt := range []struct {
		sortby, key string
		desc        bool
		query       string // more parameters
		keep        func(featureOut) bool
	}{
		{"rag", "rag", false, "", nil},
		{"-rag", "rag", true, "", nil},
		{"%2Bpartner,%2Bid", "partner", false, "", nil},
		{"-partner", "partner", true, "", nil},
		{"-id", "id", true, "", nil},
		{"+rag", "rag", false, "", nil}, // a + not encoded: a space
		{"-rag,-id", "rag", true, "&partner=police", func(f featureOut) bool { return f.Properties["partner"] == "police" }},
		{"partner", "partner", false, "&filter=" + url.QueryEscape("rag <> 'red'"),
			func(f featureOut) bool { return f.Properties["rag"] != "red" }},
	} {
		t.Run(tt.sortby+tt.query, func(t *testing.T) {
			all := get("/ogc/collections/assets/items?limit=1000").Features
			all = slices.DeleteFunc(all, func(f featureOut) bool { return tt.keep != nil && !tt.keep(f) })
			want := sortedWant(all, tt.key, tt.desc)
			var fwd []int64
			path, last := "/ogc/collections/assets/items?limit=3&sortby="+tt.sortby+tt.query, ""
			for i := 0; path != "" && i < 20; i++ {
				p := get(path)
				fwd = append(fwd, p.ids()...)
				for _, rel := range []string{"self", "next", "prev"} {
					if l := p.link(rel); l != "" && !strings.Contains(l, "sortby=") {
						t.Errorf("%s link %s loses sortby", rel, l)
					}
				}
				last, path = path, ""
				if l := p.link("next"); l != "" {
					path = relPath(t, l)
				}
			}
			if !slices.Equal(fwd, want) {
				t.Fatalf("forwards %v, want %v", fwd, want)
			}
			// Back from the last page (an empty one after a full page).
			var back []int64
			p := get(last)
			for i := 0; i < 20; i++ {
				back = append(slices.Clone(p.ids()), back...)
				l := p.link("prev")
				if l == "" {
					break
				}
				p = get(relPath(t, l))
			}
			if !slices.Equal(back, want) {
				t.Errorf("backwards %v, want %v", back, want)
			}
		})
	}
}

// TestOGCSortbyRefused: sortby names a sortable (listed in the answer),
// in the one shape a keyset page allows; a cursor keeps its order.
func TestOGCSortbyRefused(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	sortEstate(t, ts)
	for _, q := range []string{"sortby=name", "sortby=updated_at", "sortby=-market_value_gbp", "sortby=rag,-id",
		"sortby=rag,partner", "sortby=id,rag", "sortby=", "sortby=--rag", "sortby=rag,", "sortby=rag&sortby=id", "sortby=+-rag"} {
		res := ts.do(req{Method: "GET", Path: "/ogc/collections/assets/items?" + q, Token: "admin"})
		if res.Status != 400 {
			t.Errorf("%s: status %d", q, res.Status)
			continue
		}
		p := res.Problem(t)
		if len(p.Errors) == 0 || p.Errors[0].Field != "sortby" {
			t.Errorf("%s: %+v, want sortby named", q, p)
		}
		if q != "sortby=rag&sortby=id" && !strings.Contains(p.Errors[0].Message, "id, rag") {
			t.Errorf("%s: %q lists no sortables", q, p.Errors[0].Message)
		}
	}
	var p ogcPage
	must(t, ts.do(req{Method: "GET", Path: "/ogc/collections/assets/items?limit=2&sortby=-rag", Token: "admin"}), 200).JSON(t, &p)
	next, err := url.Parse(p.link("next"))
	if err != nil || next.Query().Get("cursor") == "" {
		t.Fatalf("next %q", p.link("next"))
	}
	for _, q := range []string{"sortby=rag", "sortby=-partner", ""} {
		path := "/ogc/collections/assets/items?cursor=" + next.Query().Get("cursor") + "&" + q
		res := ts.do(req{Method: "GET", Path: path, Token: "admin"})
		if pr := res.Problem(t); res.Status != 400 || len(pr.Errors) == 0 || pr.Errors[0].Field != "cursor" {
			t.Errorf("%s: %d %+v, want cursor refused", q, res.Status, pr)
		}
	}
}

// TestOGCSortables: the sortables resource lists id, rag and partner as
// a JSON Schema, and the collection links to it.
func TestOGCSortables(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	res := must(t, ts.do(req{Method: "GET", Path: "/ogc/collections/assets/sortables", Token: "admin"}), 200)
	if ct := res.Header.Get("Content-Type"); ct != "application/schema+json" {
		t.Errorf("content type %q", ct)
	}
	var doc struct {
		ID         string `json:"$id"`
		Type       string
		Properties map[string]struct{ Type, Title string }
	}
	res.JSON(t, &doc)
	var keys []string
	for k, p := range doc.Properties {
		if p.Title != k || p.Type == "" {
			t.Errorf("%s: %+v", k, p)
		}
		keys = append(keys, k)
	}
	if slices.Sort(keys); !slices.Equal(keys, []string{"id", "partner", "rag"}) || doc.Type != "object" ||
		doc.ID != ts.URL+"/ogc/collections/assets/sortables" {
		t.Errorf("sortables %+v", doc)
	}
	var col struct{ Links []ogcLink }
	must(t, ts.do(req{Method: "GET", Path: "/ogc/collections/assets", Token: "admin"}), 200).JSON(t, &col)
	if !slices.ContainsFunc(col.Links, func(l ogcLink) bool {
		return l.Rel == "http://www.opengis.net/def/rel/ogc/1.0/sortables" && l.Href == ts.URL+"/ogc/collections/assets/sortables"
	}) {
		t.Errorf("no sortables link: %+v", col.Links)
	}
	// The HTML page pages by sortby too.
	html := must(t, ts.do(req{Method: "GET", Path: "/ogc/collections/assets/items?f=html&limit=1&sortby=-partner", Token: "admin"}), 200)
	if !strings.Contains(string(html.Body), "sortby=-partner") {
		t.Errorf("the HTML page's links lose sortby")
	}
}
