package postgres

import (
	"context"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/placetrust/placetrust/internal/estate"
)

// MaxStale bounds how long a Follower may answer "nothing changed" from
// memory: a change another server committed is seen by this server's
// next request at most MaxStale after its commit, and in practice within
// the few milliseconds its notification takes. The listener reads the
// head every MaxStale/2 when it hears nothing, so a quiet register costs
// requests no round trip, and a request makes the lookup itself only
// when that heartbeat is late (a connection lost without a word).
const MaxStale = time.Second

// listenRetry bounds the wait between attempts to listen again after the
// listening connection was lost.
const listenRetry = 2 * time.Second

// listenerName is the listening connection's application_name, which
// names it in pg_stat_activity.
const listenerName = "placetrust register listener"

// Follower is one server's change feed of the register
// (estate.RegisterFeed) over DB: a LISTEN connection on registerChannel
// keeps the newest head version in memory, so that RegisterChanges
// answers "nothing changed" without a round trip. It looks the head up
// when the version it holds is not the caller's, when the listener is
// down (one lookup per call until it is back), when the heartbeat is
// older than MaxStale, and after any of this server's own connections
// was used since its last lookup: a server sees its own writes at once.
type Follower struct {
	db *DB
	// head is the newest version heard or read; live says the listener is
	// listening and has read the head since; checked is when the head
	// was last read (UnixNano of the read's start), by the listener or a
	// lookup.
	head    atomic.Int64
	live    atomic.Bool
	checked atomic.Int64
	// quiet is the pool's acquire count after a lookup made while no
	// connection was in use, -1 otherwise: while the count is unchanged
	// and none is in use, this server has written nothing since.
	quiet atomic.Int64

	mu      sync.Mutex
	lastErr error // why the listener last lost its connection
	stop    context.CancelFunc
	done    chan struct{}
}

var _ estate.RegisterFeed = (*Follower)(nil)

// Follow starts following the register: a connection of its own, outside
// the pool, listens until Close.
func (db *DB) Follow() *Follower {
	ctx, stop := context.WithCancel(context.Background())
	f := &Follower{db: db, stop: stop, done: make(chan struct{})}
	f.quiet.Store(-1)
	go f.listen(ctx)
	return f
}

// Close stops listening and waits for the listener to end.
func (f *Follower) Close() error {
	f.stop()
	<-f.done
	return nil
}

// Listening reports whether the listener is connected and current, and
// if not, why it last lost its connection.
func (f *Follower) Listening() (bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.live.Load(), f.lastErr
}

// ReadRegister reads the register whole (DB.ReadRegister).
func (f *Follower) ReadRegister(ctx context.Context, fn func(*estate.Asset) error) (int64, error) {
	v, err := f.db.ReadRegister(ctx, fn)
	if err == nil {
		f.saw(v)
	}
	return v, err
}

// RegisterChanges returns what changed after since (DB.RegisterChanges),
// answering from memory when the listener says nothing has.
func (f *Follower) RegisterChanges(ctx context.Context, since int64) (estate.Changes, error) {
	if f.unchanged(since) {
		return estate.Changes{Version: since}, nil
	}
	before, start := f.db.pool.Stat(), time.Now()
	v, err := registerHead(ctx, f.db.pool)
	if err != nil {
		return estate.Changes{}, err
	}
	f.saw(v)
	f.checkedAt(start)
	if v != since {
		f.quiet.Store(-1)
		return f.db.RegisterChanges(ctx, since)
	}
	// Only the lookup itself used the pool, and nothing was in use before
	// it: nothing of this server's can commit after the lookup unseen.
	after := f.db.pool.Stat()
	if before.AcquiredConns() == 0 && after.AcquiredConns() == 0 && after.AcquireCount() == before.AcquireCount()+1 {
		f.quiet.Store(after.AcquireCount())
	} else {
		f.quiet.Store(-1)
	}
	return estate.Changes{Version: v}, nil
}

// unchanged says whether the register is known, without a round trip, to
// be still at version since.
func (f *Follower) unchanged(since int64) bool {
	if !f.live.Load() || f.head.Load() != since || time.Since(time.Unix(0, f.checked.Load())) > MaxStale {
		return false
	}
	st := f.db.pool.Stat()
	return st.AcquiredConns() == 0 && st.AcquireCount() == f.quiet.Load()
}

// saw raises the head to v.
func (f *Follower) saw(v int64) {
	for {
		h := f.head.Load()
		if v <= h || f.head.CompareAndSwap(h, v) {
			return
		}
	}
}

// checkedAt records a read of the head that started at t.
func (f *Follower) checkedAt(t time.Time) {
	n := t.UnixNano()
	for {
		c := f.checked.Load()
		if n <= c || f.checked.CompareAndSwap(c, n) {
			return
		}
	}
}

// listen keeps a listening connection until ctx ends, connecting again
// after it is lost.
func (f *Follower) listen(ctx context.Context) {
	defer close(f.done)
	for {
		err := f.listenOnce(ctx)
		f.live.Store(false)
		if ctx.Err() != nil {
			return
		}
		f.mu.Lock()
		f.lastErr = err
		f.mu.Unlock()
		select {
		case <-ctx.Done():
			return
		case <-time.After(listenRetry):
		}
	}
}

// listenOnce listens on one connection until it fails or ctx ends. It
// listens before it reads the head, so no commit falls between the two.
func (f *Follower) listenOnce(ctx context.Context) error {
	cfg := f.db.pool.Config().ConnConfig
	if cfg.RuntimeParams == nil {
		cfg.RuntimeParams = map[string]string{}
	}
	cfg.RuntimeParams["application_name"] = listenerName
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	if _, err := conn.Exec(ctx, `LISTEN `+registerChannel); err != nil {
		return err
	}
	for {
		start := time.Now()
		v, err := registerHead(ctx, conn)
		if err != nil {
			return err
		}
		f.saw(v)
		f.checkedAt(start)
		if !f.live.Swap(true) {
			f.mu.Lock()
			f.lastErr = nil
			f.mu.Unlock()
		}
		if err := f.hear(ctx, conn); err != nil {
			return err
		}
	}
}

// hear takes the notifications conn receives for MaxStale/2, after which
// the caller reads the head again (the heartbeat).
func (f *Follower) hear(ctx context.Context, conn *pgx.Conn) error {
	wait, cancel := context.WithTimeout(ctx, MaxStale/2)
	defer cancel()
	for {
		n, err := conn.WaitForNotification(wait)
		switch {
		case err != nil && ctx.Err() == nil && wait.Err() != nil:
			return nil // time for the heartbeat
		case err != nil:
			return err
		}
		if v, err := strconv.ParseInt(n.Payload, 10, 64); err == nil {
			f.saw(v)
		}
	}
}
