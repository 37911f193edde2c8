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
// exactly these; TestSpecMatchesRoutes holds the two together. Every get
// route answers HEAD too; a path with a trailing slash is redirected
// before routing (slash.go).
func (s *Server) routes() {
	e := s.echo
	get(e, "/healthz", s.health)
	get(e, "/openapi.yaml", s.spec)
	get(e, "/api/v1/docs", s.apiDocs)      // outside the group: like the spec, it needs no token
	get(e, "/config.json", s.webConfigDoc) // the web map's settings and reader
	if s.svc.Analyses != nil {
		// The board report: a page, not JSON, under the API's access rules.
		get(e, "/report", s.boardReport, registerCaching, s.requireReader, alwaysPrivate, s.fromCopy)
	}
	get(e, "/*", s.web)

	api := e.Group("/api/v1", registerCaching, s.requireReader)
	get(api, "/partners", s.listPartners)
	api.POST("/partners", s.createPartner, requireToken)
	get(api, "/partners/:id", s.getPartner)
	api.PATCH("/partners/:id", s.updatePartner, requireToken)
	api.DELETE("/partners/:id", s.deletePartner, requireToken)
	get(api, "/partners/:id/import-mapping", s.getImportMapping, requireToken)
	api.PUT("/partners/:id/import-mapping", s.putImportMapping, requireToken)
	api.DELETE("/partners/:id/import-mapping", s.deleteImportMapping, requireToken)

	get(api, "/assets", s.listAssets)
	api.POST("/assets", s.createAsset, requireToken)
	get(api, "/assets/:id", s.getAsset)
	api.PATCH("/assets/:id", s.patchAsset, requireToken)
	api.DELETE("/assets/:id", s.deleteAsset, requireToken)
	api.PUT("/assets/:id/rag", s.putRAG, requireToken)
	get(api, "/assets/:id/history", s.assetHistory)
	get(api, "/assets/:id/nearby", s.nearby)
	if s.svc.Tags != nil { // optional services: New logs the routes left off
		get(api, "/tags", s.listTags)
	}

	if s.svc.Analyses != nil { // read from the copy the store's feed keeps
		get(api, "/trust", s.trust, alwaysPrivate, s.fromCopy)
		api.POST("/trust", s.trust, alwaysPrivate, s.fromCopy)
		get(api, "/analyses/receipts", s.receipts, alwaysPrivate, s.fromCopy)
		api.POST("/analyses/receipts", s.receipts, alwaysPrivate, s.fromCopy)
		get(api, "/analyses/colocation", s.colocation, alwaysPrivate, s.fromCopy)
		api.POST("/analyses/colocation", s.colocation, alwaysPrivate, s.fromCopy)
		get(api, "/analyses/receipts/years", s.receiptYears, alwaysPrivate, s.fromCopy)
		api.POST("/analyses/receipts/years", s.receiptYears, alwaysPrivate, s.fromCopy)
		get(api, "/analyses/outcomes", s.outcomes, alwaysPrivate, s.fromCopy)
		api.POST("/analyses/outcomes", s.outcomes, alwaysPrivate, s.fromCopy)
		api.POST("/analyses/scenario", s.runScenario, alwaysPrivate, s.fromCopy)
		get(api, "/quality", s.quality, s.fromCopy) // counts, no money: cached as the asset list is
	}
	if s.svc.Scenarios != nil {
		get(api, "/scenarios", s.listScenarios, requireToken, alwaysPrivate)
		api.POST("/scenarios", s.createScenario, requireToken)
		get(api, "/scenarios/:id", s.getScenario, requireToken, alwaysPrivate)
		api.PUT("/scenarios/:id", s.putScenario, requireToken)
		api.DELETE("/scenarios/:id", s.deleteScenario, requireToken)
		if s.svc.Analyses != nil {
			get(api, "/scenarios/:id/run", s.runSavedScenario, requireToken, alwaysPrivate, s.fromCopy)
			api.POST("/scenarios/:id/run", s.runSavedScenario, requireToken, alwaysPrivate, s.fromCopy)
		}
	}

	if s.svc.Imports != nil {
		api.POST("/imports", s.postImport, requireToken, bodyLimit(importBodyLimit, nil))
	}
	get(api, "/exports/assets.geojson", s.export("geojson"))
	get(api, "/exports/assets.csv", s.export("csv"))
	get(api, "/exports/assets.gpkg", s.export("gpkg"))

	get(api, "/tokens", s.listTokens, requireToken)
	api.POST("/tokens", s.createToken, requireToken)
	api.DELETE("/tokens/:id", s.revokeToken, requireToken)
	get(api, "/audit", s.adminAudit, requireToken)

	// OGC API - Features (ogc*.go) and vector tiles (tiles.go), under the
	// same access rules as the REST API.
	ogc := e.Group("/ogc", registerCaching, s.requireReader)
	get(ogc, "", s.ogcLanding)
	get(ogc, "/conformance", s.ogcConformance)
	get(ogc, "/api", s.ogcAPI)
	get(ogc, "/api.html", s.ogcAPIDoc)
	get(ogc, "/collections", s.ogcCollections)
	get(ogc, "/collections/assets", s.ogcCollection)
	get(ogc, "/collections/assets/schema", s.ogcSchema)
	get(ogc, "/collections/assets/queryables", s.ogcQueryables)
	get(ogc, "/collections/assets/sortables", s.ogcSortables)
	get(ogc, "/collections/assets/items", s.ogcItems)
	get(ogc, "/collections/assets/items/:featureId", s.ogcItem)
	tl := e.Group("/tiles", registerCaching, s.requireReader)
	if s.tiles != nil {
		get(tl, "/assets.json", s.tileJSON)
		get(tl, "/assets/:z/:x/:y.mvt", s.tile, s.fromCopy) // echo names the last parameter "y.mvt"
	}

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

// offRoutes names the routes off for want of an optional service, and
// the answers that go without one, for the log at start.
func (s *Server) offRoutes() (routes, thinner []string) {
	for _, o := range []struct {
		off, route bool
		what       string
	}{
		{s.svc.Tags == nil, true, "/api/v1/tags"}, {s.tiles == nil, true, "/tiles/*"},
		{s.svc.Analyses == nil, true, "/api/v1/trust, /api/v1/analyses/*, /api/v1/quality"},
		{s.svc.Imports == nil, true, "/api/v1/imports"}, {s.svc.Audit == nil, true, "/api/v1/audit"},
		{s.svc.ImportMappings == nil, true, "/api/v1/partners/{id}/import-mapping"},
		{s.svc.Scenarios == nil, true, "/api/v1/scenarios"},
		{s.svc.Extent == nil, false, "collection extents"}, {s.svc.Dates == nil, false, "temporal extents"},
		{s.svc.Counts == nil, false, "cached numberMatched"},
	} {
		switch {
		case !o.off:
		case o.route:
			routes = append(routes, o.what)
		default:
			thinner = append(thinner, o.what)
		}
	}
	return routes, thinner
}

// router is what echo.Echo and echo.Group share for adding routes.
type router interface {
	Match(methods []string, path string, h echo.HandlerFunc, m ...echo.MiddlewareFunc) []*echo.Route
}

// get adds a GET route and its HEAD: RFC 9110 asks for HEAD wherever GET
// is served, with the same headers. net/http drops a HEAD's body, so the
// GET handler serves both.
func get(r router, path string, h echo.HandlerFunc, m ...echo.MiddlewareFunc) {
	r.Match([]string{http.MethodGet, http.MethodHead}, path, h, m...)
}

// notFoundOr405 answers 405 with Allow when the path is served under other
// methods, and 404 otherwise.
func (s *Server) notFoundOr405(c echo.Context) error {
	r := c.Request()
	var allow []string
	route := ""
	for _, m := range []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
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
