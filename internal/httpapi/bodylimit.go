package httpapi

import (
	"fmt"
	"io"
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

// bodyLimitError is why a body was refused. It rides in the 413 as the
// HTTPError's Internal, so the problem names the limit that refused the
// body, whichever route's middleware that was, and handlers that pass a
// read's *echo.HTTPError on (spool, fileError, readBody) keep it.
type bodyLimitError struct {
	limit string // as configured, such as "2M"
	bytes int64
}

func (e *bodyLimitError) Error() string { return "httpapi: body over the limit of " + e.describe() }

// describe says the limit in words and bytes, for problem details.
func (e *bodyLimitError) describe() string { return fmt.Sprintf("%s (%d bytes)", e.limit, e.bytes) }

// tooLarge is the 413 for e: a new HTTPError each time, as echo's shared
// ErrStatusRequestEntityTooLarge cannot carry one route's limit.
func (e *bodyLimitError) tooLarge() *echo.HTTPError {
	return echo.NewHTTPError(http.StatusRequestEntityTooLarge).SetInternal(e)
}

// bodyLimit refuses a request body over limit, as echo's BodyLimit does:
// by Content-Length when the client sends one, by the bytes read
// otherwise. skip, if not nil, exempts requests another bodyLimit bounds.
// It panics on a limit parseBodyLimit refuses (Config.Validate checks the
// configured one first).
func bodyLimit(limit string, skip middleware.Skipper) echo.MiddlewareFunc {
	n, err := parseBodyLimit(limit)
	if err != nil {
		panic(err)
	}
	refusal := &bodyLimitError{limit: limit, bytes: n}
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if skip != nil && skip(c) {
				return next(c)
			}
			r := c.Request()
			if r.ContentLength > n {
				return refusal.tooLarge()
			}
			if r.Body != nil {
				r.Body = &limitedBody{ReadCloser: r.Body, left: n, refusal: refusal}
			}
			return next(c)
		}
	}
}

// limitedBody is a request body that fails with its refusal's 413 once
// more than the limit has been read; a body of exactly the limit passes.
type limitedBody struct {
	io.ReadCloser
	left    int64 // bytes still allowed, negative once over
	refusal *bodyLimitError
}

func (b *limitedBody) Read(p []byte) (int, error) {
	if b.left < 0 {
		return 0, b.refusal.tooLarge()
	}
	n, err := b.ReadCloser.Read(p)
	b.left -= int64(n)
	if b.left < 0 {
		return n, b.refusal.tooLarge()
	}
	return n, err
}
