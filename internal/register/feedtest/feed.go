// Package feedtest is a register in memory that feeds a copy of it
// (estate.RegisterFeed) as a store does, for the tests of the copy and of
// what reads it.
package feedtest

import (
	"context"
	"maps"
	"slices"

	"github.com/placetrust/placetrust/internal/estate"
)

// Feed is a register in memory with a trail of changes. It is not safe
// for concurrent use.
type Feed struct {
	assets  map[int64]*estate.Asset
	version int64
	trail   []int64 // the asset changed at each version after 0
	// MaxChanges, if set, is how many assets may have changed since a
	// version before RegisterChanges asks for a reload.
	MaxChanges int
	// Loads counts the reads of the register whole.
	Loads int
	// Err, if set, fails every read, as a store that lost its database.
	Err error
}

// New returns an empty register.
func New() *Feed { return &Feed{assets: map[int64]*estate.Asset{}} }

// Put creates or replaces the asset of a's id.
func (f *Feed) Put(a *estate.Asset) {
	f.assets[a.ID] = a
	f.trail = append(f.trail, a.ID)
	f.version++
}

// Delete removes the asset id.
func (f *Feed) Delete(id int64) {
	delete(f.assets, id)
	f.trail = append(f.trail, id)
	f.version++
}

// Version is the register's version.
func (f *Feed) Version() int64 { return f.version }

// Len is how many assets the register holds.
func (f *Feed) Len() int { return len(f.assets) }

// ReadRegister gives every asset in id order.
func (f *Feed) ReadRegister(_ context.Context, fn func(*estate.Asset) error) (int64, error) {
	if f.Err != nil {
		return 0, f.Err
	}
	f.Loads++
	for _, id := range slices.Sorted(maps.Keys(f.assets)) {
		if err := fn(f.assets[id]); err != nil {
			return 0, err
		}
	}
	return f.version, nil
}

// RegisterChanges gives the assets changed after since, or a reload.
func (f *Feed) RegisterChanges(_ context.Context, since int64) (estate.Changes, error) {
	switch {
	case f.Err != nil:
		return estate.Changes{}, f.Err
	case since == f.version:
		return estate.Changes{Version: since}, nil
	case since > f.version:
		return estate.Changes{Version: f.version, Reload: true}, nil
	}
	ids := slices.Compact(slices.Sorted(slices.Values(f.trail[since:])))
	if f.MaxChanges > 0 && len(ids) > f.MaxChanges {
		return estate.Changes{Version: f.version, Reload: true}, nil
	}
	ch := estate.Changes{Version: f.version}
	for _, id := range ids {
		if a := f.assets[id]; a != nil {
			ch.Changed = append(ch.Changed, a.Clone())
		} else {
			ch.Deleted = append(ch.Deleted, id)
		}
	}
	return ch, nil
}
