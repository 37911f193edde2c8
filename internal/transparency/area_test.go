package transparency_test

import (
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/geojson"
	"github.com/placetrust/placetrust/internal/service"
	"github.com/placetrust/placetrust/internal/transparency"
)

// TestImportPlaceIsTheServiceArea: where an imported row may be is the
// register's service area alone, not a box of the reader's own: a row in
// Paris is that row's error naming geometry.coordinates under the default
// area, and lands in a register whose area is the world. A GeoJSON
// feature is held to the same rule.
func TestImportPlaceIsTheServiceArea(t *testing.T) {
	const csv = "AssetCode,PropertyName,CoordinateReferenceSystem,GeoX,GeoY\n" +
		"P1,Paris office,WGS84,2.35,48.85\nW1,Worcester office,WGS84,-2.22,52.19\n"
	const geojsonFile = `{"type":"FeatureCollection","features":[{"type":"Feature",
		"geometry":{"type":"Point","coordinates":[2.35,48.85]},"properties":{"asset_code":"P1","name":"Paris office"}}]}`
	for _, c := range []struct {
		format string
		area   estate.ServiceArea
		wantIn bool
	}{{"csv", estate.GreatBritain, false}, {"csv", estate.World, true}, {"geojson", estate.GreatBritain, false}, {"geojson", estate.World, true}} {
		db := mustOpen(t)
		seedPartner(t, db, "county", estate.KindCountyCouncil)
		var items = transparency.Options{Partner: "county"}
		var rep *estate.ImportReport
		var err error
		s := service.NewImports(db, service.ImportOptions{Area: &c.area})
		if c.format == "csv" {
			rd, rerr := transparency.NewReader(strings.NewReader(csv), items)
			if rerr != nil {
				t.Fatal(rerr)
			}
			rep, err = s.ImportAssets(adminCtx(), "county", rd.Items(), estate.ImportOptions{})
		} else {
			rd, rerr := geojson.NewReader(strings.NewReader(geojsonFile), "county")
			if rerr != nil {
				t.Fatal(rerr)
			}
			rep, err = s.ImportAssets(adminCtx(), "county", rd.Items(), estate.ImportOptions{})
		}
		if c.wantIn {
			if err != nil || !rep.Committed {
				t.Errorf("%s into the world: %v %+v", c.format, err, rep)
			}
			continue
		}
		if err == nil || rep == nil || rep.Committed || rep.Errors != 1 || !strings.Contains(rep.Rows[0].Reason, "geometry.coordinates") ||
			!strings.Contains(rep.Rows[0].Reason, "service area") {
			t.Errorf("%s into Great Britain: %v %+v", c.format, err, rep)
		}
	}
}
