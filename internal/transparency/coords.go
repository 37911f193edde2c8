package transparency

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/geo/bng"
)

// crs is a coordinate reference system a file may use.
type crs int

const (
	crsUnknown crs = iota
	crsWGS84
	crsBNG
)

func (c crs) String() string {
	switch c {
	case crsWGS84:
		return "WGS84 longitude/latitude"
	case crsBNG:
		return "British National Grid"
	}
	return "unknown"
}

// crsNames maps normalised CoordinateReferenceSystem values to systems.
var crsNames = map[string]crs{
	"wgs84": crsWGS84, "wgs1984": crsWGS84, "epsg4326": crsWGS84, "4326": crsWGS84,
	"etrs89": crsWGS84, "latlong": crsWGS84, "latlon": crsWGS84, "longlat": crsWGS84, "lonlat": crsWGS84,
	"bng": crsBNG, "osgb36": crsBNG, "osgb": crsBNG, "osgb1936": crsBNG, "epsg27700": crsBNG, "27700": crsBNG,
	"britishnationalgrid": crsBNG, "nationalgrid": crsBNG, "osgb36britishnationalgrid": crsBNG,
	"osnationalgrid": crsBNG, "ordnancesurveynationalgrid": crsBNG, "eastingnorthing": crsBNG,
	"urnogcdefcrsepsg4326": crsWGS84, "urnogcdefcrsepsg27700": crsBNG, "urnogcdefcrsogc13crs84": crsWGS84,
}

// GridNamed reports whether a coordinate reference system named as a
// CoordinateReferenceSystem cell or a GeoJSON "crs" member names it is
// British National Grid; ok is false for a name it does not know.
func GridNamed(name string) (bng, ok bool) {
	c, ok := crsNames[normName(name)]
	return c == crsBNG, ok
}

// Ranges that tell the two systems apart. The National Grid's false
// origin puts every point of Britain at positive eastings under 700 km
// and northings under 1250 km; degrees never exceed 180.
const (
	maxEasting  = 700000
	maxNorthing = 1300000
)

// British National Grid covers Great Britain only (Northern Ireland uses
// the Irish Grid), and south of 55°N Great Britain has no land west of
// 6.5°W, the Isles of Scilly being the westernmost at 6.45°W. A grid
// reference that lands there has lost a digit, as the Home Office gives
// Fowey fire station easting 21248 for 212480: skipped, not placed in the
// Atlantic.
const (
	gbSouthLat = 55.0
	gbWestLon  = -6.5
)

// location is the result of reading a row's coordinates.
type location struct {
	p        estate.Point
	skip     string // why there is no location, if there is none
	warnings []warning
}

// locate reads a row's coordinates in whichever system they are in.
// declared is what the CoordinateReferenceSystem cell says, hint what the
// column names suggest.
func locate(crsCell, xs, ys string, hint crs) (location, error) {
	var loc location
	declared := crsUnknown
	if crsCell != "" {
		var ok bool
		if declared, ok = lookupNorm(crsNames, crsCell); !ok {
			loc.warnings = append(loc.warnings, warnf(estate.WarnCoordinateSystem, "CoordinateReferenceSystem %q is not one we know: the system was inferred from the values", crsCell))
		}
	}
	if declared == crsUnknown {
		declared = hint
	}
	if ys == "" && strings.ContainsAny(xs, ", ;") {
		xs, ys = splitPair(xs)
	} else if xs == "" && strings.ContainsAny(ys, ", ;") {
		xs, ys = splitPair(ys)
	}
	if placeholder(xs) && placeholder(ys) {
		loc.skip = "no coordinates"
		return loc, nil
	}
	if xs == "" || ys == "" {
		return loc, FieldError("geometry", "GeoX and GeoY must both be given (one is blank)")
	}
	x, errX := parseCoord(xs)
	y, errY := parseCoord(ys)
	if errX != nil || errY != nil {
		return loc, FieldError("geometry", fmt.Sprintf("coordinates %q, %q are not numbers", xs, ys))
	}
	if x == 0 && y == 0 {
		loc.skip = "coordinates are 0,0, a placeholder"
		return loc, nil
	}
	used := inferCRS(x, y)
	switch {
	case used == crsUnknown:
		return loc, FieldError("geometry", fmt.Sprintf("coordinates %s, %s are neither longitude/latitude nor British National Grid eastings/northings", xs, ys))
	case declared != crsUnknown && declared != used:
		loc.warnings = append(loc.warnings, warnf(estate.WarnCoordinateSystem, "coordinates %s, %s are in %s, not %s as declared: read as %s", xs, ys, used, declared, used))
	}
	if used == crsBNG {
		p, refused, err := GridToWGS84(x, y)
		if err != nil {
			return loc, err
		} else if refused != "" {
			return loc, FieldError("geometry", refused)
		}
		loc.p = p
		lon, lat := p.Lon, p.Lat
		if lat < gbSouthLat && lon < gbWestLon {
			loc.skip = fmt.Sprintf("easting %s, northing %s lies in the sea west of the Isles of Scilly, where Great Britain has no land: check the figures (a digit missing?)", xs, ys)
		}
		return loc, nil
	}
	loc.p = estate.Point{Lon: x, Lat: y}
	if estate.LooksSwapped(loc.p) {
		loc.p = estate.Point{Lon: y, Lat: x}
		loc.warnings = append(loc.warnings, warnf(estate.WarnCoordinatesSwapped, "GeoX %s and GeoY %s look like latitude and longitude the wrong way round: swapped", xs, ys))
	}
	// Whether the point is where the register keeps assets is the
	// service area's to say (estate.ServiceArea), when the row is stored.
	return loc, nil
}

// inferCRS tells degrees from grid metres by their ranges.
func inferCRS(x, y float64) crs {
	switch {
	case (x >= -180 && x <= 180 && y >= -90 && y <= 90) || (x >= -90 && x <= 90 && y >= -180 && y <= 180):
		return crsWGS84
	case x >= 0 && x <= maxEasting && y >= 0 && y <= maxNorthing:
		return crsBNG
	}
	return crsUnknown
}

// placeholder reports whether a coordinate cell holds nothing usable:
// blank, or words without a digit such as "N/A" or "Not available".
func placeholder(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return r >= '0' && r <= '9' }) < 0
}

// splitPair splits "383000,398000" or "383000 398000" into two cells.
func splitPair(s string) (string, string) {
	f := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == ';' })
	if len(f) != 2 {
		return s, ""
	}
	return f[0], f[1]
}

// parseCoord reads a coordinate, tolerating thousands separators in grid
// references ("383,000") and a degree sign.
func parseCoord(s string) (float64, error) {
	if v, err := strconv.ParseFloat(s, 64); err == nil {
		return v, nil
	}
	s = strings.TrimSuffix(strings.ReplaceAll(s, ",", ""), "°")
	return strconv.ParseFloat(strings.TrimSpace(s), 64)
}

// FieldError is an EINVALID error for a row (or feature) naming the
// field that is wrong and why.
func FieldError(field, msg string) error {
	return &estate.Error{Code: estate.EINVALID, Message: "The row is not valid.",
		Fields: []estate.FieldError{{Field: field, Message: msg}}}
}

// minLandNorthing is, for each 100 km column of the National Grid, a
// northing a little south of Great Britain's southernmost land in it
// (Bishop Rock, the Lizard, Start Point and the Eddystone, Portland
// Bill, St Catherine's Point, Beachy Head, Dungeness). A grid reference
// south of it is in the Channel: a cell cut short or a digit lost, as
// when a file cut inside "322851" left Long Sutton fire station at
// northing 322.
var minLandNorthing = [7]float64{4000, 8000, 20000, 55000, 65000, 85000, 100000}

// maxLandNorthing is north of Out Stack, Shetland (northing 1,220,600),
// Great Britain's northernmost land.
const maxLandNorthing = 1225000

// GridToWGS84 converts an easting and northing. It refuses, saying why,
// points outside the OSTN15 grid or in the sea off Great Britain's south
// and north ends, where lost digits put them; err is for a build defect.
func GridToWGS84(e, n float64) (p estate.Point, refused string, err error) {
	lon, lat, err := bng.ToWGS84(e, n)
	if errors.Is(err, bng.ErrOutsideGrid) {
		return p, fmt.Sprintf("easting %s, northing %s is outside the British National Grid's OSTN15 grid (0 to 700 km east, 0 to 1250 km north)", fmtGrid(e), fmtGrid(n)), nil
	} else if err != nil {
		return p, "", err
	}
	if n < minLandNorthing[min(int(e)/100000, len(minLandNorthing)-1)] || n > maxLandNorthing {
		where := "south of the Channel coast"
		if n > maxLandNorthing {
			where = "north of Shetland"
		}
		return p, fmt.Sprintf("easting %s, northing %s lies in the sea %s, where Great Britain has no land: check the figures (the file cut short, or a digit missing?)", fmtGrid(e), fmtGrid(n), where), nil
	}
	return estate.Point{Lon: lon, Lat: lat}, "", nil
}

func fmtGrid(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
