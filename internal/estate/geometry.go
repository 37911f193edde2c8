package estate

import (
	"fmt"
	"math"
)

// Point is a WGS84 position: longitude then latitude, as in GeoJSON.
type Point struct {
	Lon float64
	Lat float64
}

// Ring is a closed linear ring: first and last points equal.
type Ring []Point

// Polygon is an outer ring followed by any holes.
type Polygon []Ring

// MultiPolygon is one or more polygons; a single Polygon footprint is
// kept as a MultiPolygon of one.
type MultiPolygon []Polygon

// BBox is a WGS84 bounding box.
type BBox struct {
	MinLon, MinLat, MaxLon, MaxLat float64
}

// Contains reports whether p lies in b, edges included.
func (b BBox) Contains(p Point) bool {
	return p.Lon >= b.MinLon && p.Lon <= b.MaxLon && p.Lat >= b.MinLat && p.Lat <= b.MaxLat
}

// Intersects reports whether b and o share any point.
func (b BBox) Intersects(o BBox) bool {
	return b.MinLon <= o.MaxLon && o.MinLon <= b.MaxLon && b.MinLat <= o.MaxLat && o.MinLat <= b.MaxLat
}

// Validate checks the box is ordered and within WGS84 ranges.
func (b BBox) Validate() error {
	ok := b.MinLon >= -180 && b.MaxLon <= 180 && b.MinLat >= -90 && b.MaxLat <= 90 &&
		b.MinLon <= b.MaxLon && b.MinLat <= b.MaxLat
	if !ok || anyNaN(b.MinLon, b.MinLat, b.MaxLon, b.MaxLat) {
		return fmt.Errorf("must be minLon,minLat,maxLon,maxLat within ±180/±90 with min <= max")
	}
	return nil
}

// Bounds returns the box around the footprint, or around p when there is
// no footprint: the extent the spatial index holds for an asset.
func Bounds(p Point, fp MultiPolygon) BBox {
	b := BBox{p.Lon, p.Lat, p.Lon, p.Lat}
	for _, poly := range fp {
		for _, ring := range poly {
			for _, q := range ring {
				b.MinLon = math.Min(b.MinLon, q.Lon)
				b.MinLat = math.Min(b.MinLat, q.Lat)
				b.MaxLon = math.Max(b.MaxLon, q.Lon)
				b.MaxLat = math.Max(b.MaxLat, q.Lat)
			}
		}
	}
	return b
}

// EarthRadiusM is the mean Earth radius used for great-circle distances.
const EarthRadiusM = 6371008.8

// Distance returns the great-circle (haversine) distance in metres.
func Distance(a, b Point) float64 {
	const rad = math.Pi / 180
	dLat := (b.Lat - a.Lat) * rad
	dLon := (b.Lon - a.Lon) * rad
	h := math.Sin(dLat/2)*math.Sin(dLat/2) +
		math.Cos(a.Lat*rad)*math.Cos(b.Lat*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * EarthRadiusM * math.Asin(math.Min(1, math.Sqrt(h)))
}

// AroundBBox returns a box that holds every point within metres of p,
// for a spatial index search before the exact distance test.
func AroundBBox(p Point, metres float64) BBox {
	dLat := metres / EarthRadiusM * 180 / math.Pi
	cos := math.Cos(math.Min(89, math.Abs(p.Lat)+dLat) * math.Pi / 180)
	dLon := dLat / cos
	// A little slack so points exactly at the limit are not cut by rounding.
	dLat *= 1.0001
	dLon *= 1.0001
	return BBox{math.Max(-180, p.Lon-dLon), math.Max(-90, p.Lat-dLat),
		math.Min(180, p.Lon+dLon), math.Min(90, p.Lat+dLat)}
}

// UK is a generous box around the United Kingdom and the Crown
// dependencies (the Channel Islands reach down to 49.16°N).
var UK = BBox{MinLon: -8.8, MinLat: 49.1, MaxLon: 1.9, MaxLat: 60.95}

func validPoint(p Point) bool {
	return !anyNaN(p.Lon, p.Lat) && p.Lon >= -180 && p.Lon <= 180 && p.Lat >= -90 && p.Lat <= 90
}

// LooksSwapped reports whether p is outside the UK but would be inside it
// with longitude and latitude exchanged: the commonest coordinate mistake in
// published asset lists.
func LooksSwapped(p Point) bool {
	return !UK.Contains(p) && UK.Contains(Point{Lon: p.Lat, Lat: p.Lon})
}

func validateFootprint(pr *Problems, fp MultiPolygon) {
	if msg := CheckFootprint(fp); msg != "" {
		pr.Add("footprint", "%s", msg)
	}
}

func anyNaN(vs ...float64) bool {
	for _, v := range vs {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return true
		}
	}
	return false
}
