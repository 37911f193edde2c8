package httpapi_test

import (
	"encoding/base64"
	"testing"

	"github.com/placetrust/placetrust/internal/httpapi"
)

// TestTokenAsBasicPassword: QGIS can sign in only with Basic, so the token
// also works as its password, whatever the user name, and reads what the
// same token as a bearer reads (a sensitive asset here); a wrong or
// malformed one is refused as a bad bearer is, and no Basic challenge is
// sent, so a browser never shows a sign-in box.
func TestTokenAsBasicPassword(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{PublicRead: true})
	f := feature("county", "BASIC-1", -2.2, 52.19)
	f["properties"].(map[string]any)["sensitive"] = true
	a := ts.create(f)
	basic := func(userpass string) map[string]string {
		return map[string]string{"Authorization": "Basic " + base64.StdEncoding.EncodeToString([]byte(userpass))}
	}
	path := "/ogc/collections/assets/items/" + itoa(a.ID)
	must(t, ts.do(req{Method: "GET", Path: path}), 404) // the public does not see it
	for _, user := range []string{"qgis", "", "token"} {
		must(t, ts.do(req{Method: "GET", Path: path, Header: basic(user + ":" + ts.Tokens["county-viewer"])}), 200)
	}
	for name, h := range map[string]map[string]string{
		"wrong token":    basic("qgis:pt_not_a_token"),
		"no password":    basic("qgis:"),
		"no colon":       basic(ts.Tokens["county-viewer"]),
		"not base64":     {"Authorization": "Basic %%%"},
		"other scheme":   {"Authorization": "Digest " + ts.Tokens["county-viewer"]},
		"bearer as user": basic(ts.Tokens["county-viewer"] + ":x"),
	} {
		res := ts.do(req{Method: "GET", Path: path, Header: h})
		if res.Status != 401 {
			t.Errorf("%s: %d, want 401", name, res.Status)
		}
		if c := res.Header.Get("WWW-Authenticate"); c != "" && c[:5] == "Basic" {
			t.Errorf("%s: a Basic challenge %q", name, c)
		}
	}
}
