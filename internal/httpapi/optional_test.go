package httpapi_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/httpapi"
	"github.com/placetrust/placetrust/internal/sqlite"
)

// A store without an optional capability leaves the services that need
// it nil: their routes are off, the server says which at start, and the
// rest of the API answers as ever.
func TestOptionalServicesOff(t *testing.T) {
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "thin.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	svc := newServices(db, estate.GreatBritain)
	svc.Tags, svc.Feed, svc.Imports, svc.Extent = nil, nil, nil, nil
	var log bytes.Buffer
	srv := httpapi.New(httpapi.Config{PublicRead: true, RatePerSecond: -1, AllowedHosts: []string{"example.com"},
		Logger: slog.New(slog.NewTextHandler(&log, nil))}, httpapi.Services{Services: *svc})
	for _, want := range []string{"/api/v1/tags", "/tiles/*", "/api/v1/imports", "collection extents", "/api/v1/trust"} {
		if !strings.Contains(log.String(), want) {
			t.Errorf("the log at start does not name %s: %s", want, log.String())
		}
	}
	for _, c := range []struct {
		method, path string
		status       int
	}{
		{"GET", "/api/v1/tags", 404}, {"GET", "/tiles/assets.json", 404}, {"GET", "/tiles/assets/0/0/0.mvt", 404},
		{"POST", "/api/v1/imports", 404}, {"GET", "/api/v1/trust", 404}, {"GET", "/api/v1/quality", 404}, {"GET", "/api/v1/partners", 200}, {"GET", "/ogc/collections/assets", 200},
	} {
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, httptest.NewRequest(c.method, c.path, nil))
		if w.Code != c.status {
			t.Errorf("%s %s: %d, want %d", c.method, c.path, w.Code, c.status)
		}
	}
}
