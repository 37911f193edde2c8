package httpapi_test

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/httpapi"
)

// seedFilterEstate makes a small estate where each filter picks a known set.
func seedFilterEstate(t *testing.T, ts *testServer) map[string]int64 {
	t.Helper()
	ids := map[string]int64{}
	add := func(code, partner string, lon, lat float64, props map[string]any) {
		f := feature(partner, code, lon, lat)
		p := f["properties"].(map[string]any)
		delete(p, "tags")
		delete(p, "uprn")
		for k, v := range props {
			p[k] = v
		}
		ids[code] = ts.create(f).ID
	}
	// Worcester centre, Evesham, Malvern.
	add("lib", "county", -2.2210, 52.1930, map[string]any{"name": "The Hive library", "use": "Library", "rag": "amber",
		"rag_rationale": "Could share", "tags": []string{"hub-candidate"}, "uprn": "100120000001"})
	add("depot", "county", -2.2000, 52.2100, map[string]any{"name": "Highways depot", "holding": "land_and_building",
		"tenure": "leasehold", "rag": "green", "rag_rationale": "Surplus", "tags": []string{"surplus", "vacant"}})
	add("station", "police", -2.2215, 52.1932, map[string]any{"name": "Worcester police station", "use": "Police station",
		"rag": "red", "rag_rationale": "Operational", "uprn": "100120000002"})
	add("evesham", "police", -1.9470, 52.0925, map[string]any{"name": "Evesham hub", "town": "Evesham", "postcode": "WR11 4JP"})
	add("field", "county", -2.3250, 52.1100, map[string]any{"name": "Malvern field", "holding": "land", "town": "Malvern",
		"tags": []string{"surplus"}, "postcode": "WR14"})
	return ids
}

func TestListFilters(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	ids := seedFilterEstate(t, ts)
	tests := []struct {
		name  string
		query string
		want  []string
	}{
		{"all", "", []string{"lib", "depot", "station", "evesham", "field"}},
		{"partner", "partner=police", []string{"station", "evesham"}},
		{"partners", "partner=police,county", []string{"lib", "depot", "station", "evesham", "field"}},
		{"rag", "rag=amber,green", []string{"lib", "depot"}},
		{"unrated", "rag=unrated", []string{"evesham", "field"}},
		{"holding", "holding=land", []string{"field"}},
		{"tenure", "tenure=leasehold", []string{"depot"}},
		{"tag", "tag=surplus", []string{"depot", "field"}},
		{"all tags", "tag=surplus,vacant", []string{"depot"}},
		{"q name", "q=LIBRARY", []string{"lib"}},
		{"q town", "q=evesham", []string{"evesham"}},
		{"q postcode", "q=WR14", []string{"field"}},
		{"q wildcard is literal", "q=%25", nil},
		{"uprn", "uprn=100120000002", []string{"station"}},
		{"bbox", "bbox=-2.23,52.19,-2.19,52.22", []string{"lib", "depot", "station"}},
		{"near", "near=-2.2212,52.1931&within=100", []string{"lib", "station"}},
		{"near tight", "near=-2.2210,52.1930&within=5", []string{"lib"}},
		{"combined", "partner=county&bbox=-2.4,52.0,-2.0,52.3&tag=surplus", []string{"depot", "field"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var c collectionOut
			must(t, ts.do(req{Method: "GET", Path: "/api/v1/assets?" + tt.query, Token: "admin"}), 200).JSON(t, &c)
			got := map[int64]bool{}
			for _, f := range c.Features {
				got[f.ID] = true
			}
			want := map[int64]bool{}
			for _, code := range tt.want {
				want[ids[code]] = true
			}
			if fmt.Sprint(got) != fmt.Sprint(want) || c.NumberReturned != len(tt.want) {
				t.Errorf("got %v (%d), want %v", got, c.NumberReturned, tt.want)
			}
		})
	}
}

func TestListRefusesBadParameters(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	for _, tt := range []struct{ query, field string }{
		{"rag=purple", "rag"},
		{"holding=castle", "holding"},
		{"tenure=rented", "tenure"},
		{"bbox=1,2,3", "bbox"},
		{"bbox=a,b,c,d", "bbox"},
		{"bbox=10,10,0,0", "bbox"},
		{"bbox=-200,0,0,10", "bbox"},
		{"bbox=NaN,0,1,1", "bbox"},
		{"near=-2.2,52.2", "within"},
		{"within=100", "near"},
		{"near=-2.2,52.2&within=-5", "within"},
		{"near=-2.2,52.2&within=NaN", "within"},
		{"near=-2.2,52.2&within=1e9", "within"},
		{"near=500,52&within=10", "near"},
		{"limit=0", "limit"},
		{"limit=-3", "limit"},
		{"limit=ten", "limit"},
		{"limit=10001", "limit"},
		{"cursor=zzz", "cursor"},
		{"uprn=12ab", "uprn"},
		{"q=" + strings.Repeat("x", 201), "q"},
		{"partners=county", "partners"},
	} {
		t.Run(tt.query, func(t *testing.T) {
			pr := ts.do(req{Method: "GET", Path: "/api/v1/assets?" + tt.query, Token: "admin"}).Problem(t)
			if pr.Status != 400 || len(pr.Errors) == 0 || pr.Errors[0].Field != tt.field {
				t.Errorf("%+v, want 400 naming %s", pr, tt.field)
			}
		})
	}
}

// TestPagingVisitsEveryAssetOnce pages through a large list by following
// next links while writes go on between the pages: new assets are added
// (after the cursor, as ids only grow), assets ahead of the cursor and
// behind it are deleted, and assets ahead are changed. Every asset present
// throughout must be seen exactly once, no asset twice, and none deleted
// before its page was read.
func TestPagingVisitsEveryAssetOnce(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	const n = 2345
	mk := func(code string, i int) *estate.Asset {
		return &estate.Asset{Partner: "county", AssetCode: code, Name: "Asset",
			Holding: estate.HoldingBuilding, Location: estate.Point{Lon: -2.5 + float64(i%50)*0.01, Lat: 52 + float64(i/50%47)*0.01}}
	}
	assets := make([]*estate.Asset, n)
	for i := range assets {
		assets[i] = mk(fmt.Sprintf("A%05d", i), i)
	}
	ctx := estate.NewContextWithActor(context.Background(), estate.Actor{Name: "seed", Role: estate.RoleAdmin})
	store := ts.Svc.Assets
	if err := store.CreateAssets(ctx, assets, estate.ActionCreate); err != nil {
		t.Fatal(err)
	}
	deleted := map[int64]bool{}
	write := func(t *testing.T, id int64, del bool) {
		t.Helper()
		a, err := store.FindAssetByID(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if del {
			err = store.DeleteAsset(ctx, id, a.Version)
			deleted[id] = true
		} else {
			_, err = store.UpdateAsset(ctx, id, a.Version, func(a *estate.Asset) error { a.Notes += "changed while paging; "; return nil })
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	added := 0
	for _, query := range []string{"limit=100", "limit=7&bbox=-2.5,52,-2.3,52.4", "limit=1000&partner=county"} {
		q, _ := url.ParseQuery(query)
		matches := func(a *estate.Asset) bool {
			return q.Get("bbox") == "" || (a.Location.Lon <= -2.3 && a.Location.Lat <= 52.4)
		}
		// The matching assets at the start, in id order.
		var start []int64
		for _, a := range assets {
			if !deleted[a.ID] && matches(a) {
				start = append(start, a.ID)
			}
		}
		gone := map[int64]bool{} // deleted during this paging
		seen := map[int64]int{}
		path := "/api/v1/assets?" + query
		pages := 0
		for path != "" {
			var c collectionOut
			must(t, ts.do(req{Method: "GET", Path: path, Token: "county-viewer"}), 200).JSON(t, &c)
			var last int64
			for _, f := range c.Features {
				seen[f.ID]++
				if gone[f.ID] {
					t.Fatalf("%s: asset %d was deleted before its page, yet listed", query, f.ID)
				}
				last = f.ID
			}
			pages++
			// Writes between pages: one asset ahead deleted and one
			// changed, one behind deleted, one new asset added.
			var ahead []int64
			for _, id := range start {
				if id > last && !gone[id] {
					ahead = append(ahead, id)
				}
			}
			if len(ahead) > 4 {
				write(t, ahead[3], true)
				gone[ahead[3]] = true
				write(t, ahead[1], false)
			}
			if pages%3 == 0 && len(c.Features) > 0 {
				if behind := c.Features[0].ID; !gone[behind] {
					write(t, behind, true)
					gone[behind] = true
				}
			}
			added++
			if err := store.CreateAsset(ctx, mk(fmt.Sprintf("NEW%05d", added), added)); err != nil {
				t.Fatal(err)
			}
			path = ""
			if next := c.next(); next != "" {
				u, _ := url.Parse(next)
				path = u.RequestURI()
			}
		}
		throughout := 0
		for _, id := range start {
			if !gone[id] {
				throughout++
				if seen[id] != 1 {
					t.Fatalf("%s: asset %d, present throughout, seen %d times", query, id, seen[id])
				}
			}
		}
		for id, k := range seen {
			if k > 1 {
				t.Fatalf("%s: asset %d seen %d times", query, id, k)
			}
		}
		if len(gone) < pages/2 || throughout < len(start)/2 {
			t.Errorf("%s: only %d deletions over %d pages; %d of %d assets present throughout", query, len(gone), pages, throughout, len(start))
		}
		t.Logf("%s: %d assets seen in %d pages; %d deleted and %d added meanwhile", query, len(seen), pages, len(gone), added)
	}
}
