package httpapi_test

import (
	"encoding/csv"
	"math"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/geo/bng"
	"github.com/placetrust/placetrust/internal/httpapi"
)

const (
	uriCRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
	uri4326  = "http://www.opengis.net/def/crs/EPSG/0/4326"
	uri27700 = "http://www.opengis.net/def/crs/EPSG/0/27700"
)

// osPoint is one of Ordnance Survey's 40 OSTN15 test points: its OSGB36
// easting and northing and OS's ETRS89 (WGS84) result.
type osPoint struct {
	id             string
	e, n, lon, lat float64
}

func readOSCSV(t *testing.T, name string) [][]string {
	t.Helper()
	f, err := os.Open("../geo/bng/testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows[1:]
}

func osTestPoints(t *testing.T) []osPoint {
	t.Helper()
	num := func(s string) float64 {
		v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	result := map[string][]string{}
	for _, r := range readOSCSV(t, "ostn15_testpoints_etrs89.csv") {
		if r[1] == "RESULT" {
			result[r[0]] = r
		}
	}
	var out []osPoint
	for _, r := range readOSCSV(t, "ostn15_testpoints_osgb36.csv") {
		res := result[r[0]]
		out = append(out, osPoint{id: r[0], e: num(r[1]), n: num(r[2]), lat: num(res[2]), lon: num(res[3])})
	}
	if len(out) != 40 {
		t.Fatalf("%d test points, want 40", len(out))
	}
	return out
}

func coords(t *testing.T, f featureOut) (float64, float64) {
	t.Helper()
	c, ok := f.Geometry["coordinates"].([]any)
	if !ok || len(c) != 2 {
		t.Fatalf("feature %d geometry %v", f.ID, f.Geometry)
	}
	return c[0].(float64), c[1].(float64)
}

// TestOGCOSTestPointsInBritishNationalGrid stores OS's 40 OSTN15 test
// points as assets and reads them back in EPSG:27700: each within 0.1 m of
// OS's published easting and northing, and, converted back to WGS84,
// within 0.1 m of the stored point.
func TestOGCOSTestPointsInBritishNationalGrid(t *testing.T) {
	area, err := estate.ParseServiceArea("-9,49,3,61") // Scilly to Shetland, the Isle of Man included
	if err != nil {
		t.Fatal(err)
	}
	ts := newTestServer(t, httpapi.Config{ServiceArea: area})
	byID := map[int64]osPoint{}
	for _, p := range osTestPoints(t) {
		byID[ts.create(feature("county", p.id, p.lon, p.lat)).ID] = p
	}
	items := "/ogc/collections/assets/items"
	res := must(t, ts.do(req{Method: "GET", Path: items + "?limit=100&crs=" + url.QueryEscape(uri27700), Token: "admin"}), 200)
	if got := res.Header.Get("Content-Crs"); got != "<"+uri27700+">" {
		t.Errorf("Content-Crs %q", got)
	}
	var page ogcPage
	res.JSON(t, &page)
	if len(page.Features) != 40 {
		t.Fatalf("%d features", len(page.Features))
	}
	var worstOS, worstBack float64
	for _, f := range page.Features {
		p := byID[f.ID]
		e, n := coords(t, f)
		worstOS = max(worstOS, math.Hypot(e-p.e, n-p.n))
		lon, lat, err := bng.ToWGS84(e, n)
		if err != nil {
			t.Fatal(err)
		}
		stored := estate.Point{Lon: math.Round(p.lon*1e7) / 1e7, Lat: math.Round(p.lat*1e7) / 1e7}
		worstBack = max(worstBack, estate.Distance(stored, estate.Point{Lon: lon, Lat: lat}))
	}
	t.Logf("largest distance from OS's easting and northing %.4f m; converted back, from the stored point %.4f m", worstOS, worstBack)
	if worstOS > 0.1 || worstBack > 0.1 {
		t.Errorf("off by %.4f m from OS, %.4f m back", worstOS, worstBack)
	}

	// One item, in each CRS, with its own ETag.
	id := page.Features[0].ID
	p := byID[id]
	path := items + "/" + itoa(id)
	tags := map[string]bool{}
	for _, crs := range []string{"", uriCRS84, uri4326, uri27700, "EPSG:27700"} {
		q := ""
		if crs != "" {
			q = "?crs=" + url.QueryEscape(crs)
		}
		res := must(t, ts.do(req{Method: "GET", Path: path + q, Token: "admin"}), 200)
		var f featureOut
		res.JSON(t, &f)
		x, y := coords(t, f)
		var want [2]float64
		var tol float64
		switch crs {
		case uri4326:
			want, tol = [2]float64{p.lat, p.lon}, 1e-7
		case uri27700, "EPSG:27700":
			want, tol = [2]float64{p.e, p.n}, 0.1
		default:
			want, tol = [2]float64{p.lon, p.lat}, 1e-7
		}
		if math.Abs(x-want[0]) > tol || math.Abs(y-want[1]) > tol {
			t.Errorf("crs %q: %v,%v, want %v", crs, x, y, want)
		}
		if crs == uri4326 && res.Header.Get("Content-Crs") != "<"+uri4326+">" {
			t.Errorf("Content-Crs %q", res.Header.Get("Content-Crs"))
		}
		tags[res.Header.Get("ETag")] = true
	}
	if len(tags) != 3 {
		t.Errorf("ETags %v: want one each for CRS84, EPSG:4326 and EPSG:27700", tags)
	}
}

// TestOGCBBoxCRS selects by boxes in EPSG:4326 and EPSG:27700. A BNG box
// is not a longitude and latitude rectangle: assets just outside its
// corners, inside the CRS84 box around it, are left out.
func TestOGCBBoxCRS(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	// A 2 km square of Worcester in BNG, and assets 30 m inside and
	// outside each corner and in the middle.
	const e0, n0, e1, n1 = 383000.0, 254000.0, 385000.0, 256000.0
	want := map[int64]bool{}
	add := func(code string, e, n float64, inside bool) {
		lon, lat, err := bng.ToWGS84(e, n)
		if err != nil {
			t.Fatal(err)
		}
		id := ts.create(feature("county", code, math.Round(lon*1e7)/1e7, math.Round(lat*1e7)/1e7)).ID
		if inside {
			want[id] = true
		}
	}
	for i, c := range [][2]float64{{e0, n0}, {e1, n0}, {e0, n1}, {e1, n1}} {
		dx, dy := math.Copysign(30, (e0+e1)/2-c[0]), math.Copysign(30, (n0+n1)/2-c[1])
		add("IN"+itoa(int64(i)), c[0]+dx, c[1]+dy, true)
		add("OUT"+itoa(int64(i)), c[0]-dx, c[1]-dy, false)
	}
	add("MID", 384000, 255000, true)
	add("FAR", 390000, 255000, false)
	items := "/ogc/collections/assets/items?bbox-crs=" + url.QueryEscape(uri27700) + "&bbox=383000,254000,385000,256000"
	var page ogcPage
	res := must(t, ts.do(req{Method: "GET", Path: items, Token: "admin"}), 200)
	res.JSON(t, &page)
	got := map[int64]bool{}
	for _, id := range page.ids() {
		got[id] = true
	}
	if len(got) != len(want) {
		t.Errorf("BNG box: got %v, want %v", page.ids(), want)
	}
	for id := range want {
		if !got[id] {
			t.Errorf("BNG box lacks %d: got %v", id, page.ids())
		}
	}
	if strings.Contains(string(res.Body), `"numberMatched"`) {
		t.Error("a BNG box's page has numberMatched, which would be the covering box's")
	}
	// Pages of 2 still visit every asset in the box once.
	var paged []int64
	path := items + "&limit=2"
	for path != "" {
		var p ogcPage
		must(t, ts.do(req{Method: "GET", Path: path, Token: "admin"}), 200).JSON(t, &p)
		paged = append(paged, p.ids()...)
		path = ""
		if next := p.link("next"); next != "" {
			path = relPath(t, next)
		}
	}
	if slices.Sort(paged); !slices.Equal(paged, page.ids()) {
		t.Errorf("paged %v, whole %v", paged, page.ids())
	}

	// EPSG:4326 takes latitude first and selects as the same CRS84 box.
	var crs84, lat1st ogcPage
	must(t, ts.do(req{Method: "GET", Path: "/ogc/collections/assets/items?bbox=-2.26,52.17,-2.22,52.2", Token: "admin"}), 200).JSON(t, &crs84)
	must(t, ts.do(req{Method: "GET", Path: "/ogc/collections/assets/items?bbox=52.17,-2.26,52.2,-2.22&bbox-crs=" + url.QueryEscape(uri4326),
		Token: "admin"}), 200).JSON(t, &lat1st)
	if len(crs84.Features) == 0 || !slices.Equal(crs84.ids(), lat1st.ids()) || crs84.NumberMatched != lat1st.NumberMatched {
		t.Errorf("CRS84 box %v (%d), EPSG:4326 box %v (%d)", crs84.ids(), crs84.NumberMatched, lat1st.ids(), lat1st.NumberMatched)
	}
}

func TestOGCCRSRefusals(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	id := ts.create(feature("county", "A", -2.2, 52.19)).ID
	items := "/ogc/collections/assets/items"
	for _, tt := range []struct{ query, field string }{
		{"crs=" + url.QueryEscape("http://www.opengis.net/def/crs/EPSG/0/3857"), "crs"},
		{"crs=EPSG:2157", "crs"},
		{"crs=", "crs"},
		{"bbox-crs=" + url.QueryEscape(uri27700), "bbox-crs"},
		{"bbox-crs=EPSG:3857&bbox=1,2,3,4", "bbox-crs"},
		{"bbox-crs=EPSG:27700&bbox=-100,0,5000,5000", "bbox"},
		{"bbox-crs=EPSG:27700&bbox=5000,0,100,5000", "bbox"},
		{"bbox-crs=EPSG:27700&bbox=1,2,3", "bbox"},
		{"bbox-crs=EPSG:4326&bbox=52.1,-2.3,95,-2.2", "bbox"}, // latitude first: 95 is no latitude
		{"properties=name,colour", "properties"},
		{"properties=location", "properties"},
	} {
		t.Run(tt.query, func(t *testing.T) {
			p := ts.do(req{Method: "GET", Path: items + "?" + tt.query, Token: "admin"}).Problem(t)
			if p.Status != 400 || len(p.Errors) == 0 || p.Errors[0].Field != tt.field {
				t.Fatalf("problem %+v, want 400 naming %s", p, tt.field)
			}
			if tt.field == "crs" || tt.field == "bbox-crs" && strings.Contains(tt.query, "3857") {
				for _, c := range []string{uriCRS84, uri4326, uri27700} {
					if !strings.Contains(p.Errors[0].Message, c) {
						t.Errorf("refusal does not list %s: %s", c, p.Errors[0].Message)
					}
				}
			}
		})
	}
	p := ts.do(req{Method: "GET", Path: items + "/" + itoa(id) + "?crs=EPSG:3857", Token: "admin"}).Problem(t)
	if p.Status != 400 || p.Errors[0].Field != "crs" {
		t.Errorf("item with an unknown crs: %+v", p)
	}
	if p := ts.do(req{Method: "GET", Path: items + "/" + itoa(id) + "?bbox-crs=EPSG:4326", Token: "admin"}).Problem(t); p.Status != 400 {
		t.Errorf("item with bbox-crs: %+v", p)
	}
}
