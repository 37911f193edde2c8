package lga

import (
	"strings"
	"unicode"
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

// headerTargets maps normalised header names to targets: the Transparency
// Code names, our export's names, and synonyms seen in published files.
var headerTargets = map[string]target{
	// Transparency Code columns.
	"organisationlabel": tIgnore, "organisationuri": tIgnore, "organisation": tIgnore,
	"effectivedate": "effective_date",
	"uprn":          "uprn", "uniquepropertyreferencenumber": "uprn",
	"assetcode": "asset_code", "assetreference": "asset_code", "assetref": "asset_code",
	"assetid": "asset_code", "propertyreference": "asset_code", "propertyref": "asset_code",
	"propertyname": "name", "assetname": "name", "sitename": "name", "name": "name",
	"streetnumber": "street_number", "buildingnumber": "street_number", "housenumber": "street_number",
	"streetname": "street_name", "street": "street_name", "address": "street_name",
	"posttown": "town", "town": "town", "city": "town",
	"postcode":                  "postcode",
	"coordinatereferencesystem": tCRS, "crs": tCRS, "coordinatesystem": tCRS, "srs": tCRS,
	"geox": tX, "x": tX, "easting": tX, "eastings": tX, "longitude": tX, "lon": tX, "long": tX, "lng": tX,
	"geoy": tY, "y": tY, "northing": tY, "northings": tY, "latitude": tY, "lat": tY,
	"tenuretype": "tenure", "tenure": "tenure",
	"tenuredetail":         "tenure_detail",
	"otherdetail":          tOtherDetail,
	"fireandrescueservice": tService,
	"holdingtype":          "holding", "holding": "holding",
	"buildingsize": "gia_m2", "gia": "gia_m2", "giam2": "gia_m2", "grossinternalarea": "gia_m2",
	"landarea": "land_area_ha", "landareaha": "land_area_ha", "sitearea": "land_area_ha",
	"energyrating": "energy_rating", "epc": "energy_rating", "epcrating": "energy_rating",

	// The register's own columns, as WriteCSV names them.
	"partner": tPartner, "use": "use", "footprint": "footprint",
	"leaseexpiry": "lease_expiry", "leasebreak": "lease_break",
	"annualrentgbp": "annual_rent_gbp", "utilisationpct": "utilisation_pct",
	"condition": "condition", "backloggbp": "backlog_gbp", "listed": "listed",
	"marketvaluegbp": "market_value_gbp", "bookvaluegbp": "book_value_gbp",
	"runningcostgbppa": "running_cost_gbp_pa", "occupiers": "occupiers",
	"rag": "rag", "ragrationale": "rag_rationale", "ragsetby": "rag_set_by", "ragsetat": "rag_set_at",
	"tags": "tags", "notes": "notes", "sensitive": "sensitive",
	// Set by the server: exported for reference, never imported.
	"id": tIgnore, "version": tIgnore, "createdat": tIgnore, "updatedat": tIgnore,
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
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r < unicode.MaxASCII && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9'):
			b.WriteRune(r)
		case r >= 'A' && r <= 'Z':
			b.WriteRune(r + 'a' - 'A')
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// lookupTarget returns the target a header or mapping name stands for.
func lookupTarget(name string) (target, bool) {
	t, ok := headerTargets[normName(name)]
	return t, ok
}
