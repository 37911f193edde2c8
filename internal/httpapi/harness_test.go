package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/placetrust/placetrust"
	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/httpapi"
	"github.com/placetrust/placetrust/internal/insight"
	"github.com/placetrust/placetrust/internal/register"
	"github.com/placetrust/placetrust/internal/service"
	"github.com/placetrust/placetrust/internal/sqlite"
	"github.com/placetrust/placetrust/web"
)

// testServer is the real server on a loopback port over a real database,
// SQLite or PostgreSQL (storeEnv), with a client that checks every
// response against openapi.yaml.
type testServer struct {
	t   *testing.T
	URL string
	// Store is the store the server's services run over.
	Store testStore
	// DB is Store on SQLite, nil on PostgreSQL: tests reaching into
	// SQLite itself get it through needSQLite.
	DB *sqlite.DB
	// pgURL is the PostgreSQL database's address, "" on SQLite.
	pgURL  string
	Svc    *service.Services // the services the server serves
	Srv    *httpapi.Server
	router routers.Router
	// Tokens by name: admin, county-editor, county-viewer, police-editor.
	Tokens map[string]string
	// SpoolDir holds the server's uploads while they import.
	SpoolDir string
}

func loadSpec(t testing.TB) *openapi3.T {
	t.Helper()
	loader := openapi3.NewLoader()
	spec, err := loader.LoadFromData(placetrust.OpenAPI)
	if err != nil {
		t.Fatalf("openapi.yaml: %v", err)
	}
	if err := spec.Validate(context.Background()); err != nil {
		t.Fatalf("openapi.yaml is not valid OpenAPI: %v", err)
	}
	return spec
}

func init() {
	// Our media types are JSON underneath.
	for _, ct := range []string{"application/geo+json", "application/problem+json", "application/merge-patch+json",
		"application/vnd.oai.openapi+json", "application/schema+json"} {
		openapi3filter.RegisterBodyDecoder(ct, openapi3filter.JSONBodyDecoder)
	}
	for _, ct := range []string{"application/yaml", "text/html", "text/csv", "application/vnd.mapbox-vector-tile"} {
		openapi3filter.RegisterBodyDecoder(ct, openapi3filter.FileBodyDecoder)
	}
}

func newTestServer(t *testing.T, cfg httpapi.Config) *testServer {
	t.Helper()
	st, lite, pgURL := openTestStore(t)
	if cfg.CountBudget == 0 {
		// Tests that read numberMatched must get it however loaded the
		// machine: the 100 ms default budget is for production, and the
		// count tests set their own.
		cfg.CountBudget = time.Minute
	}
	if cfg.RatePerSecond == 0 {
		cfg.RatePerSecond = -1 // tests measure behaviour, not throttling
	}
	if cfg.SpoolDir == "" {
		cfg.SpoolDir = t.TempDir() // uploads land here, for tests to look at
	}
	if cfg.AuthFailureBurst == 0 {
		cfg.AuthFailureBurst = -1 // nor of sign-ins: many send bad tokens on purpose
	}
	// The services serve the area the config names, as serve wires
	// them; a config without one serves Great Britain.
	area := estate.GreatBritain
	if cfg.ServiceArea.Limited() {
		area = cfg.ServiceArea
	}
	svc := newServices(st, area)
	served := httpapi.Services{Services: *svc, Spec: placetrust.OpenAPI, Web: web.FS}
	if svc.Feed != nil { // as serve wires them: without a feed, tiles and analyses are off
		served.Register = register.New(svc.Feed) // the tiles' and the analyses' one copy
		served.Analyses = insight.New(served.Register, cfg.PublicRead)
	}
	srv := httpapi.New(cfg, served)
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	router, err := gorillamux.NewRouter(loadSpec(t))
	if err != nil {
		t.Fatal(err)
	}
	ts := &testServer{t: t, URL: hs.URL, Store: st, DB: lite, pgURL: pgURL, Svc: svc, Srv: srv, router: router, Tokens: map[string]string{}, SpoolDir: cfg.SpoolDir}
	ts.seed()
	return ts
}

// seed makes two partners and tokens of each role.
func (ts *testServer) seed() {
	ctx := estate.NewContextWithActor(context.Background(), estate.Actor{Name: "seed", Role: estate.RoleAdmin})
	ps := ts.Svc.Partners
	for _, p := range []*estate.Partner{
		{ID: "county", Name: "Worcestershire County Council", Kind: estate.KindCountyCouncil},
		{ID: "police", Name: "West Mercia Police", Kind: estate.KindPolice},
	} {
		if err := ps.CreatePartner(ctx, p); err != nil {
			ts.t.Fatal(err)
		}
	}
	tokens := ts.Svc.Tokens
	for _, tk := range []estate.Token{
		{Name: "admin", Role: estate.RoleAdmin},
		{Name: "county-editor", Role: estate.RoleEditor, Partner: "county"},
		{Name: "county-viewer", Role: estate.RoleViewer, Partner: "county"},
		{Name: "police-editor", Role: estate.RoleEditor, Partner: "police"},
		{Name: "police-viewer", Role: estate.RoleViewer, Partner: "police"},
	} {
		secret, err := tokens.CreateToken(ctx, &tk)
		if err != nil {
			ts.t.Fatal(err)
		}
		ts.Tokens[tk.Name] = secret
	}
}

type response struct {
	Status int
	Header http.Header
	Body   []byte
}

func (r *response) JSON(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		t.Fatalf("decode %s: %v", r.Body, err)
	}
}

// problem decodes a problem+json body.
func (r *response) Problem(t testing.TB) httpapi.Problem {
	t.Helper()
	if ct := r.Header.Get("Content-Type"); ct != "application/problem+json" {
		t.Fatalf("status %d content type %q, want problem+json: %s", r.Status, ct, r.Body)
	}
	var p httpapi.Problem
	r.JSON(t, &p)
	if p.Status != r.Status || p.Title == "" || p.Code == "" {
		t.Errorf("incomplete problem %+v", p)
	}
	return p
}

// req is one request: token names a key of Tokens ("" for none).
type req struct {
	Method, Path, Token string
	Body                any // []byte or string sent raw; anything else as JSON
	Header              map[string]string
}

// do sends the request and validates the response against openapi.yaml.
func (ts *testServer) do(r req) *response {
	ts.t.Helper()
	var body io.Reader
	var raw []byte
	switch b := r.Body.(type) {
	case nil:
	case []byte:
		raw = b
	case string:
		raw = []byte(b)
	default:
		var err error
		if raw, err = json.Marshal(b); err != nil {
			ts.t.Fatal(err)
		}
	}
	if raw != nil {
		body = bytes.NewReader(raw)
	}
	hr, err := http.NewRequest(r.Method, ts.URL+r.Path, body)
	if err != nil {
		ts.t.Fatal(err)
	}
	if raw != nil {
		hr.Header.Set("Content-Type", "application/json")
	}
	if r.Token != "" {
		secret, ok := ts.Tokens[r.Token]
		if !ok {
			secret = r.Token
		}
		hr.Header.Set("Authorization", "Bearer "+secret)
	}
	for k, v := range r.Header {
		hr.Header.Set(k, v)
	}
	if h, ok := r.Header["Host"]; ok {
		hr.Host = h // Go sends the request's Host field, never a Host header
	}
	res, err := ts.client().Do(hr)
	if err != nil {
		ts.t.Fatal(err)
	}
	defer res.Body.Close()
	out, err := io.ReadAll(res.Body)
	if err != nil {
		ts.t.Fatal(err)
	}
	resp := &response{Status: res.StatusCode, Header: res.Header, Body: out}
	// After a redirect the answer is the final URL's, so it is checked
	// against that URL's operation.
	ts.checkSpec(res.Request, raw, resp)
	return resp
}

// client follows redirects as GIS clients do, checking each one is the
// spare-slash redirect openapi.yaml describes (its info section): 301
// for GET and HEAD, 308 otherwise, to the same path without a trailing
// or doubled slash and with the same query.
func (ts *testServer) client() *http.Client {
	return &http.Client{CheckRedirect: func(next *http.Request, via []*http.Request) error {
		ts.t.Helper()
		prev, r := via[len(via)-1], next.Response
		want := http.StatusPermanentRedirect
		if prev.Method == http.MethodGet || prev.Method == http.MethodHead {
			want = http.StatusMovedPermanently
		}
		from := prev.URL.EscapedPath()
		trimmed := strings.TrimSuffix(from, "/")
		for strings.Contains(trimmed, "//") {
			trimmed = strings.ReplaceAll(trimmed, "//", "/")
		}
		if prev.URL.RawQuery != "" {
			trimmed += "?" + prev.URL.RawQuery
		}
		spare := strings.HasSuffix(from, "/") || strings.Contains(from, "//")
		if r.StatusCode != want || !spare || r.Header.Get("Location") != trimmed {
			ts.t.Errorf("%s %s redirected %d to %q; openapi.yaml describes only %d to %q", prev.Method, prev.URL,
				r.StatusCode, r.Header.Get("Location"), want, trimmed)
		}
		if len(via) > 3 {
			return errors.New("more than 3 redirects")
		}
		return nil
	}}
}

// raw sends a request without checking the answer against openapi.yaml,
// for the web map's files, which the document describes only as "/".
func (ts *testServer) raw(method, path string, header map[string]string) *response {
	ts.t.Helper()
	hr, err := http.NewRequest(method, ts.URL+path, nil)
	if err != nil {
		ts.t.Fatal(err)
	}
	for k, v := range header {
		hr.Header.Set(k, v)
	}
	res, err := ts.client().Do(hr)
	if err != nil {
		ts.t.Fatal(err)
	}
	defer res.Body.Close()
	out, err := io.ReadAll(res.Body)
	if err != nil {
		ts.t.Fatal(err)
	}
	return &response{Status: res.StatusCode, Header: res.Header, Body: out}
}

// checkSpec fails the test when the response is not one openapi.yaml
// describes for this operation and status, or when the server accepted a
// request (any status below 400) that the spec says is not valid, so the
// spec never promises less than the server takes.
func (ts *testServer) checkSpec(hr *http.Request, body []byte, r *response) {
	ts.t.Helper()
	method := hr.Method // as sent, for messages
	head := method == http.MethodHead
	if head {
		// openapi.yaml says (info) that every GET path answers HEAD with
		// the GET's status and headers and no body, so HEAD is checked
		// against the GET operation, all but the body.
		if len(r.Body) > 0 {
			ts.t.Errorf("HEAD %s answered a body of %d bytes", hr.URL, len(r.Body))
		}
		hr = hr.Clone(context.Background())
		hr.Method = http.MethodGet
	}
	route, params, err := ts.router.FindRoute(hr)
	if err != nil {
		if r.Status == http.StatusNotFound || r.Status == http.StatusMethodNotAllowed {
			return // the spec rightly has no such route
		}
		ts.t.Errorf("%s %s answered %d but is not in openapi.yaml: %v", method, hr.URL.Path, r.Status, err)
		return
	}
	if r.Status < 400 {
		sent := hr.Clone(context.Background())
		sent.Body = io.NopCloser(bytes.NewReader(body))
		in := &openapi3filter.RequestValidationInput{Request: sent, PathParams: params, Route: route,
			Options: &openapi3filter.Options{MultiError: true, AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}}
		if err := openapi3filter.ValidateRequest(context.Background(), in); err != nil {
			ts.t.Errorf("%s %s was accepted (%d) but openapi.yaml says the request is not valid: %v", method, hr.URL, r.Status, err)
		}
	}
	// kin-openapi never validates a 304; the operation must still list it.
	if r.Status == http.StatusNotModified && route.Operation.Responses.Status(r.Status) == nil {
		ts.t.Errorf("%s %s answered 304, which openapi.yaml does not list for it", method, hr.URL)
	}
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: hr, PathParams: params, Route: route},
		Status:                 r.Status,
		Header:                 r.Header,
		Body:                   io.NopCloser(bytes.NewReader(r.Body)),
		Options:                &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true, ExcludeResponseBody: head},
	}
	if err := openapi3filter.ValidateResponse(context.Background(), in); err != nil {
		ts.t.Errorf("%s %s: response %d does not match openapi.yaml: %v\nbody: %.500s", method, hr.URL, r.Status, err, r.Body)
	}
}

// must asserts the status, printing the body when it differs.
func must(t testing.TB, r *response, status int) *response {
	t.Helper()
	if r.Status != status {
		t.Fatalf("status %d, want %d: %s", r.Status, status, r.Body)
	}
	return r
}
