package httpapi

import (
	"math"

	"github.com/placetrust/placetrust/internal/cql2"
	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/geo/bng"
)

// shape is a filter's literal geometry in CRS84: one of point, box or
// polygon.
type shape struct {
	point   *estate.Point
	box     *estate.BBox
	polygon [][]estate.Point
}

func (s shape) cond(op estate.SpatialOp) estate.CondSpatial {
	return estate.CondSpatial{Op: op, Point: s.point, BBox: s.box, Polygon: s.polygon}
}

// bngEdgeMetres is the longest piece a straight edge in British National
// Grid is cut into before its ends are converted: a straight line on the
// grid is a curve in CRS84, and over a kilometre the chord strays from it
// by well under a millimetre.
const bngEdgeMetres = 1000

// geometryIn returns the conversion of literal geometries given in crs
// (filter-crs) to CRS84. EPSG:4326 gives latitude first; EPSG:27700 goes
// through OSTN15 (internal/geo/bng), a BNG box becoming the polygon of its
// densified outline, since its CRS84 image is not a box.
func geometryIn(crs outCRS) func(cql2.Operand) (shape, error) {
	return func(o cql2.Operand) (shape, error) {
		pt := func(x, y float64) (estate.Point, error) {
			switch crs.uri {
			case epsg4326:
				x, y = y, x
			case epsg27700:
				lon, lat, err := bng.ToWGS84(x, y)
				if err != nil {
					return estate.Point{}, invalid("filter", "has a position outside British National Grid's OSTN15 area: eastings 0 to 700000, northings 0 to 1250000 (filter-crs is EPSG:27700)")
				}
				x, y = lon, lat
			}
			if math.Abs(x) > 180 || math.Abs(y) > 90 {
				return estate.Point{}, invalid("filter", "has a position outside ±180° longitude, ±90° latitude (in filter-crs's axis order: "+axisWords(crs)+")")
			}
			return estate.Point{Lon: x, Lat: y}, nil
		}
		switch o := o.(type) {
		case cql2.Point:
			p, err := pt(o.X, o.Y)
			return shape{point: &p}, err
		case cql2.BBox:
			if crs.uri != epsg27700 {
				lo, err := pt(o.MinX, o.MinY)
				if err != nil {
					return shape{}, err
				}
				hi, err := pt(o.MaxX, o.MaxY)
				if err != nil {
					return shape{}, err
				}
				b := &estate.BBox{MinLon: min(lo.Lon, hi.Lon), MinLat: min(lo.Lat, hi.Lat), MaxLon: max(lo.Lon, hi.Lon), MaxLat: max(lo.Lat, hi.Lat)}
				return shape{box: b}, nil
			}
			ring := []cql2.Point{{X: o.MinX, Y: o.MinY}, {X: o.MaxX, Y: o.MinY}, {X: o.MaxX, Y: o.MaxY}, {X: o.MinX, Y: o.MaxY}, {X: o.MinX, Y: o.MinY}}
			return polygonIn(crs, [][]cql2.Point{ring}, pt)
		case cql2.Polygon:
			return polygonIn(crs, o.Rings, pt)
		}
		return shape{}, unsupported("needs a POINT, BBOX or POLYGON where it has a %T", o)
	}
}

// polygonIn converts each ring's points, cutting BNG edges into pieces
// first (bngEdgeMetres).
func polygonIn(crs outCRS, rings [][]cql2.Point, pt func(x, y float64) (estate.Point, error)) (shape, error) {
	out := make([][]estate.Point, len(rings))
	total := 0
	for i, r := range rings {
		for j, p := range r {
			steps := 1
			if crs.uri == epsg27700 && j+1 < len(r) {
				steps = int(math.Ceil(math.Hypot(r[j+1].X-p.X, r[j+1].Y-p.Y) / bngEdgeMetres))
				steps = max(1, min(steps, 64))
			}
			if j+1 == len(r) {
				steps = 1
			}
			for k := 0; k < steps; k++ {
				f := float64(k) / float64(steps)
				x, y := p.X, p.Y
				if k > 0 {
					x, y = p.X+f*(r[j+1].X-p.X), p.Y+f*(r[j+1].Y-p.Y)
				}
				q, err := pt(x, y)
				if err != nil {
					return shape{}, err
				}
				out[i] = append(out[i], q)
			}
			if total += steps; total > estate.MaxCondPoints {
				return shape{}, invalid("filter", "has a polygon too long to apply once its edges are cut for British National Grid: send fewer points")
			}
		}
	}
	return shape{polygon: out}, nil
}

// axisWords says a CRS's axis order, for errors.
func axisWords(c outCRS) string {
	switch c.uri {
	case epsg4326:
		return "latitude then longitude"
	case epsg27700:
		return "easting then northing"
	}
	return "longitude then latitude"
}
