package register

import (
	"context"
	"sync"
	"time"
)

// behind keeps how current the copy is: when it was last known to be as
// new as the register, and whether bringing it up to date failed since.
type behind struct {
	mu      sync.Mutex
	checked time.Time // when the last successful read of the feed began
	err     error     // why the last try failed; nil when it did not
}

// current records that the copy was as new as the register at t.
func (b *behind) current(t time.Time) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if t.After(b.checked) {
		b.checked = t
	}
	b.err = nil
}

// Behind reports, when the copy could not be brought up to date on its
// last try, how old what it serves is (since it was last known current)
// and why; 0 and nil when it is current. Tiles and analyses are served
// from the copy meanwhile, and say how old it is.
func (c *Copy) Behind() (time.Duration, error) {
	c.behind.mu.Lock()
	defer c.behind.mu.Unlock()
	if c.behind.err == nil {
		return 0, nil
	}
	return time.Since(c.behind.checked), c.behind.err
}

// fellBehind answers a read the feed failed: with the snapshot the copy
// has, recording why it may be behind, or with err when it has none or
// the caller has gone (which says nothing of the feed).
func (c *Copy) fellBehind(ctx context.Context, err error) (*Snapshot, error) {
	s := c.snap.Load()
	if s == nil || ctx.Err() != nil {
		return nil, err
	}
	c.behind.mu.Lock()
	c.behind.err = err
	c.behind.mu.Unlock()
	return s, nil
}
