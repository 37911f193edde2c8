package httpapi_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/maptile"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/httpapi"
)

// ogrinfo finds GDAL's ogrinfo. CI installs Debian's gdal-bin and must
// run this test, so there a missing ogrinfo fails it; elsewhere it skips.
func ogrinfo(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("ogrinfo")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("ogrinfo not found: CI must install gdal-bin")
		}
		t.Skip("ogrinfo not installed (apt-get install gdal-bin)")
	}
	return path
}

// runOgrinfo runs ogrinfo with GDAL's HTTP requests carrying the token.
func runOgrinfo(t *testing.T, bin, token string, args ...string) string {
	t.Helper()
	args = append([]string{"--config", "GDAL_HTTP_HEADERS", "Authorization: Bearer " + token,
		"--config", "GDAL_HTTP_TIMEOUT", "30", "--config", "CPL_VSIL_CURL_USE_CACHE", "NO"}, args...)
	out, err := exec.Command(bin, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("ogrinfo %s: %v\n%s", strings.Join(args[6:], " "), err, out)
	}
	return string(out)
}

// uriLog keeps the request URIs of the server's access log.
type uriLog struct {
	mu   sync.Mutex
	uris []string
}

func (l *uriLog) Enabled(context.Context, slog.Level) bool { return true }
func (l *uriLog) WithAttrs([]slog.Attr) slog.Handler       { return l }
func (l *uriLog) WithGroup(string) slog.Handler            { return l }
func (l *uriLog) Handle(_ context.Context, r slog.Record) error {
	r.Attrs(func(a slog.Attr) bool {
		if a.Key == "uri" {
			l.mu.Lock()
			l.uris = append(l.uris, a.Value.String())
			l.mu.Unlock()
		}
		return true
	})
	return nil
}

// reset forgets the URIs seen so far.
func (l *uriLog) reset() {
	l.mu.Lock()
	l.uris = nil
	l.mu.Unlock()
}

func (l *uriLog) sawQuery(part string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, u := range l.uris {
		if strings.Contains(u, "/items?") && strings.Contains(u, part) {
			return true
		}
	}
	return false
}

var fidLine = regexp.MustCompile(`(?m)^OGRFeature\(assets\):(\d+)$`)

// gdalFields are the columns GDAL must make, in order, with their types:
// every property, whatever the first page holds.
var gdalFields = []string{"partner: String", "asset_code: String", "uprn: String", "name: String",
	"street_number: String", "street_name: String", "town: String", "postcode: String", "holding: String",
	"use: String", "footprint: String", "tenure: String", "tenure_detail: String", "lease_expiry: Date",
	"lease_break: Date", "annual_rent_gbp: Integer", "gia_m2: Real", "land_area_ha: Real",
	"utilisation_pct: Real", "condition: String", "backlog_gbp: Integer", "energy_rating: String",
	"listed: String", "market_value_gbp: Integer", "book_value_gbp: Integer", "running_cost_gbp_pa: Integer",
	"occupiers: String", "rag: String", "rag_rationale: String", "rag_set_by: String", "rag_set_at: DateTime",
	"tags: StringList", "notes: String", "sensitive: Integer(Boolean)", "effective_date: Date",
	"disposal_stage: String", "disposal_stage_at: DateTime", "disposal_target: Date", "disposal_note: String",
	"receipt_gbp: Integer", "receipt_date: Date", "surplus_value_gbp: Integer",
	"version: Integer", "created_at: DateTime", "updated_at: DateTime"}

var fieldLine = regexp.MustCompile(`(?m)^(\w+): (\w+(?:\(\w+\))?) \(`)

// gdalAssets are n assets for GDAL to read. The first 30 leave out the
// optional properties and hold whole-number areas, as a first page of a
// real register may; later ones set them, with fractional areas. One in
// four has no effective_date.
func gdalAssets(n int) []*estate.Asset {
	partners := []string{"county", "police"}
	rags := []estate.RAG{estate.RAGRed, estate.RAGAmber, estate.RAGGreen, estate.RAGUnrated}
	out := make([]*estate.Asset, n)
	for i := range out {
		gia := float64(100 + i)
		a := &estate.Asset{Partner: partners[i%2], AssetCode: fmt.Sprintf("G%03d", i), Name: fmt.Sprintf("Asset %d", i),
			Location: estate.Point{Lon: -2.30 + float64(i%10)*0.02, Lat: 52.10 + float64(i/10%10)*0.02},
			Holding:  estate.HoldingBuilding, RAG: rags[i%4], GIAM2: &gia}
		if a.RAG != estate.RAGUnrated {
			a.RAGRationale = "GDAL test"
		}
		if i%4 != 0 {
			a.EffectiveDate = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, 3*i%330).Format(time.DateOnly)
		}
		if i >= 30 && i%3 == 0 {
			land, rent, fr := float64(i)+0.25, int64(1000*i), gia+0.5
			a.StreetNumber, a.LandAreaHa, a.LeaseExpiry, a.AnnualRentGBP, a.GIAM2 = "12a", &land, "2031-03-31", &rent, &fr
			a.Tenure = estate.TenureLeasehold
		}
		out[i] = a
	}
	return out
}

// TestGDALReadsTheRegister drives the server with GDAL's OGC API -
// Features driver, a real GIS client, through the production rate limit:
// every page with a small page size, every column with its type, a bbox
// filter, property filters (sent as CQL2) and a date filter, with counts checked
// against the database; then GDAL's MVT driver on a fetched tile.
func TestGDALReadsTheRegister(t *testing.T) {
	bin := ogrinfo(t)
	log := &uriLog{}
	ts := newTestServer(t, httpapi.Config{Logger: slog.New(log),
		RatePerSecond: httpapi.DefaultRate, RateBurst: httpapi.DefaultBurst})
	store := ts.Svc.Assets
	admin := estate.NewContextWithActor(context.Background(), estate.Actor{Name: "t", Role: estate.RoleAdmin})
	// More pages at PAGE_SIZE=2 than 60, and more requests than the
	// default burst, so the default rate must keep up with GDAL.
	const pageSize = 2
	n := max(61*pageSize, (httpapi.DefaultBurst+20)*pageSize)
	if err := store.CreateAssets(admin, gdalAssets(n), estate.ActionCreate); err != nil {
		t.Fatal(err)
	}
	count := func(f estate.AssetFilter) int {
		n, err := store.CountAssets(admin, f)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	ids := func(f estate.AssetFilter) []string {
		f.Limit = estate.MaxPageSize
		page, err := store.FindAssets(admin, f)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, a := range page {
			out = append(out, strconv.FormatInt(a.ID, 10))
		}
		return out
	}
	fids := func(out string) []string {
		var got []string
		for _, m := range fidLine.FindAllStringSubmatch(out, -1) {
			got = append(got, m[1])
		}
		sort.Slice(got, func(i, j int) bool { return len(got[i]) < len(got[j]) || len(got[i]) == len(got[j]) && got[i] < got[j] })
		return got
	}
	src := "OAPIF:" + ts.URL + "/ogc"
	token := ts.Tokens["admin"]

	t.Run("summary", func(t *testing.T) {
		out := runOgrinfo(t, bin, token, "-ro", "-so", "-al", src, "-oo", "PAGE_SIZE=7")
		if !strings.Contains(out, fmt.Sprintf("Feature Count: %d", count(estate.AssetFilter{}))) {
			t.Errorf("ogrinfo summary:\n%s", out)
		}
		var got []string
		for _, m := range fieldLine.FindAllStringSubmatch(out, -1) {
			got = append(got, m[1]+": "+m[2])
		}
		if strings.Join(got, "\n") != strings.Join(gdalFields, "\n") {
			t.Errorf("GDAL made the columns\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(gdalFields, "\n"))
		}
	})
	t.Run("every page", func(t *testing.T) {
		out := runOgrinfo(t, bin, token, "-ro", "-al", "-geom=NO", src, "-oo", fmt.Sprintf("PAGE_SIZE=%d", pageSize))
		if got, want := fids(out), ids(estate.AssetFilter{}); len(want) != n || strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("GDAL read %d features, want %d", len(got), len(want))
		}
		if !log.sawQuery(fmt.Sprintf("limit=%d", pageSize)) || !log.sawQuery("cursor=") {
			t.Error("GDAL did not page through the next links")
		}
		if m := regexp.MustCompile(`(?m)^  land_area_ha \(Real\) = ([0-9.]+)$`).FindStringSubmatch(out); m == nil || !strings.Contains(m[1], ".") {
			t.Errorf("land_area_ha not read as a fraction: %v", m)
		}
	})
	t.Run("effective date", func(t *testing.T) {
		out := runOgrinfo(t, bin, token, "-ro", "-al", "-geom=NO", src, "-oo", "PAGE_SIZE=1000",
			"-where", "effective_date <= '2026-06-01'")
		// GDAL 3.6, once it sees the server takes CQL text, sends only
		// filters on the properties it knows are queryable (those that are
		// query parameters too), and applies this one itself: the answer
		// is the same, after reading every page.
		want := ids(estate.AssetFilter{Selection: estate.Selection{EffectiveTo: "2026-06-01"}})
		if got := fids(out); len(want) == 0 || len(want) == n || len(want) != count(estate.AssetFilter{Selection: estate.Selection{EffectiveTo: "2026-06-01"}}) ||
			strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("GDAL read %d assets dated up to 2026-06-01, want %d", len(got), len(want))
		}
	})
	t.Run("bbox", func(t *testing.T) {
		b := estate.BBox{MinLon: -2.25, MinLat: 52.11, MaxLon: -2.17, MaxLat: 52.17}
		out := runOgrinfo(t, bin, token, "-ro", "-al", "-geom=NO", src, "-oo", "PAGE_SIZE=4",
			"-spat", "-2.25", "52.11", "-2.17", "52.17")
		want := ids(estate.AssetFilter{Selection: estate.Selection{BBox: &b}})
		if got := fids(out); len(want) == 0 || strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("GDAL read %v in the bbox, want %v", got, want)
		}
		if !log.sawQuery("bbox=") {
			t.Error("GDAL did not send the bbox to the server")
		}
	})
	t.Run("property filter", func(t *testing.T) {
		out := runOgrinfo(t, bin, token, "-ro", "-al", "-geom=NO", src, "-oo", "PAGE_SIZE=5",
			"-where", "partner = 'police' AND rag = 'amber'")
		f := estate.AssetFilter{Selection: estate.Selection{Partners: []string{"police"}, RAGs: []estate.RAG{estate.RAGAmber}}}
		want := ids(f)
		if got := fids(out); len(want) == 0 || len(want) != count(f) || strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("GDAL read %v, want %v", got, want)
		}
		if !log.sawQuery("filter=") || !log.sawQuery("filter-lang=cql-text") {
			t.Error("GDAL did not send the property filters to the server as a CQL filter")
		}
	})
	t.Run("filter beyond the parameters", func(t *testing.T) {
		// OR and <> are what no query parameter says: GDAL sends them
		// only as a filter, and without one reads every page.
		log.reset()
		out := runOgrinfo(t, bin, token, "-ro", "-al", "-geom=NO", src, "-oo", "PAGE_SIZE=2000",
			"-where", "(rag = 'amber' OR rag = 'red') AND partner <> 'county'")
		f := estate.AssetFilter{Selection: estate.Selection{Partners: []string{"police"}, RAGs: []estate.RAG{estate.RAGAmber, estate.RAGRed}}}
		want := ids(f)
		if got := fids(out); len(want) == 0 || len(want) != count(f) || strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("GDAL read %d features, want %d", len(got), len(want))
		}
		if !log.sawQuery("filter=") || log.sawQuery("cursor=") {
			t.Error("GDAL did not send the filter, or paged past the features it selects")
		}
	})
	t.Run("vector tile", func(t *testing.T) {
		if ts.Svc.Feed == nil {
			t.Skipf("the %T store has no register feed, which the tiles are drawn from", ts.Store)
		}
		tile := maptile.At(orb.Point{-2.2, 52.15}, 10)
		req, _ := http.NewRequest("GET", fmt.Sprintf("%s/tiles/assets/%d/%d/%d.mvt", ts.URL, tile.Z, tile.X, tile.Y), nil)
		req.Header.Set("Authorization", "Bearer "+token)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 {
			t.Fatalf("tile: %d %s", res.StatusCode, body)
		}
		// GDAL georeferences a tile named {z}/{x}/{y}.pbf.
		path := filepath.Join(t.TempDir(), fmt.Sprint(tile.Z), fmt.Sprint(tile.X), fmt.Sprintf("%d.pbf", tile.Y))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, body, 0o644); err != nil {
			t.Fatal(err)
		}
		out := runOgrinfo(t, bin, token, "-ro", "-al", "-so", path)
		// Zoom 10 is thinned: at most one asset of each rating per cell.
		m := regexp.MustCompile(`Feature Count: (\d+)`).FindStringSubmatch(out)
		if m == nil || m[1] == "0" || !strings.Contains(out, "Layer name: assets") ||
			!strings.Contains(out, "rag: String") || !strings.Contains(out, "name: String") || !bytes.Contains([]byte(out), []byte("3857")) {
			t.Errorf("ogrinfo on the tile:\n%s", out)
		}
	})
}

// TestGDALFollowsTrailingSlash gives GDAL the register as users paste
// it, with slashes to spare. GDAL trims a landing page's trailing slash
// itself but asks for a collection's URL as given, and appends paths to
// what it trimmed, so both need the redirects.
func TestGDALFollowsTrailingSlash(t *testing.T) {
	bin := ogrinfo(t)
	log := &uriLog{}
	ts := newTestServer(t, httpapi.Config{Logger: slog.New(log)})
	admin := estate.NewContextWithActor(context.Background(), estate.Actor{Name: "t", Role: estate.RoleAdmin})
	if err := ts.Svc.Assets.CreateAssets(admin, gdalAssets(12), estate.ActionCreate); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ path, first string }{
		{"/ogc/", "/ogc/collections"},
		{"/ogc//", "/ogc//collections"},
		{"/ogc/collections/assets/", "/ogc/collections/assets/"},
	} {
		log.mu.Lock()
		log.uris = nil
		log.mu.Unlock()
		out := runOgrinfo(t, bin, ts.Tokens["admin"], "-ro", "-al", "-geom=NO", "OAPIF:"+ts.URL+tc.path, "-oo", "PAGE_SIZE=5")
		if got := len(fidLine.FindAllString(out, -1)); got != 12 {
			t.Errorf("GDAL read %d assets from %s, want 12:\n%.2000s", got, tc.path, out)
		}
		log.mu.Lock()
		if len(log.uris) == 0 || log.uris[0] != tc.first {
			t.Errorf("%s: GDAL asked first for %v, not %s", tc.path, log.uris, tc.first)
		}
		log.mu.Unlock()
	}
}
