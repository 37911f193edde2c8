package httpapi_test

import (
	"net/url"
	"strconv"
	"testing"

	"github.com/placetrust/placetrust/internal/httpapi"
)

// TestDisposalProgrammeByPatch moves an asset through its programme with
// PATCH and If-Match: each allowed move is stamped and audited with who
// and why, each refused one is a 400 naming the field and changes
// nothing, and the public and other partners see what they may.
func TestDisposalProgrammeByPatch(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{PublicRead: true})
	created := ts.create(feature("county", "PROG-1", -2.2205, 52.1936))
	path := "/api/v1/assets/" + itoa(created.ID)
	version := 1
	move := func(props map[string]any, status int) (featureOut, httpapi.Problem) {
		t.Helper()
		res := ts.do(req{Method: "PATCH", Path: path, Token: "county-editor", Body: map[string]any{"properties": props},
			Header: map[string]string{"If-Match": strconv.Quote(strconv.Itoa(version))}})
		var out featureOut
		var pr httpapi.Problem
		if status == 200 {
			must(t, res, 200).JSON(t, &out)
			version++
		} else {
			if pr = res.Problem(t); pr.Status != status {
				t.Fatalf("status %d, want %d: %s", pr.Status, status, res.Body)
			}
		}
		return out, pr
	}
	refused := func(props map[string]any, field string) {
		t.Helper()
		before := ts.counts()
		if _, pr := move(props, 400); len(pr.Errors) != 1 || pr.Errors[0].Field != field {
			t.Errorf("%v: %+v, want a 400 naming %s", props, pr, field)
		}
		if after := ts.counts(); !equalCounts(before, after) {
			t.Errorf("a refused move changed the register: %v -> %v", before, after)
		}
	}

	declared, _ := move(map[string]any{"disposal_stage": "declared_surplus", "disposal_note": "Cabinet, 12 March",
		"disposal_target": "2027-03-31"}, 200)
	p := declared.Properties
	if p["disposal_stage"] != "declared_surplus" || p["disposal_stage_at"] == nil || p["surplus_value_gbp"] != 1250000.0 ||
		p["disposal_target"] != "2027-03-31" {
		t.Fatalf("declared: %v", p)
	}
	refused(map[string]any{"disposal_stage": "sold", "receipt_gbp": 1, "receipt_date": "2026-01-15"}, "disposal_stage")
	// A move on a stale version is a 412 naming the current one, and writes nothing.
	stale := ts.do(req{Method: "PATCH", Path: path, Token: "county-editor", Header: map[string]string{"If-Match": `"1"`},
		Body: map[string]any{"properties": map[string]any{"disposal_stage": "marketed"}}})
	if pr := stale.Problem(t); pr.Status != 412 || pr.Version != 2 {
		t.Errorf("a stale move: %+v", pr)
	}
	refused(map[string]any{"disposal_stage_at": "2020-01-01T00:00:00Z"}, "disposal_stage_at")
	refused(map[string]any{"surplus_value_gbp": 1}, "surplus_value_gbp")
	refused(map[string]any{"receipt_gbp": 5}, "receipt_gbp")
	move(map[string]any{"disposal_stage": "marketed", "disposal_note": "With agents", "market_value_gbp": 1400000}, 200)
	move(map[string]any{"disposal_stage": "under_offer", "disposal_note": "Offer accepted"}, 200)
	refused(map[string]any{"disposal_stage": "sold", "receipt_date": "2026-01-15"}, "receipt_gbp")
	refused(map[string]any{"disposal_stage": "sold", "receipt_gbp": 1300000, "receipt_date": "2999-01-01"}, "receipt_date")
	sold, _ := move(map[string]any{"disposal_stage": "sold", "disposal_note": "Completed", "receipt_gbp": 1300000,
		"receipt_date": "2026-01-15"}, 200)
	if p := sold.Properties; p["receipt_gbp"] != 1300000.0 || p["surplus_value_gbp"] != 1250000.0 || p["version"] != 5.0 {
		t.Errorf("sold: %v", p)
	}
	refused(map[string]any{"disposal_stage": "marketed", "receipt_gbp": nil, "receipt_date": nil}, "disposal_stage")

	// The history holds each move: who, the note, when.
	var hist struct {
		Events []struct {
			Action, Actor string
			Version       int64
			At            string
			Changes       []struct {
				Field         string
				Before, After any
			}
		}
	}
	must(t, ts.do(req{Method: "GET", Path: path + "/history", Token: "county-viewer"}), 200).JSON(t, &hist)
	if len(hist.Events) != 5 {
		t.Fatalf("%d events", len(hist.Events))
	}
	moved := hist.Events[3] // newest first: the declaration
	got := map[string][2]any{}
	for _, c := range moved.Changes {
		got[c.Field] = [2]any{c.Before, c.After}
	}
	if moved.Action != "update" || moved.Actor != "county-editor" || moved.Version != 2 ||
		got["disposal_stage"] != [2]any{"none", "declared_surplus"} || got["disposal_note"] != [2]any{nil, "Cabinet, 12 March"} ||
		got["disposal_stage_at"][1] != declared.Properties["disposal_stage_at"] || got["surplus_value_gbp"] != [2]any{nil, 1250000.0} {
		t.Errorf("the declaration's event: %+v", moved)
	}
	if moved.At != declared.Properties["disposal_stage_at"] {
		t.Errorf("stamped at %v, the event at %s", declared.Properties["disposal_stage_at"], moved.At)
	}

	// Another partner sees the stage and the receipt, not the officers'
	// words; the public sees the stage, and no money.
	var police, public featureOut
	must(t, ts.do(req{Method: "GET", Path: path, Token: "police-viewer"}), 200).JSON(t, &police)
	if p := police.Properties; p["disposal_stage"] != "sold" || p["receipt_gbp"] != 1300000.0 || p["disposal_note"] != nil {
		t.Errorf("police see %v", p)
	}
	must(t, ts.do(req{Method: "GET", Path: path}), 200).JSON(t, &public)
	if p := public.Properties; p["disposal_stage"] != "sold" || p["receipt_date"] != "2026-01-15" ||
		p["receipt_gbp"] != nil || p["surplus_value_gbp"] != nil || p["disposal_note"] != nil {
		t.Errorf("the public see %v", p)
	}
	must(t, ts.do(req{Method: "GET", Path: path + "/history", Token: "police-viewer"}), 200).JSON(t, &hist)
	for _, e := range hist.Events {
		for _, c := range e.Changes {
			if c.Field == "disposal_note" && (c.Before != nil || c.After != nil) {
				t.Errorf("police read the note in the history: %+v", c)
			}
		}
	}
}

// TestDisposalStageFilter: OGC API's CQL2 filter selects by the stage
// and its dates, and refuses the programme's money, which not every
// reader may see.
func TestDisposalStageFilter(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	a := ts.create(feature("county", "F-1", -2.2205, 52.1936))
	ts.create(feature("county", "F-2", -2.2206, 52.1937))
	must(t, ts.do(req{Method: "PATCH", Path: "/api/v1/assets/" + itoa(a.ID), Token: "county-editor", Header: map[string]string{"If-Match": `"1"`},
		Body: map[string]any{"properties": map[string]any{"disposal_stage": "under_review", "disposal_target": "2028-03-31"}}}), 200)
	for _, filter := range []string{"disposal_stage = 'under_review'", "disposal_target > DATE('2028-01-01')",
		"disposal_stage IN ('under_review', 'marketed') AND disposal_stage_at IS NOT NULL"} {
		var page struct {
			NumberMatched int
			Features      []featureOut
		}
		must(t, ts.do(req{Method: "GET", Path: "/ogc/collections/assets/items?filter=" + url.QueryEscape(filter), Token: "admin"}), 200).JSON(t, &page)
		if page.NumberMatched != 1 || len(page.Features) != 1 || page.Features[0].ID != a.ID {
			t.Errorf("%s: %d matched %+v", filter, page.NumberMatched, page.Features)
		}
	}
	pr := ts.do(req{Method: "GET", Path: "/ogc/collections/assets/items?filter=" + url.QueryEscape("receipt_gbp > 0"), Token: "admin"}).Problem(t)
	if pr.Status != 400 || len(pr.Errors) == 0 || pr.Errors[0].Field != "filter" {
		t.Errorf("a filter on receipt_gbp: %+v", pr)
	}
}

func equalCounts(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
