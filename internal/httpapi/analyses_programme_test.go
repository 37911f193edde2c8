package httpapi_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/httpapi"
)

// versions reads every asset's version, as the register holds them.
func (ts *testServer) versions() map[int64]int64 {
	ts.t.Helper()
	ctx := estate.NewContextWithActor(context.Background(), estate.Actor{Name: "check", Role: estate.RoleAdmin})
	out := map[int64]int64{}
	f := estate.AssetFilter{Page: estate.Page{Limit: estate.MaxPageSize}}
	for {
		page, err := ts.Svc.Assets.FindAssets(ctx, f)
		if err != nil {
			ts.t.Fatal(err)
		}
		for _, a := range page {
			out[a.ID] = a.Version
		}
		if len(page) < f.Limit {
			return out
		}
		f.After = page[len(page)-1].ID
	}
}

func TestReceiptYearsAPI(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	ts.loadDemo()
	var yp struct {
		AsAt   string   `json:"as_at"`
		Years  []string `json:"years"`
		Total  struct{ Total map[string]any }
		Groups []struct{ Key string }
	}
	must(t, ts.do(req{Method: "GET", Path: "/api/v1/analyses/receipts/years?as_at=2027-04-01&group_by=stage", Token: "admin"}), 200).JSON(t, &yp)
	if yp.AsAt != "2027-04-01" || len(yp.Years) == 0 || len(yp.Groups) == 0 {
		t.Errorf("profile %+v", yp)
	}
	// Without as_at it is today's; with a bad one, named.
	must(t, ts.do(req{Method: "GET", Path: "/api/v1/analyses/receipts/years", Token: "admin"}), 200)
	p := must(t, ts.do(req{Method: "GET", Path: "/api/v1/analyses/receipts/years?as_at=1/4/2027", Token: "admin"}), 400).Problem(t)
	if len(p.Errors) != 1 || p.Errors[0].Field != "as_at" {
		t.Errorf("problem %+v", p)
	}
	must(t, ts.do(req{Method: "GET", Path: "/api/v1/analyses/outcomes?partner=county", Token: "admin"}), 200)
	must(t, ts.do(req{Method: "GET", Path: "/api/v1/analyses/outcomes"}), 401)
}

// side is one side of a scenario's answer, as far as the tests read it.
type side struct {
	Total struct {
		CentralGBP int64 `json:"central_gbp"`
	}
	Hubs map[string]any
}

// TestScenarioAPI runs "every amber library turned green" unsaved and
// saved, and shows that neither changes an asset.
func TestScenarioAPI(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	ts.loadDemo()
	before := ts.versions()
	rules := []map[string]any{{"rags": []string{"amber"}, "set_rag": "green"}}
	var rep struct {
		Changed  int
		Years    []string
		Base     side
		Scenario side
	}
	must(t, ts.do(req{Method: "POST", Path: "/api/v1/analyses/scenario", Token: "admin",
		Body: map[string]any{"rules": rules, "as_at": "2027-04-01", "hubs": true, "p_amber": 0.4}}), 200).JSON(t, &rep)
	if rep.Changed == 0 || rep.Scenario.Total.CentralGBP <= rep.Base.Total.CentralGBP || rep.Base.Hubs == nil || rep.Scenario.Hubs == nil {
		t.Errorf("scenario %+v", rep)
	}
	p := must(t, ts.do(req{Method: "POST", Path: "/api/v1/analyses/scenario", Token: "admin",
		Body: map[string]any{"rules": []map[string]any{{"uses": []string{"library"}}}}}), 400).Problem(t)
	if len(p.Errors) != 1 || p.Errors[0].Field != "rules[0].set_rag" {
		t.Errorf("problem %+v", p)
	}
	must(t, ts.do(req{Method: "POST", Path: "/api/v1/analyses/scenario", Token: "admin",
		Body: map[string]any{"rules": []map[string]any{{"colour": "blue"}}}}), 400)

	// Saved by the county's editor, shared with the police.
	saved := map[string]any{"name": "Ambers go green", "shared_with": []string{"police"}, "rules": rules,
		"params": map[string]float64{"p_amber": 0.4}}
	res := must(t, ts.do(req{Method: "POST", Path: "/api/v1/scenarios", Token: "county-editor", Body: saved}), 201)
	var sc struct {
		ID      int64
		Partner string
		Version int64
	}
	res.JSON(t, &sc)
	if sc.Partner != "county" || res.Header.Get("ETag") != `"1"` {
		t.Errorf("saved %+v etag %s", sc, res.Header.Get("ETag"))
	}
	path := "/api/v1/scenarios/" + strconv.FormatInt(sc.ID, 10)
	var run struct {
		Changed  int
		Scenario side
	}
	must(t, ts.do(req{Method: "GET", Path: path + "/run?as_at=2027-04-01", Token: "police-viewer"}), 200).JSON(t, &run)
	if run.Changed != rep.Changed || run.Scenario.Total.CentralGBP != rep.Scenario.Total.CentralGBP {
		t.Errorf("saved run %+v, unsaved %+v", run, rep)
	}
	var list struct{ Scenarios []map[string]any }
	must(t, ts.do(req{Method: "GET", Path: "/api/v1/scenarios", Token: "police-viewer"}), 200).JSON(t, &list)
	if len(list.Scenarios) != 1 {
		t.Errorf("police see %d scenarios", len(list.Scenarios))
	}
	must(t, ts.do(req{Method: "PUT", Path: path, Token: "police-editor", Body: saved, Header: map[string]string{"If-Match": `"1"`}}), 403)
	must(t, ts.do(req{Method: "PUT", Path: path, Token: "county-editor", Body: saved}), 428)
	saved["shared_with"] = []string{}
	must(t, ts.do(req{Method: "PUT", Path: path, Token: "county-editor", Body: saved, Header: map[string]string{"If-Match": `"1"`}}), 200)
	must(t, ts.do(req{Method: "GET", Path: path, Token: "police-viewer"}), 404)
	saved["params"] = map[string]float64{"p_amber": 2, "colour": 1}
	must(t, ts.do(req{Method: "PUT", Path: path, Token: "county-editor", Body: saved, Header: map[string]string{"If-Match": `"2"`}}), 400)
	must(t, ts.do(req{Method: "DELETE", Path: path, Token: "county-editor", Header: map[string]string{"If-Match": `"1"`}}), 412)
	must(t, ts.do(req{Method: "DELETE", Path: path, Token: "county-editor", Header: map[string]string{"If-Match": `"2"`}}), 204)

	after := ts.versions()
	if len(after) != len(before) {
		t.Fatalf("%d assets, were %d", len(after), len(before))
	}
	for id, v := range before {
		if after[id] != v {
			t.Errorf("asset %d at version %d, was %d", id, after[id], v)
		}
	}
}

func TestBoardReportAPI(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	ts.loadDemo()
	res := must(t, ts.do(req{Method: "GET", Path: "/report?partner=worcestershire-cc&as_at=2027-04-01&top=5", Token: "county-viewer"}), 200)
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Errorf("content type %q", ct)
	}
	page := string(res.Body)
	for _, want := range []string{"Valued as at 2027-04-01", `id="year-chart"`, "<dt>p_green</dt>", `id="hub-map"`} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if cc := res.Header.Get("Cache-Control"); cc != "private, no-cache" {
		t.Errorf("Cache-Control %q", cc)
	}
	must(t, ts.do(req{Method: "GET", Path: "/report"}), 401)
	must(t, ts.do(req{Method: "GET", Path: "/report?top=99", Token: "admin"}), 400)
	must(t, ts.do(req{Method: "GET", Path: "/report?colour=blue", Token: "admin"}), 400)
}
