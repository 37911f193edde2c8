package transparency

import (
	"unicode"
	"unicode/utf8"

	"github.com/placetrust/placetrust/internal/estate"
)

// target is what a column means to the reader: an asset field (named as in
// estate.FieldSet) or one of the pseudo-targets below.
type target string

// Pseudo-targets: coordinates and their reference system, the owning
// partner (checked, never changed), OtherDetail and a fire and rescue
// service's name (kept as note lines), and columns known but
// deliberately not read.
const (
	tCRS         target = "crs"
	tX           target = "x"
	tY           target = "y"
	tPartner     target = "partner"
	tOtherDetail target = "other_detail"
	tService     target = "fire_and_rescue_service"
	tIgnore      target = "-"
)

// headerTargets maps normalised header names to targets: the
// Transparency Code's own names and the register's export names. The
// names people use besides are in commonNames (names.go).
var headerTargets = withOwnColumns(map[string]target{
	// Transparency Code columns.
	"organisationlabel": tIgnore, "organisationuri": tIgnore,
	"effectivedate": "effective_date", "uprn": "uprn", "assetcode": "asset_code",
	"propertyname": "name", "streetnumber": "street_number", "streetname": "street_name",
	"posttown": "town", "postcode": "postcode", "coordinatereferencesystem": tCRS,
	"geox": tX, "geoy": tY, "tenuretype": "tenure", "tenuredetail": "tenure_detail",
	"otherdetail": tOtherDetail, "holdingtype": "holding", "buildingsize": "gia_m2",
	"landarea": "land_area_ha", "energyrating": "energy_rating",
	"fireandrescueservice": tService,
})

// withOwnColumns adds to m the register's own columns, as WriteCSV names
// them: each reads back to its field, but the partner is checked, never
// changed, and the id and the register's bookkeeping (version, times)
// are exported for reference, never imported.
func withOwnColumns(m map[string]target) map[string]target {
	for _, c := range csvColumns[len(codeColumns):] {
		t := target(c.field)
		if f, ok := estate.FieldByName(c.field); !ok || !f.Audited {
			t = tIgnore
		} else if c.field == "partner" {
			t = tPartner
		}
		m[normName(c.name)] = t
	}
	return m
}

// crsHints are header names that say which reference system their
// values are in, used when no CoordinateReferenceSystem is given.
var crsHints = map[string]crs{
	"easting": crsBNG, "eastings": crsBNG, "northing": crsBNG, "northings": crsBNG,
	"longitude": crsWGS84, "lon": crsWGS84, "long": crsWGS84, "lng": crsWGS84,
	"latitude": crsWGS84, "lat": crsWGS84,
}

// normName folds a header name to lower-case letters and digits, so
// "Post Code", "post_code" and "POSTCODE" are one name. A byte order mark
// or stray quotes left by a careless export vanish with the punctuation.
func normName(s string) string {
	var buf [64]byte
	return string(appendNorm(buf[:0], s))
}

// appendNorm appends normName(s) to b.
func appendNorm(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
				b = append(b, c)
			case c >= 'A' && c <= 'Z':
				b = append(b, c+'a'-'A')
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b = utf8.AppendRune(b, unicode.ToLower(r))
		}
		i += n
	}
	return b
}

// lookupNorm looks s up in m by its normName without allocating, as
// cells read on every row (tenure, holding, reference system) want: the
// name is folded into a buffer on the stack, and Go looks a map up by
// string(bytes) in place.
func lookupNorm[V any](m map[string]V, s string) (V, bool) {
	var buf [64]byte
	v, ok := m[string(appendNorm(buf[:0], s))]
	return v, ok
}

// lookupTarget returns the target a header or mapping name stands for.
func lookupTarget(name string) (target, bool) {
	m := lookupName(normName(name))
	return m.t, m.known()
}
