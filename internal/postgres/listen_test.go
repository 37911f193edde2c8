package postgres

import (
	"context"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
)

// eventually polls cond until it holds or the deadline passes.
func eventually(t *testing.T, within time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(within)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("not within %v: %s", within, what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// openAgain opens a second pool on the database at url, as another
// server would.
func openAgain(t *testing.T, url string) *DB {
	t.Helper()
	db, err := Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func follow(t *testing.T, db *DB) *Follower {
	f := db.Follow()
	t.Cleanup(func() { f.Close() })
	eventually(t, 5*time.Second, "the listener listening", func() bool { ok, _ := f.Listening(); return ok })
	return f
}

// A follower answers "nothing changed" without touching the pool, sees
// another server's change within MaxStale (by its notification, much
// sooner), and its own server's at once.
func TestFollower(t *testing.T) {
	ctx := context.Background()
	db, url := mustOpen(t)
	a := asset("county", "A")
	seed(t, db, []string{"county"}, a)
	other := openAgain(t, url)
	f := follow(t, db)

	v, _ := readAll(t, f)
	if _, err := f.RegisterChanges(ctx, v); err != nil { // settles: the read used the pool
		t.Fatal(err)
	}
	acquired := db.pool.Stat().AcquireCount()
	for range 100 {
		if ch, err := f.RegisterChanges(ctx, v); err != nil || ch.Version != v || ch.Reload || len(ch.Changed) > 0 {
			t.Fatalf("nothing changed: %+v, %v", ch, err)
		}
	}
	if n := db.pool.Stat().AcquireCount() - acquired; n > 1 { // a heartbeat's lookup at most
		t.Errorf("100 calls with nothing changed used the pool %d times", n)
	}

	// Another server's change: seen within the bound.
	start := time.Now()
	edit(t, other, a, func(x *estate.Asset) { x.Name = "by the other" })
	var ch estate.Changes
	eventually(t, MaxStale+time.Second, "another server's change", func() bool {
		var err error
		ch, err = f.RegisterChanges(ctx, v)
		return err == nil && ch.Version > v
	})
	if len(ch.Changed) != 1 || ch.Changed[0].Name != "by the other" {
		t.Fatalf("changes %+v", ch)
	}
	t.Logf("another server's change seen after %v", time.Since(start))
	v = ch.Version

	// This server's own change: seen by the very next call, every time.
	for i := range 20 {
		edit(t, db, a, func(x *estate.Asset) { x.Name = "mine" })
		ch, err := f.RegisterChanges(ctx, v)
		if err != nil || ch.Version != v+1 || len(ch.Changed) != 1 {
			t.Fatalf("own write %d: %+v, %v; want version %d", i, ch, err, v+1)
		}
		v = ch.Version
	}
}

// With the listener's connection lost, every call looks the head up, so
// nothing is missed; the listener comes back by itself.
func TestFollowerListenerLost(t *testing.T) {
	ctx := context.Background()
	db, url := mustOpen(t)
	a := asset("county", "A")
	seed(t, db, []string{"county"}, a)
	other := openAgain(t, url)
	f := follow(t, db)
	v, _ := readAll(t, f)

	var killed int
	if err := other.pool.QueryRow(ctx, `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
		WHERE application_name = $1 AND datname = current_database()`, listenerName).Scan(&killed); err != nil || killed != 1 {
		t.Fatalf("terminated %d listeners: %v", killed, err)
	}
	eventually(t, 5*time.Second, "the listener noticing its loss", func() bool { ok, _ := f.Listening(); return !ok })
	if _, err := f.Listening(); err == nil {
		t.Error("the listener lost its connection and says no why")
	}
	edit(t, other, a, func(x *estate.Asset) { x.Name = "while deaf" })
	if ch, err := f.RegisterChanges(ctx, v); err != nil || ch.Version != v+1 || len(ch.Changed) != 1 {
		t.Fatalf("while the listener is down: %+v, %v", ch, err)
	}
	eventually(t, listenRetry+5*time.Second, "the listener back", func() bool { ok, _ := f.Listening(); return ok })
}
