package httpapi_test

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/httpapi"
)

// filterRoutes are the routes that take the asset filter, each with the
// filter parameters it takes beyond partner, rag, holding, tenure, tag
// and bbox, which they all do.
var filterRoutes = []struct {
	path string
	more []string
}{
	{"/api/v1/assets", []string{"q", "uprn", "near", "within"}},
	{"/api/v1/exports/assets.geojson", []string{"q", "uprn", "near", "within"}},
	{"/api/v1/exports/assets.csv", []string{"q", "uprn", "near", "within"}},
	{"/ogc/collections/assets/items", []string{"datetime", "tags"}},
	{"/api/v1/analyses/receipts", []string{"q"}},
	{"/api/v1/analyses/colocation", []string{"q"}},
	{"/api/v1/trust", []string{"q"}},
	{"/api/v1/quality", []string{"q"}},
}

// TestFilterSameOnEverySurface: a filter wrong in the same way is refused
// in the same words by every route that takes it, the list, the exports,
// OGC API and the analyses, because one parser reads them and one
// validator checks them.
func TestFilterSameOnEverySurface(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	ts.create(feature("county", "F1", -2.22, 52.19))
	for _, tt := range []struct {
		query, field, says string
		needs              string // a parameter the route must take, or ""
	}{
		{"partner=Not%20A%20Slug", "partner", `"Not A Slug" is not a partner id`, ""},
		{"partner=county,POLICE", "partner", `"POLICE" is not a partner id`, ""},
		{"tag=Hub%20Candidate", "tag", "is not a lower-case slug", ""},
		{"tags=Hub%20Candidate", "tag", "is not a lower-case slug", "tags"},
		{"rag=purple,blue", "rag", "must be one of [red amber green unrated]", ""},
		{"holding=castle", "holding", "must be one of", ""},
		{"tenure=owned", "tenure", "must be one of", ""},
		{"tag=" + many("t", 51), "tag", "at most 50 values (got 51)", ""},
		{"partner=" + many("p", 1001), "partner", "at most 1000 values (got 1001)", ""},
		{"rag=" + strings.Repeat("red,", 20) + "red", "rag", "at most 20 values (got 21)", ""},
		{"bbox=0,10,1,0", "bbox", "with min <= max", ""},
		{"bbox=1,2,3", "bbox", "four", ""},
		{"bbox=0,50,1,51&bbox=0,50,1,52", "bbox", "is given more than once", ""},
		{"q=a&q=b", "q", "is given more than once", "q"},
		{"q=" + strings.Repeat("x", 201), "q", "at most 200 characters", "q"},
		{"uprn=12ab", "uprn", "must be 1 to 12 digits", "uprn"},
		{"near=1,2,3", "near", "must be two numbers: lon,lat", "near"},
		{"within=100", "near", "is required with within", "within"},
	} {
		for _, r := range filterRoutes {
			if tt.needs != "" && !slices.Contains(r.more, tt.needs) {
				continue
			}
			pr := ts.do(req{Method: "GET", Path: r.path + "?" + tt.query, Token: "admin"}).Problem(t)
			if pr.Status != 400 || len(pr.Errors) != 1 || pr.Errors[0].Field != tt.field || !strings.Contains(pr.Errors[0].Message, tt.says) {
				t.Errorf("%s?%.60s: %+v, want 400 naming %s only, saying %q", r.path, tt.query, pr.Errors, tt.field, tt.says)
			}
		}
	}
	// A parameter a route does not take is refused, not ignored; the
	// analyses take no near, uprn or datetime.
	for _, r := range filterRoutes {
		for _, p := range []string{"near", "uprn", "q", "datetime", "tags"} {
			if slices.Contains(r.more, p) {
				continue
			}
			pr := ts.do(req{Method: "GET", Path: r.path + "?" + p + "=1", Token: "admin"}).Problem(t)
			if pr.Status != 400 || len(pr.Errors) != 1 || pr.Errors[0].Field != p || !strings.Contains(pr.Errors[0].Message, "is not a parameter of this route") {
				t.Errorf("%s?%s=1: %+v", r.path, p, pr.Errors)
			}
		}
	}
}

// TestScenarioBodyFilter: an analysis's JSON scenario is read by the
// same parser as its query string, so the same filter in either selects
// the same assets and is refused in the same words.
func TestScenarioBodyFilter(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	seedFilterEstate(t, ts)
	get := func(query string) map[string]any {
		var v map[string]any
		must(t, ts.do(req{Method: "GET", Path: "/api/v1/trust?" + query, Token: "admin"}), 200).JSON(t, &v)
		return v
	}
	post := func(body map[string]any) map[string]any {
		var v map[string]any
		must(t, ts.do(req{Method: "POST", Path: "/api/v1/trust", Token: "admin", Body: body}), 200).JSON(t, &v)
		return v
	}
	q := url.Values{"partner": {"county"}, "tag": {"surplus"}, "bbox": {"-2.4,52.0,-2.0,52.3"}}
	byQuery := get(q.Encode())
	byBody := post(map[string]any{"partner": []string{"county"}, "tag": []string{"surplus"}, "bbox": []float64{-2.4, 52.0, -2.0, 52.3}})
	if fmt.Sprint(byQuery["total"]) != fmt.Sprint(byBody["total"]) || fmt.Sprint(byQuery["filter"]) != fmt.Sprint(byBody["filter"]) {
		t.Errorf("query %v %v, body %v %v", byQuery["total"], byQuery["filter"], byBody["total"], byBody["filter"])
	}
	if total := byQuery["total"].(map[string]any); total["assets"] != 2.0 {
		t.Errorf("trust total %v, want the 2 surplus county assets", total)
	}
	pr := ts.do(req{Method: "POST", Path: "/api/v1/trust", Token: "admin", Body: map[string]any{"partner": []string{"Not A Slug"}}}).Problem(t)
	if pr.Status != 400 || len(pr.Errors) != 1 || pr.Errors[0].Message != `"Not A Slug" is not a partner id` {
		t.Errorf("POST partner not a slug: %+v", pr)
	}
}
