package httpapi_test

import (
	"net/url"
	"testing"

	"github.com/placetrust/placetrust/internal/httpapi"
)

type adminEventsOut struct {
	Events []struct {
		ID       int64
		Entity   string
		EntityID string `json:"entity_id"`
		Action   string
		Actor    string
		Changes  []struct {
			Field         string
			Before, After any
		}
	}
	Links []struct{ Href, Rel string }
}

// TestAdminAuditAPI checks partner and token writes through the API are in
// /api/v1/audit with actor and before/after, and that deleting a partner
// revokes its tokens, each recorded, instead of erasing them.
func TestAdminAuditAPI(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	must(t, ts.do(req{Method: "POST", Path: "/api/v1/partners", Token: "admin",
		Body: map[string]any{"id": "fire", "name": "Fire", "kind": "fire"}}), 201)
	must(t, ts.do(req{Method: "PATCH", Path: "/api/v1/partners/fire", Token: "admin",
		Body: map[string]any{"name": "Hereford & Worcester Fire"}}), 200)
	var tok struct {
		ID    int64
		Token string
	}
	must(t, ts.do(req{Method: "POST", Path: "/api/v1/tokens", Token: "admin",
		Body: map[string]any{"name": "fire-editor", "role": "editor", "partner": "fire"}}), 201).JSON(t, &tok)
	must(t, ts.do(req{Method: "DELETE", Path: "/api/v1/partners/fire", Token: "admin"}), 204)
	// The deleted partner's token stops working but stays listed, revoked.
	ts.Tokens["fire-editor"] = tok.Token
	must(t, ts.do(req{Method: "GET", Path: "/api/v1/partners", Token: "fire-editor"}), 401)

	var page adminEventsOut
	must(t, ts.do(req{Method: "GET", Path: "/api/v1/audit?entity=partner&id=fire", Token: "admin"}), 200).JSON(t, &page)
	var actions []string
	for _, ev := range page.Events {
		actions = append(actions, ev.Action)
		if ev.Actor != "admin" {
			t.Errorf("event by %q, want the token name admin", ev.Actor)
		}
	}
	if len(actions) != 3 || actions[0] != "delete" || actions[1] != "update" || actions[2] != "create" {
		t.Fatalf("fire's events newest first: %v", actions)
	}
	upd := page.Events[1].Changes
	if len(upd) != 1 || upd[0].Field != "name" || upd[0].Before != "Fire" || upd[0].After != "Hereford & Worcester Fire" {
		t.Errorf("update changes %+v", upd)
	}
	must(t, ts.do(req{Method: "GET", Path: "/api/v1/audit?entity=token&id=" + itoa(tok.ID), Token: "admin"}), 200).JSON(t, &page)
	if len(page.Events) != 2 || page.Events[0].Action != "revoke" || page.Events[1].Action != "create" {
		t.Fatalf("token events: %+v", page.Events)
	}

	// Paging: one event a page, following next links, visits them all once.
	seen := map[int64]bool{}
	path := "/api/v1/audit?limit=1"
	for path != "" {
		var p adminEventsOut
		must(t, ts.do(req{Method: "GET", Path: path, Token: "admin"}), 200).JSON(t, &p)
		for _, ev := range p.Events {
			if seen[ev.ID] {
				t.Fatalf("event %d twice", ev.ID)
			}
			seen[ev.ID] = true
		}
		path = ""
		for _, l := range p.Links {
			if l.Rel == "next" {
				u, _ := url.Parse(l.Href)
				path = u.RequestURI()
			}
		}
	}
	// The seed's 2 partners and 5 tokens, then this test's 3 + 2.
	if len(seen) != 12 {
		t.Errorf("paged through %d events, want 12", len(seen))
	}

	for _, q := range []string{"entity=asset", "id=fire", "limit=0", "cursor=zz", "actor=admin"} {
		if pr := ts.do(req{Method: "GET", Path: "/api/v1/audit?" + q, Token: "admin"}).Problem(t); pr.Status != 400 {
			t.Errorf("audit?%s: %+v", q, pr)
		}
	}
}
