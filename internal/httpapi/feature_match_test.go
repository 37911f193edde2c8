package httpapi

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/geojson"
)

// TestToFeatureMatchesStream holds toFeature, the Feature a PATCH is
// merged into, to the streaming encoder every read uses: a client's patch
// of what it read must meet the same members and values.
func TestToFeatureMatchesStream(t *testing.T) {
	set := time.Date(2026, 3, 1, 10, 30, 0, 123456000, time.UTC)
	n := func(v int64) *int64 { return &v }
	f := func(v float64) *float64 { return &v }
	full := &estate.Asset{ID: 42, Partner: "county", AssetCode: `A<1>&"q"`, UPRN: "000100012345",
		Name: "Café \u2028 tab\there", StreetNumber: "12a", StreetName: "High St", Town: "Worcester",
		Postcode: "WR1 2EY", Holding: estate.HoldingLandAndBuilding, Use: "Library",
		Location: estate.Point{Lon: -2.2210001, Lat: 52.193},
		// Counter-clockwise and at 7 decimals, as stored: neither side
		// has anything to put right.
		Footprint: estate.MultiPolygon{{{{Lon: -2.221, Lat: 52.193}, {Lon: -2.22, Lat: 52.193},
			{Lon: -2.22, Lat: 52.194}, {Lon: -2.221, Lat: 52.193}}}},
		Tenure: estate.TenureLeasehold, TenureDetail: estate.DetailLeasedIn, LeaseExpiry: "2030-01-31",
		LeaseBreak: "2028-01-31", AnnualRentGBP: n(25000), GIAM2: f(750.5), LandAreaHa: f(0.25),
		UtilisationPct: f(85), Condition: "B", BacklogGBP: n(0), EnergyRating: "C", Listed: estate.ListedIIStar,
		MarketValueGBP: n(1_250_000), BookValueGBP: n(900_000), RunningCostGBPPA: n(40_000),
		Occupiers: []estate.Occupier{{Partner: "police", AreaM2: f(120.25)}, {Partner: "nhs"}},
		RAG:       estate.RAGAmber, RAGRationale: "Could share", RAGSetBy: "ann (county)", RAGSetAt: &set,
		Tags: []string{"hub-candidate", "surplus"}, Notes: "Notes", Sensitive: true,
		EffectiveDate: "2026-03-31", Version: 3, CreatedAt: set.Add(-time.Hour), UpdatedAt: set}
	bare := &estate.Asset{ID: 7, Partner: "p", AssetCode: "c", Name: "n", Location: estate.Point{Lon: 1, Lat: -1}}
	for name, a := range map[string]*estate.Asset{"full": full, "bare": bare} {
		t.Run(name, func(t *testing.T) {
			feat, err := toFeature(a)
			if err != nil {
				t.Fatal(err)
			}
			ref, err := json.Marshal(feat)
			if err != nil {
				t.Fatal(err)
			}
			var want, got any
			if err := json.Unmarshal(ref, &want); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(geojson.AppendFeature(nil, a, nil), &got); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("streamed\n %v\ntoFeature\n %v", got, want)
			}
		})
	}
}
