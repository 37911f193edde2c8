package httpapi_test

import (
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/httpapi"
)

// qualityOut is the quality view as a client reads it.
type qualityOut struct {
	Params struct {
		StaleMonths int       `json:"stale_months"`
		AsOf        time.Time `json:"as_of"`
		Within      float64
	}
	StaleBefore time.Time `json:"stale_before"`
	Total       qualityCounts
	Partners    []qualityCounts
	Duplicates  struct {
		Count     int
		SameUPRN  int `json:"same_uprn"`
		Truncated bool
		Groups    []struct {
			Evidence, Suggestion, UPRN string
			Partners                   []string
			Assets                     []struct {
				ID      int64
				Partner string
			}
		}
	}
}

type qualityCounts struct {
	Partner         string
	Assets          int
	WithLocation    int `json:"with_location"`
	WithUPRN        int `json:"with_uprn"`
	Buildings       int
	WithGIA         int `json:"with_gia"`
	WithMarketValue int `json:"with_market_value"`
	Rated           int
	WithRationale   int `json:"with_rationale"`
	StaleRatings    int `json:"stale_ratings"`
	HeldTwice       int `json:"held_twice"`
}

// TestQualitySameUPRNAPI: a police office listing the county building's
// UPRN is one flagged group, which each partner sees from its own side,
// the public too on an open register; a sensitive asset stays out of
// other partners' and the public's view.
func TestQualitySameUPRNAPI(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{PublicRead: true})
	hall := feature("county", "CH-1", -2.2200, 52.1900)
	hall["properties"].(map[string]any)["name"] = "County Hall"
	office := feature("police", "PO-1", -2.2196, 52.1901) // about 30 m east, north
	props := office["properties"].(map[string]any)
	props["name"], props["uprn"], props["tenure"], props["tenure_detail"] = "Police office", "100012345", "leasehold", "leased_in"
	delete(props, "market_value_gbp")
	c, p := ts.create(hall), ts.create(office)
	far := feature("police", "PO-2", -2.10, 52.30)
	far["properties"].(map[string]any)["uprn"] = "999"
	ts.create(far)

	get := func(path, token string) qualityOut {
		t.Helper()
		var q qualityOut
		must(t, ts.do(req{Method: "GET", Path: path, Token: token}), 200).JSON(t, &q)
		return q
	}
	for _, token := range []string{"admin", "county-viewer", "police-viewer", ""} {
		q := get("/api/v1/quality", token)
		d := q.Duplicates
		if d.Count != 1 || d.SameUPRN != 1 || len(d.Groups) != 1 || d.Groups[0].UPRN != "100012345" ||
			d.Groups[0].Suggestion != "shared_site" || !slices.Equal(d.Groups[0].Partners, []string{"county", "police"}) ||
			d.Groups[0].Assets[0].ID != c.ID || d.Groups[0].Assets[1].ID != p.ID {
			t.Errorf("%q: duplicates %+v", token, d)
		}
		want := []qualityCounts{
			{Partner: "county", Assets: 1, WithLocation: 1, WithUPRN: 1, Buildings: 1, WithGIA: 1, WithMarketValue: 1, HeldTwice: 1},
			{Partner: "police", Assets: 2, WithLocation: 2, WithUPRN: 2, Buildings: 2, WithGIA: 2, WithMarketValue: 1, HeldTwice: 1},
		}
		if !slices.Equal(q.Partners, want) || q.Total.Assets != 3 || q.Total.HeldTwice != 2 {
			t.Errorf("%q: partners %+v total %+v", token, q.Partners, q.Total)
		}
	}
	// The police's own view of it, the county's hall included.
	q := get("/api/v1/quality?partner=police", "police-viewer")
	if len(q.Partners) != 1 || q.Duplicates.Count != 1 || q.Duplicates.Groups[0].Assets[0].Partner != "county" {
		t.Errorf("partner=police: %+v %+v", q.Partners, q.Duplicates)
	}
	// A bbox around the far asset leaves nothing to pair it with.
	if q := get("/api/v1/quality?bbox=-2.11,52.29,-2.09,52.31", "admin"); q.Duplicates.Count != 0 || q.Total.Assets != 1 {
		t.Errorf("bbox: %+v", q)
	}

	ts.do(req{Method: "PATCH", Path: "/api/v1/assets/" + itoa(p.ID), Token: "admin", Body: map[string]any{"properties": map[string]any{"sensitive": true}},
		Header: map[string]string{"If-Match": `"1"`, "Content-Type": "application/merge-patch+json"}})
	for token, want := range map[string]int{"admin": 1, "police-viewer": 1, "county-viewer": 0, "": 0} {
		if q := get("/api/v1/quality", token); q.Duplicates.Count != want {
			t.Errorf("%q after the office went sensitive: %d flagged, want %d", token, q.Duplicates.Count, want)
		}
	}
}

// TestQualityRecomputedFromAssetList: every figure of the demo's quality
// view, in total and by partner, and every same_uprn group, follows from
// the asset list read page by page with the same filter.
func TestQualityRecomputedFromAssetList(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	ts.loadDemo()
	for _, filter := range []string{"", "rag=red,amber&holding=building", "partner=west-mercia-police,worcestershire-cc"} {
		asOf := "2027-01-15T10:00:00Z"
		var q qualityOut
		path := "/api/v1/quality?limit=10000&as_of=" + url.QueryEscape(asOf)
		if filter != "" {
			path += "&" + filter
		}
		must(t, ts.do(req{Method: "GET", Path: path, Token: "admin"}), 200).JSON(t, &q)
		at, _ := time.Parse(time.RFC3339, asOf)
		cut := at.AddDate(0, -12, 0)
		if !q.Params.AsOf.Equal(at) || !q.StaleBefore.Equal(cut) || q.Params.StaleMonths != 12 || q.Params.Within != 25 {
			t.Errorf("params %+v, stale before %v", q.Params, q.StaleBefore)
		}

		rows := map[string]qualityCounts{}
		byUPRN := map[string][]int64{}
		next := "/api/v1/assets?limit=10000"
		if filter != "" {
			next += "&" + filter
		}
		for next != "" {
			var page struct {
				collectionOut
				Features []struct { // the list's features, with the fields counted

					ID         int64
					Properties struct {
						Partner, UPRN, Holding, RAG string
						GIA                         *float64   `json:"gia_m2"`
						Value                       *int64     `json:"market_value_gbp"`
						Rationale                   string     `json:"rag_rationale"`
						SetAt                       *time.Time `json:"rag_set_at"`
					}
				} `json:"features"`
			}
			must(t, ts.do(req{Method: "GET", Path: strings.TrimPrefix(next, ts.URL), Token: "admin"}), 200).JSON(t, &page)
			for _, f := range page.Features {
				p := f.Properties
				r := rows[p.Partner]
				r.Partner = p.Partner
				r.Assets++
				r.WithLocation++
				if p.UPRN != "" {
					r.WithUPRN++
					byUPRN[strings.TrimLeft(p.UPRN, "0")] = append(byUPRN[strings.TrimLeft(p.UPRN, "0")], f.ID)
				}
				if p.Holding != "land" {
					r.Buildings++
					if p.GIA != nil {
						r.WithGIA++
					}
				}
				if p.Value != nil {
					r.WithMarketValue++
				}
				if p.RAG != "unrated" {
					r.Rated++
					if strings.TrimSpace(p.Rationale) != "" {
						r.WithRationale++
					}
					if p.SetAt == nil || p.SetAt.Before(cut) {
						r.StaleRatings++
					}
				}
				rows[p.Partner] = r
			}
			next = page.next()
		}
		got := map[string]qualityCounts{}
		for _, r := range q.Partners {
			r.HeldTwice = 0 // checked below, from the groups
			got[r.Partner] = r
		}
		if len(got) != len(rows) || len(rows) == 0 {
			t.Fatalf("%q: %d partners in the view, %d in the list", filter, len(got), len(rows))
		}
		for k, want := range rows {
			if got[k] != want {
				t.Errorf("%q %s: view %+v, list %+v", filter, k, got[k], want)
			}
		}
		// Groups by UPRN among the listed assets: the view may hold more
		// (a filtered-out asset of another partner sharing a listed
		// asset's UPRN), never fewer.
		listed := map[string]bool{}
		for _, g := range q.Duplicates.Groups {
			if g.Evidence == "same_uprn" {
				listed[g.UPRN] = true
			}
		}
		for k, ids := range byUPRN {
			if len(ids) > 1 && !listed[k] {
				t.Errorf("%q: assets %v share UPRN %s, no group", filter, ids, k)
			}
		}
		if filter == "" && (q.Duplicates.SameUPRN != len(listed) || q.Duplicates.Count == 0 || q.Total.Assets == 0 || q.Duplicates.Truncated) {
			t.Errorf("demo duplicates %+v", q.Duplicates)
		}
	}
}

func TestQualityRefusesBadParameters(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	for _, tt := range []struct{ query, field string }{
		{"stale_months=0", "stale_months"},
		{"stale_months=121", "stale_months"},
		{"stale_months=1.5", "stale_months"},
		{"within=-1", "within"},
		{"within=1001", "within"},
		{"within=NaN", "within"},
		{"name_similarity=0", "name_similarity"},
		{"name_similarity=1.1", "name_similarity"},
		{"limit=-1", "limit"},
		{"limit=many", "limit"},
		{"limit=10001", "limit"},
		{"as_of=yesterday", "as_of"},
		{"as_of=2026-13-01", "as_of"},
		{"distance=25", "distance"},
		{"stale_months=6&stale_months=12", "stale_months"},
		{"rag=blue", "rag"},
		{"bbox=1,2,3", "bbox"},
	} {
		pr := ts.do(req{Method: "GET", Path: "/api/v1/quality?" + tt.query, Token: "admin"}).Problem(t)
		if pr.Status != 400 || len(pr.Errors) == 0 || pr.Errors[0].Field != tt.field {
			t.Errorf("%s: %+v, want 400 naming %s", tt.query, pr, tt.field)
		}
	}
	if pr := ts.do(req{Method: "GET", Path: "/api/v1/quality"}).Problem(t); pr.Status != 401 {
		t.Errorf("anonymous, register not open to read: %+v", pr)
	}
	var q qualityOut
	must(t, ts.do(req{Method: "GET", Path: "/api/v1/quality?as_of=2026-06-30&stale_months=3&partner=county", Token: "admin"}), 200).JSON(t, &q)
	if !q.Params.AsOf.Equal(time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)) || !q.StaleBefore.Equal(time.Date(2026, 3, 30, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("as of a date: %+v, stale before %v", q.Params, q.StaleBefore)
	}
}
