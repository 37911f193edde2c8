package httpapi

import (
	"bytes"
	"embed"
	"encoding/json"
	"html/template"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/geojson"
)

// HTML for people: the OGC documents as web pages (f=html, or a browser's
// Accept), so a link in an email opens something readable. Clients that
// send no Accept, */* or JSON get JSON. The pages load only this server's
// stylesheet and, for the map, the vendored MapLibre and web/pages/ogc.js,
// under the map's Content-Security-Policy; features travel in the page as
// JSON data, never as script.

//go:embed templates/*.html
var templateFiles embed.FS

var ogcPages = template.Must(template.ParseFS(templateFiles, "templates/*.html"))

// htmlPage is what the templates read; each uses the fields it needs.
type htmlPage struct {
	Title, Description string
	Base               string // the server's base URL, for every link
	Map                bool   // loads the map's script and stylesheet
	Crumbs             []link
	Formats            []link // the same resource in other formats
	Links              []link
	List               []string
	Collections        []*collection
	Count              string
	Paging             []link
	Features           template.JS // a FeatureCollection for the map
	Assets             []*estate.Asset
	Props              []htmlProp
}

type htmlProp struct{ Name, Value string }

// renderHTML writes the page through the named template, under the map's
// policy (security.go), which allows this server's scripts and styles.
func (s *Server) renderHTML(c echo.Context, name string, p *htmlPage) error {
	var buf bytes.Buffer
	if err := ogcPages.ExecuteTemplate(&buf, name, p); err != nil {
		return err
	}
	c.Response().Header().Set("Content-Security-Policy", s.pageCSP)
	return c.HTMLBlob(http.StatusOK, buf.Bytes())
}

// page starts a page with the base URL, its crumbs, and its JSON form
// (the request's URL with f=json) as the other format.
func (s *Server) page(c echo.Context, title string, crumbs ...link) *htmlPage {
	base := s.baseURL(c)
	q := cloneValues(c.QueryParams())
	q.Set("f", "json")
	return &htmlPage{Title: title, Base: base, Crumbs: crumbs,
		Formats: []link{{Href: base + c.Request().URL.Path + queryString(q), Rel: "alternate", Type: mimeJSON, Title: "JSON"}}}
}

func (s *Server) crumbs(c echo.Context, upTo int) []link {
	base := s.baseURL(c) + "/ogc/collections"
	all := []link{{Href: base + "?f=html", Title: "Collections"},
		{Href: base + "/" + assetsID + "?f=html", Title: assetsTitle},
		{Href: base + "/" + assetsID + "/items?f=html", Title: "Items"}}
	return all[:upTo]
}

func (s *Server) linksHTML(c echo.Context, title, description string, links []link, list []string) error {
	p := s.page(c, title)
	p.Description, p.Links, p.List = description, links, list
	return s.renderHTML(c, "links", p)
}

func (s *Server) collectionsHTML(c echo.Context, title string, cols []*collection, crumbs int) error {
	p := s.page(c, title, s.crumbs(c, crumbs)...)
	p.Collections = cols
	return s.renderHTML(c, "collections", p)
}

// mapFeatures is a FeatureCollection of the assets for the page's map, in
// CRS84 with the properties its points show; jsonesc escapes < and >, so
// the data cannot close its script element.
func mapFeatures(assets []*estate.Asset) (template.JS, error) {
	var buf bytes.Buffer
	enc := geojson.NewWriter(&buf)
	defer enc.Release()
	props, _ := geojson.SelectProperties([]string{"name", "rag", "partner"})
	enc.SetShape(geojson.Shape{Properties: props})
	for _, a := range assets {
		if err := enc.Feature(a); err != nil {
			return "", err
		}
	}
	if err := enc.Close(); err != nil {
		return "", err
	}
	return template.JS(bytes.TrimSpace(buf.Bytes())), nil
}

// itemsHTML is a page of items as a table and a map, with the page's
// prev and next links; it reads the page as the JSON form would.
func (s *Server) itemsHTML(c echo.Context, req *itemsRequest) error {
	ctx := c.Request().Context()
	f := req.filter
	page, err := s.svc.Assets.FindAssets(ctx, f)
	if err != nil {
		return err
	}
	n := len(page)
	var first, last pageEnd
	if n > 0 {
		first, last = endOf(f.Sort, page[0]), endOf(f.Sort, page[n-1])
	}
	assets := page[:0]
	for _, a := range page {
		if req.grid == nil || inGrid(a, req.grid) {
			assets = append(assets, a)
		}
	}
	cur := pageCursor(f)
	var more bool
	if cur.before > 0 && n == f.PageSize() {
		if more, err = s.anyBefore(ctx, f, first); err != nil {
			return err
		}
	}
	p := s.page(c, "Items", s.crumbs(c, 2)...)
	p.Title = assetsTitle + ": items"
	p.Map, p.Assets = true, assets
	p.Count = strconv.Itoa(len(assets)) + " on this page"
	for _, l := range s.itemLinks(c, c.QueryParams(), mimeHTML, cur, pageSpan{n, first, last}, more) {
		switch l.Rel {
		case "prev", "next":
			p.Paging = append(p.Paging, l)
		case "alternate":
			p.Formats = append(p.Formats[:0], link{Href: l.Href, Rel: l.Rel, Type: l.Type, Title: "GeoJSON"})
		}
	}
	if p.Features, err = mapFeatures(assets); err != nil {
		return err
	}
	return s.renderHTML(c, "items", p)
}

// itemHTML is one asset's page: its properties, in the features' order,
// and a map.
func (s *Server) itemHTML(c echo.Context, a *estate.Asset, self string) error {
	p := s.page(c, a.Name, s.crumbs(c, 3)...)
	p.Map = true
	p.Formats = []link{{Href: self + "?f=geojson", Rel: "alternate", Type: geoJSONType, Title: "GeoJSON"}}
	var f struct{ Properties map[string]json.RawMessage }
	if err := json.Unmarshal(geojson.AppendFeature(nil, a, nil), &f); err != nil {
		return err
	}
	p.Props = append(p.Props, htmlProp{"id", strconv.FormatInt(a.ID, 10)},
		htmlProp{"location", strconv.FormatFloat(a.Location.Lon, 'f', -1, 64) + ", " +
			strconv.FormatFloat(a.Location.Lat, 'f', -1, 64) + " (longitude, latitude)"})
	for _, name := range geojson.PropertyNames() {
		raw, ok := f.Properties[name]
		if !ok {
			continue
		}
		v := string(raw)
		var text string
		if json.Unmarshal(raw, &text) == nil {
			v = text
		} else if name == "footprint" {
			v = "an outline (see the GeoJSON form)"
		}
		p.Props = append(p.Props, htmlProp{name, v})
	}
	var err error
	if p.Features, err = mapFeatures([]*estate.Asset{a}); err != nil {
		return err
	}
	return s.renderHTML(c, "item", p)
}
