package geo

import (
	"github.com/twpayne/go-geom"

	"github.com/placetrust/placetrust/internal/estate"
)

// GeomPoint converts a domain point to go-geom, whose encoders the
// GeoPackage export writes with.
func GeomPoint(p estate.Point) *geom.Point {
	return geom.NewPointFlat(geom.XY, []float64{p.Lon, p.Lat})
}

// GeomMultiPolygon converts a domain footprint to go-geom, rings in the
// order and winding they are stored in.
func GeomMultiPolygon(m estate.MultiPolygon) *geom.MultiPolygon {
	flat := []float64{}
	var ends [][]int
	for _, poly := range m {
		var pe []int
		for _, ring := range poly {
			for _, q := range ring {
				flat = append(flat, q.Lon, q.Lat)
			}
			pe = append(pe, len(flat))
		}
		ends = append(ends, pe)
	}
	return geom.NewMultiPolygonFlat(geom.XY, flat, ends)
}
