package pgserve_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
)

// ack is a write the server acknowledged (2xx): the asset, the version
// it answered and the name it gave.
type ack struct {
	id      int64
	version int64
	name    string
}

// writer edits its own asset through s until stop, recording every
// acknowledged write and every 503.
type writer struct {
	s       *server
	token   string
	id      int64
	version int64
	acks    []ack
	lost    []response // the 503s
	// acked counts the writes acknowledged, after those once counting is
	// set, for the test to follow while the writer runs.
	acked    atomic.Int64
	after    atomic.Int64
	counting atomic.Bool
	unknown  int // other failures
}

func (w *writer) run(ctx context.Context, n int) {
	for i := 0; ctx.Err() == nil; i++ {
		name := fmt.Sprintf("writer %d edit %d", n, i)
		r := do(ctx, "PATCH", fmt.Sprintf("%s/api/v1/assets/%d", w.s.URL, w.id), w.token,
			map[string]any{"properties": map[string]any{"name": name}}, "If-Match", strconv.Quote(strconv.FormatInt(w.version, 10)))
		switch {
		case r.Err != nil:
			continue // ctx ended
		case r.Status == http.StatusOK:
			w.version++
			w.acks = append(w.acks, ack{w.id, w.version, name})
			w.acked.Add(1)
			if w.counting.Load() {
				w.after.Add(1)
			}
			continue
		case r.Status == http.StatusServiceUnavailable:
			w.lost = append(w.lost, r)
		default:
			w.unknown++
		}
		// The write may or may not have been made: read the version again.
		for ctx.Err() == nil {
			g := do(ctx, "GET", fmt.Sprintf("%s/api/v1/assets/%d", w.s.URL, w.id), w.token, nil)
			if g.Status == http.StatusOK {
				w.version, _ = strconv.ParseInt(g.Header.Get("ETag")[1:len(g.Header.Get("ETag"))-1], 10, 64)
				break
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
}

// The database lost while a server writes: writes answer 503 problem+json
// with Retry-After, /healthz says unavailable, tiles and the trust view
// go on from the copy in memory and say how old it is; the database back,
// the pool reconnects by itself, writes succeed again, and every write
// acknowledged before, during and after is in the database.
func TestDatabaseLostAndBack(t *testing.T) {
	ctx := context.Background()
	c := newCluster(t)
	s := startServer(t, c.URL())
	token := seed(t, s)
	tile := tilePath(-2.2, 52.19)

	const writers = 4
	ws := make([]*writer, writers)
	for i := range ws {
		ws[i] = &writer{s: s, token: token, id: create(t, s, token, fmt.Sprintf("W%d", i), -2.2+float64(i)*1e-4, 52.19), version: 1}
	}
	if r := do(ctx, "GET", s.URL+tile, token, nil); r.Status != http.StatusOK { // warms the copy
		t.Fatalf("tile: %d %s", r.Status, r.Body)
	}
	wctx, stop := context.WithCancel(ctx)
	var wg sync.WaitGroup
	for i, w := range ws {
		wg.Add(1)
		go func() { defer wg.Done(); w.run(wctx, i) }()
	}
	defer func() { stop(); wg.Wait() }()
	acked := func() (n int) {
		for _, w := range ws {
			n += int(w.acked.Load())
		}
		return n
	}
	eventually(t, 30*time.Second, "writes before the crash", func() bool { return acked() >= 40 })

	c.crash()
	down := time.Now()
	// Copy-served reads go on, saying how old the copy is.
	var r response
	eventually(t, 10*time.Second, "a tile from the copy with Register-Age", func() bool {
		r = do(ctx, "GET", s.URL+tile, token, nil)
		return r.Status == http.StatusOK && r.Header.Get("Register-Age") != ""
	})
	checkSpec(t, "GET", s.URL+tile, r)
	r = do(ctx, "GET", s.URL+"/api/v1/trust", token, nil)
	if r.Status != http.StatusOK || r.Header.Get("Register-Age") == "" {
		t.Errorf("trust view with the database down: %d, Register-Age %q: %s", r.Status, r.Header.Get("Register-Age"), r.Body)
	}
	checkSpec(t, "GET", s.URL+"/api/v1/trust", r)
	if r := do(ctx, "GET", s.URL+"/healthz", "", nil); r.Status != http.StatusServiceUnavailable {
		t.Errorf("/healthz with the database down: %d %s", r.Status, r.Body)
	}
	r = do(ctx, "GET", s.URL+"/api/v1/assets?limit=1", token, nil)
	checkUnavailable(t, "GET /api/v1/assets", r)
	checkSpec(t, "GET", s.URL+"/api/v1/assets?limit=1", r)
	r = do(ctx, "POST", s.URL+"/api/v1/assets", token, feature("NEW", -2.3, 52.2))
	checkUnavailable(t, "POST /api/v1/assets", r)
	checkSpec(t, "POST", s.URL+"/api/v1/assets", r)
	time.Sleep(time.Second) // the writers meet the outage for a while
	for _, w := range ws {
		w.counting.Store(true) // count the writes that succeed from here
	}
	c.start()
	t.Logf("database down for %v", time.Since(down))

	eventually(t, 30*time.Second, "/healthz healthy again", func() bool {
		return do(ctx, "GET", s.URL+"/healthz", "", nil).Status == http.StatusOK
	})
	eventually(t, 30*time.Second, "every writer writing again", func() bool {
		for _, w := range ws {
			if w.after.Load() < 3 {
				return false
			}
		}
		return true
	})
	eventually(t, 10*time.Second, "the copy current again", func() bool {
		r := do(ctx, "GET", s.URL+tile, token, nil)
		return r.Status == http.StatusOK && r.Header.Get("Register-Age") == ""
	})
	stop()
	wg.Wait()

	// Every acknowledged write is in the database: its version in the
	// history, with the name it gave.
	lost, total := 0, 0
	for i, w := range ws {
		lost += len(w.lost)
		total += len(w.acks)
		if w.unknown > 0 {
			t.Errorf("writer %d: %d answers neither 2xx nor 503", i, w.unknown)
		}
		for _, r := range w.lost {
			checkUnavailable(t, "a writer's PATCH", r)
		}
		evs, err := s.Svc.Assets.FindAssetHistory(admin, w.id, estate.HistoryFilter{Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		names := map[int64]string{}
		for _, e := range evs {
			for _, ch := range e.Changes {
				if ch.Field == "name" {
					b, _ := json.Marshal(ch.After)
					names[e.Version] = string(b)
				}
			}
		}
		for _, a := range w.acks {
			if want, _ := json.Marshal(a.name); names[a.version] != string(want) {
				t.Errorf("writer %d: acknowledged version %d (%s) is not in the database: %s", i, a.version, a.name, names[a.version])
			}
		}
	}
	if lost == 0 {
		t.Error("no write met the outage: the test tested nothing")
	}
	t.Logf("%d writes acknowledged, all in the database; %d answered 503", total, lost)
}

// checkUnavailable fails t unless r is a 503 problem with Retry-After.
func checkUnavailable(t *testing.T, what string, r response) {
	t.Helper()
	var p struct {
		Status int
		Code   string
	}
	_ = json.Unmarshal(r.Body, &p)
	if r.Status != http.StatusServiceUnavailable || r.Header.Get("Retry-After") == "" ||
		r.Header.Get("Content-Type") != "application/problem+json" || p.Code != estate.EUNAVAILABLE {
		t.Errorf("%s with the database down: %d, Retry-After %q, %s %s", what, r.Status, r.Header.Get("Retry-After"),
			r.Header.Get("Content-Type"), r.Body)
	}
}
