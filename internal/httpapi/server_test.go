package httpapi_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/httpapi"
	"github.com/placetrust/placetrust/internal/sqlite"
)

// lockedBuffer collects log lines written by the server's goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

// records returns the JSON log records with the given message.
func (l *lockedBuffer) records(t *testing.T, msg string) []map[string]any {
	t.Helper()
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []map[string]any
	sc := bufio.NewScanner(bytes.NewReader(l.b.Bytes()))
	for sc.Scan() {
		var rec map[string]any
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatalf("log line %q: %v", sc.Text(), err)
		}
		if rec["msg"] == msg {
			out = append(out, rec)
		}
	}
	return out
}

// TestAccessLogStatus checks the access log reports the status the
// client got, problems included, not the 200 a response starts with.
func TestAccessLogStatus(t *testing.T) {
	logs := &lockedBuffer{}
	ts := newTestServer(t, httpapi.Config{BodyLimit: "1K", Logger: slog.New(slog.NewJSONHandler(logs, nil))})
	id := ts.create(feature("county", "LOG", -2.22, 52.19)).ID
	cases := []struct {
		r      req
		status int
	}{
		{req{Method: "GET", Path: "/api/v1/partners?from=log", Token: "county-viewer"}, 400},
		{req{Method: "GET", Path: "/api/v1/partners", Token: "county-viewer"}, 200},
		{req{Method: "GET", Path: "/api/v1/assets/999999", Token: "county-viewer"}, 404},
		{req{Method: "GET", Path: "/api/v1/assets?bbox=x", Token: "county-viewer"}, 400},
		{req{Method: "GET", Path: "/api/v1/partners/county", Token: "pt_unknown"}, 401},
		{req{Method: "DELETE", Path: "/api/v1/partners/county", Token: "county-editor"}, 403},
		{req{Method: "PATCH", Path: "/api/v1/assets/" + itoa(id), Token: "admin", Header: map[string]string{"If-Match": `"7"`},
			Body: map[string]any{"properties": map[string]any{"notes": "x"}}}, 412},
		{req{Method: "POST", Path: "/api/v1/partners", Token: "admin", Body: strings.Repeat("x", 2000)}, 413},
	}
	for _, c := range cases {
		must(t, ts.do(c.r), c.status)
	}
	logged := map[string]float64{}
	for _, rec := range logs.records(t, "request") {
		logged[rec["method"].(string)+" "+rec["uri"].(string)] = rec["status"].(float64)
	}
	for _, c := range cases {
		key := c.r.Method + " " + c.r.Path
		if got := logged[key]; got != float64(c.status) {
			t.Errorf("%s answered %d but logged status %v", key, c.status, got)
		}
	}
}

// TestOpenRoutesNeedNoToken checks health checks, the API document and the
// web map answer without a token, with a bad one, and past any rate limit.
func TestOpenRoutesNeedNoToken(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{RatePerSecond: 0.001, RateBurst: 1})
	for _, path := range []string{"/healthz", "/openapi.yaml", "/"} {
		for i := range 5 {
			for _, token := range []string{"", "pt_unknown", "county-viewer"} {
				if res := ts.do(req{Method: "GET", Path: path, Token: token}); res.Status != 200 {
					t.Fatalf("GET %s #%d with token %q: %d %s", path, i, token, res.Status, res.Body)
				}
			}
		}
	}
	// The API is still limited, and still refuses bad tokens.
	must(t, ts.do(req{Method: "GET", Path: "/api/v1/partners", Token: "police-viewer"}), 200)
	must(t, ts.do(req{Method: "GET", Path: "/api/v1/partners", Token: "police-viewer"}), 429)
	must(t, ts.do(req{Method: "GET", Path: "/api/v1/partners", Token: "pt_unknown"}), 401)
}

// TestForwardedForIsNotTrusted checks a client cannot escape the anonymous
// rate limit by claiming another address in X-Forwarded-For, unless the
// connection comes from a proxy the server was told to trust.
func TestForwardedForIsNotTrusted(t *testing.T) {
	anonymous := func(ts *testServer, n int) int {
		for i := range n {
			res := ts.do(req{Method: "GET", Path: "/api/v1/partners",
				Header: map[string]string{"X-Forwarded-For": "203.0.113." + itoa(int64(i+1)), "X-Real-IP": "198.51.100." + itoa(int64(i+1))}})
			if res.Status != 200 {
				return i
			}
		}
		return n
	}
	direct := newTestServer(t, httpapi.Config{PublicRead: true, RatePerSecond: 0.001, RateBurst: 2})
	if got := anonymous(direct, 5); got != 2 {
		t.Errorf("without trusted proxies, %d anonymous requests passed with fresh X-Forwarded-For, want the burst of 2", got)
	}
	proxied := newTestServer(t, httpapi.Config{PublicRead: true, RatePerSecond: 0.001, RateBurst: 2, TrustedProxies: []string{"127.0.0.1"}})
	if got := anonymous(proxied, 5); got != 5 {
		t.Errorf("behind a trusted proxy, distinct clients got %d of 5 requests", got)
	}
}

// TestDefaultRateFitsGISClients checks the default limit lets one client
// page in a fast burst, as GDAL does, well past the old burst of 100.
func TestDefaultRateFitsGISClients(t *testing.T) {
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "rate.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// httptest.NewRequest names example.com and comes over no connection.
	srv := httpapi.New(httpapi.Config{PublicRead: true, AllowedHosts: []string{"example.com"}}, httpapi.Services{
		Services: *newServices(db, estate.GreatBritain)})
	for i := range httpapi.DefaultBurst {
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, httptest.NewRequest("GET", "/api/v1/partners", nil))
		if w.Code != http.StatusOK {
			t.Fatalf("request %d of a burst: %d %s", i+1, w.Code, w.Body)
		}
	}
	if httpapi.DefaultRate < 200 {
		t.Errorf("default rate %d/s: GDAL paging at 10 features a page needs more", httpapi.DefaultRate)
	}
}

// TestCORSOff checks NoCORS leaves every origin without access.
func TestCORSOff(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{NoCORS: true})
	res := ts.do(req{Method: "GET", Path: "/api/v1/partners", Token: "county-viewer",
		Header: map[string]string{"Origin": "https://map.example.org"}})
	if got := res.Header.Get("Access-Control-Allow-Origin"); res.Status != 200 || got != "" {
		t.Errorf("CORS off: status %d, Access-Control-Allow-Origin %q", res.Status, got)
	}
}

// TestConfigValidate checks the settings a command line can get wrong.
func TestConfigValidate(t *testing.T) {
	for _, c := range []httpapi.Config{
		{BodyLimit: "abc"}, {BodyLimit: "0"}, {TrustedProxies: []string{"nope"}}, {TrustedProxies: []string{"10.0.0.0/40"}},
		{BaseURL: "example.org"}, {CORSOrigins: []string{"example.org"}}, {RateBurst: -1},
		{BasemapURL: "https://x/{z}.png"},
		{AllowedHosts: []string{"https://r.example.org"}}, {AllowedHosts: []string{"*.example.org"}},
		{AllowedHosts: []string{"r.example.org/x"}}, {AllowedHosts: []string{"::1"}}, {AllowedHosts: []string{"r:0"}},
		{AllowedHosts: []string{"r:99999"}}, {AllowedHosts: []string{"r:"}}, {AllowedHosts: []string{""}},
		{AllowedHosts: []string{"user@r.example.org"}},
	} {
		if err := c.Validate(); err == nil {
			t.Errorf("%+v accepted", c)
		}
	}
	for _, c := range []httpapi.Config{
		{}, {BodyLimit: "512KiB", TrustedProxies: []string{"10.0.0.0/8", "::1", "192.0.2.7"}, BaseURL: "https://r.example.org",
			CORSOrigins: []string{"*", "https://map.example.org"}, RatePerSecond: -1,
			AllowedHosts: []string{"Register.Example.org", "10.0.0.5:8080", "[::1]:8080", "[::1]", "my_host"}},
	} {
		if err := c.Validate(); err != nil {
			t.Errorf("%+v refused: %v", c, err)
		}
	}
}
