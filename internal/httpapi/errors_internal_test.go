package httpapi

import (
	"bytes"
	"context"
	"errors"
	"fmt"
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

// TestClientGoneIsNotAnError checks a request the client abandoned, whose
// store call then failed with context.Canceled, is neither a 500 nor an
// error in the log: the load harness's last requests showed both.
func TestClientGoneIsNotAnError(t *testing.T) {
	var logs bytes.Buffer
	s := New(Config{Logger: slog.New(slog.NewTextHandler(&logs, nil))}, Services{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	w := httptest.NewRecorder()
	c := s.echo.NewContext(httptest.NewRequest("GET", "/ogc/collections/assets/items", nil).WithContext(ctx), w)
	s.handleError(fmt.Errorf("sqlite: find assets: %w", context.Canceled), c)
	if out := logs.String(); strings.Contains(out, "level=ERROR") || !strings.Contains(out, "client closed") {
		t.Errorf("log: %q", out)
	}
	if w.Code != statusClientClosed || w.Body.Len() != 0 {
		t.Errorf("answer %d %q, want %d and no body", w.Code, w.Body, statusClientClosed)
	}

	// A cancellation the client did not cause (its context is live) is
	// still the server's failure.
	logs.Reset()
	w = httptest.NewRecorder()
	c = s.echo.NewContext(httptest.NewRequest("GET", "/ogc/collections/assets/items", nil), w)
	s.handleError(fmt.Errorf("sqlite: find assets: %w", context.Canceled), c)
	if w.Code != http.StatusInternalServerError || !strings.Contains(logs.String(), "level=ERROR") {
		t.Errorf("server-side cancel: %d, log %q", w.Code, logs.String())
	}
}
