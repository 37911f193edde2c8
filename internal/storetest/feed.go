package storetest

import (
	"context"

	"github.com/placetrust/placetrust/internal/estate"
)

// This file is the one place the suite touches the change feed
// interfaces: when the feeds change shape, feeds is what changes, and
// the tests (changes.go) read every feed alike.

// feed is one change feed of a register as the suite reads it.
type feed struct {
	name string
	// version is the register's version now.
	version func(ctx context.Context) (int64, error)
	// all reads the whole register: its version and every asset's id,
	// sensitive ones included.
	all func(ctx context.Context) (int64, []int64, error)
	// after says what changed after version since.
	after func(ctx context.Context, since int64) (changes, error)
}

// changes is what a feed reports after a version.
type changes struct {
	Version int64
	Changed []int64 // assets created or changed, in id order
	Deleted []int64
	// Reload says more changed than the feed patches: read it all again.
	Reload bool
}

// feeds returns the register's change feed, none when it has none.
func feeds(r *Register) []feed {
	src := r.Feed
	if src == nil {
		return nil
	}
	all := func(ctx context.Context) (int64, []int64, error) {
		var got []int64
		v, err := src.ReadRegister(ctx, func(a *estate.Asset) error { got = append(got, a.ID); return nil })
		return v, got, err
	}
	return []feed{{
		name:    "register",
		version: func(ctx context.Context) (int64, error) { v, _, err := all(ctx); return v, err },
		all:     all,
		after: func(ctx context.Context, since int64) (changes, error) {
			ch, err := src.RegisterChanges(ctx, since)
			return changes{Version: ch.Version, Changed: ids(ch.Changed), Deleted: ch.Deleted, Reload: ch.Reload}, err
		},
	}}
}
