package httpapi_test

import (
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/httpapi"
)

// TestBodyLimitNamed checks each 413 names the limit of the middleware
// that refused the body: the server's on an ordinary route, whether
// refused by Content-Length or while read, and the imports' own on
// /api/v1/imports, which the server's limit does not reach.
func TestBodyLimitNamed(t *testing.T) {
	// Requests handed straight to ServeHTTP come over no connection, so
	// the loopback address they name is allowed explicitly.
	ts := newTestServer(t, httpapi.Config{BodyLimit: "1K", AllowedHosts: []string{"127.0.0.1"}})
	tests := []struct {
		name, path, contentType string
		body                    string
		// contentLength is sent as the header: -1 for a body of unknown
		// length (chunked), read until over the limit.
		contentLength int64
		limit         string
	}{
		{"partners by length", "/api/v1/partners", "application/json", strings.Repeat("x", 2000), 2000, "1K (1000 bytes)"},
		{"assets while read", "/api/v1/assets", "application/json", `{"notes":"` + strings.Repeat("x", 2000) + `"}`, -1, "1K (1000 bytes)"},
		// The import limit is checked on the header alone: no 256 MB body
		// needs sending.
		{"imports by length", "/api/v1/imports?partner=county", "text/csv", lgaCSV, 256_000_001, "256M (256000000 bytes)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hr := httptest.NewRequest("POST", ts.URL+tt.path, strings.NewReader(tt.body))
			hr.ContentLength = tt.contentLength
			hr.Header.Set("Content-Type", tt.contentType)
			hr.Header.Set("Authorization", "Bearer "+ts.Tokens["admin"])
			w := httptest.NewRecorder()
			ts.Srv.ServeHTTP(w, hr)
			res := &response{Status: w.Code, Header: w.Header(), Body: w.Body.Bytes()}
			ts.checkSpec(hr, nil, res)
			pr := must(t, res, 413).Problem(t)
			if pr.Code != "too_large" || !strings.Contains(pr.Detail, "at most "+tt.limit+".") ||
				len(pr.Errors) != 1 || pr.Errors[0].Field != "body" || pr.Errors[0].Message != "must be at most "+tt.limit {
				t.Errorf("413 does not name the limit %s: %+v", tt.limit, pr)
			}
		})
	}

	// A file over the server's limit but within the imports' is taken.
	var csv strings.Builder
	csv.WriteString(lgaCSV)
	for i := 4; csv.Len() <= 2000; i++ {
		fmt.Fprintf(&csv, "County,,C-%d,Store %d,Worcester,,WGS84,-2.2,52.2,Freehold,Buildings\r\n", i, i)
	}
	must(t, ts.do(req{Method: "POST", Path: "/api/v1/imports?partner=county&dry_run=true", Token: "admin", Body: csv.String(),
		Header: map[string]string{"Content-Type": "text/csv"}}), 200)
}
