package httpapi_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/httpapi"
)

// TestNoLostUpdates runs 16 editors changing the same assets at once with
// If-Match. Every acknowledged update must be in the audit trail with its
// own version, every refused one must be a 412, and each asset must end as
// its last acknowledged write left it.
func TestNoLostUpdates(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	const workers = 16
	duration := 3 * time.Second
	if testing.Short() {
		duration = 500 * time.Millisecond
	}
	var ids []int64
	for i := range 4 {
		ids = append(ids, ts.create(feature("county", fmt.Sprintf("HOT%d", i), -2.22, 52.19)).ID)
	}
	type write struct {
		version int64
		notes   string
	}
	var mu sync.Mutex
	acked := map[int64][]write{}
	conflicts := 0
	deadline := time.Now().Add(duration)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(w), 7))
			for i := 0; time.Now().Before(deadline); i++ {
				id := ids[rng.IntN(len(ids))]
				var cur featureOut
				res := ts.do(req{Method: "GET", Path: "/api/v1/assets/" + itoa(id), Token: "county-editor"})
				if res.Status != 200 {
					t.Errorf("get: %d %s", res.Status, res.Body)
					return
				}
				res.JSON(t, &cur)
				notes := fmt.Sprintf("worker %d write %d", w, i)
				res = ts.do(req{Method: "PATCH", Path: "/api/v1/assets/" + itoa(id), Token: "county-editor",
					Header: map[string]string{"If-Match": res.Header.Get("ETag")},
					Body:   map[string]any{"properties": map[string]any{"notes": notes}}})
				mu.Lock()
				switch res.Status {
				case 200:
					var out featureOut
					res.JSON(t, &out)
					acked[id] = append(acked[id], write{int64(out.Properties["version"].(float64)), notes})
				case 412:
					conflicts++
				default:
					t.Errorf("patch: %d %s", res.Status, res.Body)
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()

	total := 0
	for _, id := range ids {
		writes := acked[id]
		total += len(writes)
		byVersion := map[int64]string{}
		var last write
		for _, w := range writes {
			if _, dup := byVersion[w.version]; dup {
				t.Fatalf("asset %d: two acknowledged writes made version %d", id, w.version)
			}
			byVersion[w.version] = w.notes
			if w.version > last.version {
				last = w
			}
		}
		var cur featureOut
		must(t, ts.do(req{Method: "GET", Path: "/api/v1/assets/" + itoa(id), Token: "admin"}), 200).JSON(t, &cur)
		if int64(cur.Properties["version"].(float64)) != int64(len(writes))+1 || cur.Properties["notes"] != last.notes {
			t.Errorf("asset %d ends at version %v notes %q; %d writes acknowledged, last %q",
				id, cur.Properties["version"], cur.Properties["notes"], len(writes), last.notes)
		}
		type event struct {
			Action  string
			Version int64
			Changes []struct {
				Field string
				After any
			}
		}
		// A fast machine acknowledges more updates than one page holds.
		var events []event
		for path := "/api/v1/assets/" + itoa(id) + "/history?limit=1000"; path != ""; {
			var page struct {
				Events []event
				Links  []struct{ Href, Rel string }
			}
			must(t, ts.do(req{Method: "GET", Path: path, Token: "admin"}), 200).JSON(t, &page)
			events, path = append(events, page.Events...), ""
			for _, l := range page.Links {
				if l.Rel == "next" {
					path = strings.TrimPrefix(l.Href, ts.URL)
				}
			}
		}
		audited := 0
		for _, ev := range events {
			if ev.Action != "update" {
				continue
			}
			audited++
			if len(ev.Changes) != 1 || ev.Changes[0].Field != "notes" || ev.Changes[0].After != byVersion[ev.Version] {
				t.Errorf("asset %d version %d audited as %+v, acknowledged as %q", id, ev.Version, ev.Changes, byVersion[ev.Version])
			}
		}
		if audited != len(writes) {
			t.Errorf("asset %d: %d updates audited, %d acknowledged", id, audited, len(writes))
		}
	}
	if total == 0 || conflicts == 0 {
		t.Errorf("%d writes and %d conflicts: the test did not exercise contention", total, conflicts)
	}
	t.Logf("%d workers, %s: %d acknowledged updates, %d conflicts (412)", workers, duration, total, conflicts)
}
