package httpapi

import (
	"math"
	"net/url"
	"strings"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/geo/bng"
	"github.com/placetrust/placetrust/internal/geojson"
)

// OGC API - Features - Part 2, CRS by reference. The register stores
// CRS84; features are written in CRS84, in EPSG:4326 (latitude first, as
// that CRS defines its axes) or in British National Grid (EPSG:27700)
// through the project's own OSTN15 (internal/geo/bng), the transformation
// OS publish for it, not a Helmert that is metres off.
const (
	epsg4326  = "http://www.opengis.net/def/crs/EPSG/0/4326"
	epsg27700 = "http://www.opengis.net/def/crs/EPSG/0/27700"
)

// supportedCRS are the CRSs a collection lists, storage's first.
var supportedCRS = []string{crs84, epsg4326, epsg27700}

// outCRS is one of supportedCRS as the encoder and bbox-crs use it.
type outCRS struct {
	uri string
	// enc converts stored positions; nil for CRS84, stored as is.
	enc *geojson.CRS
}

var (
	crsCRS84 = outCRS{uri: crs84}
	crs4326  = outCRS{uri: epsg4326, enc: &geojson.CRS{Scale: 1e7,
		Project: func(lon, lat float64) (float64, float64, bool) { return lat, lon, true }}}
	// Millimetres: the register's 7 decimals of a degree are about 1 cm.
	crs27700 = outCRS{uri: epsg27700, enc: &geojson.CRS{Scale: 1e3,
		Project: func(lon, lat float64) (float64, float64, bool) {
			e, n, err := bng.FromWGS84(lon, lat)
			return e, n, err == nil
		}}}
)

// parseCRS reads the crs or bbox-crs parameter; absent is CRS84. The
// CURIE forms (EPSG:27700, [EPSG:27700]) some clients send are taken too.
func parseCRS(q url.Values, name string) (outCRS, error) {
	v, ok := q[name]
	if !ok {
		return crsCRS84, nil
	}
	s := strings.TrimSpace(v[0])
	switch strings.ToUpper(strings.Trim(s, "[]")) {
	case "OGC:CRS84":
		s = crs84
	case "EPSG:4326":
		s = epsg4326
	case "EPSG:27700":
		s = epsg27700
	}
	for _, c := range []outCRS{crsCRS84, crs4326, crs27700} {
		if s == c.uri || s == strings.Replace(c.uri, "http://", "https://", 1) {
			return c, nil
		}
	}
	return outCRS{}, invalid(name, "must be one of the CRSs the collection lists: "+strings.Join(supportedCRS, ", "))
}

// contentCRS is the Content-Crs header's value for c.
func contentCRS(c outCRS) string { return "<" + c.uri + ">" }

// bngEdgeSteps is how many pieces each edge of a BNG box is cut into to
// find the longitudes and latitudes it spans: its edges are curves in
// CRS84, bulging out of the box of its corners.
const bngEdgeSteps = 64

// bngMargin widens the CRS84 box covering a BNG box (degrees, about 100
// m): it holds the curve between the points sampled, and assets whose
// footprint meets the BNG box while its CRS84 bounds only near it. The
// page then keeps exactly those whose bounds in BNG meet the BNG box.
const bngMargin = 0.001

// bboxIn reads bbox given in c's axis order and returns the CRS84 box the
// store selects by, and for BNG the box to filter its answer by exactly.
func bboxIn(c outCRS, s string) (*estate.BBox, *estate.BBox, error) {
	if c.uri == crs84 {
		b, err := parseOGCBBox(s)
		return b, nil, err
	}
	bad := invalid("bbox", "must be four decimal numbers in bbox-crs's axis order: "+axesOf(c))
	v, err := bboxNumbers(s)
	if err != nil {
		return nil, nil, bad
	}
	if c.uri == epsg4326 {
		b, err := estate.BBoxOf([]float64{v[1], v[0], v[3], v[2]})
		if err != nil {
			return nil, nil, invalid("bbox", "must be minLat,minLon,maxLat,maxLon within ±90/±180 with min <= max (bbox-crs is EPSG:4326)")
		}
		return b, nil, nil
	}
	grid := &estate.BBox{MinLon: v[0], MinLat: v[1], MaxLon: v[2], MaxLat: v[3]} // eastings, northings
	if grid.MinLon > grid.MaxLon || grid.MinLat > grid.MaxLat {
		return nil, nil, invalid("bbox", "must be minEasting,minNorthing,maxEasting,maxNorthing with min <= max (bbox-crs is EPSG:27700)")
	}
	cover := estate.BBox{MinLon: math.Inf(1), MinLat: math.Inf(1), MaxLon: math.Inf(-1), MaxLat: math.Inf(-1)}
	for i := 0; i <= bngEdgeSteps; i++ {
		t := float64(i) / bngEdgeSteps
		e := grid.MinLon + t*(grid.MaxLon-grid.MinLon)
		n := grid.MinLat + t*(grid.MaxLat-grid.MinLat)
		for _, p := range [][2]float64{{e, grid.MinLat}, {e, grid.MaxLat}, {grid.MinLon, n}, {grid.MaxLon, n}} {
			lon, lat, err := bng.ToWGS84(p[0], p[1])
			if err != nil {
				return nil, nil, invalid("bbox", "must lie within British National Grid's OSTN15 area: eastings 0 to 700000, northings 0 to 1250000 (bbox-crs is EPSG:27700)")
			}
			cover.MinLon, cover.MaxLon = math.Min(cover.MinLon, lon), math.Max(cover.MaxLon, lon)
			cover.MinLat, cover.MaxLat = math.Min(cover.MinLat, lat), math.Max(cover.MaxLat, lat)
		}
	}
	cover.MinLon -= bngMargin
	cover.MinLat -= bngMargin
	cover.MaxLon += bngMargin
	cover.MaxLat += bngMargin
	return &cover, grid, nil
}

// bboxNumbers reads four numbers, or six with heights dropped.
func bboxNumbers(s string) ([]float64, error) {
	parts := strings.Split(s, ",")
	if len(parts) != 4 && len(parts) != 6 {
		return nil, errBadBBox
	}
	for _, p := range parts {
		if !decimalNumber.MatchString(strings.TrimSpace(p)) {
			return nil, errBadBBox
		}
	}
	v, ok := parseFloats(s, len(parts))
	if !ok {
		return nil, errBadBBox
	}
	if len(v) == 6 {
		v = []float64{v[0], v[1], v[3], v[4]}
	}
	return v, nil
}

var errBadBBox = invalid("bbox", "is not four or six decimal numbers")

func axesOf(c outCRS) string {
	switch c.uri {
	case epsg4326:
		return "minLat,minLon,maxLat,maxLon"
	case epsg27700:
		return "minEasting,minNorthing,maxEasting,maxNorthing (metres)"
	}
	return "minLon,minLat,maxLon,maxLat"
}

// inGrid reports whether the asset's bounds in British National Grid meet
// box: the exact test after the store's CRS84 box, which covers more. An
// asset with a corner outside the grid is kept by its other corners.
func inGrid(a *estate.Asset, box *estate.BBox) bool {
	b := estate.BBox{MinLon: math.Inf(1), MinLat: math.Inf(1), MaxLon: math.Inf(-1), MaxLat: math.Inf(-1)}
	add := func(p estate.Point) {
		if e, n, err := bng.FromWGS84(p.Lon, p.Lat); err == nil {
			b.MinLon, b.MaxLon = math.Min(b.MinLon, e), math.Max(b.MaxLon, e)
			b.MinLat, b.MaxLat = math.Min(b.MinLat, n), math.Max(b.MaxLat, n)
		}
	}
	add(a.Location)
	for _, poly := range a.Footprint {
		for _, ring := range poly {
			for _, p := range ring {
				add(p)
			}
		}
	}
	return b.Intersects(*box)
}
