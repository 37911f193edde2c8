// Package geo converts between the domain's geometry and the formats the
// adapters speak: orb geometries (which orb's GeoJSON and WKT codecs read
// and write), go-geom geometries (for the GeoPackage export) and WKB (for
// the store). British National Grid conversion is in geo/bng.
package geo

import (
	"fmt"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"

	"github.com/placetrust/placetrust/internal/estate"
)

// OrbPoint converts a domain point.
func OrbPoint(p estate.Point) orb.Point { return orb.Point{p.Lon, p.Lat} }

// OrbMultiPolygon converts a domain footprint.
func OrbMultiPolygon(m estate.MultiPolygon) orb.MultiPolygon {
	out := make(orb.MultiPolygon, len(m))
	for i, poly := range m {
		out[i] = make(orb.Polygon, len(poly))
		for j, ring := range poly {
			r := make(orb.Ring, len(ring))
			for k, q := range ring {
				r[k] = orb.Point{q.Lon, q.Lat}
			}
			out[i][j] = r
		}
	}
	return out
}

// FromOrb converts a Polygon or MultiPolygon into a domain footprint.
func FromOrb(g orb.Geometry) (estate.MultiPolygon, error) {
	var mp orb.MultiPolygon
	switch t := g.(type) {
	case orb.Polygon:
		mp = orb.MultiPolygon{t}
	case orb.MultiPolygon:
		mp = t
	default:
		return nil, fmt.Errorf("geo: footprint must be a Polygon or MultiPolygon, not %s", g.GeoJSONType())
	}
	out := make(estate.MultiPolygon, len(mp))
	for i, poly := range mp {
		out[i] = make(estate.Polygon, len(poly))
		for j, ring := range poly {
			r := make(estate.Ring, len(ring))
			for k, q := range ring {
				r[k] = estate.Point{Lon: q[0], Lat: q[1]}
			}
			out[i][j] = r
		}
	}
	return out, nil
}

// MarshalWKB encodes a footprint as little-endian WKB; nil for none.
func MarshalWKB(m estate.MultiPolygon) ([]byte, error) {
	if len(m) == 0 {
		return nil, nil
	}
	b, err := wkb.Marshal(OrbMultiPolygon(m))
	if err != nil {
		return nil, fmt.Errorf("geo: encode wkb: %w", err)
	}
	return b, nil
}

// UnmarshalWKB decodes a footprint written by MarshalWKB.
func UnmarshalWKB(b []byte) (estate.MultiPolygon, error) {
	if len(b) == 0 {
		return nil, nil
	}
	g, err := wkb.Unmarshal(b)
	if err != nil {
		return nil, fmt.Errorf("geo: decode wkb: %w", err)
	}
	return FromOrb(g)
}
