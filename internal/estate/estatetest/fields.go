// Package estatetest helps tests hold hand-written fast paths (codecs,
// encoders, stored layouts) to estate.Fields, the one description of an
// asset's fields: Full sets every described field, and Differing names
// the fields a round trip lost or changed. A field added to the
// description but not to a fast path then fails that path's test.
package estatetest

import (
	"fmt"
	"reflect"
	"slices"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
)

// Full returns an asset with every described field set to a value no
// other field holds, valid as a new asset of partner "county" with
// occupier "police", so it can be stored as well as encoded. Its ID is 0.
func Full() *estate.Asset {
	a := &estate.Asset{}
	for i := range estate.Fields {
		set(&estate.Fields[i], a)
	}
	return a
}

// set gives f in a its value in Full: text named after the field (with a
// quote, a backslash and an accent, for codecs to escape), enums and
// dates chosen by the field's position, figures its position and a bit.
func set(f *estate.Field, a *estate.Asset) {
	n := f.ID
	switch f.Kind {
	case estate.FieldText:
		f.SetText(a, textValue(f))
	case estate.FieldWhole:
		v := int64(1000 + n)
		*f.Whole(a) = &v
	case estate.FieldReal:
		v := float64(n) + 0.25
		*f.Real(a) = &v
	case estate.FieldFlag:
		*f.Flag(a) = true
	case estate.FieldInstant:
		t := time.Date(2026, 1, 2, 3, 4, 5, n*1000, time.UTC)
		*f.Instant(a) = &t
	case estate.FieldVersion:
		*f.Count(a) = int64(n)
	case estate.FieldStamp:
		*f.Stamp(a) = time.Date(2025, 6, 7, 8, 9, 10, n*1000, time.UTC)
	case estate.FieldPoint:
		a.Location = estate.Point{Lon: -2.221, Lat: 52.193}
	case estate.FieldShape:
		a.Footprint = estate.MultiPolygon{{{{Lon: -2.2211, Lat: 52.1929}, {Lon: -2.2209, Lat: 52.1929},
			{Lon: -2.2209, Lat: 52.1931}, {Lon: -2.2211, Lat: 52.1931}, {Lon: -2.2211, Lat: 52.1929}}}}
	case estate.FieldOccupiers:
		area := 1.5
		a.Occupiers = []estate.Occupier{{Partner: "police", AreaM2: &area}}
	case estate.FieldTags:
		a.Tags = []string{"hub-candidate", "surplus"}
	default:
		panic(fmt.Sprintf("estatetest: field %s of kind %d has no value", f.Name, f.Kind))
	}
}

// textValues are the values of text fields whose form the domain fixes.
// A sold asset carries a receipt, dated in the past.
var textValues = map[string]string{"partner": "county", "uprn": "100012345678", "postcode": "WR1 2EY",
	"disposal_stage": "sold", "receipt_date": "2025-03-31"}

func textValue(f *estate.Field) string {
	n := f.ID
	switch {
	case textValues[f.Name] != "":
		return textValues[f.Name]
	case len(f.Enum) > 0:
		return f.Enum[(n+1)%len(f.Enum)]
	case f.Date:
		// Later fields take earlier years: a lease breaks before it expires.
		return fmt.Sprintf("%d-%02d-%02d", 2100-n, 1+n%12, 1+n%28)
	}
	return f.Name + ` "é" \`
}

// Differing names the described fields whose values differ between got
// and want, as estate.Field.Value reads them; skip leaves some out (such
// as those a format does not carry).
func Differing(got, want *estate.Asset, skip ...string) []string {
	var out []string
	for i := range estate.Fields {
		f := &estate.Fields[i]
		if !slices.Contains(skip, f.Name) && !reflect.DeepEqual(f.Value(got), f.Value(want)) {
			out = append(out, fmt.Sprintf("%s: got %v, want %v", f.Name, f.Value(got), f.Value(want)))
		}
	}
	return out
}
