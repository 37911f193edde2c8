package httpapi

import (
	"context"
	"encoding/json"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
)

// numberMatched on a budget.
//
// Counting a box over most of England reads a million rows, many times
// what its first page of a thousand reads (sqlite's BenchmarkStore1M,
// bbox-count and bbox-page-1000-wide); a GIS client panning at national
// zoom asks for a new box every time. OGC API - Features - Part 1 (OGC
// 17-069r4), /req/core/fc-numberMatched B: "A server MAY omit this
// information in a response, if the information about the number of
// matching features is not known or difficult to compute." So a count that
// is not cached gets the budget, running beside the page on its own reader
// connection; past it the page ends without numberMatched and the count
// goes on in the background, filling the store's count cache for the next
// page.

// DefaultCountBudget is Config.CountBudget's default: longer than a
// cached or town-sized count takes, short enough that a page never waits
// noticeably for one.
const DefaultCountBudget = 100 * time.Millisecond

const (
	// maxBackgroundCounts bounds the counts running on after their page:
	// each holds a reader connection and a core for seconds at national
	// scale, and pages must keep the rest. Past it a late count is
	// cancelled.
	maxBackgroundCounts = 1
	// backgroundCountTimeout bounds one count, so a pathological filter
	// cannot hold a slot for long.
	backgroundCountTimeout = 30 * time.Second
)

// countJob is one count in flight, shared by every page that asks for
// the same filter meanwhile: a client paging or several clients on one
// view start one count, not one each.
type countJob struct {
	done   chan struct{} // closed when n and err are set
	n      int
	err    error
	cancel context.CancelFunc
}

// pageCount is numberMatched for one page, cached, counting or given up.
// Only the handler's goroutine calls its methods. The page that started
// a job owns it (it alone may cancel it or send it to the background);
// pages that found it in flight only wait on it.
type pageCount struct {
	n        int // the count once known; -1 when not given
	settled  bool
	job      *countJob
	owner    bool
	deadline time.Time
	s        *Server
}

// countJobKey identifies a count by its filter and what the caller may
// see, which is all a count depends on: not the page (cursor and limit),
// so every page of a filter shares one count. The selection's JSON
// carries its Where (a CQL2 filter) too.
func countJobKey(ctx context.Context, f estate.AssetFilter) string {
	a := estate.ActorFromContext(ctx)
	b, _ := json.Marshal(f.Selection) // plain data, checked: it cannot fail
	return string(a.Role) + "\x00" + a.Partner + "\x00" + string(b)
}

// startCount starts counting f for a page, unless the count is cached or
// already in flight for another page. The count runs on a context
// detached from the request's cancellation (keeping its actor), so that
// it can outlive the page.
func (s *Server) startCount(ctx context.Context, f estate.AssetFilter) *pageCount {
	pc := &pageCount{n: -1, s: s, deadline: time.Now().Add(s.cfg.CountBudget)}
	if s.svc.Counts != nil {
		if n, ok, err := s.svc.Counts.CachedCount(ctx, f); err == nil && ok {
			pc.n, pc.settled = n, true
			return pc
		}
	}
	key := countJobKey(ctx, f)
	s.countMu.Lock()
	if job := s.counting[key]; job != nil {
		s.countMu.Unlock()
		pc.job = job
		if s.cfg.CountBudget < 0 {
			pc.settled = true
		}
		return pc
	}
	if s.cfg.CountBudget < 0 && len(s.countSlots) == cap(s.countSlots) {
		s.countMu.Unlock()
		pc.settled = true // it could only go to the background, which is full
		return pc
	}
	cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), backgroundCountTimeout)
	job := &countJob{done: make(chan struct{}), cancel: cancel}
	s.counting[key] = job
	s.countMu.Unlock()
	pc.job, pc.owner = job, true
	go func() {
		n, err := s.svc.Assets.CountAssets(cctx, f)
		s.countMu.Lock()
		delete(s.counting, key)
		s.countMu.Unlock()
		job.n, job.err = n, err
		close(job.done)
	}()
	if s.cfg.CountBudget < 0 {
		pc.background()
	}
	return pc
}

// wait returns the count if it ends within the budget and -1 if not, the
// count then going on in the background. A failed count fails the page
// that started it; a page sharing another's count just goes without.
func (pc *pageCount) wait() (int, error) {
	if pc.settled {
		return pc.n, nil
	}
	if !pc.job.endsWithin(time.Until(pc.deadline)) {
		pc.background()
		return -1, nil
	}
	pc.settled = true
	if pc.owner {
		pc.job.cancel()
	}
	if pc.job.err != nil {
		if pc.owner {
			return -1, pc.job.err
		}
		return -1, nil
	}
	pc.n = pc.job.n
	return pc.n, nil
}

// endsWithin reports whether the count ends within d. One already ended
// counts however late its page asks: a page that outlasted its budget
// would otherwise drop a finished count at random, select choosing
// between the closed done and the timer that has fired too.
func (j *countJob) endsWithin(d time.Duration) bool {
	select {
	case <-j.done:
		return true
	default:
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-j.done:
		return true
	case <-t.C:
		return false
	}
}

// background leaves the count running after the page if a slot is free,
// and cancels it otherwise: the next page of the filter counts afresh.
func (pc *pageCount) background() {
	pc.settled = true
	if !pc.owner {
		return
	}
	select {
	case pc.s.countSlots <- struct{}{}:
		go func() {
			<-pc.job.done
			pc.job.cancel()
			<-pc.s.countSlots
		}()
	default:
		pc.job.cancel()
		<-pc.job.done
	}
}

// stop interrupts the count unless it went to the background, for a
// page that failed or never asked for it (HEAD).
func (pc *pageCount) stop() {
	if pc.settled {
		return
	}
	pc.settled = true
	if pc.owner {
		pc.job.cancel()
		<-pc.job.done
	}
}

// stopCounts interrupts the counts still running, those gone to the
// background included, so that a server shut down does not keep the
// database busy (and its closing waiting) for a count nobody will read.
func (s *Server) stopCounts() {
	s.countMu.Lock()
	defer s.countMu.Unlock()
	for _, job := range s.counting {
		job.cancel()
	}
}
