//go:build ignore

// outlines_gen writes outlines.geojson, the background the map draws when
// it has no basemap: an approximate outline of Worcestershire and of its
// six districts. Run it from this folder with `go run outlines_gen.go`.
//
// The map must work offline and we ship no Ordnance Survey data, so the
// shapes are drawn here, roughly, and say so:
//   - the county outline is hand-traced through about forty points on
//     its border (towns, rivers and hills read off a general map), good
//     to a kilometre or two;
//   - each district is the area nearer to one of its towns and villages
//     than to any other's (a Voronoi partition of named places, computed
//     on a grid and simplified), which puts the boundaries in roughly
//     the right places but not on the real parish lines.
//
// Deployments that need true boundaries should use --basemap-url.
package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"sort"
)

type pt struct{ lon, lat float64 }

// county is the border, clockwise from Wythall in the north-east.
var county = []pt{
	{-1.872, 52.404}, {-1.935, 52.392}, {-1.990, 52.405}, {-2.040, 52.418},
	{-2.095, 52.437}, {-2.150, 52.446}, {-2.200, 52.437}, {-2.255, 52.441},
	{-2.290, 52.426}, {-2.340, 52.421}, {-2.395, 52.412}, {-2.430, 52.390},
	{-2.470, 52.365}, {-2.540, 52.340}, {-2.600, 52.326}, {-2.640, 52.306},
	{-2.612, 52.280}, {-2.560, 52.250}, {-2.500, 52.215}, {-2.440, 52.180},
	{-2.420, 52.140}, {-2.382, 52.110}, {-2.366, 52.060}, {-2.340, 52.015},
	{-2.270, 52.005}, {-2.200, 52.020}, {-2.150, 52.004}, {-2.080, 52.012},
	{-2.010, 52.005}, {-1.950, 52.030}, {-1.880, 52.000}, {-1.820, 52.015},
	{-1.790, 52.060}, {-1.790, 52.110}, {-1.840, 52.140}, {-1.880, 52.170},
	{-1.900, 52.210}, {-1.890, 52.260}, {-1.875, 52.300}, {-1.860, 52.350},
}

type place struct {
	name     string
	at       pt
	district string
}

// places are the demo estate's towns and villages (internal/demo) and a
// few more villages, so that small districts such as Worcester City do not
// spread over their rural neighbours.
var places = []place{
	{"Worcester", pt{-2.2200, 52.1920}, "Worcester"},
	{"Redditch", pt{-1.9420, 52.3065}, "Redditch"},
	{"Kidderminster", pt{-2.2490, 52.3880}, "Wyre Forest"},
	{"Bromsgrove", pt{-2.0600, 52.3350}, "Bromsgrove"},
	{"Malvern", pt{-2.3255, 52.1115}, "Malvern Hills"},
	{"Evesham", pt{-1.9470, 52.0925}, "Wychavon"},
	{"Droitwich Spa", pt{-2.1530, 52.2675}, "Wychavon"},
	{"Stourport-on-Severn", pt{-2.2790, 52.3390}, "Wyre Forest"},
	{"Bewdley", pt{-2.3165, 52.3755}, "Wyre Forest"},
	{"Pershore", pt{-2.0765, 52.1110}, "Wychavon"},
	{"Tenbury Wells", pt{-2.5960, 52.3110}, "Malvern Hills"},
	{"Upton-upon-Severn", pt{-2.2165, 52.0630}, "Malvern Hills"},
	{"Broadway", pt{-1.8590, 52.0365}, "Wychavon"},
	{"Ombersley", pt{-2.2290, 52.2710}, "Wychavon"},
	{"Hartlebury", pt{-2.2330, 52.3340}, "Wychavon"},
	{"Inkberrow", pt{-1.9780, 52.2120}, "Wychavon"},
	{"Fladbury", pt{-2.0060, 52.1140}, "Wychavon"},
	{"Bredon", pt{-2.1150, 52.0300}, "Wychavon"},
	{"Honeybourne", pt{-1.8350, 52.0950}, "Wychavon"},
	{"Badsey", pt{-1.9000, 52.0880}, "Wychavon"},
	{"Pebworth", pt{-1.8480, 52.1130}, "Wychavon"},
	{"Kempsey", pt{-2.2180, 52.1410}, "Malvern Hills"},
	{"Martley", pt{-2.3620, 52.2370}, "Malvern Hills"},
	{"Hallow", pt{-2.2550, 52.2280}, "Malvern Hills"},
	{"Clifton upon Teme", pt{-2.4200, 52.2580}, "Malvern Hills"},
	{"Welland", pt{-2.2900, 52.0610}, "Malvern Hills"},
	{"Hanley Swan", pt{-2.2780, 52.0820}, "Malvern Hills"},
	{"Wolverley", pt{-2.2440, 52.4100}, "Wyre Forest"},
	{"Cookley", pt{-2.2350, 52.4180}, "Wyre Forest"},
	{"Chaddesley Corbett", pt{-2.1590, 52.3520}, "Wyre Forest"},
	{"Blakedown", pt{-2.1760, 52.4050}, "Wyre Forest"},
	{"Hagley", pt{-2.1360, 52.4250}, "Bromsgrove"},
	{"Alvechurch", pt{-1.9640, 52.3520}, "Bromsgrove"},
	{"Wythall", pt{-1.8870, 52.3790}, "Bromsgrove"},
	{"Barnt Green", pt{-1.9990, 52.3600}, "Bromsgrove"},
	{"Belbroughton", pt{-2.1200, 52.3910}, "Bromsgrove"},
	{"Catshill", pt{-2.0560, 52.3620}, "Bromsgrove"},
	{"Astwood Bank", pt{-1.9370, 52.2540}, "Redditch"},
	// Villages round Worcester and elsewhere, to hold the city near its size.
	{"Powick", pt{-2.2480, 52.1640}, "Malvern Hills"},
	{"Spetchley", pt{-2.1520, 52.1800}, "Wychavon"},
	{"Crowle", pt{-2.1200, 52.2110}, "Wychavon"},
	{"Stoulton", pt{-2.1350, 52.1480}, "Wychavon"},
	{"Fernhill Heath", pt{-2.2010, 52.2350}, "Wychavon"},
	{"Hanbury", pt{-2.0520, 52.2660}, "Wychavon"},
	{"Feckenham", pt{-1.9930, 52.2510}, "Wychavon"},
	{"Rock", pt{-2.4150, 52.3500}, "Wyre Forest"},
	{"Abberley", pt{-2.3890, 52.3020}, "Malvern Hills"},
	{"Callow End", pt{-2.2350, 52.1480}, "Malvern Hills"},
	{"Tardebigge", pt{-2.0100, 52.3160}, "Bromsgrove"},
	{"Beoley", pt{-1.9200, 52.3270}, "Bromsgrove"},
}

// The grid the partition is computed on: about 270 m square cells.
const (
	minLon, maxLon, minLat, maxLat = -2.70, -1.75, 51.98, 52.47
	dLon, dLat                     = 0.004, 0.0025
)

func inside(p pt, ring []pt) bool {
	in := false
	for i, j := 0, len(ring)-1; i < len(ring); j, i = i, i+1 {
		a, b := ring[i], ring[j]
		if (a.lat > p.lat) != (b.lat > p.lat) &&
			p.lon < (b.lon-a.lon)*(p.lat-a.lat)/(b.lat-a.lat)+a.lon {
			in = !in
		}
	}
	return in
}

// nearest returns the district of the place nearest p, distances in
// metres-like units (longitude scaled by the cosine of the latitude).
func nearest(p pt) string {
	best, d := "", math.Inf(1)
	k := math.Cos(52.2 * math.Pi / 180)
	for _, pl := range places {
		dx, dy := (pl.at.lon-p.lon)*k, pl.at.lat-p.lat
		if e := dx*dx + dy*dy; e < d {
			best, d = pl.district, e
		}
	}
	return best
}

type vtx struct{ i, j int } // grid corner

func corner(v vtx) pt { return pt{minLon + float64(v.i)*dLon, minLat + float64(v.j)*dLat} }

// simplify is Douglas-Peucker: it turns the grid's staircases into
// straight runs.
func simplify(line []pt, tol float64) []pt {
	if len(line) < 3 {
		return line
	}
	a, b := line[0], line[len(line)-1]
	far, at := 0.0, 0
	for i := 1; i < len(line)-1; i++ {
		if d := segDist(line[i], a, b); d > far {
			far, at = d, i
		}
	}
	if far <= tol {
		return []pt{a, b}
	}
	left := simplify(line[:at+1], tol)
	return append(left[:len(left)-1], simplify(line[at:], tol)...)
}

func segDist(p, a, b pt) float64 {
	dx, dy := b.lon-a.lon, b.lat-a.lat
	if dx == 0 && dy == 0 {
		return math.Hypot(p.lon-a.lon, p.lat-a.lat)
	}
	t := math.Max(0, math.Min(1, ((p.lon-a.lon)*dx+(p.lat-a.lat)*dy)/(dx*dx+dy*dy)))
	return math.Hypot(p.lon-a.lon-t*dx, p.lat-a.lat-t*dy)
}

func round(v float64) float64 { return math.Round(v*1e4) / 1e4 }

func coords(line []pt) [][2]float64 {
	out := make([][2]float64, len(line))
	for i, p := range line {
		out[i] = [2]float64{round(p.lon), round(p.lat)}
	}
	return out
}

func main() {
	nx, ny := int(math.Ceil((maxLon-minLon)/dLon)), int(math.Ceil((maxLat-minLat)/dLat))
	cell := make([][]string, nx) // district of each cell, "" outside the county
	type acc struct{ lon, lat, n float64 }
	centres := map[string]*acc{}
	for i := range cell {
		cell[i] = make([]string, ny)
		for j := range cell[i] {
			c := pt{minLon + (float64(i)+0.5)*dLon, minLat + (float64(j)+0.5)*dLat}
			if inside(c, county) {
				d := nearest(c)
				cell[i][j] = d
				if centres[d] == nil {
					centres[d] = &acc{}
				}
				centres[d].lon += c.lon
				centres[d].lat += c.lat
				centres[d].n++
			}
		}
	}
	// Edges between cells of different districts, both in the county.
	adj := map[vtx][]vtx{}
	link := func(a, b vtx) { adj[a] = append(adj[a], b); adj[b] = append(adj[b], a) }
	for i := 0; i < nx; i++ {
		for j := 0; j < ny; j++ {
			d := cell[i][j]
			if d == "" {
				continue
			}
			if i+1 < nx && cell[i+1][j] != "" && cell[i+1][j] != d {
				link(vtx{i + 1, j}, vtx{i + 1, j + 1})
			}
			if j+1 < ny && cell[i][j+1] != "" && cell[i][j+1] != d {
				link(vtx{i, j + 1}, vtx{i + 1, j + 1})
			}
		}
	}
	// Chain the edges into lines that end where three districts meet or
	// at the county edge.
	used := map[[2]vtx]bool{}
	key := func(a, b vtx) [2]vtx {
		if a.i < b.i || (a.i == b.i && a.j < b.j) {
			return [2]vtx{a, b}
		}
		return [2]vtx{b, a}
	}
	// Ends first, then anything left (closed loops have no end), each in
	// grid order so every run writes the same file.
	var ends, rest []vtx
	for v, ns := range adj {
		if len(ns) != 2 {
			ends = append(ends, v)
		} else {
			rest = append(rest, v)
		}
	}
	byGrid := func(vs []vtx) {
		sort.Slice(vs, func(a, b int) bool { return vs[a].i < vs[b].i || (vs[a].i == vs[b].i && vs[a].j < vs[b].j) })
	}
	byGrid(ends)
	byGrid(rest)
	starts := append(ends, rest...)
	var lines [][][2]float64
	for _, s := range starts {
		for _, n := range adj[s] {
			if used[key(s, n)] {
				continue
			}
			line := []pt{corner(s)}
			prev, cur := s, n
			used[key(prev, cur)] = true
			for {
				line = append(line, corner(cur))
				if len(adj[cur]) != 2 {
					break
				}
				next := adj[cur][0]
				if next == prev {
					next = adj[cur][1]
				}
				if used[key(cur, next)] {
					break
				}
				used[key(cur, next)] = true
				prev, cur = cur, next
			}
			lines = append(lines, coords(simplify(line, 0.0045)))
		}
	}
	sort.Slice(lines, func(a, b int) bool { // stable output between runs
		if lines[a][0][0] != lines[b][0][0] {
			return lines[a][0][0] < lines[b][0][0]
		}
		return lines[a][0][1] < lines[b][0][1]
	})
	ring := append(coords(county), [2]float64{county[0].lon, county[0].lat})
	type feature struct {
		Type       string         `json:"type"`
		Geometry   map[string]any `json:"geometry"`
		Properties map[string]any `json:"properties"`
	}
	const note = "Approximate, drawn by web/data/outlines_gen.go: not Ordnance Survey boundary data."
	fs := []feature{
		{"Feature", map[string]any{"type": "Polygon", "coordinates": [][][2]float64{ring}},
			map[string]any{"kind": "county", "name": "Worcestershire", "note": note}},
		{"Feature", map[string]any{"type": "MultiLineString", "coordinates": lines},
			map[string]any{"kind": "district-boundary", "note": note}},
	}
	names := make([]string, 0, len(centres))
	for n := range centres {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		c := centres[n]
		fs = append(fs, feature{"Feature",
			map[string]any{"type": "Point", "coordinates": [2]float64{round(c.lon / c.n), round(c.lat / c.n)}},
			map[string]any{"kind": "district-label", "name": n}})
	}
	b, err := json.Marshal(map[string]any{"type": "FeatureCollection", "features": fs})
	if err != nil {
		panic(err)
	}
	if err := os.WriteFile("outlines.geojson", append(b, '\n'), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("outlines.geojson: %d district boundary lines, %d bytes\n", len(lines), len(b))
}
