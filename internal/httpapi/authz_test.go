package httpapi_test

import (
	"strconv"
	"testing"

	"github.com/placetrust/placetrust/internal/httpapi"
)

// TestWriteAuthorization runs every write route for every kind of caller
// against its own partner's asset, another partner's, and a sensitive one,
// and checks the status and that a refused write changed nothing.
func TestWriteAuthorization(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	addBadTokens(t, ts)

	type target int
	const (
		own       target = iota // a county asset
		other                   // a police asset
		sensitive               // a sensitive police asset
	)
	callers := []string{"", "bogus", "malformed", "revoked", "county-viewer", "county-editor", "police-viewer", "police-editor", "admin"}
	routes := []struct {
		name string
		// ok is the status of an allowed call.
		ok   int
		call func(id int64) req
	}{
		{"create", 201, func(int64) req {
			return req{Method: "POST", Path: "/api/v1/assets"}
		}},
		{"patch", 200, func(id int64) req {
			return req{Method: "PATCH", Path: "/api/v1/assets/" + itoa(id), Header: map[string]string{"If-Match": `"1"`},
				Body: map[string]any{"properties": map[string]any{"notes": "changed"}}}
		}},
		{"rag", 200, func(id int64) req {
			return req{Method: "PUT", Path: "/api/v1/assets/" + itoa(id) + "/rag", Header: map[string]string{"If-Match": `"1"`},
				Body: map[string]any{"rating": "amber", "rationale": "Review"}}
		}},
		{"delete", 204, func(id int64) req {
			return req{Method: "DELETE", Path: "/api/v1/assets/" + itoa(id), Header: map[string]string{"If-Match": `"1"`}}
		}},
		// An import into the target's partner, renaming the target.
		{"import", 200, nil},
	}
	// want gives the expected status by caller and target; "ok" is the
	// route's success status.
	want := map[string][3]string{
		"":              {"401", "401", "401"},
		"bogus":         {"401", "401", "401"},
		"malformed":     {"401", "401", "401"},
		"revoked":       {"401", "401", "401"},
		"county-viewer": {"403", "403", "404"},
		"county-editor": {"ok", "403", "404"},
		"police-viewer": {"403", "403", "403"},
		// An owner's editor may change its own sensitive asset.
		"police-editor": {"403", "ok", "ok"},
		"admin":         {"ok", "ok", "ok"},
	}
	n := 0
	for _, rt := range routes {
		for _, caller := range callers {
			for tg := own; tg <= sensitive; tg++ {
				n++
				partner := map[target]string{own: "county", other: "police", sensitive: "police"}[tg]
				f := feature(partner, "T"+strconv.Itoa(n), -2.22, 52.19)
				f["properties"].(map[string]any)["sensitive"] = tg == sensitive
				id := ts.create(f).ID
				var r req
				switch rt.name {
				case "create":
					r = req{Method: "POST", Path: "/api/v1/assets", Body: feature(partner, "NEW"+strconv.Itoa(n), -2.2, 52.2)}
					r.Body.(map[string]any)["properties"].(map[string]any)["sensitive"] = tg == sensitive
				case "import":
					f["properties"].(map[string]any)["name"] = "Renamed by import"
					r = req{Method: "POST", Path: "/api/v1/imports?format=geojson&partner=" + partner,
						Body: map[string]any{"type": "FeatureCollection", "features": []any{f}}}
				default:
					r = rt.call(id)
				}
				r.Token = caller
				expect := want[caller][tg]
				if (rt.name == "create" || rt.name == "import") && expect == "404" {
					// Creating and importing name a partner, not an existing
					// asset: refused as any write to another partner.
					expect = "403"
				}
				if expect == "ok" {
					expect = strconv.Itoa(rt.ok)
				}
				before := ts.snapshot()
				res := ts.do(r)
				if strconv.Itoa(res.Status) != expect {
					t.Errorf("%s by %q on target %d: status %d, want %s: %s", rt.name, caller, tg, res.Status, expect, res.Body)
					continue
				}
				if res.Status >= 400 {
					res.Problem(t)
					if after := ts.snapshot(); after != before {
						t.Errorf("%s by %q on target %d refused but the database changed", rt.name, caller, tg)
					}
					var f featureOut
					must(t, ts.do(req{Method: "GET", Path: "/api/v1/assets/" + itoa(id), Token: "admin"}), 200).JSON(t, &f)
					if f.Properties["version"] != 1.0 {
						t.Errorf("%s by %q refused but the asset moved to version %v", rt.name, caller, f.Properties["version"])
					}
				}
			}
		}
	}
}

// addBadTokens adds callers whose tokens must never work: unknown,
// malformed and revoked.
func addBadTokens(t *testing.T, ts *testServer) {
	t.Helper()
	ts.Tokens["bogus"] = "pt_not-a-real-token"
	ts.Tokens["malformed"] = "not even prefixed"
	var made struct {
		ID    int64  `json:"id"`
		Token string `json:"token"`
	}
	must(t, ts.do(req{Method: "POST", Path: "/api/v1/tokens", Token: "admin",
		Body: map[string]any{"name": "leaver", "role": "editor", "partner": "county"}}), 201).JSON(t, &made)
	must(t, ts.do(req{Method: "DELETE", Path: "/api/v1/tokens/" + itoa(made.ID), Token: "admin"}), 204)
	ts.Tokens["revoked"] = made.Token
}

// TestAdminOnlyRoutes runs every partner, token and audit route for every
// kind of caller: only an admin succeeds, and a refusal changes nothing.
func TestAdminOnlyRoutes(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	addBadTokens(t, ts)
	must(t, ts.do(req{Method: "POST", Path: "/api/v1/partners", Token: "admin",
		Body: map[string]any{"id": "spare", "name": "Spare", "kind": "other"}}), 201)
	var spareToken struct{ ID int64 }
	must(t, ts.do(req{Method: "POST", Path: "/api/v1/tokens", Token: "admin",
		Body: map[string]any{"name": "spare", "role": "viewer", "partner": "county"}}), 201).JSON(t, &spareToken)
	calls := []struct {
		r  req
		ok int
	}{
		{req{Method: "POST", Path: "/api/v1/partners", Body: map[string]any{"id": "new", "name": "New", "kind": "other"}}, 201},
		{req{Method: "PATCH", Path: "/api/v1/partners/police", Body: map[string]any{"name": "Renamed"}}, 200},
		{req{Method: "DELETE", Path: "/api/v1/partners/spare"}, 204},
		{req{Method: "GET", Path: "/api/v1/tokens"}, 200},
		{req{Method: "POST", Path: "/api/v1/tokens", Body: map[string]any{"name": "x", "role": "admin"}}, 201},
		{req{Method: "DELETE", Path: "/api/v1/tokens/" + itoa(spareToken.ID)}, 204},
		{req{Method: "GET", Path: "/api/v1/audit"}, 200},
	}
	for _, caller := range []string{"", "bogus", "malformed", "revoked", "county-viewer", "county-editor",
		"police-viewer", "police-editor", "admin"} {
		for _, c := range calls {
			c.r.Token = caller
			before := ts.snapshot()
			res := ts.do(c.r)
			want := 403
			switch caller {
			case "", "bogus", "malformed", "revoked":
				want = 401
			case "admin":
				want = c.ok
			}
			if res.Status != want {
				t.Errorf("%s %s by %q: %d, want %d: %s", c.r.Method, c.r.Path, caller, res.Status, want, res.Body)
			}
			if res.Status >= 400 {
				res.Problem(t)
				if after := ts.snapshot(); after != before {
					t.Errorf("%s %s by %q refused but the database changed", c.r.Method, c.r.Path, caller)
				}
			}
		}
	}
}

// TestReadVisibility checks who sees sensitive assets and money.
func TestReadVisibility(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{PublicRead: true})
	open := ts.create(feature("police", "OPEN", -2.22, 52.19)).ID
	f := feature("police", "CUSTODY", -2.22, 52.19)
	f["properties"].(map[string]any)["sensitive"] = true
	hidden := ts.create(f).ID

	for _, tt := range []struct {
		caller     string
		seesHidden bool
		seesMoney  bool
	}{
		{"", false, false},
		{"county-viewer", false, true},
		{"county-editor", false, true},
		{"police-viewer", true, true},
		{"admin", true, true},
	} {
		var c collectionOut
		must(t, ts.do(req{Method: "GET", Path: "/api/v1/assets", Token: tt.caller}), 200).JSON(t, &c)
		ids := map[int64]featureOut{}
		for _, f := range c.Features {
			ids[f.ID] = f
		}
		if _, ok := ids[hidden]; ok != tt.seesHidden {
			t.Errorf("%q sees sensitive in list: %v", tt.caller, ok)
		}
		if _, ok := ids[open].Properties["market_value_gbp"]; ok != tt.seesMoney {
			t.Errorf("%q sees money: %v", tt.caller, ok)
		}
		status := ts.do(req{Method: "GET", Path: "/api/v1/assets/" + itoa(hidden), Token: tt.caller}).Status
		if (status == 200) != tt.seesHidden {
			t.Errorf("%q reading sensitive asset: %d", tt.caller, status)
		}
		status = ts.do(req{Method: "GET", Path: "/api/v1/assets/" + itoa(hidden) + "/history", Token: tt.caller}).Status
		if (status == 200) != tt.seesHidden {
			t.Errorf("%q reading sensitive history: %d", tt.caller, status)
		}
	}

	private := newTestServer(t, httpapi.Config{})
	for _, path := range []string{"/api/v1/assets", "/api/v1/partners", "/api/v1/assets/1", "/api/v1/assets/1/history"} {
		res := private.do(req{Method: "GET", Path: path})
		if pr := res.Problem(t); pr.Status != 401 || res.Header.Get("WWW-Authenticate") == "" {
			t.Errorf("anonymous %s on a private register: %+v", path, pr)
		}
	}
}

func TestRateLimit(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{RatePerSecond: 0.5, RateBurst: 3})
	for i := range 3 {
		must(t, ts.do(req{Method: "GET", Path: "/api/v1/partners", Token: "county-viewer"}), 200)
		_ = i
	}
	res := ts.do(req{Method: "GET", Path: "/api/v1/partners", Token: "county-viewer"})
	if pr := res.Problem(t); pr.Status != 429 {
		t.Fatalf("fourth request: %+v", pr)
	}
	if ra, err := strconv.Atoi(res.Header.Get("Retry-After")); err != nil || ra < 1 || ra > 2 {
		t.Errorf("Retry-After %q", res.Header.Get("Retry-After"))
	}
	// Another token has its own allowance.
	must(t, ts.do(req{Method: "GET", Path: "/api/v1/partners", Token: "police-viewer"}), 200)
}
