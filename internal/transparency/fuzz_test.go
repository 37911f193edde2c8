package transparency_test

import (
	"bytes"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/geojson"
	"github.com/placetrust/placetrust/internal/transparency"
)

// FuzzReader feeds the CSV reader arbitrary files and mappings: it must
// never panic, and whatever it yields must be one of a row's outcomes,
// with any asset placed inside the United Kingdom. Seeds are in
// testdata/fuzz/FuzzReader; run with go test -fuzz=FuzzReader.
func FuzzReader(f *testing.F) {
	f.Add([]byte("AssetCode,PropertyName,GeoX,GeoY\nA,B,-2,52\n"), "")
	f.Fuzz(func(t *testing.T, data []byte, mapping string) {
		m, err := transparency.ParseMapping(mapping)
		if err != nil {
			m = nil
		}
		rd, err := transparency.NewReader(bytes.NewReader(data), transparency.Options{Partner: "p", Mapping: m, MaxRecordBytes: 1 << 16})
		if err != nil {
			return
		}
		for it, err := range rd.Items() {
			if err != nil {
				return
			}
			checkItem(t, it)
		}
	})
}

// FuzzGeoJSONReader does the same for GeoJSON.
func FuzzGeoJSONReader(f *testing.F) {
	f.Add([]byte(`{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[-2,52]},"properties":{"asset_code":"A","name":"B"}}]}`))
	f.Add([]byte(`{"type":"FeatureCollection","crs":{"properties":{"name":"EPSG:27700"}},"features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[1,2],[3,4],[5,6],[1,2]]]},"properties":{}}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		rd, err := geojson.NewReader(bytes.NewReader(data), "p")
		if err != nil {
			return
		}
		for it, err := range rd.Items() {
			if err != nil {
				return
			}
			if it.Row > 0 {
				checkItem(t, it)
			}
		}
	})
}

func checkItem(t *testing.T, it *estate.ImportItem) {
	set := 0
	for _, ok := range []bool{it.Asset != nil, it.Skip != "", it.Err != nil} {
		if ok {
			set++
		}
	}
	if set > 1 || (set == 0 && it.Row > 1) {
		t.Fatalf("row %d: asset %v, skip %q, err %v", it.Row, it.Asset != nil, it.Skip, it.Err)
	}
	// Every warning of a row has its kind, so reports group it.
	if set == 1 && len(it.WarningKinds) != len(it.Warnings) {
		t.Fatalf("row %d: warnings %q, kinds %q", it.Row, it.Warnings, it.WarningKinds)
	}
	if it.Err != nil && estate.ErrorCode(it.Err) != estate.EINVALID {
		t.Fatalf("row %d: error %v is not EINVALID", it.Row, it.Err)
	}
	if a := it.Asset; a != nil && (!estate.UK.Contains(a.Location) || estate.LooksSwapped(a.Location)) {
		t.Fatalf("row %d: asset at %v", it.Row, a.Location)
	}
}
