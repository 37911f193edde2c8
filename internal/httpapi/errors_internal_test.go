package httpapi

import (
	"bytes"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestErrorAfterCommitIsLogged checks an error raised once the response
// has begun, which can no longer become a problem, is logged instead of
// dropped.
func TestErrorAfterCommitIsLogged(t *testing.T) {
	var logs bytes.Buffer
	s := New(Config{Logger: slog.New(slog.NewTextHandler(&logs, nil))}, Services{})
	w := httptest.NewRecorder()
	c := s.echo.NewContext(httptest.NewRequest("GET", "/api/v1/exports/assets.csv", nil), w)
	c.Response().WriteHeader(http.StatusOK)
	s.handleError(errors.New("disk full"), c)
	if out := logs.String(); !strings.Contains(out, "after the response began") || !strings.Contains(out, "disk full") {
		t.Errorf("log: %q", out)
	}
	if w.Code != http.StatusOK || w.Body.Len() != 0 {
		t.Errorf("a second answer was written: %d %q", w.Code, w.Body)
	}
}
