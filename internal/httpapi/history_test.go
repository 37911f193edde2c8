package httpapi_test

import (
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/httpapi"
)

type historyOut struct {
	Events []struct {
		AssetID int64  `json:"asset_id"`
		Partner string `json:"partner"`
		Action  string `json:"action"`
	} `json:"events"`
}

// TestDeletedSensitiveHistoryStaysItsOwn is the audit's leak: delete the
// newest asset, a sensitive police one, and create another. The new asset
// must not take its id, and the deleted asset's history must stay with
// it, readable only by those who could read the asset.
func TestDeletedSensitiveHistoryStaysItsOwn(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{PublicRead: true})
	ts.create(feature("county", "OLDER", -2.22, 52.19))
	f := feature("police", "CUSTODY", -2.21, 52.18)
	f["properties"].(map[string]any)["sensitive"] = true
	f["properties"].(map[string]any)["notes"] = "Custody suite, rear entrance"
	gone := ts.create(f).ID
	must(t, ts.do(req{Method: "DELETE", Path: "/api/v1/assets/" + itoa(gone), Token: "police-editor",
		Header: map[string]string{"If-Match": `"1"`}}), 204)

	var made featureOut
	must(t, ts.do(req{Method: "POST", Path: "/api/v1/assets", Token: "county-editor",
		Body: feature("county", "NEWEST", -2.2, 52.2)}), 201).JSON(t, &made)
	if made.ID == gone {
		t.Fatalf("the new asset took the deleted asset's id %d", gone)
	}

	for _, tt := range []struct {
		caller string
		sees   bool
	}{{"", false}, {"county-editor", false}, {"county-viewer", false}, {"police-viewer", true}, {"admin", true}} {
		res := ts.do(req{Method: "GET", Path: "/api/v1/assets/" + itoa(gone) + "/history", Token: tt.caller})
		if !tt.sees {
			if strings.Contains(string(res.Body), "Custody") {
				t.Errorf("%q read the deleted sensitive asset's notes: %s", tt.caller, res.Body)
			}
			if res.Status != 404 {
				t.Errorf("%q reading the deleted sensitive asset's history: %d, want 404", tt.caller, res.Status)
			}
			continue
		}
		var h historyOut
		must(t, res, 200).JSON(t, &h)
		if len(h.Events) != 2 || h.Events[0].Action != "delete" || h.Events[1].Action != "create" {
			t.Errorf("%q: deleted asset's history %+v, want its delete and create", tt.caller, h.Events)
		}
		for _, ev := range h.Events {
			if ev.AssetID != gone || ev.Partner != "police" {
				t.Errorf("%q: deleted asset's history holds %+v", tt.caller, ev)
			}
		}
	}

	// The new asset's history is its own: one create, by the county.
	for _, caller := range []string{"", "police-viewer", "county-editor"} {
		var h historyOut
		must(t, ts.do(req{Method: "GET", Path: "/api/v1/assets/" + itoa(made.ID) + "/history", Token: caller}), 200).JSON(t, &h)
		if len(h.Events) != 1 || h.Events[0].Partner != "county" || h.Events[0].Action != "create" {
			t.Errorf("%q: new asset's history %+v, want only its creation", caller, h.Events)
		}
	}
	// The deleted asset's address, and an ETag read before, name no other asset.
	res := ts.do(req{Method: "GET", Path: "/api/v1/assets/" + itoa(gone), Token: "admin",
		Header: map[string]string{"If-None-Match": `"1"`}})
	if res.Status != 404 {
		t.Errorf("GET of the deleted asset's id with its old ETag: %d, want 404", res.Status)
	}
}
