package sqlite

import (
	"math"
	"slices"

	"github.com/placetrust/placetrust/internal/estate"
)

// Laying new assets out by place.
//
// Asset ids are rowids, so the table is stored in id order, and a bbox
// page reads its assets' rows by id. A file whose rows come in no
// particular spatial order (a national list sorted by name, or the
// benchmark's million drawn at random) then puts a town's thousand
// assets on a thousand different pages, and each page read misses the
// cache. So a new partner's import gives the new assets of each window
// of rows their ids in the order of a Hilbert curve over their
// locations: neighbours get neighbouring ids and share pages.

// spatialWindow is how many new rows an import holds to order by place.
// With a town's rows spread evenly through a file, a window puts the ones
// it holds on a page or two; more rows a window would not cut the pages a
// town takes much further (they would be fuller, not fewer).
const spatialWindow = 8192

// hilbertOrder is the curve's order: 2^20 cells a side over the globe,
// a few tens of metres in England, finer than any town.
const hilbertOrder = 20

// spatialKey is p's position along the Hilbert curve.
func spatialKey(p estate.Point) uint64 {
	const n = 1 << hilbertOrder
	cell := func(v, lo, span float64) uint32 {
		c := math.Floor((v - lo) / span * n)
		return uint32(min(max(c, 0), n-1)) // NaN is refused by validation before
	}
	x, y := cell(p.Lon, -180, 360), cell(p.Lat, -90, 180)
	var d uint64
	for s := uint32(n / 2); s > 0; s /= 2 {
		var rx, ry uint32
		if x&s != 0 {
			rx = 1
		}
		if y&s != 0 {
			ry = 1
		}
		d += uint64(s) * uint64(s) * uint64((3*rx)^ry)
		if ry == 0 { // rotate the quadrant so the curve stays continuous
			if rx == 1 {
				x, y = n-1-x, n-1-y
			}
			x, y = y, x
		}
	}
	return d
}

// windowOrder works out, on the goroutine that encodes a new partner's
// rows, the order the writer writes each window in, so the writer need
// not sort it: by place, then file order.
type windowOrder struct {
	keys []uint64 // spatial key, then the row's place in the window
}

// windowBits holds a row's place in its window.
const windowBits = 13

// A window's places must fit in windowBits, and a key above them.
const _ = uint(1<<windowBits-spatialWindow) + uint(64-windowBits-2*hilbertOrder)

// add notes the key of the window's next row; once the window is full it
// returns the window's order, and a new window starts.
func (w *windowOrder) add(key uint64) []int32 {
	w.keys = append(w.keys, key<<windowBits|uint64(len(w.keys)))
	if len(w.keys) < spatialWindow {
		return nil
	}
	return w.order()
}

// order returns the places of the rows added since the last order, in
// the order they are to be written, and starts a new window.
func (w *windowOrder) order() []int32 {
	if len(w.keys) == 0 {
		return nil
	}
	slices.Sort(w.keys)
	out := make([]int32, len(w.keys))
	for i, k := range w.keys {
		out[i] = int32(k & (1<<windowBits - 1))
	}
	w.keys = w.keys[:0]
	return out
}
