package webtest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/placetrust/placetrust"
	"github.com/placetrust/placetrust/internal/demo"
	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/httpapi"
	"github.com/placetrust/placetrust/internal/insight"
	"github.com/placetrust/placetrust/internal/register"
	"github.com/placetrust/placetrust/internal/service"
	"github.com/placetrust/placetrust/internal/sqlite"
	"github.com/placetrust/placetrust/web"
)

// server is the real placetrust server on a loopback port over a real
// SQLite register holding the demo estate, with tokens by name: admin,
// and an editor and a viewer of worcestershire-cc.
type server struct {
	URL    string
	DB     *sqlite.DB
	Tokens map[string]string
	Assets []*estate.Asset
	// Settle is how long a page may take to become idle (default 30 s):
	// longer for a national register's first, cold load.
	Settle time.Duration
}

const editorPartner = "worcestershire-cc"

// template is the demo register with its tokens, built once per test run
// and copied for each test: building it takes seconds under -race.
var template struct {
	once   sync.Once
	path   string
	tokens map[string]string
	assets []*estate.Asset
	err    error
}

func buildTemplate() error {
	dir, err := os.MkdirTemp("", "placetrust-webtest-db-")
	if err != nil {
		return err
	}
	template.path = filepath.Join(dir, "demo.db")
	ctx := context.Background()
	db, err := sqlite.Open(ctx, template.path)
	if err != nil {
		return err
	}
	defer db.Close()
	admin := estate.NewContextWithActor(ctx, estate.Actor{Name: "seed", Role: estate.RoleAdmin})
	partners, assets := demo.Estate(demo.DefaultSeed)
	svc := services(db)
	for _, p := range partners {
		if err := svc.Partners.CreatePartner(admin, p); err != nil {
			return err
		}
	}
	if err := svc.Assets.CreateAssets(admin, assets, estate.ActionCreate); err != nil {
		return err
	}
	template.assets = assets
	template.tokens = map[string]string{}
	for _, tk := range []estate.Token{
		{Name: "admin", Role: estate.RoleAdmin},
		{Name: "editor", Role: estate.RoleEditor, Partner: editorPartner},
		{Name: "viewer", Role: estate.RoleViewer, Partner: editorPartner},
	} {
		secret, err := svc.Tokens.CreateToken(admin, &tk)
		if err != nil {
			return err
		}
		template.tokens[tk.Name] = secret
	}
	return nil
}

// services are the services over db, which holds a register of Great
// Britain, as serve builds them.
func services(db *sqlite.DB) *service.Services {
	return service.New(db, service.Options{ServiceArea: estate.GreatBritain})
}

// newServer serves a fresh copy of the demo register.
func newServer(t testing.TB, cfg httpapi.Config) *server {
	t.Helper()
	template.once.Do(func() { template.err = buildTemplate() })
	if template.err != nil {
		t.Fatal(template.err)
	}
	path := filepath.Join(t.TempDir(), "web.db")
	for _, suffix := range []string{"", "-wal"} {
		b, err := os.ReadFile(template.path + suffix)
		if errors.Is(err, os.ErrNotExist) && suffix != "" {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path+suffix, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	s := &server{DB: db, Tokens: template.tokens, Assets: template.assets}
	s.serve(t, db, cfg)
	return s
}

func (s *server) serve(t testing.TB, db *sqlite.DB, cfg httpapi.Config) {
	t.Helper()
	if cfg.CountBudget == 0 {
		cfg.CountBudget = time.Minute // legend counts must not depend on the machine's load
	}
	if cfg.RatePerSecond == 0 {
		cfg.RatePerSecond = -1 // the tests measure the page, not throttling
	}
	svc := services(db)
	reg := register.New(svc.Feed) // the tiles' and the analyses' one copy
	// Money stays behind a token, as without serve --public-money.
	srv := httpapi.New(cfg, httpapi.Services{Services: *svc,
		Analyses: insight.New(reg, false), Register: reg, Spec: placetrust.OpenAPI, Web: web.FS,
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("server: %v", err)
		}
	})
	s.URL = "http://" + ln.Addr().String()
}

// api calls the API as the named token and decodes the JSON answer into
// v; it returns the response's ETag.
func (s *server) api(t testing.TB, method, path, token string, body io.Reader, header map[string]string, v any) (string, error) {
	t.Helper()
	req, err := http.NewRequest(method, s.URL+path, body)
	if err != nil {
		return "", err
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+s.Tokens[token])
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, val := range header {
		req.Header.Set(k, val)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		return "", err
	}
	if res.StatusCode >= 300 {
		return "", fmt.Errorf("%s %s: %d %s", method, path, res.StatusCode, b)
	}
	if v != nil {
		if err := json.Unmarshal(b, v); err != nil {
			return "", fmt.Errorf("%s %s: %w", method, path, err)
		}
	}
	return res.Header.Get("ETag"), nil
}

type feature struct {
	ID         int64 `json:"id"`
	Geometry   struct{ Coordinates []float64 }
	Properties struct {
		Partner, Name, RAG string
		RAGRationale       string `json:"rag_rationale"`
		Version            int64
		Occupiers          []struct {
			Partner string
			AreaM2  *float64 `json:"area_m2"`
		}
	}
}

// partnerNames maps partner ids to the names the page shows.
func (s *server) partnerNames(t testing.TB) map[string]string {
	t.Helper()
	var doc struct{ Partners []struct{ ID, Name string } }
	if _, err := s.api(t, "GET", "/api/v1/partners", "admin", nil, nil, &doc); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, p := range doc.Partners {
		out[p.ID] = p.Name
	}
	return out
}

// ragCounts counts every asset the API lists to the named token for
// query q (all pages).
func (s *server) ragCounts(t testing.TB, token string, q url.Values) map[string]int {
	t.Helper()
	out := map[string]int{}
	q.Set("limit", "10000")
	path := "/api/v1/assets?" + q.Encode()
	for path != "" {
		var page struct {
			Features []feature
			Links    []struct{ Href, Rel string }
		}
		if _, err := s.api(t, "GET", path, token, nil, nil, &page); err != nil {
			t.Fatal(err)
		}
		for _, f := range page.Features {
			out[f.Properties.RAG]++
		}
		path = ""
		for _, l := range page.Links {
			if l.Rel == "next" {
				path = strings.TrimPrefix(l.Href, s.URL)
			}
		}
	}
	return out
}

func (s *server) asset(t testing.TB, id int64) (feature, string) {
	t.Helper()
	var f feature
	etag, err := s.api(t, "GET", fmt.Sprintf("/api/v1/assets/%d", id), "admin", nil, nil, &f)
	if err != nil {
		t.Fatal(err)
	}
	return f, etag
}

// setRAG rates an asset through the API as the named token.
func (s *server) setRAG(t testing.TB, token string, id int64, etag, rating, rationale string) error {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"rating": rating, "rationale": rationale})
	_, err := s.api(t, "PUT", fmt.Sprintf("/api/v1/assets/%d/rag", id), token, strings.NewReader(string(body)), map[string]string{"If-Match": etag}, nil)
	return err
}

var errNoAsset = errors.New("no such asset")

// editableAsset returns the id of an asset of the editor's partner with
// a rating other than want, for edits to change something visible.
func (s *server) editableAsset(t testing.TB, skip map[int64]bool, want string) int64 {
	t.Helper()
	var page struct{ Features []feature }
	if _, err := s.api(t, "GET", "/api/v1/assets?limit=10000&holding=building&partner="+editorPartner, "admin", nil, nil, &page); err != nil {
		t.Fatal(err)
	}
	for _, f := range page.Features {
		if f.Properties.RAG != want && f.Properties.RAG != "unrated" && !skip[f.ID] {
			return f.ID
		}
	}
	t.Fatal(errNoAsset)
	return 0
}
