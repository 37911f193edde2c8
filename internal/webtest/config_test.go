package webtest

import (
	"net/http"
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/httpapi"
)

// TestConfigJSON checks what the page reads first, without a browser.
func TestConfigJSON(t *testing.T) {
	srv := newServer(t, httpapi.Config{BasemapURL: "https://tiles.example.org/{z}/{x}/{y}.png", BasemapAttribution: "Example"})
	type actor struct{ Name, Role, Partner string }
	var doc struct {
		BasemapURL         string `json:"basemap_url"`
		BasemapAttribution string `json:"basemap_attribution"`
		PublicRead         bool   `json:"public_read"`
		Actor              *actor
	}
	for _, tc := range []struct {
		token string
		want  *actor
	}{
		{"", nil},
		{"admin", &actor{"admin", "admin", ""}},
		{"viewer", &actor{"viewer", "viewer", editorPartner}},
	} {
		doc.Actor = nil
		if _, err := srv.api(t, "GET", "/config.json", tc.token, nil, nil, &doc); err != nil {
			t.Fatal(err)
		}
		if (doc.Actor == nil) != (tc.want == nil) || (doc.Actor != nil && *doc.Actor != *tc.want) ||
			doc.BasemapURL != "https://tiles.example.org/{z}/{x}/{y}.png" || doc.BasemapAttribution != "Example" || doc.PublicRead {
			t.Errorf("token %q: %+v, actor %+v", tc.token, doc, doc.Actor)
		}
	}
	req, _ := http.NewRequest("GET", srv.URL+"/config.json", nil)
	req.Header.Set("Authorization", "Bearer pt_not_a_token")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusUnauthorized {
		t.Errorf("bad token: %d", res.StatusCode)
	}
}

func TestCheckBasemapURL(t *testing.T) {
	for _, tc := range []struct {
		url string
		ok  bool
	}{
		{"", true},
		{"https://tile.example.org/{z}/{x}/{y}.png", true},
		{"/basemap/{z}/{x}/{y}.png", true},
		{"https://tile.example.org/{z}/{x}.png", false},
		{"ftp://tile.example.org/{z}/{x}/{y}.png", false},
		{"tiles/{z}/{x}/{y}", false},
	} {
		err := httpapi.CheckBasemapURL(tc.url)
		if (err == nil) != tc.ok {
			t.Errorf("%q: %v", tc.url, err)
		}
		if err != nil && !strings.Contains(err.Error(), "basemap URL") {
			t.Errorf("%q: error %q does not name the setting", tc.url, err)
		}
	}
}
