package httpapi

import (
	"crypto/sha256"
	"encoding/base64"
	"net/url"
	"slices"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/placetrust/placetrust/internal/board"
)

// apiCSP is the policy of every answer but the map's files: nothing it
// could load is allowed, so a JSON, CSV or problem document opened in a
// browser can never run or fetch anything, nor be framed.
const apiCSP = "default-src 'none'; frame-ancestors 'none'"

// securityHeaders sets what every answer carries, errors and redirects
// included: no MIME sniffing (a CSV or a problem document is never run
// as a script), no framing (X-Frame-Options for browsers older than
// frame-ancestors), and only the origin as referrer to other sites, so
// the map's filters and searches in its URL stay here while a basemap
// server that asks for a referrer still gets one.
func securityHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.Set("Content-Security-Policy", apiCSP)
		return next(c)
	}
}

// pageCSP is the map's policy, sent with each of its files (a worker's
// policy is the one sent with its script). Scripts, styles and workers
// come only from this server: the page has no inline script or style and
// sets styles through the DOM, which CSP allows, and MapLibre starts its
// worker from the same-origin maplibre-gl-worker.mjs (it would build a
// blob: worker only for a cross-origin one). Images include data: (the
// stylesheets' icons) and blob: (MapLibre's fallback for decoding
// images). The basemap's origin, when one is set, may be fetched and
// drawn; so may the base URL's, which the TileJSON's tile URLs are built
// on. The browser tests fail on anything the policy refuses.
func pageCSP(cfg Config) string {
	img := []string{"'self'", "data:", "blob:"}
	connect := []string{"'self'"}
	if o := originOf(strings.NewReplacer("{z}", "0", "{x}", "0", "{y}", "0").Replace(cfg.BasemapURL)); o != "" {
		img = append(img, o)
		connect = append(connect, o)
	}
	if o := originOf(cfg.BaseURL); o != "" && !slices.Contains(connect, o) {
		connect = append(connect, o)
	}
	return strings.Join([]string{
		"default-src 'self'",
		"script-src 'self'",
		// The board report's stylesheet, by its hash: the map shows the
		// report from a Blob URL, which takes this policy (web/js/report.js).
		"style-src 'self' " + board.StyleSource,
		"img-src " + strings.Join(img, " "),
		"connect-src " + strings.Join(connect, " "),
		"worker-src 'self'",
		"object-src 'none'",
		"base-uri 'none'",
		"form-action 'self'",
		"frame-ancestors 'none'",
	}, "; ")
}

// originOf returns the scheme://host of an absolute http(s) URL, or ""
// for a root-relative or empty one (this server's own origin).
func originOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return u.Scheme + "://" + u.Host
}

// inlineStyleCSP is the policy of an HTML page whose only resource is
// the inline stylesheet css: allowed by its hash, not by 'unsafe-inline'.
func inlineStyleCSP(css string) string {
	sum := sha256.Sum256([]byte(css))
	return "default-src 'none'; style-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'; frame-ancestors 'none'"
}
