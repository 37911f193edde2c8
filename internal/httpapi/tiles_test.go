package httpapi_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/mvt"
	"github.com/paulmach/orb/maptile"

	"github.com/placetrust/placetrust/internal/httpapi"
)

// tilePath is the z14 tile over Worcester, where seedFilterEstate puts
// most of its assets.
func tilePath(z maptile.Zoom) string {
	t := maptile.At(orb.Point{-2.2210, 52.1930}, z)
	return fmt.Sprintf("/tiles/assets/%d/%d/%d.mvt", t.Z, t.X, t.Y)
}

// decodeTile returns the features of the tile's assets layer by id.
func decodeTile(t *testing.T, body []byte) map[int64]map[string]any {
	t.Helper()
	layers, err := mvt.Unmarshal(body)
	if err != nil {
		t.Fatalf("not a vector tile: %v", err)
	}
	if len(layers) != 1 || layers[0].Name != "assets" || layers[0].Extent != 4096 {
		t.Fatalf("layers %+v", layers)
	}
	out := map[int64]map[string]any{}
	for _, f := range layers[0].Features {
		if _, ok := f.Geometry.(orb.Point); !ok {
			t.Errorf("feature %v is a %T", f.ID, f.Geometry)
		}
		id := int64(f.Properties["id"].(float64))
		if fmt.Sprint(f.ID) != fmt.Sprint(id) {
			t.Errorf("feature id %v, id property %d", f.ID, id)
		}
		out[id] = f.Properties
	}
	return out
}

func TestTileJSON(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	seedFilterEstate(t, ts)
	var doc struct {
		TileJSON     string
		Tiles        []string
		MinZoom      int
		MaxZoom      int
		Bounds       []float64
		VectorLayers []struct {
			ID     string
			Fields map[string]string
		} `json:"vector_layers"`
	}
	must(t, ts.do(req{Method: "GET", Path: "/tiles/assets.json", Token: "admin"}), 200).JSON(t, &doc)
	if doc.TileJSON != "3.0.0" || len(doc.Tiles) != 1 || doc.Tiles[0] != ts.URL+"/tiles/assets/{z}/{x}/{y}.mvt" ||
		doc.MaxZoom < 14 || fmt.Sprint(doc.Bounds) != "[-2.325 52.0925 -1.947 52.21]" {
		t.Errorf("tilejson %+v", doc)
	}
	if len(doc.VectorLayers) != 1 || doc.VectorLayers[0].ID != "assets" || len(doc.VectorLayers[0].Fields) != 6 {
		t.Errorf("vector layers %+v", doc.VectorLayers)
	}
}

func TestTiles(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{PublicRead: true})
	ids := seedFilterEstate(t, ts)
	f := feature("police", "SECRET", -2.2212, 52.1931)
	f["properties"].(map[string]any)["sensitive"] = true
	secret := ts.create(f).ID

	res := must(t, ts.do(req{Method: "GET", Path: tilePath(14), Token: "admin"}), 200)
	if ct := res.Header.Get("Content-Type"); ct != "application/vnd.mapbox-vector-tile" {
		t.Errorf("content type %q", ct)
	}
	got := decodeTile(t, res.Body)
	lib := got[ids["lib"]]
	if lib["partner"] != "county" || lib["rag"] != "amber" || lib["holding"] != "building" ||
		lib["use"] != "Library" || lib["name"] != "The Hive library" || len(lib) != 6 {
		t.Errorf("library properties %v", lib)
	}
	if got[secret] == nil {
		t.Error("admin does not see the sensitive asset")
	}
	// The public, as anywhere else, never sees sensitive assets.
	if pub := decodeTile(t, must(t, ts.do(req{Method: "GET", Path: tilePath(14)}), 200).Body); pub[secret] != nil || pub[ids["lib"]] == nil {
		t.Errorf("public tile %v", pub)
	}
	// Nothing there: 204. Out of the tile matrix or malformed: 404.
	must(t, ts.do(req{Method: "GET", Path: "/tiles/assets/14/0/0.mvt"}), 204)
	for _, p := range []string{"/tiles/assets/21/0/0.mvt", "/tiles/assets/3/8/0.mvt", "/tiles/assets/3/0/x.mvt",
		"/tiles/assets/3/0/0.png", "/tiles/assets/-1/0/0.mvt"} {
		if pr := ts.do(req{Method: "GET", Path: p}).Problem(t); pr.Status != 404 {
			t.Errorf("%s: %+v", p, pr)
		}
	}
	if pr := ts.do(req{Method: "GET", Path: tilePath(3) + "?layer=x"}).Problem(t); pr.Status != 400 {
		t.Errorf("unknown parameter: %+v", pr)
	}
}

// TestTilesFollowEdits checks a tile shows a change made after the map's
// copy was loaded: a new rating, a new asset, a deleted one.
func TestTilesFollowEdits(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	ids := seedFilterEstate(t, ts)
	before := decodeTile(t, must(t, ts.do(req{Method: "GET", Path: tilePath(12), Token: "admin"}), 200).Body)
	if before[ids["station"]]["rag"] != "red" {
		t.Fatalf("station %v", before[ids["station"]])
	}
	must(t, ts.do(req{Method: "PUT", Path: "/api/v1/assets/" + itoa(ids["station"]) + "/rag", Token: "admin",
		Body: map[string]any{"rating": "green", "rationale": "Moving out"}, Header: map[string]string{"If-Match": `"1"`}}), 200)
	added := ts.create(feature("county", "NEW", -2.2208, 52.1929)).ID
	must(t, ts.do(req{Method: "DELETE", Path: "/api/v1/assets/" + itoa(ids["lib"]), Token: "admin",
		Header: map[string]string{"If-Match": `"1"`}}), 204)
	after := decodeTile(t, must(t, ts.do(req{Method: "GET", Path: tilePath(12), Token: "admin"}), 200).Body)
	if after[ids["station"]]["rag"] != "green" || after[added] == nil || after[ids["lib"]] != nil {
		t.Errorf("tile after edits %v", after)
	}
}

// TestTilesKeepTheRatingMix puts many assets on one spot: a low-zoom tile
// keeps one of each rating there, not one in all.
func TestTilesKeepTheRatingMix(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	rags := []string{"red", "amber", "green", "unrated"}
	for i := range 40 {
		f := feature("county", fmt.Sprintf("M%02d", i), -2.2+float64(i)*1e-5, 52.2)
		p := f["properties"].(map[string]any)
		if r := rags[i%4]; r != "unrated" {
			p["rag"], p["rag_rationale"] = r, "test"
		}
		ts.create(f)
	}
	low := decodeTile(t, must(t, ts.do(req{Method: "GET", Path: "/tiles/assets/5/15/10.mvt", Token: "admin"}), 200).Body)
	var seen []string
	for _, p := range low {
		seen = append(seen, p["rag"].(string))
	}
	if len(low) != 4 || !strings.Contains(fmt.Sprint(seen), "red") || !strings.Contains(fmt.Sprint(seen), "unrated") {
		t.Errorf("zoom 5 keeps %v", seen)
	}
	t16 := maptile.At(orb.Point{-2.1998, 52.2}, 16)
	high := decodeTile(t, must(t, ts.do(req{Method: "GET", Token: "admin",
		Path: fmt.Sprintf("/tiles/assets/16/%d/%d.mvt", t16.X, t16.Y)}), 200).Body)
	if len(high) != 40 {
		t.Errorf("zoom 16 keeps %d of 40", len(high))
	}
}
