package httpapi

import (
	"bufio"
	"encoding/json"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/demo"
	"github.com/placetrust/placetrust/internal/estate"
)

func ptrTo[T any](v T) *T { return &v }

// fullAsset sets every field, with text that needs escaping.
func fullAsset() *estate.Asset {
	set := time.Date(2026, 3, 1, 10, 30, 0, 123456000, time.UTC)
	return &estate.Asset{ID: 42, Partner: "county", AssetCode: "A<1>&\"q\"", UPRN: "000100012345",
		Name: "Café \u2028 \x01 tab\there\nline \xff", StreetNumber: "12a", StreetName: "High St",
		Town: "Worcester", Postcode: "WR1 2EY", Holding: estate.HoldingLandAndBuilding, Use: "Library",
		Location: estate.Point{Lon: -2.2210001, Lat: 52.193},
		Footprint: estate.MultiPolygon{{
			{{Lon: -2.221, Lat: 52.193}, {Lon: -2.22, Lat: 52.193}, {Lon: -2.22, Lat: 52.194}, {Lon: -2.221, Lat: 52.193}},
		}},
		Tenure: estate.TenureLeasehold, TenureDetail: estate.DetailLeasedIn, LeaseExpiry: "2030-01-31",
		LeaseBreak: "2028-01-31", AnnualRentGBP: ptrTo[int64](25000), GIAM2: ptrTo(750.5),
		LandAreaHa: ptrTo(0.0000001), UtilisationPct: ptrTo(85.0), Condition: "B", BacklogGBP: ptrTo[int64](0),
		EnergyRating: "C", Listed: estate.ListedIIStar, MarketValueGBP: ptrTo[int64](1_250_000),
		BookValueGBP: ptrTo[int64](900_000), RunningCostGBPPA: ptrTo[int64](40_000),
		Occupiers: []estate.Occupier{{Partner: "police", AreaM2: ptrTo(120.25)}, {Partner: "nhs"}},
		RAG:       estate.RAGAmber, RAGRationale: "Could share", RAGSetBy: "ann (county)", RAGSetAt: &set,
		Tags: []string{"hub-candidate", "surplus"}, Notes: "Notes", Sensitive: true,
		EffectiveDate: "2026-03-31", Version: 3, CreatedAt: set.Add(-time.Hour), UpdatedAt: set}
}

// decoded turns JSON into generic values, for comparing meaning, not bytes.
func decoded(t *testing.T, b []byte) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("invalid JSON %v: %s", err, b)
	}
	return v
}

func TestAppendFeatureMatchesEncodingJSON(t *testing.T) {
	full := fullAsset()
	bare := &estate.Asset{ID: 7, Partner: "p", AssetCode: "c", Name: "n", Location: estate.Point{Lon: 1, Lat: -1}}
	multi := fullAsset()
	multi.Footprint = append(multi.Footprint, multi.Footprint[0])
	for name, a := range map[string]*estate.Asset{"full": full, "bare": bare, "multi": multi} {
		t.Run(name, func(t *testing.T) {
			f, err := toFeature(a)
			if err != nil {
				t.Fatal(err)
			}
			f.Links = []link{{Href: "http://x/a?b=1&c=2", Rel: "self", Type: geoJSONType}, {Href: "h", Rel: "r"}}
			want, err := json.Marshal(f)
			if err != nil {
				t.Fatal(err)
			}
			got := appendFeature(nil, a, f.Links)
			if !reflect.DeepEqual(decoded(t, got), decoded(t, want)) {
				t.Errorf("streamed\n%s\nencoding/json\n%s", got, want)
			}
		})
	}
}

func TestAppendCoord(t *testing.T) {
	for in, want := range map[float64]string{
		0: "0", -2.2210001: "-2.2210001", 52.19300004: "52.193", 52.19300005: "52.1930001",
		-0.00000004: "0", -0.00000006: "-0.0000001", 180: "180", -179.9999999: "-179.9999999", 1.5: "1.5",
	} {
		if got := string(appendCoord(nil, in)); got != want {
			t.Errorf("appendCoord(%v) = %s, want %s", in, got, want)
		}
	}
}

func TestRingsWoundPerRFC7946(t *testing.T) {
	cw := estate.Ring{{Lon: 0, Lat: 0}, {Lon: 0, Lat: 1}, {Lon: 1, Lat: 1}, {Lon: 1, Lat: 0}, {Lon: 0, Lat: 0}}
	holeCCW := estate.Ring{{Lon: 0.2, Lat: 0.2}, {Lon: 0.8, Lat: 0.2}, {Lon: 0.8, Lat: 0.8}, {Lon: 0.2, Lat: 0.2}}
	got := string(appendFootprint(nil, estate.MultiPolygon{{cw, holeCCW}}))
	want := `{"type":"Polygon","coordinates":[` +
		`[[0,0],[1,0],[1,1],[0,1],[0,0]],` + // exterior now counter-clockwise
		`[[0.2,0.2],[0.8,0.8],[0.8,0.2],[0.2,0.2]]]}` // hole now clockwise
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestFeatureCollectionHasNoCRSAndCountsLast(t *testing.T) {
	var sb strings.Builder
	eb := &encodeBuffers{w: bufio.NewWriter(&sb)}
	err := encodeFeatureCollection(eb, []*estate.Asset{fullAsset(), fullAsset()},
		collectionMeta{numberMatched: 10, timeStamp: time.Date(2026, 1, 2, 3, 4, 5, 6, time.UTC), links: []link{{Href: "h", Rel: "self"}}})
	if err != nil || eb.w.Flush() != nil {
		t.Fatal(err)
	}
	var fc map[string]any
	if err := json.Unmarshal([]byte(sb.String()), &fc); err != nil {
		t.Fatalf("%v: %s", err, sb.String())
	}
	if _, ok := fc["crs"]; ok || fc["numberReturned"] != 2.0 || fc["numberMatched"] != 10.0 ||
		fc["timeStamp"] != "2026-01-02T03:04:05Z" || len(fc["features"].([]any)) != 2 {
		t.Errorf("collection %v", fc)
	}
}

// BenchmarkFeatureEncoder times the streaming encoder on scaled assets, per
// feature, against encoding/json over the assetFeature struct it replaced.
func BenchmarkFeatureEncoder(b *testing.B) {
	assets := demo.Scaled(1000, 1)
	for i, a := range assets {
		a.ID = int64(i + 1)
		a.Version, a.CreatedAt, a.UpdatedAt = 1, time.Now().UTC(), time.Now().UTC()
	}
	b.Run("stream", func(b *testing.B) {
		eb := &encodeBuffers{w: bufio.NewWriterSize(io.Discard, 64<<10)}
		b.ReportAllocs()
		for b.Loop() {
			if err := encodeFeatureCollection(eb, assets, collectionMeta{numberMatched: -1}); err != nil {
				b.Fatal(err)
			}
		}
		perFeature(b, len(assets))
	})
	b.Run("encoding-json", func(b *testing.B) {
		w := bufio.NewWriterSize(io.Discard, 64<<10)
		enc := json.NewEncoder(w)
		b.ReportAllocs()
		for b.Loop() {
			for _, a := range assets {
				f, err := toFeature(a)
				if err != nil {
					b.Fatal(err)
				}
				if err := enc.Encode(f); err != nil {
					b.Fatal(err)
				}
			}
		}
		perFeature(b, len(assets))
	})
}

// perFeature reports time and allocations per feature rather than per
// page, the figures the issue asks for.
func perFeature(b *testing.B, n int) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/feature")
}
