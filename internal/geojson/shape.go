package geojson

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/placetrust/placetrust/internal/estate"
)

// Shape is how features are written beyond what they hold: the
// coordinate reference system of their coordinates and which properties
// they carry. The zero Shape is RFC 7946 GeoJSON with every property.
type Shape struct {
	// CRS converts stored coordinates for output; nil writes them as
	// stored, CRS84 longitude and latitude.
	CRS *CRS
	// Properties selects the properties written; nil writes them all.
	Properties Properties
}

// CRS is an output coordinate reference system: how a stored longitude
// and latitude become the output's first and second axis.
type CRS struct {
	// Project returns the output coordinates of a stored position, and
	// false where the system is not defined (outside its area of use).
	Project func(lon, lat float64) (x, y float64, ok bool)
	// Scale is 10 to the number of decimals written (1e7 for degrees,
	// as stored; 1e3, millimetres, for metres).
	Scale float64
}

// Properties is a selection of the properties a feature carries, by name;
// nil selects them all. Make one with SelectProperties.
type Properties []string

// PropertyNames are the properties a feature may carry, in the order
// features write them: estate.Fields but the location, which is the
// feature's geometry.
func PropertyNames() []string {
	out := make([]string, 0, len(estate.Fields))
	for _, f := range estate.Fields {
		if f.Kind != estate.FieldPoint {
			out = append(out, f.Name)
		}
	}
	return out
}

// SelectProperties reads a selection of property names; it returns the
// names it does not know, if any, and no selection then.
func SelectProperties(names []string) (Properties, []string) {
	known := PropertyNames()
	sel := Properties{}
	var unknown []string
	for _, n := range names {
		switch {
		case !slices.Contains(known, n):
			unknown = append(unknown, n)
		case !slices.Contains(sel, n):
			sel = append(sel, n)
		}
	}
	if unknown != nil {
		return nil, unknown
	}
	return sel, nil
}

// keep reports whether the property name is written. A selection holds
// a few names, so a scan beats a map.
func (p Properties) keep(name string) bool {
	if p == nil {
		return true
	}
	for _, n := range p {
		if n == name {
			return true
		}
	}
	return false
}

// position appends one output position, and false (having appended
// nothing) where the CRS is not defined there.
func (s *Shape) position(b []byte, lon, lat float64) ([]byte, bool) {
	if s.CRS == nil {
		return appendPosition(b, lon, lat), true
	}
	x, y, ok := s.CRS.Project(lon, lat)
	if !ok {
		return b, false
	}
	b = append(b, '[')
	b = appendFixed(b, x, s.CRS.Scale)
	b = append(b, ',')
	b = appendFixed(b, y, s.CRS.Scale)
	return append(b, ']'), true
}

// appendFixed writes v rounded to 1/scale, trailing zeros dropped.
func appendFixed(b []byte, v, scale float64) []byte {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return append(b, '0')
	}
	decimals := int(math.Round(math.Log10(scale)))
	s := strconv.FormatFloat(math.Round(v*scale)/scale, 'f', decimals, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return append(b, s...)
}
