package sqlite_test

import (
	"slices"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/sqlite"
)

// TestQUnicode: the asset list's q finds text whatever the case or the
// Unicode normal form (NFC or NFD) of q and of the text as it was sent
// (issue 13, item 10); the asset's text is stored in NFC.
func TestQUnicode(t *testing.T) {
	db := MustOpen(t)
	seedPartners(t, db, "county")
	s := sqlite.AssetsOf(db)
	nfc := newAsset("county", "C1", -2.2, 52.19)
	nfc.Name = "\u00c9glise Saint-\u00c9tienne"
	nfd := newAsset("county", "C2", -2.2, 52.19)
	nfd.Name, nfd.Town = "E\u0301cole", "Evesham"
	street := newAsset("county", "C3", -2.2, 52.19)
	street.StreetName = "Hauptstra\u00dfe"
	for _, a := range []*estate.Asset{nfc, nfd, street} {
		if err := s.CreateAsset(adminCtx(), a); err != nil {
			t.Fatal(err)
		}
	}
	if got, err := s.FindAssetByID(adminCtx(), nfd.ID); err != nil || got.Name != "\u00c9cole" {
		t.Errorf("stored name %q, %v: want NFC", got.Name, err)
	}
	for _, tt := range []struct {
		q    string
		want []int64
	}{
		{"\u00e9glise", []int64{nfc.ID}},        // NFC lower-case
		{"E\u0301GLISE SAINT", []int64{nfc.ID}}, // NFD upper-case
		{"\u00e9cole", []int64{nfd.ID}},         // NFC q, NFD sent
		{"e\u0301COLE", []int64{nfd.ID}},        // NFD q
		{"HAUPTSTRASSE", []int64{street.ID}},    // full folding: ß is ss
		{"\u00c9", []int64{nfc.ID, nfd.ID}},     // one letter, either form
		{"eglise", nil},                         // accents still count
		{"asset c", []int64{street.ID}},         // ASCII as before
		{"cole", []int64{nfd.ID}},
		{"%", nil},
	} {
		got, err := s.FindAssets(adminCtx(), estate.AssetFilter{Selection: estate.Selection{Q: tt.q}})
		if err != nil {
			t.Fatalf("q %q: %v", tt.q, err)
		}
		var ids []int64
		for _, a := range got {
			ids = append(ids, a.ID)
		}
		if !slices.Equal(ids, tt.want) {
			t.Errorf("q %q found %v, want %v", tt.q, ids, tt.want)
		}
		if n, err := s.CountAssets(adminCtx(), estate.AssetFilter{Selection: estate.Selection{Q: tt.q}}); err != nil || n != len(tt.want) {
			t.Errorf("q %q counted %d, %v", tt.q, n, err)
		}
	}
}
