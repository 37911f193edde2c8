package register

import (
	"context"
	"iter"

	"github.com/placetrust/placetrust/internal/estate"
)

// Assets are the assets of a snapshot one viewer may see, in id order:
// the snapshot and the viewer's visibility, applied as each asset is
// read, so every viewer shares the one copy.
type Assets struct {
	*Snapshot
	all bool   // the viewer sees sensitive assets of every partner
	own string // else the partner whose sensitive assets it sees, if any
}

// For returns the assets actor may see: sensitive assets only to their
// own partner's staff and admins (estate.Actor.CanSeeSensitive).
func (s *Snapshot) For(actor estate.Actor) Assets {
	own, all := actor.SensitiveScope()
	return Assets{Snapshot: s, all: all, own: own}
}

// visible reports whether the viewer may see row.
func (as Assets) visible(row int32) bool {
	return as.all || !as.Sensitive(row) || (as.own != "" && as.Partner(row) == as.own)
}

// All yields the assets, each read into one Asset that is reused: copy
// it to keep it.
func (as Assets) All() iter.Seq[*Asset] {
	return func(yield func(*Asset) bool) {
		var a Asset
		for _, row := range as.order {
			if !as.visible(row) {
				continue
			}
			as.Read(row, &a)
			if !yield(&a) {
				return
			}
		}
	}
}

// In returns the assets located in box, edges included, or all of them
// when box is nil, as a list of rows an analysis can index.
func (as Assets) In(box *estate.BBox) Rows {
	if box == nil && as.all {
		return Rows{as.Snapshot, as.order}
	}
	var rows []int32
	for _, row := range as.order {
		if as.visible(row) && (box == nil || box.Contains(as.Location(row))) {
			rows = append(rows, row)
		}
	}
	return Rows{as.Snapshot, rows}
}

// Rows are some rows of a snapshot, in id order, every one visible to
// the viewer they were selected for.
type Rows struct {
	*Snapshot
	rows []int32
}

// Len is how many rows there are.
func (r Rows) Len() int { return len(r.rows) }

// Row is the i-th row.
func (r Rows) Row(i int) int32 { return r.rows[i] }

// All yields the rows' assets, each read into one Asset that is reused.
func (r Rows) All() iter.Seq[*Asset] {
	return func(yield func(*Asset) bool) {
		var a Asset
		for _, row := range r.rows {
			r.Read(row, &a)
			if !yield(&a) {
				return
			}
		}
	}
}

// FromAssets makes a snapshot at version of assets, as the copy would
// hold them, for analyses run over assets that are not the register's
// (tests, the demo's checks). Assets need not be in id order.
func FromAssets(version int64, assets []*estate.Asset) (*Snapshot, error) {
	c := &Copy{feed: sliceFeed{version, assets}}
	return c.Current(context.Background())
}

// sliceFeed feeds a copy from a slice.
type sliceFeed struct {
	version int64
	assets  []*estate.Asset
}

func (f sliceFeed) ReadRegister(_ context.Context, fn func(*estate.Asset) error) (int64, error) {
	for _, a := range f.assets {
		if err := fn(a); err != nil {
			return 0, err
		}
	}
	return f.version, nil
}

func (f sliceFeed) RegisterChanges(_ context.Context, since int64) (estate.Changes, error) {
	return estate.Changes{Version: f.version}, nil
}
