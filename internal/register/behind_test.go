package register

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/register/feedtest"
)

// A copy whose feed fails keeps serving the snapshot it has and says how
// old it is; it fails only when it has none, or when the caller has gone;
// once the feed answers it catches up and is current again.
func TestCopyBehind(t *testing.T) {
	ctx := context.Background()
	feed := feedtest.New()
	feed.Put(&estate.Asset{ID: 1, Partner: "county", Name: "one"})
	lost := errors.New("database lost")
	feed.Err = lost
	c := New(feed)
	if _, err := c.Current(ctx); !errors.Is(err, lost) {
		t.Fatalf("no snapshot yet and the feed failing: %v", err)
	}
	feed.Err = nil
	s, err := c.Current(ctx)
	if err != nil || s.Len() != 1 {
		t.Fatalf("%v, %v", s, err)
	}
	if age, err := c.Behind(); age != 0 || err != nil {
		t.Fatalf("current copy behind by %v: %v", age, err)
	}

	feed.Put(&estate.Asset{ID: 2, Partner: "county", Name: "two"})
	feed.Err = lost
	time.Sleep(20 * time.Millisecond)
	got, err := c.Current(ctx)
	if err != nil || got != s {
		t.Fatalf("feed failing: %v, %v; want the snapshot held", got, err)
	}
	if age, err := c.Behind(); age < 20*time.Millisecond || !errors.Is(err, lost) {
		t.Errorf("behind by %v (%v), want at least 20ms for the lost database", age, err)
	}
	gone, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := c.Current(gone); !errors.Is(err, lost) {
		t.Errorf("a caller gone: %v, want the feed's error", err)
	}

	feed.Err = nil
	if got, err := c.Current(ctx); err != nil || got.Len() != 2 {
		t.Fatalf("feed back: %v, %v", got, err)
	}
	if age, err := c.Behind(); age != 0 || err != nil {
		t.Errorf("caught up, still behind by %v: %v", age, err)
	}
}
