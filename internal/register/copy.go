// Package register holds the one copy of the register in memory that the
// vector tiles (internal/tiles) and the analyses (internal/analysis,
// through internal/insight) read, fed by the store's one change feed
// (estate.RegisterFeed).
//
// The copy holds only what tiles and analyses read (estate.FeedFields),
// as a struct of arrays: one array per field, partners, towns, uses and
// tag sets interned, holdings, tenures and ratings as small codes, money
// exact in int64, texts in one string. A reader gets an immutable
// Snapshot; a viewer's assets are the snapshot with visibility applied
// as each is read (Assets), never a copy per viewer.
//
// The copy is read whole once, then patched from the feed: a change
// appends the asset's new row and drops the old one from the live rows,
// so older snapshots stay as they were. When too many rows are dead, or
// the feed asks for it, the copy is read whole again.
package register

import (
	"cmp"
	"context"
	"runtime/debug"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
)

// Copy keeps the snapshot current. It is safe for concurrent use:
// readers take the current snapshot without locking, and only loads and
// patches take turns.
type Copy struct {
	feed estate.RegisterFeed

	mu   sync.Mutex // one load or patch at a time
	snap atomic.Pointer[Snapshot]
	b    *builder // the current generation's rows
	gens uint64
	// onReload, if set, hears of every load (full) and patch.
	onReload func(full bool, d time.Duration)
	// behind says how current the copy is (behind.go).
	behind behind
}

// New returns a copy of the register feed gives, read on first use.
func New(feed estate.RegisterFeed) *Copy { return &Copy{feed: feed} }

// Warm reads the register now, so the first tile or analysis need not
// wait for it (a million assets take seconds to read).
func (c *Copy) Warm(ctx context.Context) error {
	_, err := c.Current(ctx)
	return err
}

// SetReloadHook makes f hear how long each load of the copy (full) or
// patch from the feed took. f is called with the copy locked, so it must
// be quick; nil turns it off.
func (c *Copy) SetReloadHook(f func(full bool, d time.Duration)) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.onReload = f
}

// AssetsHeld is how many rows the copy holds, 0 before it is loaded: the
// register's assets and the rows changes have replaced since the copy
// was last read whole, which are held until then. It takes no lock, so a
// scrape never waits for a load.
func (c *Copy) AssetsHeld() int {
	if s := c.snap.Load(); s != nil {
		return int(s.Rows())
	}
	return 0
}

// Current returns a snapshot as new as the register, reading it the
// first time and patching it afterwards. When nothing has changed, which
// is nearly always, it costs one version lookup and no lock. When the
// feed cannot be read (the database lost), it returns the snapshot it
// has, which Behind then says is behind, and fails only when it has none.
func (c *Copy) Current(ctx context.Context) (*Snapshot, error) {
	s := c.snap.Load()
	if s == nil {
		return c.refresh(ctx, nil, estate.Changes{})
	}
	start := time.Now()
	ch, err := c.feed.RegisterChanges(ctx, s.version)
	if err != nil {
		return c.fellBehind(ctx, err)
	}
	if !ch.Reload && ch.Version == s.version {
		c.behind.current(start)
		return s, nil
	}
	n, err := c.refresh(ctx, s, ch)
	if err != nil {
		return c.fellBehind(ctx, err)
	}
	c.behind.current(start)
	return n, nil
}

// refresh brings the copy up to date under the lock, so concurrent
// readers wait for one load or patch instead of each making their own.
// ch are the changes since from, already read, if from is still current.
func (c *Copy) refresh(ctx context.Context, from *Snapshot, ch estate.Changes) (*Snapshot, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	start := time.Now()
	s := c.snap.Load()
	if s != nil && s != from {
		var err error
		if ch, err = c.feed.RegisterChanges(ctx, s.version); err != nil {
			return nil, err
		}
	}
	if s != nil && !ch.Reload {
		if ch.Version == s.version {
			return s, nil
		}
		n, err := c.patched(s, ch)
		if err != nil {
			return nil, err
		}
		if !tooManyDead(n) {
			c.publish(n, false, start)
			return n, nil
		}
	}
	n, err := c.load(ctx)
	if err != nil {
		return nil, err
	}
	c.publish(n, true, start)
	c.behind.current(start)
	return n, nil
}

func (c *Copy) publish(s *Snapshot, full bool, start time.Time) {
	c.snap.Store(s)
	if c.onReload != nil {
		c.onReload(full, time.Since(start))
	}
}

// bigRegister is how many assets make reading the register whole worth
// handing its garbage back to the system at once.
const bigRegister = 100_000

// tooManyDead reports whether s holds so many replaced rows that reading
// the register again, which drops them, is worth its cost.
func tooManyDead(s *Snapshot) bool { return s.dead > 4096+s.Len()/4 }

// load reads the register whole into a new generation of rows.
func (c *Copy) load(ctx context.Context) (*Snapshot, error) {
	c.gens++
	b := newBuilder(c.gens)
	version, err := c.feed.ReadRegister(ctx, func(a *estate.Asset) error {
		r := From(a)
		_, err := b.appendRow(&r)
		return err
	})
	if err != nil {
		return nil, err
	}
	b.clip()
	c.b = b
	n := int32(b.cols.id.rows())
	order := make([]int32, n)
	live := make([]uint64, (n+63)/64)
	for i := range n {
		order[i] = i
		live[i>>6] |= 1 << (i & 63)
	}
	// The feed gives rows in id order; a store that did not would still
	// get a register in id order.
	s := b.snapshot(version, order, live, 0)
	byID := func(x, y int32) int { return cmp.Compare(s.ID(x), s.ID(y)) }
	if !slices.IsSortedFunc(order, byID) {
		slices.SortFunc(order, byID)
	}
	// Reading a large register whole leaves several times the copy's
	// size in garbage (every row's strings as the feed read them), and
	// the heap grew to hold it; handing it back now, not when the
	// scavenger gets to it, keeps a server that has just read a national
	// register at the size of what it holds.
	if n >= bigRegister {
		debug.FreeOSMemory()
	}
	return s, nil
}

// patched returns s with the changes ch applied: the changed assets'
// rows appended, and the live rows in id order with them put in place of
// the rows of their ids, or added, and the deleted ones' removed. Each
// edit finds its place by binary search and the runs between are copied
// whole. s is not changed.
func (c *Copy) patched(s *Snapshot, ch estate.Changes) (*Snapshot, error) {
	b := c.b
	rows := make([]int32, len(ch.Changed))
	for i, a := range ch.Changed {
		r := From(a)
		var err error
		if rows[i], err = b.appendRow(&r); err != nil {
			return nil, err
		}
	}
	n := int32(b.cols.id.rows())
	live := make([]uint64, (n+63)/64)
	copy(live, s.live)
	order := make([]int32, 0, len(s.order)+len(rows))
	pos, ci, di := 0, 0, 0
	for ci < len(rows) || di < len(ch.Deleted) {
		var id int64
		row := int32(-1)
		if di == len(ch.Deleted) || (ci < len(rows) && ch.Changed[ci].ID < ch.Deleted[di]) {
			id, row = ch.Changed[ci].ID, rows[ci]
			ci++
		} else {
			id = ch.Deleted[di]
			di++
		}
		i := searchID(s, pos, id)
		order = append(order, s.order[pos:i]...)
		if i < len(s.order) && s.ID(s.order[i]) == id {
			old := s.order[i]
			live[old>>6] &^= 1 << (old & 63)
			i++
		}
		if row >= 0 {
			order = append(order, row)
			live[row>>6] |= 1 << (row & 63)
		}
		pos = i
	}
	order = append(order, s.order[pos:]...)
	return b.snapshot(ch.Version, order, live, int(n)-len(order)), nil
}

// searchID returns the first index of s.order from lo on whose asset id
// is at least id.
func searchID(s *Snapshot, lo int, id int64) int {
	hi := len(s.order)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if s.ID(s.order[m]) < id {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}
