package httpapi_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"testing"

	"github.com/placetrust/placetrust/internal/httpapi"
)

// TestGzipAnswersAreTheSameBytes asks each kind of answer twice through
// the real server, as identity and as gzip, and reads the gzip back with
// the standard library: a page, a streamed export, an error (written by
// echo's error handler inside the compressing writer) and a small answer
// left as it is. A client that offers only zstd gets identity.
func TestGzipAnswersAreTheSameBytes(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{PublicRead: true})
	for i := range 40 {
		ts.create(feature("county", fmt.Sprintf("GZ-%d", i), -2.2+float64(i)*1e-3, 52.19))
	}
	auth := map[string]string{"Authorization": "Bearer " + ts.Tokens["admin"]}
	with := func(enc string) map[string]string {
		h := map[string]string{"Accept-Encoding": enc}
		for k, v := range auth {
			h[k] = v
		}
		return h
	}
	for _, tc := range []struct {
		path    string
		status  int
		zipped  bool
		problem bool
	}{
		{"/ogc/collections/assets/items?limit=40", 200, true, false},
		{"/api/v1/exports/assets.csv", 200, true, false},
		{"/api/v1/assets?bbox=" + string(bytes.Repeat([]byte("9"), 1500)), 400, false, true},
		{"/healthz", 200, false, false},
	} {
		t.Run(tc.path[:min(len(tc.path), 40)], func(t *testing.T) {
			plain := ts.raw("GET", tc.path, with("identity"))
			z := ts.raw("GET", tc.path, with("gzip"))
			if plain.Status != tc.status || z.Status != tc.status {
				t.Fatalf("status %d and %d, want %d: %.200s", plain.Status, z.Status, tc.status, z.Body)
			}
			if got := z.Header.Get("Content-Encoding"); (got == "gzip") != tc.zipped {
				t.Fatalf("Content-Encoding %q for %d bytes", got, len(plain.Body))
			}
			if z.Header.Get("Vary") == "" || z.Header.Get("Content-Type") != plain.Header.Get("Content-Type") {
				t.Errorf("headers %v against %v", z.Header, plain.Header)
			}
			body := z.Body
			if tc.zipped {
				r, err := gzip.NewReader(bytes.NewReader(z.Body))
				if err != nil {
					t.Fatal(err)
				}
				if body, err = io.ReadAll(r); err != nil {
					t.Fatal(err)
				}
				if len(z.Body) >= len(body) {
					t.Errorf("gzip %d bytes for %d", len(z.Body), len(body))
				}
			}
			if tc.problem {
				var p httpapi.Problem
				if err := json.Unmarshal(body, &p); err != nil || p.Status != tc.status {
					t.Fatalf("problem %+v %v", p, err)
				}
				return
			}
			if !bytes.Equal(body, plain.Body) && tc.path[:4] != "/ogc" {
				t.Errorf("gzip body differs from identity")
			}
			if tc.path[:4] == "/ogc" && len(body) != len(plain.Body) { // timeStamp differs
				t.Errorf("gzip body %d bytes, identity %d", len(body), len(plain.Body))
			}
		})
	}
	if z := ts.raw("GET", "/api/v1/exports/assets.csv", with("zstd")); z.Header.Get("Content-Encoding") != "" || z.Status != 200 {
		t.Errorf("zstd-only client: %d %q", z.Status, z.Header.Get("Content-Encoding"))
	}
}
