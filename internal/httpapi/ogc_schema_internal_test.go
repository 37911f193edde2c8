package httpapi

import (
	"testing"

	"github.com/placetrust/placetrust/internal/golden"
)

// TestAssetSchemaGolden holds the OGC JSON Schema byte for byte: GIS
// clients make their columns from it, in its order.
func TestAssetSchemaGolden(t *testing.T) {
	got, err := assetSchema("https://example.org/ogc/collections/assets/schema")
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "asset_schema.json", got)
}
