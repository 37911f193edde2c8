package bng

import (
	"encoding/csv"
	"errors"
	"math"
	"os"
	"strconv"
	"testing"
)

// testPoint is one of Ordnance Survey's OSTN15 test points: an OSGB36 input
// and the ETRS89 result OS publish for it (testdata/, see README.md).
type testPoint struct {
	id         string
	e, n       float64 // OSGB36 input, metres
	lon, lat   float64 // OS's ETRS89 result, degrees
	etrsRecord []string
}

func readCSV(t testing.TB, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return recs[1:] // header
}

func atof(t testing.TB, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// loadTestPoints joins OS's OSGB36 test input to its ETRS89 results by PointID.
// Every one of the 40 points has a RESULT row (none is marked outside
// OSTN15: datum flags 2..15 only say which OSGB36 realisation or island
// applies), so all 40 are in-grid.
func loadTestPoints(t testing.TB) []testPoint {
	t.Helper()
	results := map[string][]string{}
	for _, r := range readCSV(t, "testdata/ostn15_testpoints_etrs89.csv") {
		if r[1] == "RESULT" {
			results[r[0]] = r
		}
	}
	var pts []testPoint
	for _, r := range readCSV(t, "testdata/ostn15_testpoints_osgb36.csv") {
		res, ok := results[r[0]]
		if !ok {
			t.Fatalf("%s: no RESULT row", r[0])
		}
		pts = append(pts, testPoint{
			id: r[0], e: atof(t, r[1]), n: atof(t, r[2]),
			lat: atof(t, res[2]), lon: atof(t, res[3]), etrsRecord: res,
		})
	}
	if len(pts) != 40 {
		t.Fatalf("got %d test points, want 40", len(pts))
	}
	return pts
}

// groundDistance returns the distance in metres between two nearby points
// given in degrees, using the GRS80 radii of curvature at lat.
func groundDistance(lon1, lat1, lon2, lat2 float64) float64 {
	s, c := math.Sincos(lat1 * degToRad)
	nu, rho, _ := radii(s)
	dy := (lat2 - lat1) * degToRad * rho / ngF0
	dx := (lon2 - lon1) * degToRad * nu * c / ngF0
	return math.Hypot(dx, dy)
}

func TestToWGS84MatchesOrdnanceSurvey(t *testing.T) {
	worst, worstID := 0.0, ""
	for _, p := range loadTestPoints(t) {
		lon, lat, err := ToWGS84(p.e, p.n)
		if err != nil {
			t.Errorf("%s: %v", p.id, err)
			continue
		}
		d := groundDistance(p.lon, p.lat, lon, lat)
		if d > 0.1 {
			t.Errorf("%s: ToWGS84(%.3f, %.3f) = %.9f, %.9f; OS: %.9f, %.9f; off by %.4f m",
				p.id, p.e, p.n, lon, lat, p.lon, p.lat, d)
		}
		if d > worst {
			worst, worstID = d, p.id
		}
	}
	t.Logf("ToWGS84: max error %.6f m (%s) over 40 OS test points", worst, worstID)
}

func TestFromWGS84MatchesOrdnanceSurvey(t *testing.T) {
	worst, worstID := 0.0, ""
	for _, p := range loadTestPoints(t) {
		e, n, err := FromWGS84(p.lon, p.lat)
		if err != nil {
			t.Errorf("%s: %v", p.id, err)
			continue
		}
		d := math.Hypot(e-p.e, n-p.n)
		if d > 0.1 {
			t.Errorf("%s: FromWGS84(%.9f, %.9f) = %.4f, %.4f; OS: %.3f, %.3f; off by %.4f m",
				p.id, p.lon, p.lat, e, n, p.e, p.n, d)
		}
		if d > worst {
			worst, worstID = d, p.id
		}
	}
	t.Logf("FromWGS84: max error %.6f m (%s) over 40 OS test points", worst, worstID)
}

// TestRoundTrip goes BNG->WGS84->BNG and WGS84->BNG->WGS84 over a lattice
// every 7.3 km across the grid, and over the OS test points.
func TestRoundTrip(t *testing.T) {
	type ll struct{ lon, lat float64 }
	var pts []ll
	for _, p := range loadTestPoints(t) {
		pts = append(pts, ll{p.lon, p.lat})
	}
	for e := 1000.0; e < gridMaxE-1000; e += 7300 {
		for n := 1000.0; n < gridMaxN-1000; n += 7300 {
			lon, lat, err := ToWGS84(e, n)
			if err != nil {
				t.Fatalf("ToWGS84(%g, %g): %v", e, n, err)
			}
			e2, n2, err := FromWGS84(lon, lat)
			if err != nil || math.Hypot(e2-e, n2-n) > 0.001 {
				t.Errorf("BNG %g, %g -> WGS84 %.9f, %.9f -> BNG %.4f, %.4f, %v", e, n, lon, lat, e2, n2, err)
			}
			pts = append(pts, ll{lon, lat})
		}
	}
	worst := 0.0
	for _, p := range pts {
		e, n, err := FromWGS84(p.lon, p.lat)
		if err != nil {
			t.Fatalf("FromWGS84(%g, %g): %v", p.lon, p.lat, err)
		}
		lon, lat, err := ToWGS84(e, n)
		if err != nil {
			t.Fatalf("ToWGS84(%g, %g): %v", e, n, err)
		}
		d := groundDistance(p.lon, p.lat, lon, lat)
		if d > 0.001 {
			t.Errorf("WGS84 %.9f, %.9f -> BNG %.4f, %.4f -> WGS84 %.9f, %.9f: off by %.6f m",
				p.lon, p.lat, e, n, lon, lat, d)
		}
		worst = max(worst, d)
	}
	t.Logf("round trip WGS84->BNG->WGS84: max error %.2e m over %d points", worst, len(pts))
}

func TestOutsideGrid(t *testing.T) {
	inf, nan := math.Inf(1), math.NaN()
	bngCases := []struct {
		name string
		e, n float64
	}{
		{"west of grid", -1, 500000},
		{"south of grid", 300000, -1},
		{"east of grid", 700001, 500000},
		{"north of grid", 300000, 1250001},
		// In the grid as OSGB36, but the ETRS89 point is about 90 m west of it.
		{"west edge shifted off", 50, 500000},
		{"NaN", nan, 500000},
		{"Inf", 300000, inf},
		{"swapped lon/lat", 51.5, -0.12},
	}
	for _, tc := range bngCases {
		t.Run("ToWGS84 "+tc.name, func(t *testing.T) {
			_, _, err := ToWGS84(tc.e, tc.n)
			if !errors.Is(err, ErrOutsideGrid) {
				t.Fatalf("ToWGS84(%g, %g) error = %v, want ErrOutsideGrid", tc.e, tc.n, err)
			}
		})
	}
	llCases := []struct {
		name     string
		lon, lat float64
	}{
		{"null island", 0, 0},
		{"mid-Atlantic", -30, 55},
		{"Paris", 2.35, 48.85},
		{"west of grid", -11, 56},
		{"east of grid", 4.5, 58},
		{"swapped lon/lat", 51.5, -0.12},
		{"BNG metres", 530000, 180000},
		{"NaN", nan, 52},
		{"Inf", -2, inf},
	}
	for _, tc := range llCases {
		t.Run("FromWGS84 "+tc.name, func(t *testing.T) {
			_, _, err := FromWGS84(tc.lon, tc.lat)
			if !errors.Is(err, ErrOutsideGrid) {
				t.Fatalf("FromWGS84(%g, %g) error = %v, want ErrOutsideGrid", tc.lon, tc.lat, err)
			}
		})
	}
}

// TestGridEdges checks that the far edges of the grid are inside it, and that
// FromWGS84's longitude and latitude prefilter contains the whole grid.
func TestGridEdges(t *testing.T) {
	g, err := loadGrid()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range [][2]float64{{0, 0}, {gridMaxE, 0}, {0, gridMaxN}, {gridMaxE, gridMaxN}} {
		if _, _, ok := g.shift(c[0], c[1]); !ok {
			t.Errorf("shift(%g, %g) not ok", c[0], c[1])
		}
		phi, lam := unproject(c[0], c[1])
		lon, lat := lam*radToDeg, phi*radToDeg
		if lon-1 < minLon || lon+1 > maxLon || lat-1 < minLat || lat+1 > maxLat {
			t.Errorf("grid corner %v at lon %g lat %g is within 1 degree of the prefilter", c, lon, lat)
		}
	}
}

func BenchmarkToWGS84(b *testing.B) {
	pts := loadTestPoints(b)
	if _, err := loadGrid(); err != nil {
		b.Fatal(err)
	}
	for i := 0; b.Loop(); i++ {
		p := pts[i%len(pts)]
		if _, _, err := ToWGS84(p.e, p.n); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFromWGS84(b *testing.B) {
	pts := loadTestPoints(b)
	if _, err := loadGrid(); err != nil {
		b.Fatal(err)
	}
	for i := 0; b.Loop(); i++ {
		p := pts[i%len(pts)]
		if _, _, err := FromWGS84(p.lon, p.lat); err != nil {
			b.Fatal(err)
		}
	}
}
