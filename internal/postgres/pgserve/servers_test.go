package pgserve_test

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/postgres"
	"github.com/placetrust/placetrust/internal/postgres/pgtest"
)

// within is the bound a test allows a change to show on another server:
// postgres.MaxStale, and a second for a loaded machine.
const within = postgres.MaxStale + time.Second

type trustView struct {
	RegisterVersion int64 `json:"register_version"`
	Rags            []struct {
		RAG    string `json:"rag"`
		Assets int    `json:"assets"`
	} `json:"rags"`
}

func (v trustView) rated(rag string) int {
	for _, r := range v.Rags {
		if r.RAG == rag {
			return r.Assets
		}
	}
	return 0
}

// Two servers over one database: a rating through A shows in B's tiles
// and trust view within the bound; asset reads, their ETags and counts
// on B are never stale at all (they read the database).
func TestTwoServersOneDatabase(t *testing.T) {
	ctx := context.Background()
	url := pgtest.URL(t)
	a, b := startServer(t, url), startServer(t, url)
	token := seed(t, a)
	id := create(t, a, token, "HQ", -2.2, 52.19)
	tile := tilePath(-2.2, 52.19)

	// B warms its copy: the tile and the trust view as they are.
	r := do(ctx, "GET", b.URL+tile, token, nil)
	if r.Status != http.StatusOK {
		t.Fatalf("B's tile: %d %s", r.Status, r.Body)
	}
	oldTag := r.Header.Get("ETag")
	var before trustView
	do(ctx, "GET", b.URL+"/api/v1/trust", token, nil).json(t, &before)
	if before.rated("red") != 0 {
		t.Fatalf("trust view before: %+v", before)
	}

	r = do(ctx, "PUT", fmt.Sprintf("%s/api/v1/assets/%d/rag", a.URL, id), token,
		map[string]any{"rating": "red", "rationale": "Roof failing"}, "If-Match", `"1"`)
	if r.Status != http.StatusOK {
		t.Fatalf("rate through A: %d %s", r.Status, r.Body)
	}
	var head int64
	if _, err := fmt.Sscan(r.Header.Get("ETag")[1:], &head); err != nil || head != 2 {
		t.Fatalf("rated asset's ETag %q", r.Header.Get("ETag"))
	}

	// The asset itself, its ETag and the count are read from the
	// database: current on B at once.
	r = do(ctx, "GET", fmt.Sprintf("%s/api/v1/assets/%d", b.URL, id), token, nil)
	if r.Status != http.StatusOK || r.Header.Get("ETag") != `"2"` {
		t.Errorf("B's asset right after A's write: %d, ETag %s", r.Status, r.Header.Get("ETag"))
	}
	create(t, a, token, "DEPOT", -2.21, 52.2)
	var page struct{ NumberMatched int }
	do(ctx, "GET", b.URL+"/ogc/collections/assets/items?limit=1", token, nil).json(t, &page)
	if page.NumberMatched != 2 {
		t.Errorf("B's numberMatched right after A's create: %d, want 2", page.NumberMatched)
	}

	// The tile and the trust view come from B's copy: within the bound.
	took := eventually(t, within, "A's rating in B's tile", func() bool {
		r := do(ctx, "GET", b.URL+tile, token, nil, "If-None-Match", oldTag)
		return r.Status == http.StatusOK && r.Header.Get("ETag") != oldTag
	})
	t.Logf("B's tile changed %v after A's write", took)
	var after trustView
	eventually(t, within, "A's rating in B's trust view", func() bool {
		do(ctx, "GET", b.URL+"/api/v1/trust", token, nil).json(t, &after)
		return after.rated("red") == 1
	})
	if after.RegisterVersion <= before.RegisterVersion {
		t.Errorf("B's trust view at version %d after %d", after.RegisterVersion, before.RegisterVersion)
	}
	for _, s := range []*server{a, b} {
		if r := do(ctx, "GET", s.URL+tile, token, nil); r.Header.Get("Register-Age") != "" {
			t.Errorf("a current copy says Register-Age %s", r.Header.Get("Register-Age"))
		}
	}
}

// An If-Match race across two servers: many PATCHes at once with the
// same version through A and B, round after round; exactly one of each
// round is accepted, the others are 412, and the history holds every
// accepted change and nothing else.
func TestIfMatchRaceAcrossServers(t *testing.T) {
	ctx := context.Background()
	url := pgtest.URL(t)
	servers := []*server{startServer(t, url), startServer(t, url)}
	token := seed(t, servers[0])
	id := create(t, servers[0], token, "HQ", -2.2, 52.19)

	const rounds, racers = 8, 12
	var accepted []string // the names the accepted PATCHes gave, in order
	for round := range rounds {
		version := int64(round + 1)
		var mu sync.Mutex
		var won []string
		statuses := map[int]int{}
		var wg sync.WaitGroup
		for i := range racers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				name := fmt.Sprintf("round %d racer %d", round, i)
				s := servers[i%2]
				r := do(ctx, "PATCH", fmt.Sprintf("%s/api/v1/assets/%d", s.URL, id), token,
					map[string]any{"properties": map[string]any{"name": name}}, "If-Match", strconv.Quote(strconv.FormatInt(version, 10)))
				mu.Lock()
				defer mu.Unlock()
				statuses[r.Status]++
				if r.Status/100 == 2 {
					won = append(won, name)
				}
			}()
		}
		wg.Wait()
		if len(won) != 1 || statuses[http.StatusPreconditionFailed] != racers-1 {
			t.Fatalf("round %d (version %d): statuses %v, accepted %v; want one 2xx and %d 412", round, version, statuses, won, racers-1)
		}
		accepted = append(accepted, won[0])
	}

	// The history, read through either server, is every accepted change.
	for _, s := range servers {
		var hist struct {
			Events []struct {
				Action  string
				Version int64
				Changes []struct {
					Field string
					After any
				}
			}
		}
		do(ctx, "GET", fmt.Sprintf("%s/api/v1/assets/%d/history?limit=100", s.URL, id), token, nil).json(t, &hist)
		var names []string
		for i := len(hist.Events) - 1; i >= 0; i-- { // newest first
			e := hist.Events[i]
			if e.Action == string(estate.ActionUpdate) && len(e.Changes) == 1 && e.Changes[0].Field == "name" {
				names = append(names, fmt.Sprint(e.Changes[0].After))
			}
		}
		if fmt.Sprint(names) != fmt.Sprint(accepted) || len(hist.Events) != rounds+1 {
			t.Errorf("history through %s: %d events, names %v; want %d, %v", s.URL, len(hist.Events), names, rounds+1, accepted)
		}
	}
	r := do(ctx, "GET", fmt.Sprintf("%s/api/v1/assets/%d", servers[1].URL, id), token, nil)
	if r.Header.Get("ETag") != strconv.Quote(strconv.Itoa(rounds+1)) {
		t.Errorf("after %d rounds the asset's ETag is %s", rounds, r.Header.Get("ETag"))
	}
}
