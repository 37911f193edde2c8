// Package tiles serves the register as Mapbox Vector Tiles from the copy
// of the register held in memory (internal/register), through an index
// of its rows in Z-order, so that a tile, and each cell a tile is thinned
// by, is one contiguous run of it.
//
// Reading a tile's assets from SQLite means a random row read per asset:
// a zoom 8 tile over the West Midlands of the national register holds
// 36,000 assets and took 240 ms that way. The index (24 bytes an asset)
// over the copy answers the same tile in a few milliseconds. It is built
// once, then extended as the copy is patched, so an edit shows on the
// next tile request.
package tiles

import (
	"cmp"
	"context"
	"math"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/register"
)

// keyZoom is the zoom of the Z-order key: tiles up to it are key ranges,
// and its cells (about 40 m) are the finest the thinning uses.
const keyZoom = 20

// zrec is one row of the copy in Z-order, 24 bytes free of pointers, so
// a million of them cost the garbage collector nothing to scan. It
// carries what a tile reads of every row it passes (its cell, its
// projected position and what thinning tests), so the rows a tile
// leaves out are never looked up in the copy; a row never changes (a
// change is a new row), so neither can.
type zrec struct {
	key    uint64 // Z-order cell at keyZoom
	wx, wy uint32 // Web Mercator world position, 2^32 across
	row    int32
	rag    uint8 // index in estate.RAGs; a rating the domain does not know shows red
	hidden bool  // sensitive
}

func recOf(s *register.Snapshot, row int32) zrec {
	wx, wy := world(s.Location(row))
	return zrec{key: interleave(wx>>(32-keyZoom), wy>>(32-keyZoom)), wx: wx, wy: wy, row: row,
		rag: uint8(max(0, slices.Index(estate.RAGs, s.RAG(row)))), hidden: s.Sensitive(row)}
}

// zindex orders the live rows of one snapshot by key, ties by asset id:
// the base, made for the snapshot's generation up to baseRows, and the
// rows patched in since, apart. A base row that is no longer live
// (changed or deleted since) is skipped as it is read.
type zindex struct {
	snap     *register.Snapshot
	base     []zrec
	baseRows int32
	overlay  []zrec
}

// maxOverlay is how many rows are patched in before the base is made
// again with them.
const maxOverlay = 4096

// Index keeps a Z-order index of the copy current. It is safe for
// concurrent use: requests read the current index without locking, and
// only builds take turns.
type Index struct {
	reg *register.Copy

	mu  sync.Mutex // one build at a time
	idx atomic.Pointer[zindex]
}

// NewIndex returns an index over the copy reg, built on first use.
func NewIndex(reg *register.Copy) *Index { return &Index{reg: reg} }

// Warm reads the copy and builds the index now, so the first tile
// request need not wait for it (a million assets take seconds to read).
func (ix *Index) Warm(ctx context.Context) error {
	_, err := ix.current(ctx)
	return err
}

// current returns the index of a snapshot as new as the register.
func (ix *Index) current(ctx context.Context) (*zindex, error) {
	snap, err := ix.reg.Current(ctx)
	if err != nil {
		return nil, err
	}
	if z := ix.idx.Load(); z != nil && z.snap == snap {
		return z, nil
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	z := ix.idx.Load()
	switch {
	case z != nil && z.snap == snap:
		return z, nil
	case z != nil && z.snap.Version() > snap.Version():
		return z, nil // another request built a newer one meanwhile
	}
	z = build(snap, z)
	ix.idx.Store(z)
	return z, nil
}

// build indexes snap, reusing prev's base when snap only added rows to
// its generation, and few.
func build(snap *register.Snapshot, prev *zindex) *zindex {
	byKey := func(a, b zrec) int {
		return cmp.Or(cmp.Compare(a.key, b.key), cmp.Compare(snap.ID(a.row), snap.ID(b.row)))
	}
	if prev != nil && prev.snap.Generation() == snap.Generation() && snap.Rows()-prev.baseRows <= maxOverlay {
		z := &zindex{snap: snap, base: prev.base, baseRows: prev.baseRows}
		for row := prev.baseRows; row < snap.Rows(); row++ {
			if snap.Live(row) {
				z.overlay = append(z.overlay, recOf(snap, row))
			}
		}
		slices.SortFunc(z.overlay, byKey)
		return z
	}
	z := &zindex{snap: snap, base: make([]zrec, 0, snap.Len()), baseRows: snap.Rows()}
	for row := range snap.Rows() {
		if snap.Live(row) {
			z.base = append(z.base, recOf(snap, row))
		}
	}
	slices.SortFunc(z.base, byKey)
	return z
}

// world projects a WGS84 point to Web Mercator world coordinates of
// 2^32 units across, clamping latitude to the projection's limit.
func world(p estate.Point) (uint32, uint32) {
	const maxLat = 85.05112877980659
	lat := math.Max(-maxLat, math.Min(maxLat, p.Lat))
	x := (p.Lon + 180) / 360
	s := math.Sin(lat * math.Pi / 180)
	y := 0.5 - math.Log((1+s)/(1-s))/(4*math.Pi)
	return scale32(x), scale32(y)
}

func scale32(f float64) uint32 {
	v := math.Floor(f * (1 << 32))
	return uint32(math.Max(0, math.Min(v, math.MaxUint32)))
}

// interleave makes the Z-order key of a cell: x's bits in the odd
// places, y's in the even ones.
func interleave(x, y uint32) uint64 { return spread(x)<<1 | spread(y) }

func spread(v uint32) uint64 {
	x := uint64(v)
	x = (x | x<<16) & 0x0000FFFF0000FFFF
	x = (x | x<<8) & 0x00FF00FF00FF00FF
	x = (x | x<<4) & 0x0F0F0F0F0F0F0F0F
	x = (x | x<<2) & 0x3333333333333333
	x = (x | x<<1) & 0x5555555555555555
	return x
}
