package insight

import (
	"container/list"
	"context"
	"fmt"

	"github.com/placetrust/placetrust/internal/analysis"
	"github.com/placetrust/placetrust/internal/estate"
)

// Bounds on the co-location runs kept, by slot (viewer, settings and
// bbox; each slot holds its newest finished run and any run under way).
// A whole-register run holds every opportunity of the register, tens of
// megabytes at a million assets; a bbox run a county's worth, so more of
// those are kept, as a map is panned from place to place.
const (
	maxWholeSlots = 4
	maxBBoxSlots  = 32
)

// DefaultFreshRunLimit is how many assets a co-location run may have for
// the trust view to wait for it (SetFreshRunLimit): a county's worth,
// about a tenth of a second.
const DefaultFreshRunLimit = 50_000

// hubsRun is a co-location run over one version of the register, shared
// by every caller who asks for it while it is being made, so a burst of
// questions after a write starts one run, not one each.
type hubsRun struct {
	version int64
	done    chan struct{} // closed when hubs and err are set
	hubs    *analysis.Hubs
	err     error
}

func (r *hubsRun) finished() bool {
	select {
	case <-r.done:
		return true
	default:
		return false
	}
}

// slot is the runs of one viewer, settings and bbox across versions.
type slot struct {
	key    string
	latest *hubsRun // the newest run started, finished or not
	ready  *hubsRun // the newest run finished without error
	size   int      // assets in the latest run
}

// lru is a bounded set of slots, least recently used out first.
type lru struct {
	max   int
	order *list.List // of *slot, most recent first
	byKey map[string]*list.Element
}

func newLRU(max int) *lru {
	return &lru{max: max, order: list.New(), byKey: map[string]*list.Element{}}
}

func (c *lru) get(key string) *slot {
	if e, ok := c.byKey[key]; ok {
		c.order.MoveToFront(e)
		return e.Value.(*slot)
	}
	sl := &slot{key: key}
	c.byKey[key] = c.order.PushFront(sl)
	if c.order.Len() > c.max {
		// A run under way in an evicted slot still finishes for those
		// waiting on it; it is only not kept.
		old := c.order.Remove(c.order.Back()).(*slot)
		delete(c.byKey, old.key)
	}
	return sl
}

// runKey holds what decides who moves where: the receipt assumptions and
// the filter but its bbox are applied to a run afterwards, cheaply.
func runKey(snap snapshot, p analysis.ColocationParams, box *estate.BBox) string {
	k := fmt.Sprintf("%s|%g|%d|%g", snap.viewer, p.DistanceM, p.MinPartners, p.Densify)
	if box != nil {
		k += fmt.Sprintf("|%g,%g,%g,%g", box.MinLon, box.MinLat, box.MaxLon, box.MaxLat)
	}
	return k
}

// hubs returns a co-location run with p's settings over the assets of
// snap in f's bbox (analysis.ColocationUniverse). With fresh, or when the
// run is small enough to wait for (s.freshLimit), the run describes
// snap's version. Otherwise the newest finished run is good enough: if
// it is of an older version, it is returned as it is while a run of the
// current version starts in the background (one at a time per slot: one
// under way for an older version is left to finish first, and the next
// question starts the next), so a trust view right after a write does not
// wait seconds for a national run. The first run of a slot is always
// waited for: there is nothing older to show.
func (s *Service) hubs(ctx context.Context, snap snapshot, p analysis.ColocationParams, f analysis.Filter, fresh bool) (*hubsRun, error) {
	s.runMu.Lock()
	cache := s.whole
	if f.BBox != nil {
		cache = s.boxed
	}
	sl := cache.get(runKey(snap, p, f.BBox))
	wait := fresh || sl.ready == nil || sl.size <= s.freshLimit
	var r *hubsRun
	switch {
	case sl.ready != nil && sl.ready.version == snap.version:
		r = sl.ready
	case sl.latest != nil && sl.latest.version == snap.version:
		r = sl.latest
		if !wait {
			r = sl.ready
		}
	case wait:
		r = s.startRun(sl, snap, p, f.BBox)
	default:
		if sl.latest.finished() {
			s.startRun(sl, snap, p, f.BBox)
		}
		r = sl.ready
	}
	s.runMu.Unlock()
	select {
	case <-r.done:
		return r, r.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// startRun starts a run of snap in sl. s.runMu must be held.
func (s *Service) startRun(sl *slot, snap snapshot, p analysis.ColocationParams, box *estate.BBox) *hubsRun {
	r := &hubsRun{version: snap.version, done: make(chan struct{})}
	universe := analysis.ColocationUniverse(snap.assets, box)
	sl.latest, sl.size = r, len(universe)
	// Not the caller's goroutine: a caller who gives up (a closed
	// connection) must not leave the others waiting on a run never
	// finished.
	go func() {
		h, err := analysis.FindHubs(universe, p)
		s.runMu.Lock()
		r.hubs, r.err = h, err
		if err == nil && (sl.ready == nil || sl.ready.version < r.version) {
			sl.ready = r
		}
		s.runMu.Unlock()
		close(r.done)
	}()
	return r
}
