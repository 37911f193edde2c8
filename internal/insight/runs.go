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
	latest *hubsRun // the run of the newest version started, finished or not
	ready  *hubsRun // the run of the newest version finished without error
	size   int      // assets in the latest run, once it has selected them
	// running holds the runs under way by version, so a caller whose
	// snapshot is older than latest's joins a run of its version instead
	// of starting another.
	running map[int64]*hubsRun
}

// of returns the run under way of version, or the latest run if of
// version (finished, so failed: a finished success would be ready).
func (sl *slot) of(version int64) *hubsRun {
	if r := sl.running[version]; r != nil {
		return r
	}
	if sl.latest != nil && sl.latest.version == version {
		return sl.latest
	}
	return nil
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
// waited for: there is nothing older to show. A run is never of a newer
// version than snap: a caller who read the register just before a write
// gets figures of what it read.
func (s *Service) hubs(ctx context.Context, snap snapshot, p analysis.ColocationParams, f estate.Selection, fresh bool) (*hubsRun, error) {
	r, start := s.claim(snap, p, f.BBox, fresh)
	if start != nil {
		// Not the caller's goroutine: a caller who gives up (a closed
		// connection) must not leave the others waiting on a run never
		// finished.
		go start()
	}
	select {
	case <-r.done:
		return r, r.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// claim picks the run that answers snap (see hubs), and returns with
// start a run it reserved, if any, for the caller to start. The choice is
// made under s.runMu, so callers never start two runs of one version in
// a slot; the run's work, selecting the assets in the bbox included, is
// left to start, so it holds up no other caller.
func (s *Service) claim(snap snapshot, p analysis.ColocationParams, box *estate.BBox, fresh bool) (r *hubsRun, start func()) {
	s.runMu.Lock()
	defer s.runMu.Unlock()
	cache := s.whole
	if box != nil {
		cache = s.boxed
	}
	sl := cache.get(runKey(snap, p, box))
	if sl.ready != nil && sl.ready.version == snap.version {
		return sl.ready, nil
	}
	// The caller waits for a run of its version when it asks to, when
	// there is nothing finished or the run is quick, and when the newest
	// finished run is newer than what it read.
	wait := fresh || sl.ready == nil || sl.ready.version > snap.version || sl.size <= s.freshLimit
	if r := sl.of(snap.version); r != nil {
		if !wait {
			return sl.ready, nil
		}
		return r, nil
	}
	if wait {
		return s.reserveRun(sl, snap, p, box)
	}
	if sl.latest.finished() && sl.latest.version < snap.version {
		_, start = s.reserveRun(sl, snap, p, box)
	}
	return sl.ready, start
}

// reserveRun records a run of snap in sl and returns it with the function
// that makes it. s.runMu must be held; start must be called without it.
func (s *Service) reserveRun(sl *slot, snap snapshot, p analysis.ColocationParams, box *estate.BBox) (*hubsRun, func()) {
	r := &hubsRun{version: snap.version, done: make(chan struct{})}
	if box != nil {
		b := *box // the caller's, read by the run after the caller is gone
		box = &b
	}
	if sl.running == nil {
		sl.running = map[int64]*hubsRun{}
	}
	sl.running[r.version] = r
	if sl.latest == nil || sl.latest.version < r.version {
		sl.latest = r
	}
	start := func() {
		universe := s.universe(snap.assets, box)
		s.runMu.Lock()
		if sl.latest == r {
			sl.size = universe.Len()
		}
		s.runMu.Unlock()
		h, err := s.findHubs(universe, p)
		s.runMu.Lock()
		r.hubs, r.err = h, err
		delete(sl.running, r.version)
		if err == nil && (sl.ready == nil || sl.ready.version < r.version) {
			sl.ready = r
		}
		s.runMu.Unlock()
		close(r.done)
	}
	return r, start
}
