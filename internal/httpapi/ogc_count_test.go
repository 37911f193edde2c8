package httpapi_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/placetrust/placetrust"
	"github.com/placetrust/placetrust/internal/demo"
	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/httpapi"
	"github.com/placetrust/placetrust/internal/service"
	"github.com/placetrust/placetrust/internal/sqlite"
)

// matched reads a page's numberMatched, telling an omitted one from 0.
func matched(t *testing.T, body []byte) (n int, ok bool) {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatalf("%v: %s", err, body)
	}
	raw, ok := m["numberMatched"]
	if !ok {
		return 0, false
	}
	if err := json.Unmarshal(raw, &n); err != nil {
		t.Fatal(err)
	}
	return n, true
}

// A page whose count is not cached does not wait for it: it comes back
// complete without numberMatched, and the count, going on in the
// background, is there for the same request a moment later.
func TestOGCItemsOmitUncountedNumberMatched(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{CountBudget: -1}) // never wait
	if ts.Svc.Counts == nil {
		t.Skipf("the %T store keeps no counts (service.CountCacheStore): pages count within their budget", ts.Store)
	}
	seedFilterEstate(t, ts)
	path := "/ogc/collections/assets/items?limit=100&bbox=-2.23,52.19,-2.19,52.22"
	r := must(t, ts.do(req{Method: "GET", Path: path, Token: "admin"}), 200)
	var p ogcPage
	r.JSON(t, &p)
	if len(p.Features) != 3 || p.NumberReturned != 3 {
		t.Fatalf("page has %d features (numberReturned %d), want all 3 in the box", len(p.Features), p.NumberReturned)
	}
	if n, ok := matched(t, r.Body); ok {
		t.Fatalf("numberMatched %d on a page that was not to wait for its count", n)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		r := must(t, ts.do(req{Method: "GET", Path: path, Token: "admin"}), 200)
		if n, ok := matched(t, r.Body); ok {
			if n != 3 {
				t.Fatalf("numberMatched %d, want 3", n)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the background count never reached the cache")
		}
		time.Sleep(10 * time.Millisecond)
	}
	// Another viewer's count is its own: a partner sees other rows.
	r = must(t, ts.do(req{Method: "GET", Path: path, Token: "county-viewer"}), 200)
	if n, ok := matched(t, r.Body); ok {
		t.Errorf("numberMatched %d for a viewer whose count was never made", n)
	}
}

// slowCounts is the real store with counts that wait for a gate, so a
// test decides when a count may finish; a count cancelled before then
// is recorded.
type slowCounts struct {
	estate.AssetService
	gate      chan struct{}
	cancelled atomic.Int32
	started   atomic.Int32
	finished  chan struct{}
}

func newSlowCounts(real estate.AssetService) *slowCounts {
	return &slowCounts{AssetService: real, gate: make(chan struct{}), finished: make(chan struct{}, 8)}
}

func (s *slowCounts) CountAssets(ctx context.Context, f estate.AssetFilter) (int, error) {
	s.started.Add(1)
	select {
	case <-s.gate:
	case <-ctx.Done():
		s.cancelled.Add(1)
		return 0, ctx.Err()
	}
	defer func() { s.finished <- struct{}{} }()
	return s.AssetService.CountAssets(ctx, f)
}

// Counts past their budget go on in the background, one at a time; the
// others are interrupted, and a page asking for a count already in
// flight waits on that one rather than starting its own. Those that finish fill the cache,
// and a count within its budget is given at once.
func TestOGCItemsCountBudget(t *testing.T) {
	var store *slowCounts
	_, url := countRegister(t, httpapi.Config{CountBudget: time.Second}, func(svc *service.Services) {
		store = newSlowCounts(svc.Assets)
		svc.Assets = store
	})
	get := func(rag string) (features int, n int, ok bool) {
		t.Helper()
		p, n, ok := getPage(t, url+"/ogc/collections/assets/items?limit=10000"+rag)
		return len(p.Features), n, ok
	}
	rags := []string{"&rag=red", "&rag=amber", "&rag=green", "&rag=unrated"}
	all := map[string]int{}
	for _, rag := range rags {
		got, n, ok := get(rag)
		if ok {
			t.Fatalf("%s: numberMatched %d from a count still held at the gate", rag, n)
		}
		all[rag] = got
	}
	if got := store.cancelled.Load(); got != int32(len(rags)-1) {
		t.Fatalf("%d counts interrupted, want %d: one goes on in the background", got, len(rags)-1)
	}
	// The first filter's count is still in flight: asking again shares
	// it instead of counting a second time.
	before := store.started.Load()
	if _, n, ok := get(rags[0]); ok {
		t.Fatalf("numberMatched %d from a count still held at the gate", n)
	}
	if got := store.started.Load(); got != before {
		t.Errorf("%d counts started for a filter already being counted", got-before)
	}
	close(store.gate)
	<-store.finished
	// The background count was of the first filter: its next page has
	// numberMatched from the cache. The others count afresh, now
	// quickly, within the budget.
	sum := 0
	public, _, _ := get("")
	for _, rag := range rags {
		got, n, ok := get(rag)
		if !ok || n != got || got != all[rag] {
			t.Errorf("%s: numberMatched %d (given %v), want %d, the features of the page", rag, n, ok, got)
		}
		sum += n
	}
	if sum != public || public == 0 {
		t.Errorf("counts add up to %d, want the %d public assets", sum, public)
	}
}

// noCounts is the real store that never has a count ready, so every
// page goes out without numberMatched.
type noCounts struct{ estate.AssetService }

func (noCounts) CountAssets(context.Context, estate.AssetFilter) (int, error) {
	return 0, errors.New("no counts here")
}

func (noCounts) CachedCount(context.Context, estate.AssetFilter) (int, bool, error) {
	return 0, false, nil
}

// GDAL reads every feature of pages that leave numberMatched out, as
// they do on a national register, following next links to the end.
func TestGDALReadsPagesWithoutNumberMatched(t *testing.T) {
	bin := ogrinfo(t)
	ctx := estate.NewContextWithActor(context.Background(), estate.Actor{Name: "seed", Role: estate.RoleAdmin})
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "gdal.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	svc := newServices(db, estate.GreatBritain)
	for _, id := range []string{"county", "police"} {
		if err := svc.Partners.CreatePartner(ctx, &estate.Partner{ID: id, Name: id, Kind: estate.KindOther}); err != nil {
			t.Fatal(err)
		}
	}
	real := svc.Assets
	const n = 45
	if err := real.CreateAssets(ctx, gdalAssets(n), estate.ActionImport); err != nil {
		t.Fatal(err)
	}
	token, err := svc.Tokens.CreateToken(ctx, &estate.Token{Name: "gis", Role: estate.RoleViewer, Partner: "county"})
	if err != nil {
		t.Fatal(err)
	}
	svc.Assets, svc.Counts = noCounts{real}, noCounts{real}
	srv := httpapi.New(httpapi.Config{PublicRead: true, RatePerSecond: -1, CountBudget: -1},
		httpapi.Services{Services: *svc, Spec: placetrust.OpenAPI})
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	res, err := http.Get(hs.URL + "/ogc/collections/assets/items?limit=4")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if _, ok := matched(t, body); ok {
		t.Fatal("numberMatched given by a store with no counts")
	}
	out := runOgrinfo(t, bin, token, "-ro", "-al", "-geom=NO", "OAPIF:"+hs.URL+"/ogc", "-oo", "PAGE_SIZE=4")
	if got := len(fidLine.FindAllStringSubmatch(out, -1)); got != n {
		t.Errorf("GDAL read %d features, want %d", got, n)
	}
	bbox := "-2.31,52.09,-2.25,52.15" // lon columns 0-2, lat rows 0-2: 9 of each 100
	out = runOgrinfo(t, bin, token, "-ro", "-al", "-geom=NO", "-spat", "-2.31", "52.09", "-2.25", "52.15",
		"OAPIF:"+hs.URL+"/ogc", "-oo", "PAGE_SIZE=2")
	want, err := real.FindAssets(estate.NewContextWithActor(ctx, estate.Actor{Name: "gis", Role: estate.RoleViewer, Partner: "county"}), estate.AssetFilter{Selection: estate.Selection{BBox: &estate.BBox{MinLon: -2.31, MinLat: 52.09, MaxLon: -2.25, MaxLat: 52.15}}, Page: estate.Page{Limit: 1000}})
	if err != nil {
		t.Fatal(err)
	}
	if got := len(fidLine.FindAllStringSubmatch(out, -1)); got != len(want) || got == 0 {
		t.Errorf("GDAL read %d features in %s, want %d", got, bbox, len(want))
	}
}

// countRegister opens a register of 400 demo assets for the count tests
// and serves it over HTTP through the services wrap changes.
func countRegister(t *testing.T, cfg httpapi.Config, wrap func(*service.Services)) (*httpapi.Server, string) {
	t.Helper()
	ctx := estate.NewContextWithActor(context.Background(), estate.Actor{Name: "seed", Role: estate.RoleAdmin})
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "count.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	svc := newServices(db, estate.GreatBritain)
	for _, p := range demo.ScalePartners() {
		if err := svc.Partners.CreatePartner(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	if err := svc.Assets.CreateAssets(ctx, demo.Scaled(400, 1), estate.ActionImport); err != nil {
		t.Fatal(err)
	}
	wrap(svc)
	cfg.PublicRead, cfg.RatePerSecond = true, -1
	srv := httpapi.New(cfg, httpapi.Services{Services: *svc})
	hs := httptest.NewServer(srv)
	t.Cleanup(hs.Close)
	return srv, hs.URL
}

// getPage reads one OGC items page and its numberMatched, if given.
func getPage(t *testing.T, url string) (p ogcPage, n int, ok bool) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("%s: %d %v: %s", url, res.StatusCode, err, body)
	}
	if err := json.Unmarshal(body, &p); err != nil {
		t.Fatal(err)
	}
	n, ok = matched(t, body)
	return p, n, ok
}

// Every page of a filter shares the count in flight, whatever its cursor
// or limit: a client paging through a national box starts one count, not
// one a page, each waiting out its budget on a count that cannot finish.
func TestOGCItemsPagesShareCount(t *testing.T) {
	var store *slowCounts
	_, url := countRegister(t, httpapi.Config{CountBudget: 20 * time.Millisecond}, func(svc *service.Services) {
		store = newSlowCounts(svc.Assets)
		svc.Assets = store
	})
	first, n, ok := getPage(t, url+"/ogc/collections/assets/items?limit=5&rag=red")
	if ok {
		t.Fatalf("numberMatched %d from a count still held at the gate", n)
	}
	next := first.link("next")
	if next == "" {
		t.Fatalf("no next link on a full page: %+v", first.Links)
	}
	for _, u := range []string{next, url + "/ogc/collections/assets/items?limit=7&rag=red"} {
		if _, n, ok := getPage(t, u); ok {
			t.Fatalf("%s: numberMatched %d from a count still held at the gate", u, n)
		}
	}
	if got := store.started.Load(); got != 1 {
		t.Errorf("%d counts started for the pages of one filter, want 1", got)
	}
	if got := store.cancelled.Load(); got != 0 {
		t.Errorf("%d counts interrupted, want none: the one count goes on in the background", got)
	}
	close(store.gate)
	<-store.finished
	all, _, _ := getPage(t, url+"/ogc/collections/assets/items?limit=10000&rag=red")
	if _, n, ok := getPage(t, next); !ok || n != len(all.Features) {
		t.Errorf("next page: numberMatched %d (given %v), want %d from the shared count", n, ok, len(all.Features))
	}
}

// lateCounts is the real store with nothing counted in advance and pages
// that begin only once their count has ended, then outlast the budget.
type lateCounts struct {
	estate.AssetService
	counted chan struct{}
}

func (s *lateCounts) CachedCount(context.Context, estate.AssetFilter) (int, bool, error) {
	return 0, false, nil
}

func (s *lateCounts) CountAssets(ctx context.Context, f estate.AssetFilter) (int, error) {
	defer func() { s.counted <- struct{}{} }()
	return s.AssetService.CountAssets(ctx, f)
}

func (s *lateCounts) EachAsset(ctx context.Context, f estate.AssetFilter, fn func(*estate.Asset) error) error {
	<-s.counted
	time.Sleep(30 * time.Millisecond)
	return s.AssetService.EachAsset(ctx, f, fn)
}

// A page that took longer than its budget still gives a count that
// ended meanwhile: the count is known, so numberMatched is given, every
// time.
func TestOGCItemsLatePageGivesFinishedCount(t *testing.T) {
	_, url := countRegister(t, httpapi.Config{CountBudget: time.Millisecond}, func(svc *service.Services) {
		late := &lateCounts{AssetService: svc.Assets, counted: make(chan struct{}, 1)}
		svc.Assets, svc.Counts = late, late
	})
	for i := range 12 {
		p, n, ok := getPage(t, url+"/ogc/collections/assets/items?limit=10000&rag=green")
		if !ok || n != len(p.Features) {
			t.Fatalf("request %d: numberMatched %d (given %v), want %d: the count ended before the page", i, n, ok, len(p.Features))
		}
	}
}

// Shutting the server down interrupts a count gone to the background, so
// closing the database does not wait on it.
func TestServeStopsBackgroundCounts(t *testing.T) {
	var store *slowCounts
	srv, _ := countRegister(t, httpapi.Config{CountBudget: -1}, func(svc *service.Services) {
		store = newSlowCounts(svc.Assets)
		svc.Assets = store
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ctx, ln) }()
	if _, n, ok := getPage(t, "http://"+ln.Addr().String()+"/ogc/collections/assets/items?rag=amber"); ok {
		t.Fatalf("numberMatched %d from a count still held at the gate", n)
	}
	if store.started.Load() != 1 || store.cancelled.Load() != 0 {
		t.Fatalf("%d counts started, %d interrupted: want one in the background", store.started.Load(), store.cancelled.Load())
	}
	cancel()
	if err := <-served; err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for store.cancelled.Load() != 1 {
		if time.Now().After(deadline) {
			t.Fatal("the background count goes on after the server stopped")
		}
		time.Sleep(5 * time.Millisecond)
	}
}
