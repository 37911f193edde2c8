package geojson

import (
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
)

func TestReader(t *testing.T) {
	const file = `{"type": "FeatureCollection", "name": "x",
	"crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::27700"}},
	"features": [
		{"type": "Feature", "geometry": {"type": "Point", "coordinates": [87878, 14962]},
		 "properties": {"asset_code": "B1", "name": "Bryher", "colour": "red"}},
		{"type": "Feature", "geometry": null, "properties": {"asset_code": "B2", "name": "Nowhere"}},
		{"type": "Feature", "geometry": {"type": "Point", "coordinates": [1, 2]}, "properties": {"asset_code": 3}},
		{"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [[[87000, 14000], [88000, 14000], [88000, 15000], [87000, 14000]]]},
		 "properties": {"name": "Field", "postcode": "TR23 0PR"}}
	]}`
	rd, err := NewReader(strings.NewReader(file), "p")
	if err != nil {
		t.Fatal(err)
	}
	var items []*estate.ImportItem
	for it, err := range rd.Items() {
		if err != nil {
			t.Fatal(err)
		}
		items = append(items, it)
	}
	if len(items) != 5 {
		t.Fatalf("%d items", len(items))
	}
	if a := items[0].Asset; a == nil || estate.Distance(a.Location, estate.Point{Lon: -6.352928, Lat: 49.953060}) > 0.5 ||
		!items[0].Fields.Has("name") || items[0].Fields.Has("uprn") || a.Partner != "p" {
		t.Errorf("feature 1: %+v %v", a, items[0].Fields.Names())
	}
	if items[1].Skip != "no geometry" {
		t.Errorf("feature 2: %+v", items[1])
	}
	if items[2].Err == nil || !strings.Contains(estate.ProblemText(items[2].Err), "asset_code") {
		t.Errorf("feature 3: %v", items[2].Err)
	}
	if a := items[3].Asset; a == nil || len(a.Footprint) != 1 || a.AssetCode != "field/tr23-0pr" || !estate.UK.Contains(a.Location) {
		t.Errorf("feature 4: %+v", a)
	}
	if n := items[4]; n.Asset != nil || !strings.Contains(strings.Join(n.Warnings, ""), `"colour"`) {
		t.Errorf("notices: %+v", n)
	}
	for _, bad := range []struct{ file, want string }{
		{`[1, 2]`, "FeatureCollection object"},
		{`{"type": "Feature"}`, `is a "Feature"`},
		{`{"type": "FeatureCollection"}`, "no features"},
		{`{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": null, "properties": {}}`, "cut short"},
		{`{"type": "FeatureCollection", "features": [{"type": "Feature",,}]}`, "not valid JSON"},
	} {
		rd, err := NewReader(strings.NewReader(bad.file), "p")
		if err == nil {
			for _, err = range rd.Items() {
				if err != nil {
					break
				}
			}
		}
		if err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("%s: %v, want %q", bad.file, err, bad.want)
		}
	}
}
