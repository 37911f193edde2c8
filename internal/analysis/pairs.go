package analysis

import (
	"math"

	"github.com/placetrust/placetrust/internal/estate"
)

// keyed is an index with the key it is sorted on.
type keyed struct {
	key uint64
	i   int32
}

// radixSort sorts ks by key, keys at most maxKey, and returns the sorted
// slice (ks or a new one). It is stable, so an input in index order
// comes out in (key, index) order. A million keys sort in a few passes
// over memory; a comparison sort takes several times as long, which
// the quality view, sorting every asset twice, would feel.
func radixSort(ks []keyed, maxKey uint64) []keyed {
	tmp := make([]keyed, len(ks))
	count := make([]int, 1<<16)
	for shift := uint(0); shift < 64 && maxKey>>shift > 0; shift += 16 {
		clear(count)
		for _, k := range ks {
			count[(k.key>>shift)&0xffff]++
		}
		sum := 0
		for d, n := range count {
			count[d] = sum
			sum += n
		}
		for _, k := range ks {
			d := (k.key >> shift) & 0xffff
			tmp[count[d]] = k
			count[d]++
		}
		ks, tmp = tmp, ks
	}
	return ks
}

// closePairs calls visit(i, j) once for every pair of the n points (the
// i-th at at(i)) that may be within withinM great-circle metres of each
// other: a superset of them, which the caller tests exactly. The points are sorted by the cell of a
// grid whose cells are at least withinM across at every latitude of the
// points, so two points that close are in one cell or in neighbouring
// ones. The grid exists only as the sort, so its cells can be a few
// metres across over a whole country, where the co-location grid's
// table of cells would not fit.
func closePairs(n int, at func(int) estate.Point, withinM float64, visit func(i, j int32)) {
	if n < 2 {
		return
	}
	p0 := at(0)
	b := estate.BBox{MinLon: p0.Lon, MinLat: p0.Lat, MaxLon: p0.Lon, MaxLat: p0.Lat}
	for i := range n {
		p := at(i)
		b.MinLon, b.MaxLon = min(b.MinLon, p.Lon), max(b.MaxLon, p.Lon)
		b.MinLat, b.MaxLat = min(b.MinLat, p.Lat), max(b.MaxLat, p.Lat)
	}
	// Cells of a metre at least, so co-located points (within 0) share
	// one; widened by 1% for rounding, and in longitude for the furthest
	// latitude from the equator, where a degree is shortest.
	dLat := max(withinM, 1) / estate.EarthRadiusM * 180 / math.Pi * 1.01
	far := max(math.Abs(b.MinLat), math.Abs(b.MaxLat))
	dLon := dLat / math.Cos(math.Min(89, far+dLat)*math.Pi/180)
	ncols := uint64((b.MaxLon-b.MinLon)/dLon) + 1
	nrows := uint64((b.MaxLat-b.MinLat)/dLat) + 1
	ks := make([]keyed, n)
	for i := range n {
		p := at(i)
		row, col := uint64((p.Lat-b.MinLat)/dLat), uint64((p.Lon-b.MinLon)/dLon)
		ks[i] = keyed{min(row, nrows-1)*ncols + min(col, ncols-1), int32(i)}
	}
	ks = radixSort(ks, nrows*ncols-1)
	pairs := func(lo, hi, from, to int) {
		for a := lo; a < hi; a++ {
			for b := from; b < to; b++ {
				visit(ks[a].i, ks[b].i)
			}
		}
	}
	below := 0 // where the row below this cell's neighbours starts: it only moves on
	for lo := 0; lo < len(ks); {
		key := ks[lo].key
		hi := lo + 1
		for hi < len(ks) && ks[hi].key == key {
			hi++
		}
		for a := lo; a < hi; a++ {
			pairs(a, a+1, a+1, hi)
		}
		// Half the neighbours (east, and the three in the next row), so
		// each pair of cells is visited once.
		row, col := key/ncols, key%ncols
		if col+1 < ncols {
			end := hi
			for end < len(ks) && ks[end].key == key+1 {
				end++
			}
			pairs(lo, hi, hi, end)
		}
		if row+1 < nrows {
			from, to := key+ncols-min(col, 1), key+ncols+min(ncols-1-col, 1)
			for below < len(ks) && ks[below].key < from {
				below++
			}
			end := below
			for end < len(ks) && ks[end].key <= to {
				end++
			}
			pairs(lo, hi, below, end)
		}
		lo = hi
	}
}
