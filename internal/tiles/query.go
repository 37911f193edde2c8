package tiles

import (
	"context"
	"math"
	"slices"
	"sort"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/register"
)

// Extent is the size of a tile in MVT units, the usual 4096.
const Extent = 4096

// MaxZoom is the deepest zoom served, that of the Z-order key; maps
// overzoom beyond it.
const MaxZoom = keyZoom

// bufferZoom sets the buffer: a tile carries the points of a ring of
// cells 1/32 of its width around it (8 px of a 256 px tile), so a symbol
// drawn across an edge is whole on both tiles.
const bufferZoom = 5

// Thinning. Below zoom 14 a tile is divided into a grid of cells (8 px
// below zoom 12, 4 px from 12), and each cell keeps at most one point of
// each rating: red, amber, green and unrated all stay visible wherever
// they are, in the same places, while a national tile carries at most a
// few thousand points instead of a million. The point kept is the first
// in Z-order, so the same asset represents a cell in every tile that
// shows it (buffers included) and at every request.
const thinUntil = 14

func thinShift(z int) int {
	switch {
	case z >= thinUntil:
		return -1
	case z >= 12:
		return 6
	}
	return 5
}

// Point is an asset as a tile shows it: X and Y are in tile units, 0 to
// Extent, a little beyond for buffered points.
type Point struct {
	ID                               int64
	Partner, RAG, Holding, Use, Name string
	X, Y                             int32
}

// InMatrix reports whether z/x/y is a tile of the served tile matrix.
func InMatrix(z, x, y int) bool {
	return z >= 0 && z <= MaxZoom && x >= 0 && y >= 0 && x < 1<<z && y < 1<<z
}

// View is the register at one version, as tiles show it. Every tile of a
// view comes from that version, so a validator made from Version always
// names what the tile shows.
type View struct{ z *zindex }

// View returns the register as it is now, loading or patching the copy
// first; it fails only when the store does.
func (ix *Index) View(ctx context.Context) (View, error) {
	z, err := ix.current(ctx)
	return View{z}, err
}

// Version is the register version (see estate.RegisterFeed) the view
// was read at.
func (v View) Version() int64 { return v.z.snap.Version() }

// Tile returns the points of tile z/x/y the actor may see, thinned by
// zoom. It reports false for a tile outside the tile matrix.
func (ix *Index) Tile(ctx context.Context, actor estate.Actor, z, x, y int) ([]Point, bool, error) {
	if !InMatrix(z, x, y) {
		return nil, false, nil
	}
	v, err := ix.View(ctx)
	if err != nil {
		return nil, true, err
	}
	pts, ok := v.Tile(actor, z, x, y)
	return pts, ok, nil
}

// Tile returns the points of tile z/x/y the actor may see in the view,
// thinned by zoom. It reports false for a tile outside the tile matrix.
func (v View) Tile(actor estate.Actor, z, x, y int) ([]Point, bool) {
	if !InMatrix(z, x, y) {
		return nil, false
	}
	q := tileQuery{ix: v.z, s: v.z.snap, actor: actor, z: z, x: x, y: y, shift: thinShift(z)}
	q.unit = math.Ldexp(1, 32-z) / Extent
	q.ox, q.oy = float64(x)*math.Ldexp(1, 32-z), float64(y)*math.Ldexp(1, 32-z)
	// The tile itself, then the ring of buffer cells around it.
	q.cells(z, x, y, x, y, false)
	zb := min(z+bufferZoom, keyZoom)
	x0, y0 := x<<(zb-z), y<<(zb-z)
	x1, y1 := x0+(1<<(zb-z))-1, y0+(1<<(zb-z))-1
	q.cells(zb, x0-1, y0-1, x1+1, y0-1, true) // above, corners included
	q.cells(zb, x0-1, y1+1, x1+1, y1+1, true) // below
	q.cells(zb, x0-1, y0, x0-1, y1, true)     // left
	q.cells(zb, x1+1, y0, x1+1, y1, true)     // right
	return q.out, true
}

type tileQuery struct {
	ix      *zindex
	s       *register.Snapshot
	actor   estate.Actor
	z, x, y int
	shift   int
	unit    float64 // world units per tile unit
	ox, oy  float64 // world position of the tile's corner
	out     []Point
}

// cells reads the cells [cx0..cx1] x [cy0..cy1] at zoom cz, each one key
// range; ring cells outside the world are skipped.
func (q *tileQuery) cells(cz, cx0, cy0, cx1, cy1 int, ring bool) {
	n := 1 << cz
	for cy := cy0; cy <= cy1; cy++ {
		for cx := cx0; cx <= cx1; cx++ {
			if cx < 0 || cy < 0 || cx >= n || cy >= n {
				continue
			}
			shift := 2 * uint(keyZoom-cz)
			lo := interleave(uint32(cx), uint32(cy)) << shift
			q.scan(lo, lo+1<<shift, ring)
		}
	}
}

// scan thins and keeps the visible points with keys in [lo, hi).
func (q *tileQuery) scan(lo, hi uint64, clip bool) {
	lim := float64(Extent) / math.Ldexp(1, bufferZoom)
	var cell uint64
	var seen uint8
	first := true
	s := q.s
	q.ix.each(lo, hi, func(r *zrec) {
		if r.hidden && !q.actor.CanSeeSensitive(s.Partner(r.row)) {
			return
		}
		rag := r.rag
		if q.shift >= 0 {
			c := r.key >> (2 * uint(keyZoom-(q.z+q.shift)))
			if first || c != cell {
				cell, seen, first = c, 0, false
			}
			if seen&(1<<rag) != 0 {
				return
			}
			seen |= 1 << rag
		}
		x := (float64(r.wx) - q.ox) / q.unit
		y := (float64(r.wy) - q.oy) / q.unit
		if clip && (x < -lim || y < -lim || x > Extent+lim || y > Extent+lim) {
			return
		}
		q.out = append(q.out, tilePoint(s, r.row, rag, x, y))
	})
}

func tilePoint(s *register.Snapshot, row int32, rag uint8, x, y float64) Point {
	p := Point{ID: s.ID(row), Partner: s.Partner(row), RAG: string(estate.RAGs[rag]), Use: s.Use(row),
		Name: s.Name(row), X: int32(math.Floor(x)), Y: int32(math.Floor(y))}
	if h := s.Holding(row); slices.Contains(estate.Holdings, h) {
		p.Holding = string(h)
	}
	return p
}

// each calls fn for the live rows with keys in [lo, hi) in key order:
// the base's and the overlay's merged.
func (z *zindex) each(lo, hi uint64, fn func(*zrec)) {
	b := z.base[sort.Search(len(z.base), func(i int) bool { return z.base[i].key >= lo }):]
	o := z.overlay[sort.Search(len(z.overlay), func(i int) bool { return z.overlay[i].key >= lo }):]
	s := z.snap
	// Until the copy is patched, every row of the base is live.
	allLive := z.snap.Rows() == int32(z.snap.Len())
	for {
		bin := len(b) > 0 && b[0].key < hi
		oin := len(o) > 0 && o[0].key < hi
		switch {
		case bin && (!oin || b[0].key < o[0].key || (b[0].key == o[0].key && s.ID(b[0].row) <= s.ID(o[0].row))):
			if allLive || s.Live(b[0].row) {
				fn(&b[0])
			}
			b = b[1:]
		case oin:
			fn(&o[0])
			o = o[1:]
		default:
			return
		}
	}
}
