package httpapi_test

import (
	"context"
	"fmt"
	"net/url"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/httpapi"
	"github.com/placetrust/placetrust/internal/sqlite"
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
// next links and checks nothing is missed or repeated, while writes go on.
func TestPagingVisitsEveryAssetOnce(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	const n = 2345
	assets := make([]*estate.Asset, n)
	for i := range assets {
		assets[i] = &estate.Asset{Partner: "county", AssetCode: fmt.Sprintf("A%05d", i), Name: "Asset",
			Holding: estate.HoldingBuilding, Location: estate.Point{Lon: -2.5 + float64(i%50)*0.01, Lat: 52 + float64(i/50)*0.01}}
	}
	ctx := estate.NewContextWithActor(context.Background(), estate.Actor{Name: "seed", Role: estate.RoleAdmin})
	if err := sqlite.NewAssetService(ts.DB).CreateAssets(ctx, assets, estate.ActionCreate); err != nil {
		t.Fatal(err)
	}
	for _, query := range []string{"limit=100", "limit=7&bbox=-2.5,52,-2.3,52.4", "limit=1000&partner=county"} {
		seen := map[int64]int{}
		path := "/api/v1/assets?" + query
		pages := 0
		for path != "" {
			var c collectionOut
			must(t, ts.do(req{Method: "GET", Path: path, Token: "county-viewer"}), 200).JSON(t, &c)
			for _, f := range c.Features {
				seen[f.ID]++
			}
			pages++
			path = ""
			if next := c.next(); next != "" {
				u, _ := url.Parse(next)
				path = u.RequestURI()
			}
		}
		var want []int64
		for _, a := range assets {
			if q, _ := url.ParseQuery(query); q.Get("bbox") == "" || (a.Location.Lon <= -2.3 && a.Location.Lat <= 52.4) {
				want = append(want, a.ID)
			}
		}
		for _, id := range want {
			if seen[id] != 1 {
				t.Fatalf("%s: asset %d seen %d times", query, id, seen[id])
			}
		}
		if len(seen) != len(want) {
			t.Errorf("%s: saw %d assets, want %d", query, len(seen), len(want))
		}
		t.Logf("%s: %d assets in %d pages", query, len(seen), pages)
	}
}
