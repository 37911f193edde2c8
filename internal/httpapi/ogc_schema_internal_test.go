package httpapi

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestAssetSchemaGolden holds the OGC JSON Schema byte for byte: GIS
// clients make their columns from it, in its order.
func TestAssetSchemaGolden(t *testing.T) {
	got, err := assetSchema("https://example.org/ogc/collections/assets/schema")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", "asset_schema.json")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("the schema differs from its golden file:\n%s", got)
	}
}
