package geojson

import (
	"bytes"
	"encoding/json"
	"iter"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/placetrust/placetrust"
	"github.com/placetrust/placetrust/internal/estate"
)

// TestPropertyNamesMatchTheAPI holds GeoJSON exports to the API's
// AssetProperties schema, so files and API pages read alike.
func TestPropertyNamesMatchTheAPI(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromData(placetrust.OpenAPI)
	if err != nil {
		t.Fatal(err)
	}
	schema := doc.Components.Schemas["AssetProperties"]
	if schema == nil {
		t.Fatal("openapi.yaml has no AssetProperties schema")
	}
	var want []string
	for name := range schema.Value.Properties {
		want = append(want, name)
	}
	sort.Strings(want)

	a := fullAsset()
	a.ID, a.Version = 7, 3
	a.CreatedAt, a.UpdatedAt = *a.RAGSetAt, *a.RAGSetAt
	var out bytes.Buffer
	if _, err := Write(&out, slice([]*estate.Asset{a})); err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Type     string
		Features []struct {
			Type       string
			ID         int64
			Geometry   struct{ Type string }
			Properties map[string]any
		}
	}
	if err := json.Unmarshal(out.Bytes(), &fc); err != nil {
		t.Fatal(err)
	}
	f := fc.Features[0]
	var got []string
	for name := range f.Properties {
		got = append(got, name)
	}
	sort.Strings(got)
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("properties\n got %v\nwant %v", got, want)
	}
	if fc.Type != "FeatureCollection" || f.Type != "Feature" || f.ID != 7 || f.Geometry.Type != "Point" {
		t.Errorf("feature collection %+v", fc)
	}
}

// slice yields the assets of a slice, as an export of assets in memory.
func slice(assets []*estate.Asset) iter.Seq2[*estate.Asset, error] {
	return func(yield func(*estate.Asset, error) bool) {
		for _, a := range assets {
			if !yield(a, nil) {
				return
			}
		}
	}
}
