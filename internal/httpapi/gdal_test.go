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

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/maptile"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/httpapi"
	"github.com/placetrust/placetrust/internal/sqlite"
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

// TestGDALReadsTheRegister drives the server with GDAL's OGC API -
// Features driver, a real GIS client: every page with a small page size,
// a bbox filter and a property filter, with counts checked against the
// database; then GDAL's MVT driver on a fetched tile.
func TestGDALReadsTheRegister(t *testing.T) {
	bin := ogrinfo(t)
	log := &uriLog{}
	ts := newTestServer(t, httpapi.Config{Logger: slog.New(log)})
	partners := []string{"county", "police"}
	rags := []string{"red", "amber", "green", "unrated"}
	for i := range 53 {
		f := feature(partners[i%2], fmt.Sprintf("G%03d", i), -2.30+float64(i%10)*0.02, 52.10+float64(i/10)*0.02)
		p := f["properties"].(map[string]any)
		if r := rags[i%4]; r != "unrated" {
			p["rag"], p["rag_rationale"] = r, "GDAL test"
		}
		ts.create(f)
	}
	store := sqlite.NewAssetService(ts.DB)
	admin := estate.NewContextWithActor(context.Background(), estate.Actor{Name: "t", Role: estate.RoleAdmin})
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
		if !strings.Contains(out, fmt.Sprintf("Feature Count: %d", count(estate.AssetFilter{}))) ||
			!strings.Contains(out, "partner: String") || !strings.Contains(out, "rag: String") {
			t.Errorf("ogrinfo summary:\n%s", out)
		}
	})
	t.Run("every page", func(t *testing.T) {
		out := runOgrinfo(t, bin, token, "-ro", "-al", "-geom=NO", src, "-oo", "PAGE_SIZE=7")
		if got, want := fids(out), ids(estate.AssetFilter{}); strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("GDAL read %d features %v, want %d %v", len(got), got, len(want), want)
		}
		if !log.sawQuery("limit=7") || !log.sawQuery("cursor=") {
			t.Error("GDAL did not page through the next links")
		}
	})
	t.Run("bbox", func(t *testing.T) {
		b := estate.BBox{MinLon: -2.25, MinLat: 52.11, MaxLon: -2.17, MaxLat: 52.17}
		out := runOgrinfo(t, bin, token, "-ro", "-al", "-geom=NO", src, "-oo", "PAGE_SIZE=4",
			"-spat", "-2.25", "52.11", "-2.17", "52.17")
		want := ids(estate.AssetFilter{BBox: &b})
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
		f := estate.AssetFilter{Partners: []string{"police"}, RAGs: []estate.RAG{estate.RAGAmber}}
		want := ids(f)
		if got := fids(out); len(want) == 0 || len(want) != count(f) || strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("GDAL read %v, want %v", got, want)
		}
		if !log.sawQuery("partner=police") || !log.sawQuery("rag=amber") {
			t.Error("GDAL did not forward the property filters to the server")
		}
	})
	t.Run("vector tile", func(t *testing.T) {
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
