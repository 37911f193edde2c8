package httpapi

import (
	"context"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
)

// numberMatched on a budget.
//
// Counting a box over most of England reads a million rows (about 2.5 s
// at national scale), while its first page of a thousand takes
// milliseconds; a GIS client panning at national zoom asks for a new box
// every time. OGC API - Features - Part 1 (OGC 17-069r4),
// /req/core/fc-numberMatched B: "A server MAY omit this information in a
// response, if the information about the number of matching features is
// not known or difficult to compute." So a count that is not cached gets
// the budget, running beside the page on its own reader connection;
// past it the page ends without numberMatched and the count goes on in
// the background, filling the store's count cache for the next page.

// DefaultCountBudget is Config.CountBudget's default: longer than a
// cached or town-sized count takes, short enough that a page never waits
// noticeably for one.
const DefaultCountBudget = 100 * time.Millisecond

const (
	// maxBackgroundCounts bounds the counts running on after their page:
	// each holds a reader connection and a core, and the pool keeps at
	// least two more for pages. Past it a late count is cancelled.
	maxBackgroundCounts = 2
	// backgroundCountTimeout bounds one count, so a pathological filter
	// cannot hold a slot for long.
	backgroundCountTimeout = 30 * time.Second
)

// cachedCounter is a store that can tell an already-counted filter
// without counting.
type cachedCounter interface {
	CachedCount(ctx context.Context, f estate.AssetFilter) (int, bool, error)
}

// pageCount is numberMatched for one page, cached, counting or given up.
// Only the handler's goroutine calls its methods.
type pageCount struct {
	n       int // the count once known; -1 when not given
	settled bool
	// While counting: the count ends by closing done, having set
	// counted and err; cancel interrupts it.
	done     chan struct{}
	counted  int
	err      error
	cancel   context.CancelFunc
	deadline time.Time
	slots    chan struct{}
}

// startCount starts counting f for a page, unless the count is cached.
// The count runs on a context detached from the request's cancellation
// (keeping its actor), so that it can outlive the page.
func (s *Server) startCount(ctx context.Context, f estate.AssetFilter) *pageCount {
	pc := &pageCount{n: -1, slots: s.countSlots}
	if cc, ok := s.svc.Assets.(cachedCounter); ok {
		if n, ok, err := cc.CachedCount(ctx, f); err == nil && ok {
			pc.n, pc.settled = n, true
			return pc
		}
	}
	if s.cfg.CountBudget < 0 && len(pc.slots) == cap(pc.slots) {
		pc.settled = true // it could only go to the background, which is full
		return pc
	}
	cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), backgroundCountTimeout)
	pc.cancel, pc.done = cancel, make(chan struct{})
	pc.deadline = time.Now().Add(s.cfg.CountBudget)
	go func() {
		defer close(pc.done)
		pc.counted, pc.err = s.svc.Assets.CountAssets(cctx, f)
	}()
	if s.cfg.CountBudget < 0 {
		pc.background()
	}
	return pc
}

// wait returns the count if it ends within the budget and -1 if not, the
// count then going on in the background. A failed count fails the page.
func (pc *pageCount) wait() (int, error) {
	if pc.settled {
		return pc.n, nil
	}
	t := time.NewTimer(time.Until(pc.deadline))
	defer t.Stop()
	select {
	case <-pc.done:
		pc.settled = true
		pc.cancel()
		if pc.err != nil {
			return -1, pc.err
		}
		pc.n = pc.counted
		return pc.n, nil
	case <-t.C:
		pc.background()
		return -1, nil
	}
}

// background leaves the count running after the page if a slot is free,
// and cancels it otherwise: the next page of the filter counts afresh.
func (pc *pageCount) background() {
	pc.settled = true
	select {
	case pc.slots <- struct{}{}:
		go func() {
			<-pc.done
			pc.cancel()
			<-pc.slots
		}()
	default:
		pc.cancel()
		<-pc.done
	}
}

// stop interrupts the count unless it went to the background, for a
// page that failed or never asked for it (HEAD).
func (pc *pageCount) stop() {
	if pc.settled {
		return
	}
	pc.settled = true
	pc.cancel()
	<-pc.done
}
