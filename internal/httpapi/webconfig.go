package httpapi

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"
)

// webConfig is what the web map needs to know before it draws: the
// deployment's basemap, if any, whether reads need a token, and who the
// request's token belongs to, so the page shows edit controls only to
// those who may use them.
type webConfig struct {
	BasemapURL         string       `json:"basemap_url,omitempty"`
	BasemapAttribution string       `json:"basemap_attribution,omitempty"`
	PublicRead         bool         `json:"public_read"`
	Actor              *webConfigMe `json:"actor"`
}

type webConfigMe struct {
	Name    string `json:"name"`
	Role    string `json:"role"`
	Partner string `json:"partner,omitempty"`
}

// webConfigDoc answers GET /config.json. It needs no token; a bad token
// is refused (401) by authenticate, which is how the page learns that a
// stored token no longer works.
func (s *Server) webConfigDoc(c echo.Context) error {
	if err := checkParams(c.QueryParams()); err != nil {
		return err
	}
	doc := webConfig{BasemapURL: s.cfg.BasemapURL, BasemapAttribution: s.cfg.BasemapAttribution, PublicRead: s.cfg.PublicRead}
	if a := actorOf(c); !a.IsAnonymous() {
		doc.Actor = &webConfigMe{Name: a.Name, Role: string(a.Role), Partner: a.Partner}
	}
	h := c.Response().Header()
	h.Set("Cache-Control", "no-store")
	h.Add("Vary", echo.HeaderAuthorization)
	return c.JSON(http.StatusOK, doc)
}

// CheckBasemapURL reports whether u is usable as the map's basemap: an
// http(s) or root-relative URL template of raster tiles with {z}, {x} and
// {y}. The empty string (no basemap) is valid.
func CheckBasemapURL(u string) error {
	if u == "" {
		return nil
	}
	for _, p := range []string{"{z}", "{x}", "{y}"} {
		if !strings.Contains(u, p) {
			return fmt.Errorf("basemap URL %q: needs %s, as in https://tiles.example.org/{z}/{x}/{y}.png", u, p)
		}
	}
	parsed, err := url.Parse(strings.NewReplacer("{z}", "0", "{x}", "0", "{y}", "0").Replace(u))
	if err != nil || (parsed.Scheme != "http" && parsed.Scheme != "https" && !strings.HasPrefix(u, "/")) {
		return fmt.Errorf("basemap URL %q: use an http, https or root-relative URL", u)
	}
	return nil
}
