package httpapi_test

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/demo"
	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/httpapi"
)

// loadDemo fills the test server's register with the demo estate.
func (ts *testServer) loadDemo() []*estate.Asset {
	ts.t.Helper()
	ctx := estate.NewContextWithActor(context.Background(), estate.Actor{Name: "seed", Role: estate.RoleAdmin})
	ps, as := demo.Estate(demo.DefaultSeed)
	for _, p := range ps {
		if err := ts.Svc.Partners.CreatePartner(ctx, p); err != nil {
			ts.t.Fatal(err)
		}
	}
	if err := ts.Svc.Assets.CreateAssets(ctx, as, estate.ActionCreate); err != nil {
		ts.t.Fatal(err)
	}
	return as
}

func TestReceiptsAPI(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	ts.loadDemo()
	var rep struct {
		Params  map[string]float64
		GroupBy string `json:"group_by"`
		Total   map[string]int64
		Groups  []map[string]any
		Assets  []map[string]any
	}
	must(t, ts.do(req{Method: "GET", Path: "/api/v1/analyses/receipts?group_by=rag&p_green=0.8&partner=wychavon-dc", Token: "admin"}), 200).JSON(t, &rep)
	if rep.Params["p_green"] != 0.8 || rep.Params["fees"] != 0.02 || rep.GroupBy != "rag" || len(rep.Groups) != 4 {
		t.Errorf("report %+v", rep)
	}
	var sum int64
	for _, g := range rep.Groups {
		sum += int64(g["central_gbp"].(float64))
	}
	if sum != rep.Total["central_gbp"] || sum <= 0 {
		t.Errorf("groups add to %d, total %d", sum, rep.Total["central_gbp"])
	}
	// A saved scenario posted as JSON gives the same answer.
	var posted struct{ Total map[string]int64 }
	must(t, ts.do(req{Method: "POST", Path: "/api/v1/analyses/receipts", Token: "admin",
		Body: map[string]any{"group_by": "rag", "p_green": 0.8, "partner": []string{"wychavon-dc"}}}), 200).JSON(t, &posted)
	if !reflect.DeepEqual(posted.Total, rep.Total) {
		t.Errorf("POST %v, GET %v", posted.Total, rep.Total)
	}
	must(t, ts.do(req{Method: "GET", Path: "/api/v1/analyses/receipts?per_asset=true&partner=hw-fire-rescue", Token: "admin"}), 200).JSON(t, &rep)
	if len(rep.Assets) == 0 || len(rep.Assets) != int(rep.Total["assets"]) {
		t.Errorf("%d per-asset rows for %d assets", len(rep.Assets), rep.Total["assets"])
	}
	var central int64
	for _, a := range rep.Assets {
		if _, both := a["asset_id"]; both || a["id"] == nil || a["partner"] != "hw-fire-rescue" {
			t.Errorf("per-asset row %v: want one id, the partner", a)
		}
		central += int64(a["central_gbp"].(float64))
	}
	if central != rep.Total["central_gbp"] {
		t.Errorf("per-asset central receipts add to %d, total %d", central, rep.Total["central_gbp"])
	}
}

func TestAnalysesRefuseBadParameters(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	for _, tt := range []struct{ path, field string }{
		{"/api/v1/analyses/receipts?p_green=1.5", "p_green"},
		{"/api/v1/analyses/receipts?p_amber=0.95", "p_amber"},
		{"/api/v1/analyses/receipts?fees=lots", "fees"},
		{"/api/v1/analyses/receipts?group_by=colour", "group_by"},
		{"/api/v1/analyses/receipts?discount_rate=-0.1", "discount_rate"},
		{"/api/v1/analyses/receipts?bbox=1,2,3", "bbox"},
		{"/api/v1/analyses/receipts?per_asset=maybe", "per_asset"},
		{"/api/v1/analyses/receipts?distance=400", "distance"},
		{"/api/v1/analyses/colocation?distance=-1", "distance"},
		{"/api/v1/analyses/colocation?distance=50000", "distance"},
		{"/api/v1/analyses/colocation?min_partners=1", "min_partners"},
		{"/api/v1/analyses/colocation?min_partners=2.5", "min_partners"},
		{"/api/v1/analyses/colocation?densify=0", "densify"},
		{"/api/v1/analyses/colocation?haircut_low=2", "haircut_low"},
		{"/api/v1/trust?rag=blue", "rag"},
		{"/api/v1/trust?group_by=rag", "group_by"},
		{"/api/v1/assets/1/nearby?within=-5", "within"},
		{"/api/v1/assets/1/nearby?within=far", "within"},
		{"/api/v1/assets/1/nearby?within=5&within=6", "within"},
		{"/api/v1/assets/1/nearby?limit=0", "limit"},
		{"/api/v1/assets/1/nearby?limit=10001", "limit"},
		{"/api/v1/analyses/colocation?distance=NaN", "distance"},
		{"/api/v1/analyses/colocation?distance=Inf", "distance"},
		{"/api/v1/analyses/colocation?densify=-Inf", "densify"},
		{"/api/v1/analyses/receipts?p_green=0.9&p_green=2", "p_green"},
		{"/api/v1/analyses/receipts?group_by=rag&group_by=town", "group_by"},
		{"/api/v1/trust?q=a&q=b", "q"},
		// The order p_green >= p_amber broken by the one the user set.
		{"/api/v1/analyses/receipts?p_green=0.4", "p_green"},
		{"/api/v1/analyses/receipts?lead_years_red=2", "lead_years_red"},
		{"/api/v1/analyses/receipts?p_green=0.4&p_amber=0.6", "p_amber"},
		{"/api/v1/analyses/colocation?min_partners=-3", "min_partners"},
		{"/api/v1/trust?distance=-1", "distance"},
		{"/api/v1/trust?min_partners=1", "min_partners"},
		{"/api/v1/trust?densify=2", "densify"},
		{"/api/v1/trust?p_green=0.3", "p_green"},
		{"/api/v1/analyses/receipts?holding=castle", "holding"},
		{"/api/v1/analyses/colocation?tenure=owned", "tenure"},
		{"/api/v1/trust?q=" + strings.Repeat("x", 201), "q"},
	} {
		pr := ts.do(req{Method: "GET", Path: tt.path, Token: "admin"}).Problem(t)
		if pr.Status != 400 || len(pr.Errors) == 0 || pr.Errors[0].Field != tt.field {
			t.Errorf("%s: %+v, want 400 naming %s", tt.path, pr, tt.field)
		}
	}
	pr := ts.do(req{Method: "POST", Path: "/api/v1/analyses/colocation", Token: "admin", Body: map[string]any{"distance": map[string]int{"m": 1}}}).Problem(t)
	if pr.Status != 400 || pr.Errors[0].Field != "distance" {
		t.Errorf("object in scenario: %+v", pr)
	}
	for _, tt := range []struct{ body, field, says string }{
		{`{"p_green":0.9,"p_green":2}`, "p_green", "more than once"},
		{`{"distance":"NaN"}`, "distance", "finite"},
		{`{"min_partners":2.5}`, "min_partners", "whole number from 2 to 100"},
		{`{"min_partners":-3}`, "min_partners", "2 to 100"},
	} {
		pr := ts.do(req{Method: "POST", Path: "/api/v1/analyses/colocation", Token: "admin", Body: tt.body}).Problem(t)
		if pr.Status != 400 || len(pr.Errors) == 0 || pr.Errors[0].Field != tt.field || !strings.Contains(pr.Errors[0].Message, tt.says) {
			t.Errorf("POST %s: %+v, want 400 naming %s and saying %q", tt.body, pr, tt.field, tt.says)
		}
	}
	pr = ts.do(req{Method: "GET", Path: "/api/v1/analyses/colocation?min_partners=-3", Token: "admin"}).Problem(t)
	if !strings.Contains(pr.Errors[0].Message, "2 to 100") {
		t.Errorf("min_partners=-3: %+v does not give the range", pr)
	}
	pr = ts.do(req{Method: "GET", Path: "/api/v1/analyses/receipts?p_green=0.4", Token: "admin"}).Problem(t)
	if len(pr.Errors) != 1 || !strings.Contains(pr.Errors[0].Message, "p_amber") {
		t.Errorf("p_green=0.4: %+v should say it is below p_amber", pr)
	}
	var ok struct {
		Summary struct{ Params map[string]float64 }
	}
	must(t, ts.do(req{Method: "POST", Path: "/api/v1/analyses/colocation", Token: "admin", Body: `{"min_partners":3.0}`}), 200).JSON(t, &ok)
	if ok.Summary.Params["min_partners"] != 3 {
		t.Errorf("min_partners 3.0 read as %v", ok.Summary.Params["min_partners"])
	}
	if pr := ts.do(req{Method: "GET", Path: "/api/v1/trust"}).Problem(t); pr.Status != 401 {
		t.Errorf("anonymous trust view: %+v", pr)
	}
}

func TestColocationAndNearbyAPI(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	assets := ts.loadDemo()
	var coll colocationOut
	must(t, ts.do(req{Method: "GET", Path: "/api/v1/analyses/colocation?distance=300&min_partners=3", Token: "admin"}), 200).JSON(t, &coll)
	if coll.Type != "FeatureCollection" || coll.Summary.Count != len(coll.Features) || len(coll.Features) == 0 ||
		coll.Summary.Params["distance"] != 300 {
		t.Fatalf("colocation %+v", coll.Summary)
	}
	for _, f := range coll.Features {
		p := f.Properties
		if len(p.Partners) < 3 || p.SpaceUsedM2 > p.SpaceOfferedM2 {
			t.Errorf("hub %d: %+v", f.ID, p)
		}
		for _, m := range p.Members {
			if m.DistanceM > 300 || len(m.Location) != 2 {
				t.Errorf("hub %d member %+v", f.ID, m)
			}
		}
	}

	var hub *estate.Asset
	for _, a := range assets {
		if a.Town == "Evesham" && len(a.Occupiers) >= 4 {
			hub = a
		}
	}
	var near struct {
		Features []struct {
			Properties struct {
				Partner   string
				DistanceM float64 `json:"distance_m"`
			}
		}
	}
	must(t, ts.do(req{Method: "GET", Path: "/api/v1/assets/" + itoa(hub.ID) + "/nearby?within=500", Token: "admin"}), 200).JSON(t, &near)
	if len(near.Features) == 0 {
		t.Fatal("nothing near the Evesham hub")
	}
	last := 0.0
	for _, f := range near.Features {
		if f.Properties.Partner == hub.Partner || f.Properties.DistanceM > 500 || f.Properties.DistanceM < last {
			t.Errorf("neighbour %+v", f.Properties)
		}
		last = f.Properties.DistanceM
	}

	var view struct {
		Total      map[string]int64
		Colocation struct{ Count int }
	}
	must(t, ts.do(req{Method: "GET", Path: "/api/v1/trust?partner=wychavon-dc,west-mercia-police", Token: "county-viewer"}), 200).JSON(t, &view)
	if view.Total["assets"] == 0 || view.Total["market_value_gbp"] == 0 {
		t.Errorf("trust view %+v", view)
	}
}
