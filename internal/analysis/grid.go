package analysis

import (
	"math"

	"github.com/placetrust/placetrust/internal/estate"
)

// grid is a uniform longitude/latitude grid over a set of points, the
// spatial index that keeps co-location from comparing all pairs. Cells are
// stored counting-sorted (like a CSR matrix): a cell's points are
// items[start[c]:start[c+1]], so a lookup is two slice reads and no map,
// and within a cell points keep their input order, which keeps results
// deterministic.
//
// A search takes the box around a point (estate.AroundBBox) and visits the
// cells it overlaps; the caller then applies the exact great-circle test.
// Cells are sized to the search radius, so a search visits about nine
// cells. Longitudes are not wrapped at ±180°: the register is British.
type grid struct {
	minLon, minLat   float64
	cellLon, cellLat float64 // cell size in degrees
	nx, ny           int
	start            []int32 // len nx*ny+1
	items            []int32 // point indices grouped by cell
}

// newGrid indexes pts with cells about radiusM across. Far-flung points
// would make a grid of radius-sized cells too large, so cells grow until
// there are at most a few per point: the answers stay exact, only slower.
func newGrid(pts []estate.Point, radiusM float64) *grid {
	g := &grid{}
	if len(pts) == 0 {
		g.nx, g.ny, g.start = 1, 1, make([]int32, 2)
		return g
	}
	b := estate.BBox{MinLon: pts[0].Lon, MinLat: pts[0].Lat, MaxLon: pts[0].Lon, MaxLat: pts[0].Lat}
	for _, p := range pts {
		b.MinLon, b.MaxLon = min(b.MinLon, p.Lon), max(b.MaxLon, p.Lon)
		b.MinLat, b.MaxLat = min(b.MinLat, p.Lat), max(b.MaxLat, p.Lat)
	}
	// A zero radius (co-located only) still needs cells of some size.
	cellM := max(radiusM, 50)
	g.cellLat = cellM / estate.EarthRadiusM * 180 / math.Pi
	midLat := (b.MinLat + b.MaxLat) / 2
	g.cellLon = g.cellLat / max(math.Cos(midLat*math.Pi/180), 0.05)
	maxCells := float64(4*len(pts) + 1024)
	for {
		nx := math.Floor((b.MaxLon-b.MinLon)/g.cellLon) + 1
		ny := math.Floor((b.MaxLat-b.MinLat)/g.cellLat) + 1
		if nx*ny <= maxCells {
			g.nx, g.ny = int(nx), int(ny)
			break
		}
		g.cellLon *= 2
		g.cellLat *= 2
	}
	g.minLon, g.minLat = b.MinLon, b.MinLat

	cells := make([]int32, len(pts))
	g.start = make([]int32, g.nx*g.ny+1)
	for i, p := range pts {
		c := int32(g.cellOf(g.col(p.Lon), g.row(p.Lat)))
		cells[i] = c
		g.start[c+1]++
	}
	for c := 1; c < len(g.start); c++ {
		g.start[c] += g.start[c-1]
	}
	next := append([]int32(nil), g.start[:len(g.start)-1]...)
	g.items = make([]int32, len(pts))
	for i, c := range cells {
		g.items[next[c]] = int32(i)
		next[c]++
	}
	return g
}

func (g *grid) col(lon float64) int {
	return clamp(int(math.Floor((lon-g.minLon)/g.cellLon)), g.nx)
}

func (g *grid) row(lat float64) int {
	return clamp(int(math.Floor((lat-g.minLat)/g.cellLat)), g.ny)
}

func (g *grid) cellOf(col, row int) int { return row*g.nx + col }

func clamp(i, n int) int { return min(max(i, 0), n-1) }

// appendIn appends to dst the indices of points in the cells b overlaps: a
// superset of the points inside b.
func (g *grid) appendIn(dst []int32, b estate.BBox) []int32 {
	c0, c1 := g.col(b.MinLon), g.col(b.MaxLon)
	r0, r1 := g.row(b.MinLat), g.row(b.MaxLat)
	for r := r0; r <= r1; r++ {
		lo, hi := g.start[g.cellOf(c0, r)], g.start[g.cellOf(c1, r)+1]
		// Cells of a row are contiguous, so one slice covers c0..c1.
		dst = append(dst, g.items[lo:hi]...)
	}
	return dst
}
