package estate

import (
	"math"
	"slices"
	"strings"
)

// CoordScale is the precision the register keeps coordinates to: 7
// decimals of a degree, about 1 cm, finer than any estate survey. The
// GeoJSON encoder writes to it too, so an export imports back unchanged.
const CoordScale = 1e7

func roundCoord(v float64) float64 { return math.Round(v*CoordScale) / CoordScale }

// canonicalGeometry rounds the location and footprint to CoordScale and
// winds footprint rings as RFC 7946 asks (exterior counter-clockwise,
// holes clockwise), so one shape has one stored form whatever its source
// wrote. The footprint is copied first: the caller's rings are not
// changed under it.
func (a *Asset) canonicalGeometry() {
	a.Location = Point{Lon: roundCoord(a.Location.Lon), Lat: roundCoord(a.Location.Lat)}
	if len(a.Footprint) == 0 {
		return
	}
	a.Footprint = cloneMulti(a.Footprint)
	for _, p := range a.Footprint {
		for i, r := range p {
			for j := range r {
				r[j] = Point{Lon: roundCoord(r[j].Lon), Lat: roundCoord(r[j].Lat)}
			}
			if a := r.SignedArea(); (a > 0) != (i == 0) && a != 0 {
				slices.Reverse(r)
			}
		}
	}
}

// SignedArea is twice the ring's planar signed area: positive when it
// turns counter-clockwise with x east and y north, as RFC 7946 wants an
// exterior ring. An unclosed ring is taken as closed.
func (r Ring) SignedArea() float64 {
	var s float64
	for i := 0; i+1 < len(r); i++ {
		s += r[i].Lon*r[i+1].Lat - r[i+1].Lon*r[i].Lat
	}
	if n := len(r); n > 2 && r[0] != r[n-1] {
		s += r[n-1].Lon*r[0].Lat - r[0].Lon*r[n-1].Lat
	}
	return s
}

// canonicalLineEnds writes every line break in free text as LF: CR LF
// (Windows, HTML forms) and a lone CR (old Macs) become LF. CSV cannot
// carry a CR LF inside a cell apart from an LF (encoding/csv and
// spreadsheets both read it as LF), so text with CRs would come back from
// its own export changed; with one stored form it comes back exact.
func (a *Asset) canonicalLineEnds() {
	for _, f := range freeTextFields {
		f.SetText(a, lfOnly(f.Text(a)))
	}
}

// freeTextFields are the fields people type, which Normalize tidies.
var freeTextFields = fieldsWhere(func(f *Field) bool { return f.FreeText })

func lfOnly(s string) string {
	if strings.IndexByte(s, '\r') < 0 {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}
