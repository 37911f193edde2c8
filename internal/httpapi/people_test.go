package httpapi_test

import (
	"bytes"
	"testing"

	"github.com/placetrust/placetrust/internal/httpapi"
)

// TestPeopleAndNotesByReader: who rated an asset and who changed it are
// token names, usually people's, and notes are officers' own. The
// public and other partners see the partner instead of the person and no
// notes, on every surface that reads assets; the owner's staff and admins
// see both, and the admin audit stays whole (audit item 5, issue 13).
func TestPeopleAndNotesByReader(t *testing.T) {
	const person, note = "Jane Smith", "Keys with the caretaker, 07700 900123"
	ts := newTestServer(t, httpapi.Config{PublicRead: true})
	var tok struct {
		ID    int64  `json:"id"`
		Token string `json:"token"`
	}
	must(t, ts.do(req{Method: "POST", Path: "/api/v1/tokens", Token: "admin",
		Body: map[string]string{"name": person, "role": "editor", "partner": "county"}}), 201).JSON(t, &tok)
	ts.Tokens["jane"] = tok.Token

	id := ts.create(feature("county", "HALL", -2.22, 52.19)).ID
	path := "/api/v1/assets/" + itoa(id)
	must(t, ts.do(req{Method: "PATCH", Path: path, Token: "jane", Header: map[string]string{"If-Match": `"1"`},
		Body: map[string]any{"properties": map[string]any{"notes": note}}}), 200)
	must(t, ts.do(req{Method: "PUT", Path: path + "/rag", Token: "jane", Header: map[string]string{"If-Match": `"2"`},
		Body: map[string]string{"rating": "green", "rationale": "Declared surplus"}}), 200)

	surfaces := []string{
		path,
		"/api/v1/assets",
		path + "/history",
		"/ogc/collections/assets/items",
		"/ogc/collections/assets/items/" + itoa(id),
		"/api/v1/exports/assets.geojson",
		"/api/v1/exports/assets.csv",
		"/api/v1/exports/assets.gpkg",
	}
	for _, tt := range []struct {
		caller string
		sees   bool // the person and the notes
	}{
		{"", false},
		{"police-viewer", false},
		{"police-editor", false},
		{"county-viewer", true},
		{"jane", true},
		{"admin", true},
	} {
		for _, p := range surfaces {
			body := must(t, ts.do(req{Method: "GET", Path: p, Token: tt.caller}), 200).Body
			if got := bytes.Contains(body, []byte(person)); got != tt.sees {
				t.Errorf("%q reading %s sees the person: %v", tt.caller, p, got)
			}
			if got := bytes.Contains(body, []byte(note)); got != tt.sees {
				t.Errorf("%q reading %s sees the notes: %v", tt.caller, p, got)
			}
		}

		var f featureOut
		must(t, ts.do(req{Method: "GET", Path: path, Token: tt.caller}), 200).JSON(t, &f)
		// The asset says who rated it as the audit names actors, with
		// their partner; the history keeps the two apart.
		wantBy, wantActor := "county", "county"
		if tt.sees {
			wantBy, wantActor = person+" (county)", person
		}
		if f.Properties["rag_set_by"] != wantBy || f.Properties["rag"] != "green" {
			t.Errorf("%q: rag_set_by %v, want %q", tt.caller, f.Properties["rag_set_by"], wantBy)
		}

		var hist struct {
			Events []struct {
				Action, Actor string
				ActorPartner  string `json:"actor_partner"`
				Changes       []struct{ Field string }
			}
		}
		must(t, ts.do(req{Method: "GET", Path: path + "/history", Token: tt.caller}), 200).JSON(t, &hist)
		if len(hist.Events) != 3 {
			t.Fatalf("%q: %d events, want 3", tt.caller, len(hist.Events))
		}
		for _, ev := range hist.Events[:2] { // Jane's rating and note
			if ev.Actor != wantActor || ev.ActorPartner != "county" {
				t.Errorf("%q: %s by %q (%q), want %q (county)", tt.caller, ev.Action, ev.Actor, ev.ActorPartner, wantActor)
			}
		}
		var fields []string
		for _, c := range hist.Events[0].Changes {
			fields = append(fields, c.Field)
		}
		if len(fields) != 3+btoi(tt.sees) || fields[0] != "rag" { // rag_set_by only for those who see people
			t.Errorf("%q: the rating's changes %v", tt.caller, fields)
		}
		if create := hist.Events[2]; create.Action != "create" || create.Actor != "admin" {
			t.Errorf("%q: first event %s by %q, want create by admin", tt.caller, create.Action, create.Actor)
		}
	}

	// The admin audit still names the person a token was made for.
	audit := must(t, ts.do(req{Method: "GET", Path: "/api/v1/audit?entity=token&id=" + itoa(tok.ID), Token: "admin"}), 200)
	if !bytes.Contains(audit.Body, []byte(person)) {
		t.Errorf("admin audit lost the token's name: %s", audit.Body)
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
