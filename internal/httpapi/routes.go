package httpapi

import "strings"

// routes is the whole HTTP surface on one screen. openapi.yaml describes
// exactly these; TestSpecMatchesRoutes holds the two together.
func (s *Server) routes() {
	e := s.echo
	e.GET("/healthz", s.health)
	e.GET("/openapi.yaml", s.spec)
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

	api.GET("/trust", s.trust)
	api.POST("/trust", s.trust)
	api.GET("/analyses/receipts", s.receipts)
	api.POST("/analyses/receipts", s.receipts)
	api.GET("/analyses/colocation", s.colocation)
	api.POST("/analyses/colocation", s.colocation)

	api.GET("/tokens", s.listTokens, requireToken)
	api.POST("/tokens", s.createToken, requireToken)
	api.DELETE("/tokens/:id", s.revokeToken, requireToken)

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
				parts[i] = "{" + p[1:] + "}"
			}
		}
		out = append(out, Route{Method: r.Method, Path: strings.Join(parts, "/")})
	}
	return out
}
