package httpapi

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
)

// spareSlashes redirects a path ending in "/" (other than "/", the map)
// or holding "//" to the same path without the spare slashes, query
// kept: GIS users paste /ogc/ and /ogc/collections/, and GDAL, given
// /ogc//, trims one slash and asks for /ogc//collections. GET and HEAD
// get 301, which every client follows (GDAL and QGIS included); other
// methods get 308, which keeps the method and body where 301 lets
// clients turn a POST into a GET. The path keeps its escapes, and
// leading slashes fold into one, so "//host/" never becomes a link to
// another host.
//
// It runs before any route's handler and group middleware, and after
// CORS so that a browser on another origin may follow it.
func spareSlashes(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		u := c.Request().URL
		p := u.EscapedPath()
		if p == "/" || (!strings.HasSuffix(p, "/") && !strings.Contains(p, "//")) {
			return next(c)
		}
		to := "/" + strings.Join(strings.FieldsFunc(p, func(r rune) bool { return r == '/' }), "/")
		if u.RawQuery != "" {
			to += "?" + u.RawQuery
		}
		code := http.StatusPermanentRedirect
		if m := c.Request().Method; m == http.MethodGet || m == http.MethodHead {
			code = http.StatusMovedPermanently
		}
		return c.Redirect(code, to)
	}
}
