package httpapi

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
)

// importBodyLimit caps an imported file: a national partner's list of a
// million rows is about 200 MB of CSV.
const importBodyLimit = "256M"

// routes is the whole HTTP surface on one screen. openapi.yaml describes
// exactly these; TestSpecMatchesRoutes holds the two together.
func (s *Server) routes() {
	e := s.echo
	e.GET("/healthz", s.health)
	e.GET("/openapi.yaml", s.spec)
	e.GET("/config.json", s.webConfigDoc) // the web map's settings and reader
	e.GET("/*", s.web)

	api := e.Group("/api/v1", s.requireReader)
	api.GET("/partners", s.listPartners)
	api.POST("/partners", s.createPartner, requireToken)
	api.GET("/partners/:id", s.getPartner)
	api.PATCH("/partners/:id", s.updatePartner, requireToken)
	api.DELETE("/partners/:id", s.deletePartner, requireToken)

	api.GET("/assets", s.listAssets)
	api.POST("/assets", s.createAsset, requireToken)
	api.GET("/assets/:id", s.getAsset)
	api.PATCH("/assets/:id", s.patchAsset, requireToken)
	api.DELETE("/assets/:id", s.deleteAsset, requireToken)
	api.PUT("/assets/:id/rag", s.putRAG, requireToken)
	api.GET("/assets/:id/history", s.assetHistory)
	api.GET("/assets/:id/nearby", s.nearby)
	api.GET("/tags", s.listTags)

	api.GET("/trust", s.trust)
	api.POST("/trust", s.trust)
	api.GET("/analyses/receipts", s.receipts)
	api.POST("/analyses/receipts", s.receipts)
	api.GET("/analyses/colocation", s.colocation)
	api.POST("/analyses/colocation", s.colocation)

	api.POST("/imports", s.postImport, requireToken, bodyLimit(importBodyLimit, nil))
	api.GET("/exports/assets.geojson", s.export("geojson"))
	api.GET("/exports/assets.csv", s.export("csv"))
	api.GET("/exports/assets.gpkg", s.export("gpkg"))

	api.GET("/tokens", s.listTokens, requireToken)
	api.POST("/tokens", s.createToken, requireToken)
	api.DELETE("/tokens/:id", s.revokeToken, requireToken)
	api.GET("/audit", s.adminAudit, requireToken)

	// OGC API - Features (ogc*.go) and vector tiles (tiles.go), under the
	// same access rules as the REST API.
	ogc := e.Group("/ogc", s.requireReader)
	ogc.GET("", s.ogcLanding)
	ogc.GET("/conformance", s.ogcConformance)
	ogc.GET("/api", s.ogcAPI)
	ogc.GET("/api.html", s.ogcAPIDoc)
	ogc.GET("/collections", s.ogcCollections)
	ogc.GET("/collections/assets", s.ogcCollection)
	ogc.GET("/collections/assets/schema", s.ogcSchema)
	ogc.GET("/collections/assets/items", s.ogcItems)
	ogc.GET("/collections/assets/items/:featureId", s.ogcItem)
	tl := e.Group("/tiles", s.requireReader)
	tl.GET("/assets.json", s.tileJSON)
	tl.GET("/assets/:z/:x/:y.mvt", s.tile) // echo names the last parameter "y.mvt"

	// Each group's catch-all would answer 404 even where the path exists
	// under another method; these answer 405 with Allow there.
	for _, g := range []*echo.Group{api, ogc, tl} {
		g.RouteNotFound("", s.notFoundOr405)
		g.RouteNotFound("/*", s.notFoundOr405)
	}
	s.served, s.routePaths = map[string]bool{}, map[string]bool{}
	for _, r := range s.echo.Routes() {
		s.served[r.Method+" "+r.Path] = true
		if !strings.HasPrefix(r.Method, "echo_") { // not the groups' not-found fallbacks
			s.routePaths[r.Path] = true
		}
	}
}

// notFoundOr405 answers 405 with Allow when the path is served under other
// methods, and 404 otherwise.
func (s *Server) notFoundOr405(c echo.Context) error {
	r := c.Request()
	var allow []string
	route := ""
	for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		probe := s.echo.NewContext(r, nil)
		s.echo.Router().Find(m, r.URL.Path, probe)
		if m != r.Method && s.served[m+" "+probe.Path()] {
			allow = append(allow, m)
			route = probe.Path()
		}
	}
	if len(allow) == 0 {
		return echo.ErrNotFound
	}
	// The metrics then name the route the path belongs to, as echo does
	// for a 405 outside the groups, rather than the group's fallback.
	c.SetPath(route)
	c.Response().Header().Set(echo.HeaderAllow, strings.Join(allow, ", "))
	return echo.ErrMethodNotAllowed
}

// Route is one method and path the server answers, for the contract test.
type Route struct{ Method, Path string }

// Routes lists the routes, with echo's :param written as OpenAPI's {param}
// and the web catch-all as "/".
func (s *Server) Routes() []Route {
	var out []Route
	for _, r := range s.echo.Routes() {
		if strings.HasPrefix(r.Method, "echo_") {
			continue // echo's own not-found fallbacks of groups
		}
		path := r.Path
		if path == "/*" {
			path = "/"
		}
		parts := strings.Split(path, "/")
		for i, p := range parts {
			if strings.HasPrefix(p, ":") {
				// A parameter with a suffix, such as :y.mvt, is {y}.mvt.
				name, ext, hasExt := strings.Cut(p[1:], ".")
				parts[i] = "{" + name + "}"
				if hasExt {
					parts[i] += "." + ext
				}
			}
		}
		out = append(out, Route{Method: r.Method, Path: strings.Join(parts, "/")})
	}
	return out
}
