package estate

import (
	"fmt"
	"strconv"
	"strings"
)

// ServiceArea is where a register's assets may be: a union of lon/lat
// boxes. A point in New York or a footprint in Asia is a typing or
// projection slip, and one such asset stretches every extent (TileJSON
// bounds, OGC extents) across the globe, so each deployment names the
// area it serves and Asset.ValidateIn refuses anything outside it. The
// zero value places no limit.
type ServiceArea struct {
	name  string // what a refusal calls the area
	spec  string // the setting it was parsed from
	boxes []BBox
}

// GreatBritain is the default service area: Great Britain, Northern
// Ireland, the Isle of Man and the Channel Islands, as a few boxes that
// keep out France and most of the Republic of Ireland. Boxes take in
// some sea, which holds no buildings to wrongly accept. Left out or
// only roughly drawn, on purpose:
//   - Rockall (13.7°W), which has no buildings: it would stretch the
//     Scottish box far into the Atlantic;
//   - the Irish border is not straight: the Northern Ireland box also
//     takes in the edges of Donegal, Leitrim, Cavan, Monaghan and Louth
//     (Dundalk, Monaghan, Inishowen), though not Dublin, Sligo or
//     Malin Head; a point there is accepted;
//   - the Channel Islands boxes stop short of the Cotentin coast, and of
//     Chausey to the south, so they leave out none of the islands'
//     buildings but no French town either.
var GreatBritain = ServiceArea{
	name: "Great Britain, Northern Ireland, the Isle of Man and the Channel Islands",
	spec: "gb",
	boxes: []BBox{
		// Scotland north of Kintyre's tip: the Hebrides, St Kilda
		// (8.6°W), Orkney and Shetland to Out Stack (60.86°N), all north
		// of Inishtrahull (55.43°N), Ireland's northernmost island.
		{MinLon: -8.7, MinLat: 55.45, MaxLon: -0.5, MaxLat: 60.9},
		// England, Wales, southern Scotland and the Isle of Man east of
		// the Mull of Kintyre (5.80°W) and the Smalls (5.67°W), and so
		// of Wicklow Head (6.0°W), the Republic's easternmost point;
		// north of Dungeness and Cap Blanc-Nez, east to Lowestoft
		// (1.76°E) short of Calais (1.85°E).
		{MinLon: -5.9, MinLat: 51.0, MaxLon: 1.8, MaxLat: 55.45},
		// The south coast from Start Point to Dungeness (0.98°E), north
		// of the Pays de Caux cliffs by Dieppe (49.94°N).
		{MinLon: -4.5, MinLat: 49.95, MaxLon: 1.05, MaxLat: 51.0},
		// Cornwall, the Lizard (49.96°N) and the Isles of Scilly
		// (49.86°N, 6.45°W), far from Ireland's south coast (51.4°N).
		{MinLon: -6.5, MinLat: 49.85, MaxLon: -4.5, MaxLat: 51.0},
		// Northern Ireland, from Belleek (8.18°W) to the Ards (5.43°W),
		// Newry (54.0°N) to Rathlin (55.30°N).
		{MinLon: -8.2, MinLat: 54.0, MaxLon: -5.4, MaxLat: 55.33},
		// Guernsey, Alderney, Sark and Herm, west of Cap de la Hague
		// (1.94°W).
		{MinLon: -2.75, MinLat: 49.38, MaxLon: -2.0, MaxLat: 49.78},
		// Jersey, the Écréhous and the Minquiers, west of the Cotentin's
		// coast (1.6°W to 1.8°W) and north of Chausey (48.9°N).
		{MinLon: -2.3, MinLat: 48.93, MaxLon: -1.9, MaxLat: 49.32},
	},
}

// World places no limit: the service area of a register that covers
// other countries, or that checks places some other way.
var World = ServiceArea{}

// ParseServiceArea reads a service area setting: "gb" (GreatBritain),
// "world" (no limit), or boxes "minlon,minlat,maxlon,maxlat" in WGS84
// degrees, several separated by ";" (and "gb" may be one of them, to add
// boxes to it). It says what is wrong with a bad setting.
func ParseServiceArea(s string) (ServiceArea, error) {
	s = strings.TrimSpace(s)
	switch strings.ToLower(s) {
	case "gb":
		return GreatBritain, nil
	case "world":
		return World, nil
	case "":
		return ServiceArea{}, fmt.Errorf(`is empty: give gb, world, or boxes minlon,minlat,maxlon,maxlat separated by ";"`)
	}
	area := ServiceArea{spec: s}
	var names []string
	for i, part := range strings.Split(s, ";") {
		part = strings.TrimSpace(part)
		if strings.EqualFold(part, "gb") {
			area.boxes = append(area.boxes, GreatBritain.boxes...)
			names = append(names, GreatBritain.name)
			continue
		}
		b, err := parseBox(part)
		if err != nil {
			return ServiceArea{}, fmt.Errorf("box %d %q: %w", i+1, part, err)
		}
		area.boxes = append(area.boxes, b)
		names = append(names, "the box "+part)
	}
	area.name = strings.Join(names, "; ")
	return area, nil
}

func parseBox(s string) (BBox, error) {
	f := strings.Split(s, ",")
	if len(f) != 4 {
		return BBox{}, fmt.Errorf("must be minlon,minlat,maxlon,maxlat (4 numbers, got %d)", len(f))
	}
	var v [4]float64
	for i, x := range f {
		var err error
		if v[i], err = strconv.ParseFloat(strings.TrimSpace(x), 64); err != nil {
			return BBox{}, fmt.Errorf("%q is not a number", strings.TrimSpace(x))
		}
	}
	b := BBox{MinLon: v[0], MinLat: v[1], MaxLon: v[2], MaxLat: v[3]}
	if err := b.Validate(); err != nil {
		return BBox{}, err
	}
	if b.MinLon == b.MaxLon || b.MinLat == b.MaxLat {
		return BBox{}, fmt.Errorf("is a line or a point: no building fits in it")
	}
	return b, nil
}

// String returns the setting the area was parsed from: gb, world, or
// its boxes.
func (s ServiceArea) String() string {
	switch {
	case len(s.boxes) == 0:
		return "world"
	case s.spec == "":
		return "custom"
	}
	return s.spec
}

// Limited reports whether the area limits where assets may be.
func (s ServiceArea) Limited() bool { return len(s.boxes) > 0 }

// Contains reports whether p is in the area, edges included.
func (s ServiceArea) Contains(p Point) bool {
	if len(s.boxes) == 0 {
		return true
	}
	for _, b := range s.boxes {
		if b.Contains(p) {
			return true
		}
	}
	return false
}

// Bounds returns the box around the whole area (the world when it places
// no limit): where a map of an empty register opens.
func (s ServiceArea) Bounds() BBox {
	if len(s.boxes) == 0 {
		return BBox{MinLon: -180, MinLat: -90, MaxLon: 180, MaxLat: 90}
	}
	b := s.boxes[0]
	for _, o := range s.boxes[1:] {
		b = BBox{MinLon: min(b.MinLon, o.MinLon), MinLat: min(b.MinLat, o.MinLat),
			MaxLon: max(b.MaxLon, o.MaxLon), MaxLat: max(b.MaxLat, o.MaxLat)}
	}
	return b
}

// checkPlace adds a problem for a location or footprint position outside
// the area, naming the first one found. Positions already refused as out
// of range are left to Validate's own message.
func (s ServiceArea) checkPlace(pr *Problems, a *Asset) {
	if !s.Limited() {
		return
	}
	if validPoint(a.Location) && !s.Contains(a.Location) {
		pr.Add("geometry.coordinates", "[%s, %s] is outside this register's service area: %s",
			fmtFloat(a.Location.Lon), fmtFloat(a.Location.Lat), s.name)
	}
	for i, poly := range a.Footprint {
		for j, ring := range poly {
			for _, q := range ring {
				if validPoint(q) && !s.Contains(q) {
					pr.Add("footprint", "polygon %d ring %d has position [%s, %s], outside this register's service area: %s",
						i, j, fmtFloat(q.Lon), fmtFloat(q.Lat), s.name)
					return
				}
			}
		}
	}
}

func fmtFloat(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
