// Package bng converts British National Grid coordinates (OSGB36 eastings
// and northings, EPSG:27700) to and from WGS84 longitude and latitude with
// Ordnance Survey's OSTN15 transformation, which reproduces OS's published
// results to the millimetre. A plain 7-parameter Helmert transform is up to
// about 4 m out, too coarse to place a building.
//
// WGS84 is taken to be ETRS89, as OS's own guidance and common GIS defaults
// for EPSG:27700 do. The two frames drift apart by about 2.5 cm a year (about
// 0.8 m by the mid-2020s): far inside how well published asset coordinates
// are known, and no published register says which WGS84 epoch it used.
//
// Heights are not handled: the registers we import are two-dimensional.
//
// The OSTN15 grid is embedded (about 0.5 MB) and decoded on first use into
// 3.5 MB of memory. OSTN15 is (c) Crown copyright, Ordnance Survey and the
// Ministry of Defence (MOD) 2016, used under its BSD 2-clause licence: see
// README.md.
package bng

import (
	"errors"
	"fmt"
	"math"
)

// ErrOutsideGrid is returned, wrapped, for coordinates that OSTN15 does not
// cover: the 700 km x 1250 km rectangle of the National Grid measured in
// ETRS89. It also covers NaN and infinite input. Test with errors.Is.
var ErrOutsideGrid = errors.New("outside the OSTN15 grid")

// Longitude and latitude bounds safely containing the grid. FromWGS84 rejects
// anything beyond them before projecting, because the projection series
// diverge far from Britain and could fold a distant point back into the grid.
const (
	minLon, maxLon = -12.0, 5.0
	minLat, maxLat = 48.0, 63.0
)

// Stop iterating the grid inverse once a round moves the estimate less than
// this (metres); the grid's own precision is 1 mm.
const inverseTolerance = 1e-6

// ToWGS84 converts a British National Grid easting and northing (metres,
// OSGB36) to WGS84 longitude and latitude (degrees). It returns an error
// wrapping ErrOutsideGrid when the point, or its ETRS89 counterpart, is
// outside the OSTN15 grid, and one that does not wrap it only if the
// embedded grid cannot be decoded, which would be a build defect.
func ToWGS84(easting, northing float64) (lon, lat float64, err error) {
	g, err := loadGrid()
	if err != nil {
		return 0, 0, err
	}
	e, n, ok := g.toETRS89(easting, northing)
	if !ok {
		return 0, 0, fmt.Errorf("bng: easting %g northing %g: %w", easting, northing, ErrOutsideGrid)
	}
	phi, lam := unproject(e, n)
	return lam * radToDeg, phi * radToDeg, nil
}

// FromWGS84 converts WGS84 longitude and latitude (degrees) to a British
// National Grid easting and northing (metres, OSGB36). It returns an error
// wrapping ErrOutsideGrid for points outside the OSTN15 grid. Converting the
// result back with ToWGS84 gives the input to well under a millimetre.
func FromWGS84(lon, lat float64) (easting, northing float64, err error) {
	// Written so NaN fails the test too.
	if !(lon >= minLon && lon <= maxLon && lat >= minLat && lat <= maxLat) {
		return 0, 0, fmt.Errorf("bng: lon %g lat %g: %w", lon, lat, ErrOutsideGrid)
	}
	g, err := loadGrid()
	if err != nil {
		return 0, 0, err
	}
	e, n := projectExact(lat*degToRad, lon*degToRad)
	se, sn, ok := g.shift(e, n)
	if !ok {
		return 0, 0, fmt.Errorf("bng: lon %g lat %g: %w", lon, lat, ErrOutsideGrid)
	}
	return e + se, n + sn, nil
}

// toETRS89 inverts OSTN15: it finds the ETRS89 grid position whose shifted
// position is the given OSGB36 one. OSTN15 is defined in the ETRS89->OSGB36
// direction only, so OS prescribe this fixed-point iteration; the shifts
// change by millimetres per kilometre, so each round gains about five
// digits and two or three rounds suffice.
func (g *grid) toETRS89(east, north float64) (e, n float64, ok bool) {
	se, sn, ok := g.shift(east, north)
	if !ok {
		return 0, 0, false
	}
	e, n = east-se, north-sn
	for range 20 {
		se, sn, ok = g.shift(e, n)
		if !ok {
			return 0, 0, false
		}
		e1, n1 := east-se, north-sn
		done := math.Abs(e1-e) < inverseTolerance && math.Abs(n1-n) < inverseTolerance
		e, n = e1, n1
		if done {
			break
		}
	}
	return e, n, true
}
