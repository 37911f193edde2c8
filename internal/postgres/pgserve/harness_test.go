package pgserve_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/placetrust/placetrust"
	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/httpapi"
	"github.com/placetrust/placetrust/internal/insight"
	"github.com/placetrust/placetrust/internal/postgres"
	"github.com/placetrust/placetrust/internal/register"
	"github.com/placetrust/placetrust/internal/service"
	"github.com/placetrust/placetrust/web"
)

// server is one placetrust server over a PostgreSQL database, wired as
// serve wires it: the services over the store, the copy of the register
// fed by the store's Follower, the analyses over the copy, the HTTP
// server on a loopback port.
type server struct {
	URL  string
	DB   *postgres.DB
	Feed *postgres.Follower
	Svc  *service.Services
	Reg  *register.Copy
}

func startServer(t *testing.T, url string) *server {
	t.Helper()
	db, err := postgres.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	svc := service.New(db, service.Options{ServiceArea: estate.GreatBritain})
	feed := db.Follow()
	svc.Feed = feed
	reg := register.New(feed)
	srv := httpapi.New(httpapi.Config{RatePerSecond: -1, AuthFailureBurst: -1, CountBudget: time.Minute},
		httpapi.Services{Services: *svc, Analyses: insight.New(reg, false), Register: reg, Spec: placetrust.OpenAPI, Web: web.FS})
	hs := httptest.NewServer(srv)
	t.Cleanup(func() { // in this order: requests, then the feed, then the pool
		hs.Close()
		feed.Close()
		db.Close()
	})
	return &server{URL: hs.URL, DB: db, Feed: feed, Svc: svc, Reg: reg}
}

var admin = estate.NewContextWithActor(context.Background(), estate.Actor{Name: "seed", Role: estate.RoleAdmin})

// seed makes partner county and an admin token, returning its secret.
func seed(t *testing.T, s *server) string {
	t.Helper()
	if err := s.Svc.Partners.CreatePartner(admin, &estate.Partner{ID: "county", Name: "County", Kind: estate.KindCountyCouncil}); err != nil {
		t.Fatal(err)
	}
	secret, err := s.Svc.Tokens.CreateToken(admin, &estate.Token{Name: "admin", Role: estate.RoleAdmin})
	if err != nil {
		t.Fatal(err)
	}
	return secret
}

// response is an answer read whole.
type response struct {
	Status int
	Header http.Header
	Body   []byte
	Err    error // the request failed without an answer
}

func (r response) json(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		t.Fatalf("%d %s: %v", r.Status, r.Body, err)
	}
}

// do sends a request with the token and headers, JSON-encoding body.
func do(ctx context.Context, method, url, token string, body any, header ...string) response {
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, rd)
	if err != nil {
		return response{Err: err}
	}
	req.Header.Set("Authorization", "Bearer "+token)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
		if method == http.MethodPatch {
			req.Header.Set("Content-Type", "application/merge-patch+json")
		}
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return response{Err: err}
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	return response{Status: res.StatusCode, Header: res.Header, Body: b, Err: err}
}

func feature(code string, lon, lat float64) map[string]any {
	return map[string]any{"type": "Feature",
		"geometry": map[string]any{"type": "Point", "coordinates": []float64{lon, lat}},
		"properties": map[string]any{"partner": "county", "asset_code": code, "name": "Asset " + code,
			"holding": "building", "tenure": "freehold", "market_value_gbp": 1000}}
}

// create posts an asset through s and returns its id.
func create(t *testing.T, s *server, token, code string, lon, lat float64) int64 {
	t.Helper()
	r := do(context.Background(), "POST", s.URL+"/api/v1/assets", token, feature(code, lon, lat))
	if r.Status != http.StatusCreated {
		t.Fatalf("create %s: %d %s %v", code, r.Status, r.Body, r.Err)
	}
	var f struct{ ID int64 }
	r.json(t, &f)
	return f.ID
}

// tilePath is the zoom-14 tile holding lon, lat.
func tilePath(lon, lat float64) string {
	const z = 14
	n := math.Exp2(z)
	x := int((lon + 180) / 360 * n)
	r := lat * math.Pi / 180
	y := int((1 - math.Log(math.Tan(r)+1/math.Cos(r))/math.Pi) / 2 * n)
	return "/tiles/assets/" + strconv.Itoa(z) + "/" + strconv.Itoa(x) + "/" + strconv.Itoa(y) + ".mvt"
}

// eventually polls cond until it holds or within passes.
func eventually(t *testing.T, within time.Duration, what string, cond func() bool) time.Duration {
	t.Helper()
	start := time.Now()
	for !cond() {
		if time.Since(start) > within {
			t.Fatalf("not within %v: %s", within, what)
		}
		time.Sleep(5 * time.Millisecond)
	}
	return time.Since(start)
}
