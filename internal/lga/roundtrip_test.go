package lga_test

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/lga"
	"github.com/placetrust/placetrust/internal/sqlite"
)

func ptr[T any](v T) *T { return &v }

// everyField is an asset with every field set, in the awkward ways people
// set them: a name a spreadsheet would run as a formula, notes with line
// breaks and spaces, a footprint, occupiers, tags and a rating
// (TestCSVRoundTripText tries every kind of awkward text in every field).
func everyField() *estate.Asset {
	at := time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)
	return &estate.Asset{Partner: "county", AssetCode: "=HYPERLINK(\"x\")", UPRN: "000100", Name: "-Hall, \"The\"",
		StreetNumber: "1a", StreetName: "High St", Town: "Worcester", Postcode: "WR1 2EY",
		Holding: estate.HoldingLandAndBuilding, Use: "@Library", Location: estate.Point{Lon: -2.123456789012345, Lat: 52.19876543210987},
		Footprint: estate.MultiPolygon{{{{Lon: -2.1235, Lat: 52.1987}, {Lon: -2.1233, Lat: 52.1987}, {Lon: -2.1233, Lat: 52.1989}, {Lon: -2.1235, Lat: 52.1987}}}},
		Tenure:    estate.TenureLeasehold, TenureDetail: estate.DetailGroundLease, LeaseExpiry: "2040-01-31", LeaseBreak: "2030-06-30",
		AnnualRentGBP: ptr[int64](12000), GIAM2: ptr(1234.5), LandAreaHa: ptr(0.537), UtilisationPct: ptr(62.5),
		Condition: "B", BacklogGBP: ptr[int64](50000), EnergyRating: "C", Listed: estate.ListedIIStar,
		MarketValueGBP: ptr[int64](2_500_000), BookValueGBP: ptr[int64](1_900_000), RunningCostGBPPA: ptr[int64](80_000),
		Occupiers: []estate.Occupier{{Partner: "police", AreaM2: ptr(120.25)}, {Partner: "nhs"}},
		RAG:       estate.RAGAmber, RAGRationale: "Shared use possible,\nsee the 2026 review ", RAGSetBy: "someone (county)", RAGSetAt: &at,
		Tags: []string{"hub-candidate", "surplus"}, Notes: "  Line one\nLine two\n", Sensitive: true, EffectiveDate: "2025-04-01"}
}

// TestRoundTrips exports the register as CSV and as GeoJSON and imports
// each back: every asset is unchanged, and nothing is written.
func TestRoundTrips(t *testing.T) {
	db := mustOpen(t)
	for id, kind := range map[string]estate.PartnerKind{"county": estate.KindCountyCouncil, "police": estate.KindPolice,
		"nhs": estate.KindNHS, "trafford": estate.KindUnitaryCouncil, "fire": estate.KindFire} {
		seedPartner(t, db, id, kind)
	}
	s := sqlite.NewAssetService(db)
	if err := s.CreateAssets(adminCtx(), []*estate.Asset{everyField(), {Partner: "county", AssetCode: "BARE", Name: "Bare",
		Location: estate.Point{Lon: -2, Lat: 52}}}, estate.ActionCreate); err != nil {
		t.Fatal(err)
	}
	if _, err := importFile(t, db, "trafford", trafford, "", estate.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := importFile(t, db, "fire", fireStations, lga.Presets["home-office-fire-stations"], estate.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, partner := range []string{"county", "trafford", "fire"} {
		f := estate.AssetFilter{Partners: []string{partner}}
		var csvOut, geoOut bytes.Buffer
		n, err := lga.WriteCSV(&csvOut, lga.AllAssets(adminCtx(), s, f), nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := lga.WriteGeoJSON(&geoOut, lga.AllAssets(adminCtx(), s, f)); err != nil {
			t.Fatal(err)
		}
		before := counts(t, db)
		rep, err := importCSV(t, db, partner, &csvOut, "", estate.ImportOptions{})
		if err != nil || rep.Unchanged != n || rep.Total != n || rep.Warnings != 0 || len(rep.Notices) != 0 {
			t.Errorf("%s csv: %v %+v", partner, err, summary(rep))
		}
		rd, err := lga.NewGeoJSONReader(&geoOut, partner)
		if err != nil {
			t.Fatal(err)
		}
		rep, err = imports(db).ImportAssets(adminCtx(), partner, rd.Items(), estate.ImportOptions{})
		if err != nil || rep.Unchanged != n || rep.Total != n || rep.Warnings != 0 || len(rep.Notices) != 0 {
			t.Errorf("%s geojson: %v %+v", partner, err, summary(rep))
		}
		if after := counts(t, db); !reflect.DeepEqual(before, after) {
			t.Errorf("%s: a round trip changed the tables: %v -> %v", partner, before, after)
		}
	}

	// Into an empty register, the export makes the same assets.
	var csvOut bytes.Buffer
	if _, err := lga.WriteCSV(&csvOut, lga.AllAssets(adminCtx(), s, estate.AssetFilter{Partners: []string{"county"}}), nil); err != nil {
		t.Fatal(err)
	}
	fresh := mustOpen(t)
	for _, id := range []string{"county", "police", "nhs"} {
		seedPartner(t, fresh, id, estate.KindOther)
	}
	if _, err := importCSV(t, fresh, "county", &csvOut, "", estate.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	want := allAssets(t, db, "county")
	for code, got := range allAssets(t, fresh, "county") {
		if d := estate.Diff(want[code], got); len(d) != 0 {
			t.Errorf("%s differs after a round trip into a new register: %+v", code, d)
		}
	}
	if csv := csvOut.String(); strings.Contains(csv, ",=HYPERLINK") {
		t.Error("a formula was written unguarded")
	}
}

func summary(rep *estate.ImportReport) any {
	if rep == nil {
		return nil
	}
	var bad []estate.ImportRow
	for _, r := range rep.Rows {
		if r.Outcome != estate.OutcomeUnchanged || len(r.Warnings) > 0 {
			bad = append(bad, r)
		}
	}
	return struct {
		Total, Unchanged, Warnings int
		Notices                    []string
		Rows                       []estate.ImportRow
	}{rep.Total, rep.Unchanged, rep.Warnings, rep.Notices, bad[:min(len(bad), 5)]}
}
