package benchdb

import "github.com/placetrust/placetrust/internal/estate"

// Boxes returns n boxes, each about want of assets around the location of
// every step-th asset: the boxes the stores' benchmarks page through,
// found on the generator's output (the same for the same seed), not on a
// database, so finding them costs no query.
func Boxes(assets []*estate.Asset, n, step, want int) []estate.BBox {
	out := make([]estate.BBox, n)
	for i := range out {
		out[i] = BBoxAround(assets, assets[i*step].Location, want)
	}
	return out
}

// BBoxAround returns a box around p, 1.67 times as wide as high, holding
// about want of the assets, by bisecting on its size.
func BBoxAround(assets []*estate.Asset, p estate.Point, want int) estate.BBox {
	box := func(r float64) estate.BBox {
		return estate.BBox{MinLon: p.Lon - r, MinLat: p.Lat - r*0.6, MaxLon: p.Lon + r, MaxLat: p.Lat + r*0.6}
	}
	lo, hi := 0.0, 2.0
	for range 40 {
		mid := (lo + hi) / 2
		b, n := box(mid), 0
		for _, a := range assets {
			if b.Contains(a.Location) {
				n++
			}
		}
		if n < want {
			lo = mid
		} else {
			hi = mid
		}
	}
	return box(hi)
}

// SpreadIDs returns n asset ids spread over a register of size assets.
func SpreadIDs(n, size int) []int64 {
	ids := make([]int64, n)
	for i := range ids {
		ids[i] = int64(1 + (i*7919)%size)
	}
	return ids
}
