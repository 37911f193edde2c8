package sqlite

import (
	"database/sql"
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
)

// TestScanAssetPackedMatchesScanAsset reads the same rows both ways.
func TestScanAssetPackedMatchesScanAsset(t *testing.T) {
	ctx, db := openWithPartners(t, "county", "police")
	f := func(v float64) *float64 { return &v }
	n := func(v int64) *int64 { return &v }
	full := &estate.Asset{Partner: "county", AssetCode: `A"1\`, UPRN: "000100012345", Name: "Café \"Ōkami\" \\ back",
		StreetNumber: "12a", StreetName: "High St", Town: "Worcester", Postcode: "WR1 2EY",
		Holding: estate.HoldingLandAndBuilding, Use: "Library", Location: estate.Point{Lon: -2.2210001, Lat: 52.193},
		Footprint: estate.MultiPolygon{{{{Lon: -2.221, Lat: 52.193}, {Lon: -2.22, Lat: 52.193},
			{Lon: -2.22, Lat: 52.194}, {Lon: -2.221, Lat: 52.193}}}},
		Tenure: estate.TenureLeasehold, TenureDetail: estate.DetailLeasedIn, LeaseExpiry: "2030-01-31",
		LeaseBreak: "2028-01-31", AnnualRentGBP: n(25000), GIAM2: f(750.123456789012), LandAreaHa: f(0.1 + 0.2),
		UtilisationPct: f(85), Condition: "B", BacklogGBP: n(0), EnergyRating: "C", Listed: estate.ListedIIStar,
		MarketValueGBP: n(1_250_000), BookValueGBP: n(900_000), RunningCostGBPPA: n(40_000),
		Occupiers: []estate.Occupier{{Partner: "police", AreaM2: f(120.25)}}, RAG: estate.RAGAmber,
		RAGRationale: "Line one\nline two", Tags: []string{"hub-candidate", "surplus"}, Notes: "Tab\there",
		Sensitive: true, EffectiveDate: "2026-03-31"}
	bare := &estate.Asset{Partner: "police", AssetCode: "B", Name: "Bare", Location: estate.Point{Lon: -1, Lat: 51.5}}
	s := NewServices(db).Assets
	for _, a := range []*estate.Asset{full, bare} {
		if err := s.CreateAsset(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.SetAssetRAG(ctx, full.ID, full.Version, estate.RAGUpdate{Rating: estate.RAGRed, Rationale: "x"}); err != nil {
		t.Fatal(err)
	}
	for _, id := range []int64{full.ID, bare.ID} {
		want, err := scanAsset(db.reader.QueryRowContext(ctx, `SELECT `+assetColumns+` FROM assets a WHERE a.id = ?`, id))
		if err != nil {
			t.Fatal(err)
		}
		got, err := scanAssetPacked(db.reader.QueryRowContext(ctx, `SELECT `+assetColumnsPacked+` FROM assets a WHERE a.id = ?`, id))
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("asset %d:\npacked %+v\nplain  %+v", id, got, want)
		}
	}
}

// TestParseStringArray holds the fast reading of stored string arrays to
// encoding/json's, escapes included.
func TestParseStringArray(t *testing.T) {
	for _, in := range []string{`["surplus"]`, `["a","hub-candidate"]`, `["R\u0026D"]`, `["a\nb","c"]`,
		`["a\"b"]`, `["a\\","b"]`, `[""]`, `["",""]`, `[]`} {
		var want []string
		if err := json.Unmarshal([]byte(in), &want); err != nil {
			t.Fatal(err)
		}
		got, err := parseStringArray(in)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %q %v, want %q", in, got, err, want)
		}
	}
}

func TestParseStoredTime(t *testing.T) {
	for _, s := range []string{"2026-01-02T03:04:05Z", "2026-01-02T03:04:05.1Z", "2026-12-31T23:59:59.999999999Z",
		"2024-02-29T00:00:00.000001Z"} {
		want, _ := parseTime(s)
		if got, err := parseStoredTime(s); err != nil || !got.Equal(want) || got.Location() != time.UTC {
			t.Errorf("%s: %v %v, want %v", s, got, err, want)
		}
	}
	for _, s := range []string{"2026-02-30T00:00:00Z", "2026-01-02T03:04:05", "2026-01-02 03:04:05Z", "x"} {
		if _, err := parseStoredTime(s); err == nil {
			t.Errorf("%s accepted", s)
		}
	}
}

// packedRow replays one row's columns as assetColumnsPacked selects them.
type packedRow struct {
	id              int64
	lon, lat        float64
	footprint       []byte
	gia, land, util any
	packed          string
}

func (r *packedRow) Scan(dest ...any) error {
	*dest[0].(*int64) = r.id
	*dest[1].(*float64), *dest[2].(*float64) = r.lon, r.lat
	*dest[3].(*[]byte) = r.footprint
	for i, v := range []any{r.gia, r.land, r.util} {
		if err := dest[4+i].(*sql.NullFloat64).Scan(v); err != nil {
			return err
		}
	}
	*dest[7].(*string) = r.packed
	return nil
}

// BenchmarkScanAssetPacked times turning a typical stored row into an
// asset, the part of a page's cost that is placetrust's own.
func BenchmarkScanAssetPacked(b *testing.B) {
	row := &packedRow{id: 123456, lon: -2.2210001, lat: 52.193, gia: 750.5, util: 85.0,
		packed: `[3,0,null,null,1250000,null,40000,"county","S0123456","000100012345","Scale asset 123456","","","Place 1234","","building","Offices","freehold","occupied","","","","","",[],"amber","Scale test rating","bench","2026-01-02T03:04:05.12Z",["surplus"],"","2026-03-31","2026-01-02T03:04:05.12Z","2026-01-02T03:04:05.12Z"]`}
	a, err := scanAssetPacked(row)
	if err != nil {
		b.Fatal(err)
	}
	if a.ID != 123456 || a.Name != "Scale asset 123456" || len(a.Tags) != 1 || a.Tags[0] != "surplus" || *a.MarketValueGBP != 1250000 {
		b.Fatalf("read as %+v", a)
	}
	for b.Loop() {
		if _, err := scanAssetPacked(row); err != nil {
			b.Fatal(err)
		}
	}
}
