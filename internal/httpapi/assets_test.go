package httpapi_test

import (
	"fmt"
	"reflect"
	"strconv"
	"testing"

	"github.com/placetrust/placetrust/internal/httpapi"
)

func TestAssetLifecycle(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	f := feature("county", "WCC-001", -2.2205, 52.1936)
	f["properties"].(map[string]any)["occupiers"] = []map[string]any{{"partner": "police", "area_m2": 120}}
	created := ts.create(f)
	p := created.Properties
	if created.ID == 0 || p["version"] != 1.0 || p["uprn"] != "000100012345" || p["rag"] != "unrated" {
		t.Fatalf("created %+v", created)
	}
	path := "/api/v1/assets/" + strconv.FormatInt(created.ID, 10)

	got := must(t, ts.do(req{Method: "GET", Path: path, Token: "county-viewer"}), 200)
	if got.Header.Get("ETag") != `"1"` {
		t.Errorf("ETag %q", got.Header.Get("ETag"))
	}
	must(t, ts.do(req{Method: "GET", Path: path, Token: "county-viewer", Header: map[string]string{"If-None-Match": `"1"`}}), 304)

	// Merge patch: change the name, drop the UPRN, add a note.
	patch := map[string]any{"properties": map[string]any{"name": "Worcester Library", "uprn": nil, "notes": "Shared with police"}}
	var patched featureOut
	must(t, ts.do(req{Method: "PATCH", Path: path, Token: "county-editor", Body: patch,
		Header: map[string]string{"If-Match": `"1"`}}), 200).JSON(t, &patched)
	if patched.Properties["name"] != "Worcester Library" || patched.Properties["uprn"] != nil ||
		patched.Properties["notes"] != "Shared with police" || patched.Properties["version"] != 2.0 {
		t.Errorf("patched %+v", patched.Properties)
	}
	if patched.Properties["town"] != "Worcester" || patched.Properties["market_value_gbp"] != 1250000.0 {
		t.Errorf("patch lost untouched fields: %+v", patched.Properties)
	}

	// Stale and missing If-Match.
	p412 := ts.do(req{Method: "PATCH", Path: path, Token: "county-editor", Body: patch, Header: map[string]string{"If-Match": `"1"`}})
	if pr := p412.Problem(t); pr.Status != 412 || pr.Version != 2 || p412.Header.Get("ETag") != `"2"` {
		t.Errorf("stale patch: %+v etag %q", pr, p412.Header.Get("ETag"))
	}
	if pr := ts.do(req{Method: "PATCH", Path: path, Token: "county-editor", Body: patch}).Problem(t); pr.Status != 428 {
		t.Errorf("patch without If-Match: %+v", pr)
	}

	var rated featureOut
	must(t, ts.do(req{Method: "PUT", Path: path + "/rag", Token: "county-editor",
		Body:   map[string]string{"rating": "green", "rationale": "Declared surplus by cabinet, March 2026"},
		Header: map[string]string{"If-Match": `"2"`}}), 200).JSON(t, &rated)
	if rated.Properties["rag"] != "green" || rated.Properties["rag_set_by"] != "county-editor (county)" || rated.Properties["rag_set_at"] == nil {
		t.Errorf("rated %+v", rated.Properties)
	}
	// The rating is not patchable: it needs the rag resource and a reason.
	if pr := ts.do(req{Method: "PATCH", Path: path, Token: "county-editor", Header: map[string]string{"If-Match": `"3"`},
		Body: map[string]any{"properties": map[string]any{"rag": "red"}}}).Problem(t); pr.Status != 400 || pr.Errors[0].Field != "rag" {
		t.Errorf("patching rag: %+v", pr)
	}

	must(t, ts.do(req{Method: "DELETE", Path: path, Token: "county-editor", Header: map[string]string{"If-Match": `"3"`}}), 204)
	ts.do(req{Method: "GET", Path: path, Token: "admin"}).Problem(t)

	var hist struct {
		Events []struct {
			Action, Actor string
			Version       int64
			Changes       []struct {
				Field         string
				Before, After any
			}
		}
	}
	must(t, ts.do(req{Method: "GET", Path: path + "/history", Token: "county-viewer"}), 200).JSON(t, &hist)
	var actions []string
	for _, e := range hist.Events {
		actions = append(actions, e.Action+"@"+strconv.FormatInt(e.Version, 10)+" by "+e.Actor)
	}
	want := []string{"delete@4 by county-editor", "rag@3 by county-editor", "update@2 by county-editor", "create@1 by admin"}
	if !reflect.DeepEqual(actions, want) {
		t.Errorf("history %v, want %v", actions, want)
	}
	changed := map[string]bool{}
	for _, c := range hist.Events[2].Changes {
		changed[c.Field] = true
	}
	if !reflect.DeepEqual(changed, map[string]bool{"name": true, "uprn": true, "notes": true}) {
		t.Errorf("update changed %v", changed)
	}
}

func TestCreateRefusesDuplicateCode(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	ts.create(feature("county", "DUP", -2.2, 52.2))
	before := ts.counts()
	pr := ts.do(req{Method: "POST", Path: "/api/v1/assets", Token: "admin", Body: feature("county", "DUP", -2.3, 52.3)}).Problem(t)
	if pr.Status != 409 || pr.Errors[0].Field != "asset_code" {
		t.Errorf("duplicate: %+v", pr)
	}
	// The same code under another partner is fine.
	ts.create(feature("police", "DUP", -2.3, 52.3))
	after := ts.counts()
	if after["assets"] != before["assets"]+1 {
		t.Errorf("assets %d -> %d", before["assets"], after["assets"])
	}
}

func TestPartners(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	body := map[string]any{"id": "wychavon-dc", "name": "Wychavon District Council", "kind": "district_council",
		"uri": "https://opendatacommunities.org/id/district-council/wychavon"}
	res := must(t, ts.do(req{Method: "POST", Path: "/api/v1/partners", Token: "admin", Body: body}), 201)
	if res.Header.Get("Location") == "" {
		t.Error("no Location")
	}
	must(t, ts.do(req{Method: "GET", Path: "/api/v1/partners/wychavon-dc", Token: "county-viewer"}), 200)
	var list struct{ Partners []struct{ ID string } }
	must(t, ts.do(req{Method: "GET", Path: "/api/v1/partners", Token: "county-viewer"}), 200).JSON(t, &list)
	if len(list.Partners) != 3 || list.Partners[2].ID != "wychavon-dc" {
		t.Errorf("partners %+v", list.Partners)
	}
	var upd struct{ Name string }
	must(t, ts.do(req{Method: "PATCH", Path: "/api/v1/partners/wychavon-dc", Token: "admin",
		Body: map[string]any{"name": "Wychavon DC"}}), 200).JSON(t, &upd)
	if upd.Name != "Wychavon DC" {
		t.Errorf("renamed to %q", upd.Name)
	}
	if pr := ts.do(req{Method: "POST", Path: "/api/v1/partners", Token: "admin", Body: body}).Problem(t); pr.Status != 409 {
		t.Errorf("duplicate partner %+v", pr)
	}
	// A partner that owns assets cannot go.
	ts.create(feature("county", "C1", -2.2, 52.2))
	if pr := ts.do(req{Method: "DELETE", Path: "/api/v1/partners/county", Token: "admin"}).Problem(t); pr.Status != 409 {
		t.Errorf("delete owner %+v", pr)
	}
	must(t, ts.do(req{Method: "DELETE", Path: "/api/v1/partners/wychavon-dc", Token: "admin"}), 204)
	ts.do(req{Method: "GET", Path: "/api/v1/partners/wychavon-dc", Token: "admin"}).Problem(t)
	for _, bad := range []map[string]any{
		{"id": "Bad Id", "name": "x", "kind": "police"},
		{"id": "ok", "name": "", "kind": "police"},
		{"id": "ok", "name": "x", "kind": "army"},
		{"id": "ok", "name": "x", "kind": "police", "uri": "not a uri"},
		{"id": "ok", "name": "x", "kind": "police", "colour": "blue"},
	} {
		if pr := ts.do(req{Method: "POST", Path: "/api/v1/partners", Token: "admin", Body: bad}).Problem(t); pr.Status != 400 || len(pr.Errors) == 0 {
			t.Errorf("%v: %+v", bad, pr)
		}
	}
}

func TestTokensAPI(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	var created struct {
		ID    int64
		Token string
	}
	must(t, ts.do(req{Method: "POST", Path: "/api/v1/tokens", Token: "admin",
		Body: map[string]string{"name": "fire-officer", "role": "editor", "partner": "police"}}), 201).JSON(t, &created)
	ts.Tokens["fire-officer"] = created.Token
	must(t, ts.do(req{Method: "GET", Path: "/api/v1/assets", Token: "fire-officer"}), 200)
	must(t, ts.do(req{Method: "GET", Path: "/api/v1/tokens", Token: "admin"}), 200)
	if pr := ts.do(req{Method: "GET", Path: "/api/v1/tokens", Token: "county-editor"}).Problem(t); pr.Status != 403 {
		t.Errorf("editor lists tokens: %+v", pr)
	}
	must(t, ts.do(req{Method: "DELETE", Path: fmt.Sprintf("/api/v1/tokens/%d", created.ID), Token: "admin"}), 204)
	if pr := ts.do(req{Method: "GET", Path: "/api/v1/assets", Token: "fire-officer"}).Problem(t); pr.Status != 401 {
		t.Errorf("revoked token: %+v", pr)
	}
}
