package transparency_test

import (
	"context"
	"database/sql"
	"encoding/binary"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/gpkg"
)

// exportGeoPackage writes Trafford's assets and one with a footprint.
func exportGeoPackage(t *testing.T) (string, map[string]*estate.Asset) {
	t.Helper()
	db := mustOpen(t)
	for _, id := range []string{"trafford", "county", "police", "nhs"} {
		seedPartner(t, db, id, estate.KindOther)
	}
	if _, err := importFile(t, db, "trafford", trafford, "", estate.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	s := services(db).Assets
	if err := s.CreateAsset(adminCtx(), everyField()); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "register.gpkg")
	os.WriteFile(path, []byte("an older export, replaced"), 0o644)
	n, err := gpkg.Write(context.Background(), path, estate.AllAssets(adminCtx(), s, estate.AssetFilter{}))
	if err != nil || n != 374 {
		t.Fatalf("wrote %d: %v", n, err)
	}
	byID := map[string]*estate.Asset{}
	for _, p := range []string{"trafford", "county"} {
		for _, a := range allAssets(t, db, p) {
			byID[a.AssetCode] = a
		}
	}
	return path, byID
}

func TestGeoPackage(t *testing.T) {
	path, assets := exportGeoPackage(t)
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var appID, version, points, footprints, indexed int
	err = db.QueryRow(`SELECT (SELECT application_id FROM pragma_application_id), (SELECT user_version FROM pragma_user_version),
		(SELECT count(*) FROM assets), (SELECT count(*) FROM asset_footprints), (SELECT count(*) FROM rtree_assets_geom)`).
		Scan(&appID, &version, &points, &footprints, &indexed)
	if err != nil || appID != 0x47504B47 || version != 10300 || points != 374 || footprints != 1 || indexed != 374 {
		t.Fatalf("application_id %x user_version %d points %d footprints %d indexed %d: %v", appID, version, points, footprints, indexed, err)
	}
	// Geometry blobs hold the exact coordinates.
	rows, err := db.Query(`SELECT asset_code, geom, uprn FROM assets`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var code string
		var blob []byte
		var uprn sql.NullString
		if err := rows.Scan(&code, &blob, &uprn); err != nil {
			t.Fatal(err)
		}
		a := assets[code]
		lon := math.Float64frombits(binary.LittleEndian.Uint64(blob[8+5:]))
		lat := math.Float64frombits(binary.LittleEndian.Uint64(blob[8+13:]))
		if a == nil || string(blob[:2]) != "GP" || lon != a.Location.Lon || lat != a.Location.Lat || uprn.String != a.UPRN {
			t.Errorf("%s: %x uprn %v, want %+v", code, blob[:8], uprn, a)
		}
	}
	rows.Close()
	// The standard triggers keep the index in step with later edits;
	// they call the ST_ functions registered here.
	for _, q := range []string{
		`INSERT INTO assets (fid, geom, partner, asset_code, name) SELECT 99999, geom, 'x', 'x', 'x' FROM assets LIMIT 1`,
		`UPDATE assets SET geom = (SELECT geom FROM asset_footprints LIMIT 1) WHERE fid = 99999`,
		`DELETE FROM assets WHERE fid = (SELECT min(fid) FROM assets)`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	var unindexed, stale int
	db.QueryRow(`SELECT (SELECT count(*) FROM assets WHERE fid NOT IN (SELECT id FROM rtree_assets_geom)),
		(SELECT count(*) FROM rtree_assets_geom WHERE id NOT IN (SELECT fid FROM assets))`).Scan(&unindexed, &stale)
	var minx float64
	db.QueryRow(`SELECT minx FROM rtree_assets_geom WHERE id = 99999`).Scan(&minx)
	if unindexed != 0 || stale != 0 || math.Abs(minx-(-2.1235)) > 1e-5 {
		t.Errorf("after edits: %d unindexed, %d stale, minx %v", unindexed, stale, minx)
	}
}

// TestGeoPackageGDAL checks the export with GDAL's ogrinfo and its
// GeoPackage validator (Debian: gdal-bin and python3-gdal). Without them
// it skips, except in CI (CI=true), where it fails.
func TestGeoPackageGDAL(t *testing.T) {
	ogrinfo, err := exec.LookPath("ogrinfo")
	validator := findValidator()
	if err != nil || validator == nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("GDAL is needed in CI: apt-get install gdal-bin python3-gdal (ogrinfo: %v, validate_gpkg.py found: %v)", err, validator != nil)
		}
		t.Skip("GDAL's ogrinfo or validate_gpkg.py is missing: apt-get install gdal-bin python3-gdal")
	}
	path, _ := exportGeoPackage(t)
	out, err := exec.Command(ogrinfo, "-ro", "-so", "-al", path).CombinedOutput()
	text := string(out)
	if err != nil || !strings.Contains(text, "using driver `GPKG' successful") ||
		!strings.Contains(text, "Layer name: assets") || !strings.Contains(text, "Feature Count: 374") ||
		!strings.Contains(text, "Layer name: asset_footprints") || !strings.Contains(text, "Geometry: Multi Polygon") ||
		!strings.Contains(text, "uprn: String") || !strings.Contains(text, "sensitive: Integer(Boolean)") {
		t.Errorf("ogrinfo: %v\n%s", err, text)
	}
	out, err = exec.Command(ogrinfo, "-ro", "-q", path, "-sql", "SELECT HasSpatialIndex('assets', 'geom')").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "HasSpatialIndex (Integer) = 1") {
		t.Errorf("spatial index: %v\n%s", err, out)
	}
	// Reading through the index finds the footprint's asset.
	out, err = exec.Command(ogrinfo, "-ro", "-q", path, "assets", "-spat", "-2.124", "52.198", "-2.123", "52.2").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "HYPERLINK") || strings.Count(string(out), "OGRFeature") != 1 {
		t.Errorf("spatial filter: %v\n%s", err, out)
	}
	args := append(validator[1:], "-k", "--extra", "--warning-as-error", path)
	out, err = exec.Command(validator[0], args...).CombinedOutput()
	if err != nil || len(strings.TrimSpace(string(out))) != 0 {
		t.Errorf("validate_gpkg.py: %v\n%s", err, out)
	}
}

// findValidator returns the command running GDAL's validate_gpkg.py with
// a Python that has the osgeo module, or nil.
func findValidator() []string {
	for _, script := range []string{
		"/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py",
		"/usr/share/doc/python3-gdal/examples/validate_gpkg.py",
	} {
		if _, err := os.Stat(script); err != nil {
			continue
		}
		for _, py := range []string{"/usr/bin/python3", "python3"} {
			if exec.Command(py, "-c", "import osgeo.ogr").Run() == nil {
				return []string{py, script}
			}
		}
	}
	return nil
}
