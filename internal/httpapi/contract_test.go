package httpapi_test

import (
	"sort"
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/httpapi"
)

// TestSpecMatchesRoutes fails when a route is served that openapi.yaml does
// not describe, or described that is not served. Responses are checked
// against the spec by every other test through testServer.do.
func TestSpecMatchesRoutes(t *testing.T) {
	spec := loadSpec(t)
	ts := newTestServer(t, httpapi.Config{})
	inSpec := map[string]bool{}
	for path, item := range spec.Paths.Map() {
		for method := range item.Operations() {
			inSpec[strings.ToUpper(method)+" "+path] = true
		}
	}
	served := map[string]bool{}
	for _, r := range ts.Srv.Routes() {
		served[r.Method+" "+r.Path] = true
	}
	// HEAD is described once, in info, for every GET path (RFC 9110
	// 9.3.2), rather than as a second operation on each: so HEAD is
	// served exactly where GET is.
	if !strings.Contains(spec.Info.Description, "HEAD") {
		t.Error("openapi.yaml's info does not say that GET paths answer HEAD")
	}
	var missing, undocumented []string
	for k := range inSpec {
		if !served[k] {
			missing = append(missing, k)
		}
	}
	for k := range served {
		if path, ok := strings.CutPrefix(k, "HEAD "); ok {
			if !served["GET "+path] {
				undocumented = append(undocumented, k+" (HEAD without GET)")
			}
			continue
		}
		if path, ok := strings.CutPrefix(k, "GET "); ok && !served["HEAD "+path] {
			missing = append(missing, "HEAD "+path+" (GET without HEAD)")
		}
		if !inSpec[k] {
			undocumented = append(undocumented, k)
		}
	}
	sort.Strings(missing)
	sort.Strings(undocumented)
	if len(missing) > 0 {
		t.Errorf("in openapi.yaml but not served: %v", missing)
	}
	if len(undocumented) > 0 {
		t.Errorf("served but not in openapi.yaml: %v", undocumented)
	}
	if len(served) < 10 {
		t.Errorf("only %d routes served", len(served))
	}
}

func TestServiceDocuments(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	must(t, ts.do(req{Method: "GET", Path: "/healthz"}), 200)
	spec := must(t, ts.do(req{Method: "GET", Path: "/openapi.yaml"}), 200)
	if !strings.HasPrefix(string(spec.Body), "openapi: 3.0") {
		t.Errorf("openapi.yaml starts %.40q", spec.Body)
	}
	page := must(t, ts.do(req{Method: "GET", Path: "/"}), 200)
	if !strings.Contains(string(page.Body), "placetrust") {
		t.Errorf("web page: %.200s", page.Body)
	}
	ts.do(req{Method: "GET", Path: "/no/such/page"}).Problem(t)
}

// TestCORS checks browsers on other origins can read answers, errors
// included, and that a configured origin list is enforced.
func TestCORS(t *testing.T) {
	open := newTestServer(t, httpapi.Config{})
	for _, r := range []req{
		{Method: "GET", Path: "/api/v1/partners", Token: "county-viewer"},
		{Method: "GET", Path: "/api/v1/partners"},
		{Method: "GET", Path: "/api/v1/assets?bbox=x", Token: "county-viewer"},
	} {
		r.Header = map[string]string{"Origin": "https://map.example.org"}
		res := open.do(r)
		if res.Header.Get("Access-Control-Allow-Origin") == "" {
			t.Errorf("%s %s (%d): no CORS header", r.Method, r.Path, res.Status)
		}
	}
	closed := newTestServer(t, httpapi.Config{CORSOrigins: []string{"https://ours.example.org"}})
	res := closed.do(req{Method: "GET", Path: "/api/v1/partners", Token: "county-viewer",
		Header: map[string]string{"Origin": "https://evil.example.org"}})
	if got := res.Header.Get("Access-Control-Allow-Origin"); got != "" {
		t.Errorf("foreign origin allowed: %q", got)
	}
}
