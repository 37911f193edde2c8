package postgres

import (
	"math"
	"reflect"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/estate/estatetest"
)

// The spool keeps every field exactly: floats bit for bit, times to the
// nanosecond, and an asset with every field blank as blank; two assets
// back to back read back in turn, and a cut one is an error.
func TestImportCodecRoundTrip(t *testing.T) {
	db := &DB{}
	full := estatetest.Full()
	full.ID = 1 << 40
	full.Location = estate.Point{Lon: -2.2 + 1.0/3, Lat: math.Nextafter(52.1, 53)}
	tiny := math.SmallestNonzeroFloat64
	full.GIAM2 = &tiny
	at := time.Date(2026, 3, 4, 5, 6, 7, 123456789, time.UTC)
	full.RAGSetAt = &at
	blank := &estate.Asset{Partner: "county", AssetCode: "B"}

	var b []byte
	for _, a := range []*estate.Asset{full, blank} {
		var err error
		if b, err = db.AppendImportAsset(b, a); err != nil {
			t.Fatal(err)
		}
	}
	rest := b
	for _, want := range []*estate.Asset{full, blank} {
		got, r, err := db.ReadImportAsset(rest)
		if err != nil {
			t.Fatal(err)
		}
		rest = r
		if d := estatetest.Differing(got, want); len(d) > 0 {
			t.Errorf("%s differs: %v", want.AssetCode, d)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: got %+v, want %+v", want.AssetCode, got, want)
		}
	}
	if len(rest) != 0 {
		t.Errorf("%d bytes left", len(rest))
	}
	one, _ := db.AppendImportAsset(nil, full)
	for n := range len(one) {
		if _, _, err := db.ReadImportAsset(one[:n]); err == nil {
			t.Fatalf("an asset cut to %d of %d bytes read without error", n, len(one))
		}
	}
}
