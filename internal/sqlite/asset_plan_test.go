package sqlite

import (
	"fmt"
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/service"
)

// TestUnindexedBBox checks the R*Tree condition is found in assetWhere's
// output and removed with exactly its four arguments, whatever filters
// come before and after it.
func TestUnindexedBBox(t *testing.T) {
	f := estate.AssetFilter{Selection: estate.Selection{Partners: []string{"a", "b"}, Q: "x",
		BBox: &estate.BBox{MinLon: 1, MinLat: 2, MaxLon: 3, MaxLat: 4}, Near: &estate.Point{Lon: 1.5, Lat: 2.5}, WithinM: 100},
		Page: estate.Page{After: 7}}
	where, args := assetWhere(f, service.Scope{}, true)
	got, gotArgs := unindexedBBox(where, args, f)
	if strings.Count(got, "assets_rtree") != 1 || len(gotArgs) != len(args)-4 || strings.Count(got, "?") != len(gotArgs) {
		t.Fatalf("where %s\nargs %v", got, gotArgs)
	}
	// The partners and the LIKE argument come first; the exact bounds
	// follow the removed R*Tree arguments.
	if fmt.Sprint(gotArgs[:5]) != "[a b %x% 1 3]" {
		t.Errorf("args %v", gotArgs)
	}
	if w, a := unindexedBBox(where, args, estate.AssetFilter{}); w != where || len(a) != len(args) {
		t.Error("changed a filter without bbox")
	}
}
