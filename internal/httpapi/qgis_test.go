package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"math"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/httpapi"
)

// qgisPython finds a Python that imports Debian's python3-qgis. CI
// installs it and must run the QGIS test, so there its absence fails;
// elsewhere the test skips. Debian's own interpreter comes first: the
// package is built for it, not for a python3 earlier on PATH (pyenv).
func qgisPython(t *testing.T) string {
	t.Helper()
	for _, py := range []string{"/usr/bin/python3", "python3"} {
		path, err := exec.LookPath(py)
		if err == nil && exec.Command(path, "-c", "import qgis.core").Run() == nil {
			return path
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("python3 cannot import qgis.core: CI must install python3-qgis")
	}
	t.Skip("QGIS's Python bindings not installed (apt-get install python3-qgis)")
	return ""
}

// qgisResult is what testdata/qgis_reads.py prints.
type qgisResult struct {
	QGIS         string                `json:"qgis"`
	Valid        bool                  `json:"valid"`
	Messages     []string              `json:"messages"`
	Fields       []string              `json:"fields"`
	CRS          string                `json:"crs"`
	FeatureCount int                   `json:"feature_count"`
	All          []string              `json:"all"`
	Filtered     [][]string            `json:"filtered"`
	Subset       [][]string            `json:"subset"`
	BNGOperation string                `json:"bng_operation"`
	BNG          map[string][2]float64 `json:"bng"`
	// Rows are every feature's attributes by key, as QGIS typed them.
	Rows map[string]map[string]any `json:"rows"`
}

// runQGIS runs the script on a job, headless, with a home of its own:
// QGIS writes a profile, caches and settings there.
func runQGIS(t *testing.T, py string, job map[string]any) qgisResult {
	t.Helper()
	dir := t.TempDir()
	jobFile := filepath.Join(dir, "job.json")
	raw, _ := json.Marshal(job)
	if err := os.WriteFile(jobFile, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	home := filepath.Join(dir, "home")
	runtime := filepath.Join(dir, "run")
	for _, d := range []string{home, runtime} {
		if err := os.Mkdir(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command(py, filepath.Join("testdata", "qgis_reads.py"), jobFile)
	cmd.Env = append(os.Environ(), "QT_QPA_PLATFORM=offscreen", "HOME="+home, "XDG_RUNTIME_DIR="+runtime,
		"XDG_CONFIG_HOME="+filepath.Join(home, ".config"), "XDG_CACHE_HOME="+filepath.Join(home, ".cache"),
		"XDG_DATA_HOME="+filepath.Join(home, ".local", "share"))
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var res qgisResult
	if jerr := json.Unmarshal(stdout.Bytes(), &res); jerr != nil {
		t.Fatalf("qgis_reads.py: %v, output %v\n%s\n%s", err, jerr, stdout.Bytes(), stderr.Bytes())
	}
	if err != nil || !res.Valid {
		t.Fatalf("QGIS did not load the layer (%v): %s\n%s", err, strings.Join(res.Messages, "\n"), stderr.Bytes())
	}
	if stderr.Len() > 0 {
		t.Logf("qgis_reads.py said:\n%.2000s", stderr.Bytes())
	}
	return res
}

// qgisPage is the part of an items page the test compares with QGIS.
type qgisPage struct {
	NumberMatched int `json:"numberMatched"`
	Features      []struct {
		Geometry struct {
			Coordinates [2]float64 `json:"coordinates"`
		} `json:"geometry"`
		Properties props `json:"properties"`
	} `json:"features"`
}

// props are a feature's properties, every one, with asset_code at hand.
type props struct {
	AssetCode string
	All       map[string]any
}

func (p *props) UnmarshalJSON(b []byte) error {
	if err := json.Unmarshal(b, &p.All); err != nil {
		return err
	}
	p.AssetCode, _ = p.All["asset_code"].(string)
	return nil
}

// TestQGISReadsTheRegister drives the server with QGIS 3.22's OGC API -
// Features provider (Debian's python3-qgis, headless), as a GIS team
// adds the layer: every page at a small page size, an expression filter,
// and the layer in British National Grid, each compared with the
// server's own answer to the same question.
func TestQGISReadsTheRegister(t *testing.T) {
	py := qgisPython(t)
	log := &uriLog{}
	// QGIS 3.22 can send no bearer token (its auth methods are Basic, PKI
	// and Esri's token header): it reads a register that is public.
	ts := newTestServer(t, httpapi.Config{Logger: slog.New(log), PublicRead: true})
	admin := estate.NewContextWithActor(context.Background(), estate.Actor{Name: "t", Role: estate.RoleAdmin})
	const n, pageSize = 230, 50
	assets := gdalAssets(n)
	for i, a := range assets {
		if i%5 == 1 {
			a.Tags = []string{"hub-candidate", fmt.Sprintf("t%d", i%3)}
		}
	}
	if err := ts.Svc.Assets.CreateAssets(admin, assets, estate.ActionCreate); err != nil {
		t.Fatal(err)
	}
	items := func(q url.Values) qgisPage {
		t.Helper()
		q.Set("limit", "1000")
		res := ts.do(req{Method: "GET", Path: "/ogc/collections/assets/items?" + q.Encode()})
		var p qgisPage
		if res.Status != 200 {
			t.Fatalf("items?%s: %d %s", q.Encode(), res.Status, res.Body)
		}
		res.JSON(t, &p)
		if len(p.Features) != p.NumberMatched {
			t.Fatalf("items?%s: %d features of %d matched: make the limit larger", q.Encode(), len(p.Features), p.NumberMatched)
		}
		return p
	}
	codes := func(p qgisPage) []string {
		var out []string
		for _, f := range p.Features {
			out = append(out, f.Properties.AssetCode)
		}
		sort.Strings(out)
		return out
	}

	// Filters as a user types them, each with the server's answer to the
	// same question (query parameters, or the SQL meaning of a date
	// comparison: an undated asset is neither before nor after), and to
	// the query QGIS 3.22 makes of the layer's filter, which sends a date
	// comparison as datetime and does the rest itself.
	dated := func(keep func(d string) bool) []string {
		var out []string
		for _, f := range items(url.Values{}).Features {
			if d, ok := f.Properties.All["effective_date"].(string); ok && keep(d) {
				out = append(out, f.Properties.AssetCode)
			}
		}
		sort.Strings(out)
		return out
	}
	green := codes(items(url.Values{"rag": {"green"}, "partner": {"county"}}))
	filters := []struct {
		expr string
		want []string
		// datetime is the interval QGIS sends for the filter, if any;
		// sent is the server's answer to QGIS's query.
		datetime string
		sent     []string
	}{
		{expr: `"rag" = 'green' AND "partner" = 'county'`, want: green, sent: green},
		{expr: `"effective_date" <= '2026-06-01'`, want: dated(func(d string) bool { return d <= "2026-06-01" }),
			datetime: "0000-01-01T00:00:00Z/2026-06-01"},
		{expr: `"effective_date" >= '2026-06-01'`, want: dated(func(d string) bool { return d >= "2026-06-01" }),
			datetime: "2026-06-01/9999-12-31T00:00:00Z"},
	}
	for i, f := range filters {
		if f.datetime != "" {
			filters[i].sent = codes(items(url.Values{"datetime": {f.datetime}}))
		}
	}
	var exprs []string
	for _, f := range filters {
		exprs = append(exprs, f.expr)
	}
	log.mu.Lock()
	log.uris = nil // what QGIS asks, from here on
	log.mu.Unlock()
	res := runQGIS(t, py, map[string]any{"url": ts.URL + "/ogc", "collection": "assets", "page_size": pageSize,
		"key": "asset_code", "filters": exprs})
	t.Logf("QGIS %s, transformation to EPSG:27700: %s", res.QGIS, res.BNGOperation)

	t.Run("every page", func(t *testing.T) {
		all := items(url.Values{})
		if all.NumberMatched != n || res.FeatureCount != n {
			t.Errorf("QGIS counted %d features, the server matched %d, want %d", res.FeatureCount, all.NumberMatched, n)
		}
		sort.Strings(res.All)
		if got, want := strings.Join(res.All, ","), strings.Join(codes(all), ","); got != want {
			t.Errorf("QGIS read %d features, want the %d the server holds", len(res.All), all.NumberMatched)
		}
		if !log.sawQuery(fmt.Sprintf("limit=%d", pageSize)) || !log.sawQuery("cursor=") {
			t.Error("QGIS did not page through the next links")
		}
	})
	t.Run("every property", func(t *testing.T) {
		// QGIS 3.22 makes its columns from a first page of 10 features,
		// typed by what they hold, and converts later pages to them.
		first := map[string]bool{}
		for _, f := range items(url.Values{"limit": {"10"}}).Features[:10] {
			for name := range f.Properties.All {
				first[name] = true
			}
		}
		made := map[string]bool{}
		jsonTags := false
		for _, f := range res.Fields {
			name, typ, _ := strings.Cut(f, ": ")
			made[name] = true
			if name == "tags" && typ == "JSON" {
				// An empty array before any tags makes GDAL's reader type
				// the column JSON, which QGIS 3.22 then leaves NULL: no
				// tags at all. Features with tags first make a string list.
				t.Log("QGIS 3.22 typed tags JSON and shows none: the first page starts with an empty array")
				made[name], jsonTags = false, true
			}
		}
		var lost []string
		for name := range first {
			if !made[name] && name != "tags" {
				t.Errorf("QGIS made no column for %s", name)
			}
		}
		wrong := map[string]int{} // features read wrong, by property
		for _, f := range items(url.Values{}).Features {
			row := res.Rows[f.Properties.AssetCode]
			for name, want := range f.Properties.All {
				if !made[name] {
					if !slices.Contains(lost, name) && (name != "tags" || !jsonTags) {
						lost = append(lost, name)
					}
					continue
				}
				if got := row[name]; !sameValue(got, want) {
					if wrong[name]++; wrong[name] == 1 {
						t.Errorf("%s: QGIS read %s = %#v, the server wrote %#v", f.Properties.AssetCode, name, got, want)
					}
				}
			}
		}
		for name, k := range wrong {
			t.Errorf("QGIS read %s wrong in %d features", name, k)
		}
		// Properties no feature of the first page holds QGIS 3.22 cannot
		// show: a limit of that QGIS, which reads no schema.
		sort.Strings(lost)
		t.Logf("QGIS 3.22 has no column for %v, absent from the first 10 features", lost)
	})
	t.Run("expression filter", func(t *testing.T) {
		if len(res.Filtered) != len(filters) || len(res.Subset) != len(filters) {
			t.Fatalf("QGIS answered %d filters and %d subsets, want %d", len(res.Filtered), len(res.Subset), len(filters))
		}
		for i, f := range filters {
			if len(f.want) == 0 || len(f.want) == n {
				t.Fatalf("%s: the server keeps %d of %d, which tells nothing", f.expr, len(f.want), n)
			}
			for _, c := range []struct {
				how       string
				got, want []string
			}{{"feature request", res.Filtered[i], f.want}, {"layer filter", res.Subset[i], f.sent}} {
				sort.Strings(c.got)
				if strings.Join(c.got, ",") != strings.Join(c.want, ",") {
					t.Errorf("%s as a %s: QGIS kept %d features, the server %d\ngot  %v\nwant %v", f.expr, c.how, len(c.got), len(c.want), c.got, c.want)
				}
			}
			if len(f.sent) != len(f.want) {
				// datetime is effective_date, or updated_at where there is
				// none (the collection's description says so): QGIS 3.22
				// and GDAL send a date comparison as datetime regardless.
				t.Logf("%s as a layer filter: QGIS 3.22 shows %d features, %d of them undated", f.expr, len(f.sent), len(f.sent)-len(f.want))
			}
		}
		for _, f := range filters {
			if dt := strings.ReplaceAll(f.datetime, "/", "%2F"); dt != "" && !log.sawQuery("datetime="+dt) {
				t.Errorf("%s: QGIS did not send datetime=%s", f.expr, dt)
			}
		}
	})
	t.Run("British National Grid", func(t *testing.T) {
		// QGIS 3.22 reads CRS84 and transforms it itself; with no OSTN15
		// grid in Debian's proj-data that is a Helmert, metres out. The
		// server's EPSG:27700 is OSTN15's: they must agree as closely as
		// that Helmert can, so axis order, units and place are right.
		bng := items(url.Values{"crs": {"http://www.opengis.net/def/crs/EPSG/0/27700"}})
		var worst float64
		for _, f := range bng.Features {
			q, ok := res.BNG[f.Properties.AssetCode]
			if !ok {
				t.Fatalf("QGIS has no %s in EPSG:27700", f.Properties.AssetCode)
			}
			worst = max(worst, math.Hypot(q[0]-f.Geometry.Coordinates[0], q[1]-f.Geometry.Coordinates[1]))
		}
		t.Logf("QGIS's EPSG:27700 is at most %.2f m from the server's OSTN15", worst)
		if len(res.BNG) != n || worst > 5 {
			t.Errorf("QGIS put %d features in EPSG:27700, up to %.2f m from the server's", len(res.BNG), worst)
		}
	})
}

// sameValue says whether QGIS's attribute holds the server's property:
// numbers as numbers, times as the same instant, arrays and objects as
// their JSON.
func sameValue(got, want any) bool {
	switch w := want.(type) {
	case float64:
		g, ok := got.(float64)
		return ok && g == w
	case string:
		if g, ok := got.(string); ok && g == w {
			return true
		}
		wt, err1 := time.Parse(time.RFC3339Nano, w)
		gt, err2 := time.Parse(time.RFC3339Nano, fmt.Sprint(got))
		return err1 == nil && err2 == nil && wt.Truncate(time.Second).Equal(gt.Truncate(time.Second))
	case bool:
		return got == w
	default:
		wj, _ := json.Marshal(w)
		gj, _ := json.Marshal(got)
		return bytes.Equal(wj, gj) || fmt.Sprint(got) == string(wj)
	}
}
