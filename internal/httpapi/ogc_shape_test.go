package httpapi_test

import (
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/httpapi"
)

// TestOGCConformanceAndCRSs holds the conformance classes to exactly
// those implemented, and the collection to the CRSs it serves.
func TestOGCConformanceAndCRSs(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	var conf struct{ ConformsTo []string }
	must(t, ts.do(req{Method: "GET", Path: "/ogc/conformance", Token: "admin"}), 200).JSON(t, &conf)
	want := []string{
		"http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators",
		"http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2",
		"http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions",
		"http://www.opengis.net/spec/cql2/1.0/conf/cql2-json",
		"http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
		"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
		"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
		"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
		"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
		"http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
		"http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter",
		"http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
		"http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
		"http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters",
	}
	if slices.Sort(conf.ConformsTo); !slices.Equal(conf.ConformsTo, want) {
		t.Errorf("conformsTo %v", conf.ConformsTo)
	}
	var col struct {
		CRS        []string
		StorageCRS string `json:"storageCrs"`
		Links      []ogcLink
	}
	must(t, ts.do(req{Method: "GET", Path: "/ogc/collections/assets", Token: "admin"}), 200).JSON(t, &col)
	if !slices.Equal(col.CRS, []string{uriCRS84, uri4326, uri27700}) || col.StorageCRS != uriCRS84 {
		t.Errorf("crs %v storageCrs %q", col.CRS, col.StorageCRS)
	}
	rels := map[string]string{}
	for _, l := range col.Links {
		rels[l.Rel+" "+l.Type] = l.Href
	}
	if rels["http://www.opengis.net/def/rel/ogc/1.0/queryables application/schema+json"] != ts.URL+"/ogc/collections/assets/queryables" {
		t.Errorf("no queryables link: %v", rels)
	}
}

// TestOGCQueryables checks the queryables are a JSON Schema of every
// property a filter may name (no money, no officers' words), typed as the
// features' schema types them, and that those that are query parameters
// too filter the items.
func TestOGCQueryables(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	ids := seedFilterEstate(t, ts)
	res := must(t, ts.do(req{Method: "GET", Path: "/ogc/collections/assets/queryables", Token: "admin"}), 200)
	if ct := res.Header.Get("Content-Type"); ct != "application/schema+json" {
		t.Errorf("content type %q", ct)
	}
	var doc struct {
		Schema     string `json:"$schema"`
		ID         string `json:"$id"`
		Type       string
		Properties map[string]struct {
			Type, Format string
			Role         string `json:"x-ogc-role"`
			Enum         []string
		}
		AdditionalProperties *bool
	}
	res.JSON(t, &doc)
	var names []string
	for n := range doc.Properties {
		names = append(names, n)
	}
	sort.Strings(names)
	want := "[asset_code condition created_at disposal_stage disposal_stage_at disposal_target effective_date energy_rating " +
		"geometry gia_m2 holding land_area_ha lease_break lease_expiry listed name partner postcode rag rag_rationale rag_set_at " +
		"receipt_date street_name street_number tenure tenure_detail town updated_at uprn use utilisation_pct version]"
	if fmt.Sprint(names) != want || doc.Type != "object" ||
		doc.ID != ts.URL+"/ogc/collections/assets/queryables" || doc.AdditionalProperties == nil || *doc.AdditionalProperties {
		t.Fatalf("queryables %+v", doc)
	}
	if g := doc.Properties["geometry"]; g.Role != "primary-geometry" || g.Format != "geometry-point" {
		t.Errorf("geometry %+v", g)
	}
	if !slices.Contains(doc.Properties["rag"].Enum, "amber") {
		t.Errorf("rag %+v", doc.Properties["rag"])
	}
	for name, want := range map[string]string{"lease_expiry": "string date", "updated_at": "string date-time",
		"gia_m2": "number ", "version": "integer ", "town": "string "} {
		if p := doc.Properties[name]; p.Type+" "+p.Format != want {
			t.Errorf("%s is %q %q, want %s", name, p.Type, p.Format, want)
		}
	}
	for _, q := range []struct {
		name, value string
		want        []string
	}{{"partner", "police", []string{"station", "evesham"}}, {"rag", "amber", []string{"lib"}},
		{"holding", "land", []string{"field"}}, {"tenure", "leasehold", []string{"depot"}}, {"tags", "vacant", []string{"depot"}}} {
		var p ogcPage
		must(t, ts.do(req{Method: "GET", Path: "/ogc/collections/assets/items?" + q.name + "=" + q.value, Token: "admin"}), 200).JSON(t, &p)
		var want []int64
		for _, code := range q.want {
			want = append(want, ids[code])
		}
		slices.Sort(want)
		if !slices.Equal(p.ids(), want) {
			t.Errorf("%s=%s: %v, want %v", q.name, q.value, p.ids(), want)
		}
	}
}

// TestOGCProperties checks properties= keeps exactly the properties named,
// in every feature, and carries into the paging links.
func TestOGCProperties(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	seedFilterEstate(t, ts)
	for _, tt := range []struct{ query, want string }{
		{"properties=name,rag", "name,rag"},
		{"properties=rag,name,rag", "name,rag"},
		{"properties=partner", "partner"},
		{"properties=", ""},
		{"properties=footprint", ""}, // none of them has one
	} {
		t.Run(tt.query, func(t *testing.T) {
			var p ogcPage
			must(t, ts.do(req{Method: "GET", Path: "/ogc/collections/assets/items?limit=2&" + tt.query, Token: "admin"}), 200).JSON(t, &p)
			if len(p.Features) != 2 {
				t.Fatalf("%d features", len(p.Features))
			}
			for _, f := range p.Features {
				var keys []string
				for k := range f.Properties {
					keys = append(keys, k)
				}
				sort.Strings(keys)
				if strings.Join(keys, ",") != tt.want || f.ID == 0 || f.Geometry == nil {
					t.Errorf("feature %d: properties %v, want %s", f.ID, keys, tt.want)
				}
			}
			if next, _ := url.QueryUnescape(p.link("next")); !strings.Contains(next, tt.query) {
				t.Errorf("next %s loses %s", p.link("next"), tt.query)
			}
		})
	}
	// The order of a feature's properties is the features' own.
	res := must(t, ts.do(req{Method: "GET", Path: "/ogc/collections/assets/items?limit=1&properties=rag,name", Token: "admin"}), 200)
	var raw struct {
		Features []struct{ Properties json.RawMessage }
	}
	res.JSON(t, &raw)
	if got := string(raw.Features[0].Properties); !strings.HasPrefix(got, `{"name":`) {
		t.Errorf("properties %s", got)
	}
}
