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

// feeds returns the register's change feeds, none when it has none.
func feeds(r *Register) []feed {
	var out []feed
	if src := r.Feed; src != nil {
		out = append(out, feed{
			name:    "register",
			version: src.RegisterVersion,
			all: func(ctx context.Context) (int64, []int64, error) {
				v, assets, err := src.FindAllAssets(ctx)
				return v, ids(assets), err
			},
			after: func(ctx context.Context, since int64) (changes, error) {
				v, changed, deleted, err := src.FindAssetChanges(ctx, since)
				return feedChanges(v, ids(changed), deleted, err)
			},
		})
	}
	if src := r.Points; src != nil {
		all := func(ctx context.Context) (int64, []int64, error) {
			var got []int64
			v, err := src.FindAssetPoints(ctx, func(p *estate.AssetPoint) error { got = append(got, p.ID); return nil })
			return v, got, err
		}
		out = append(out, feed{
			name:    "points",
			version: func(ctx context.Context) (int64, error) { v, _, err := all(ctx); return v, err },
			all:     all,
			after: func(ctx context.Context, since int64) (changes, error) {
				v, changed, deleted, err := src.FindAssetPointChanges(ctx, since)
				var got []int64
				for _, p := range changed {
					got = append(got, p.ID)
				}
				return feedChanges(v, got, deleted, err)
			},
		})
	}
	return out
}

// feedChanges reads today's feeds' answer, where ECONFLICT asks for a
// reload.
func feedChanges(v int64, changed, deleted []int64, err error) (changes, error) {
	if estate.ErrorCode(err) == estate.ECONFLICT {
		return changes{Reload: true}, nil
	}
	return changes{Version: v, Changed: changed, Deleted: deleted}, err
}
