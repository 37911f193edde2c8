package geojson

import (
	"bytes"
	"encoding/json"
	"io"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"
	orbjson "github.com/paulmach/orb/geojson"

	"github.com/placetrust/placetrust/internal/demo"
	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/estate/estatetest"
	"github.com/placetrust/placetrust/internal/geo"
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
		EffectiveDate: "2026-03-31", DisposalStage: estate.StageSold, DisposalStageAt: &set, DisposalTarget: "2026-06-30",
		DisposalNote: "Sold \"as is\"", ReceiptGBP: ptrTo[int64](1_300_000), ReceiptDate: "2026-03-01",
		SurplusValueGBP: ptrTo[int64](1_100_000), Version: 3, CreatedAt: set.Add(-time.Hour), UpdatedAt: set}
}

// referenceFeature is the asset through encoding/json and orb/geojson, the
// way the API encoded features before this package: the meaning the
// encoder must keep.
func referenceFeature(t testing.TB, a *estate.Asset, links []Link) []byte {
	t.Helper()
	g, err := json.Marshal(orbjson.NewGeometry(geo.OrbPoint(a.Location)))
	if err != nil {
		t.Fatal(err)
	}
	p := PropsOf(a)
	if len(a.Footprint) > 0 {
		var fg orb.Geometry = geo.OrbMultiPolygon(a.Footprint)
		if len(a.Footprint) == 1 {
			fg = geo.OrbMultiPolygon(a.Footprint)[0]
		}
		if p.Footprint, err = json.Marshal(orbjson.NewGeometry(fg)); err != nil {
			t.Fatal(err)
		}
	}
	b, err := json.Marshal(struct {
		Type       string          `json:"type"`
		ID         *int64          `json:"id,omitempty"`
		Geometry   json.RawMessage `json:"geometry"`
		Properties *Props          `json:"properties"`
		Links      []Link          `json:"links,omitempty"`
	}{"Feature", &a.ID, g, p, links})
	if err != nil {
		t.Fatal(err)
	}
	return b
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
			links := []Link{{Href: "http://x/a?b=1&c=2", Rel: "self", Type: "application/geo+json"}, {Href: "h", Rel: "r"}}
			want := referenceFeature(t, a, links)
			got := AppendFeature(nil, a, links)
			if !reflect.DeepEqual(decoded(t, got), decoded(t, want)) {
				t.Errorf("streamed\n%s\nencoding/json\n%s", got, want)
			}
		})
	}
}

// TestFeatureHoldsEveryField holds the hand-written encoder and
// Props to estate.Fields: a feature of an asset with every field
// set has every described property, in the description's order, and reads
// back through Props to the same values.
func TestFeatureHoldsEveryField(t *testing.T) {
	want := estatetest.Full()
	b := AppendFeature(nil, want, nil)
	var f struct {
		Geometry   orbjson.Geometry `json:"geometry"`
		Properties json.RawMessage  `json:"properties"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	var names, described []string
	dec := json.NewDecoder(bytes.NewReader(f.Properties))
	dec.Token()
	for dec.More() {
		k, _ := dec.Token()
		names = append(names, k.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range estate.Fields {
		if f.Kind != estate.FieldPoint {
			described = append(described, f.Name)
		}
	}
	if !reflect.DeepEqual(names, described) {
		t.Errorf("properties\n%v\nnot as described\n%v", names, described)
	}
	var p Props
	if err := json.Unmarshal(f.Properties, &p); err != nil {
		t.Fatal(err)
	}
	got := p.Asset()
	got.Location = estate.Point{Lon: f.Geometry.Coordinates.(orb.Point).Lon(), Lat: f.Geometry.Coordinates.(orb.Point).Lat()}
	got.Version = p.Version
	got.CreatedAt, got.UpdatedAt = *p.CreatedAt, *p.UpdatedAt
	fp, err := orbjson.UnmarshalGeometry(p.Footprint)
	if err != nil {
		t.Fatal(err)
	}
	if got.Footprint, err = geo.FromOrb(fp.Geometry()); err != nil {
		t.Fatal(err)
	}
	if d := estatetest.Differing(got, want); len(d) > 0 {
		t.Errorf("lost or changed on the way: %v", d)
	}
}

func TestUnstoredAssetHasNoID(t *testing.T) {
	got := decoded(t, AppendFeature(nil, &estate.Asset{Partner: "p", Location: estate.Point{Lon: 1, Lat: 2}}, nil)).(map[string]any)
	if _, ok := got["id"]; ok {
		t.Errorf("an asset with id 0 was written with an id: %v", got)
	}
}

func TestAppendCoord(t *testing.T) {
	for in, want := range map[float64]string{
		0: "0", -2.2210001: "-2.2210001", 52.19300004: "52.193", 52.19300005: "52.1930001",
		-0.00000004: "0", -0.00000006: "-0.0000001", 180: "180", -179.9999999: "-179.9999999", 1.5: "1.5",
	} {
		if got := string(AppendCoord(nil, in)); got != want {
			t.Errorf("AppendCoord(%v) = %s, want %s", in, got, want)
		}
	}
}

// TestAppendCoordKeepsTheRegistersPrecision checks a coordinate written
// reads back as the register stores it (Normalize rounds to
// estate.CoordScale), so an export imports back unchanged.
func TestAppendCoordKeepsTheRegistersPrecision(t *testing.T) {
	for _, v := range []float64{1 / estate.CoordScale, -1 / estate.CoordScale, 0.00000015, -2.22100015,
		52.123456789, -179.99999996, 0.1 + 0.2} {
		a := estate.Asset{Location: estate.Point{Lon: v, Lat: v}}
		a.Normalize()
		got, err := strconv.ParseFloat(string(AppendCoord(nil, v)), 64)
		if err != nil || got != a.Location.Lon {
			t.Errorf("AppendCoord(%v) reads back as %v (%v), the register keeps %v", v, got, err, a.Location.Lon)
		}
	}
}

func TestRingsWoundPerRFC7946(t *testing.T) {
	cw := estate.Ring{{Lon: 0, Lat: 0}, {Lon: 0, Lat: 1}, {Lon: 1, Lat: 1}, {Lon: 1, Lat: 0}, {Lon: 0, Lat: 0}}
	holeCCW := estate.Ring{{Lon: 0.2, Lat: 0.2}, {Lon: 0.8, Lat: 0.2}, {Lon: 0.8, Lat: 0.8}, {Lon: 0.2, Lat: 0.2}}
	got := string(AppendFootprint(nil, estate.MultiPolygon{{cw, holeCCW}}))
	want := `{"type":"Polygon","coordinates":[` +
		`[[0,0],[1,0],[1,1],[0,1],[0,0]],` + // exterior now counter-clockwise
		`[[0.2,0.2],[0.8,0.8],[0.8,0.2],[0.2,0.2]]]}` // hole now clockwise
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestCollectionHasNoCRSAndCountsLast(t *testing.T) {
	var sb strings.Builder
	w := NewWriter(&sb)
	defer w.Release()
	for _, a := range []*estate.Asset{fullAsset(), fullAsset()} {
		if err := w.Feature(a); err != nil {
			t.Fatal(err)
		}
	}
	err := w.End(Meta{NumberMatched: 10, TimeStamp: time.Date(2026, 1, 2, 3, 4, 5, 6, time.UTC), Links: []Link{{Href: "h", Rel: "self"}}})
	if err != nil {
		t.Fatal(err)
	}
	out := sb.String()
	var fc map[string]any
	if err := json.Unmarshal([]byte(out), &fc); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if _, ok := fc["crs"]; ok || fc["numberReturned"] != 2.0 || fc["numberMatched"] != 10.0 ||
		fc["timeStamp"] != "2026-01-02T03:04:05Z" || len(fc["features"].([]any)) != 2 ||
		strings.Index(out, `"numberReturned"`) < strings.LastIndex(out, `"Feature"`) {
		t.Errorf("collection %s", out)
	}
}

func TestEmptyCollections(t *testing.T) {
	for name, finish := range map[string]func(*Writer) error{
		"end":   func(w *Writer) error { return w.End(Meta{NumberMatched: -1}) },
		"close": func(w *Writer) error { return w.Close() },
	} {
		var buf bytes.Buffer
		w := NewFileWriter(&buf)
		if err := finish(w); err != nil {
			t.Fatal(err)
		}
		w.Release()
		fc := decoded(t, buf.Bytes()).(map[string]any)
		if fs, ok := fc["features"].([]any); !ok || len(fs) != 0 || fc["type"] != "FeatureCollection" {
			t.Errorf("%s: %s", name, buf.Bytes())
		}
	}
}

// BenchmarkFeatureEncoder times the streaming encoder per feature on
// scaled assets, one in four with a footprint, against encoding/json over
// orb/geojson values, the way features were encoded before.
func BenchmarkFeatureEncoder(b *testing.B) {
	assets := demo.Scaled(1000, 1)
	for i, a := range assets {
		a.ID = int64(i + 1)
		a.Version, a.CreatedAt, a.UpdatedAt = 1, time.Now().UTC(), time.Now().UTC()
		if i%4 == 0 {
			p := a.Location
			a.Footprint = estate.MultiPolygon{{{{Lon: p.Lon - 1e-4, Lat: p.Lat - 1e-4}, {Lon: p.Lon - 1e-4, Lat: p.Lat + 1e-4},
				{Lon: p.Lon + 1e-4, Lat: p.Lat + 1e-4}, {Lon: p.Lon + 1e-4, Lat: p.Lat - 1e-4}, {Lon: p.Lon - 1e-4, Lat: p.Lat - 1e-4}}}}
		}
	}
	b.Run("stream", func(b *testing.B) {
		b.ReportAllocs()
		before := mallocs()
		for b.Loop() {
			w := NewWriter(io.Discard)
			for _, a := range assets {
				if err := w.Feature(a); err != nil {
					b.Fatal(err)
				}
			}
			if err := w.End(Meta{NumberMatched: -1}); err != nil {
				b.Fatal(err)
			}
			w.Release()
		}
		perFeature(b, len(assets), mallocs()-before)
	})
	b.Run("encoding-json", func(b *testing.B) {
		b.ReportAllocs()
		before := mallocs()
		for b.Loop() {
			for _, a := range assets {
				if _, err := io.Discard.Write(referenceFeature(b, a, nil)); err != nil {
					b.Fatal(err)
				}
			}
		}
		perFeature(b, len(assets), mallocs()-before)
	})
}

// perFeature reports time and allocations per feature rather than per
// page: the figures the issue asks for.
func perFeature(b *testing.B, n int, allocs uint64) {
	features := float64(b.N * n)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/features, "ns/feature")
	b.ReportMetric(float64(allocs)/features, "allocs/feature")
}

func mallocs() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.Mallocs
}

// TestRealPropertiesKeepAFraction: a whole area is written 85.0, so a
// client that types columns from the numbers it sees makes them real.
func TestRealPropertiesKeepAFraction(t *testing.T) {
	a := fullAsset()
	a.GIAM2, a.LandAreaHa, a.UtilisationPct = ptrTo(750.0), ptrTo(1e22), ptrTo(0.5)
	a.Occupiers = []estate.Occupier{{Partner: "police", AreaM2: ptrTo(120.0)}}
	got := string(AppendFeature(nil, a, nil))
	for _, want := range []string{`"gia_m2":750.0,`, `"land_area_ha":1e+22,`, `"utilisation_pct":0.5,`,
		`"area_m2":120.0}`, `"annual_rent_gbp":25000,`} {
		if !strings.Contains(got, want) {
			t.Errorf("feature lacks %s:\n%s", want, got)
		}
	}
}
