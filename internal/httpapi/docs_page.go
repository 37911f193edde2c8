package httpapi

import (
	"strings"

	"github.com/labstack/echo/v4"
)

// docsCSP is the API reference page's policy. Redoc (vendored in
// web/vendor/redoc) styles itself with styled-components, which writes
// <style> elements, and runs its search in a worker it builds from a
// blob: URL; everything else comes from this server, as for the map.
const docsCSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
	"connect-src 'self'; worker-src blob:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

// apiDocs is the HTML reference of the API made from openapi.yaml by
// Redoc in the browser. Like /openapi.yaml it needs no token: it holds
// nothing from the register.
func (s *Server) apiDocs(c echo.Context) error {
	if err := checkParams(c.QueryParams()); err != nil {
		return err
	}
	if _, err := negotiate(c, mimeHTML); err != nil {
		return err
	}
	var b strings.Builder
	if err := ogcPages.ExecuteTemplate(&b, "docs", &htmlPage{Base: s.baseURL(c)}); err != nil {
		return err
	}
	c.Response().Header().Set("Content-Security-Policy", docsCSP)
	c.Response().Header().Set("Cache-Control", "no-cache")
	return c.HTML(200, b.String())
}
