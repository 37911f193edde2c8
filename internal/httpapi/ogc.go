package httpapi

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
)

// OGC API - Features Part 1 under /ogc: one collection, "assets", the
// same register and access rules as /api/v1/assets, with the paging
// metadata (numberMatched, next and prev links) GIS clients use; Part 2's
// CRSs (ogc_crs.go), Part 3's queryables (ogc_queryables.go) and CQL2
// filter (ogc_filter.go), and HTML pages for people (ogc_html.go).

// conformance lists the conformance classes the /ogc API implements.
var conformance = []string{
	"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
	"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
	"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
	"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
	"http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
	"http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
	"http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters",
	// Part 3's filter (ogc_filter.go) and CQL2 (OGC 21-065) as far as
	// implemented: the basic predicates, LIKE, BETWEEN and IN, and
	// S_INTERSECTS with points and boxes. Not basic-spatial-functions-plus
	// (S_INTERSECTS with every simple-features type: lines and the multi
	// types are not read), spatial-functions or temporal-functions (only
	// S_WITHIN and T_INTERSECTS, T_BEFORE and T_AFTER of their functions
	// are), nor property-property comparisons.
	"http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
	"http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter",
	"http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
	"http://www.opengis.net/spec/cql2/1.0/conf/cql2-json",
	"http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2",
	"http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators",
	"http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions",
}

const (
	crs84          = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
	gregorian      = "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian"
	assetsID       = "assets"
	assetsTitle    = "Public estate assets"
	assetsDescribe = "Land and buildings of every partner in the register, one feature per asset, " +
		"located by a point (the footprint, where known, is a geometry-valued property). " +
		"datetime selects by the asset's date: effective_date, the as-at date of the owner's data, as its whole UTC day, " +
		"or updated_at, when the register last changed the asset, for an asset without one; the temporal extent bounds the same dates. " +
		"Filter by partner, rag, holding, tenure and tag (or tags) as in /api/v1/assets, " +
		"or by a CQL2 filter (filter, filter-lang cql2-text or cql2-json, filter-crs) on any of the queryables. " +
		"sortby orders the items by one of the sortables (id, rag, partner; - for descending), id breaking ties. " +
		"Features come in CRS84, EPSG:4326 (latitude first) or British National Grid, EPSG:27700, by OSTN15 (crs). " +
		"The describedBy link is the features' JSON Schema: every property and its type."
)

type landingPage struct {
	Title       string `json:"title"`
	Description string `json:"description"`
	Links       []link `json:"links"`
}

func (s *Server) ogcLanding(c echo.Context) error {
	mt, err := s.ogcDocument(c)
	if err != nil {
		return err
	}
	base := s.baseURL(c) + "/ogc"
	doc := landingPage{
		Title:       "placetrust",
		Description: "One register of every public body's land and buildings in a place, as OGC API - Features.",
		Links: []link{
			{Href: base, Rel: "self", Type: mimeJSON, Title: "This document"},
			{Href: base + "?f=html", Rel: "alternate", Type: mimeHTML, Title: "This document as a web page"},
			{Href: base + "/api", Rel: "service-desc", Type: mimeOpenAPI, Title: "The API definition (OpenAPI 3.0)"},
			{Href: base + "/api.html", Rel: "service-doc", Type: mimeHTML, Title: "The API documentation"},
			{Href: base + "/conformance", Rel: "conformance", Type: mimeJSON, Title: "Conformance classes"},
			{Href: base + "/collections", Rel: "data", Type: mimeJSON, Title: "Collections"},
		},
	}
	if mt == mimeHTML {
		return s.linksHTML(c, "placetrust: OGC API - Features", doc.Description, htmlLinks(doc.Links), nil)
	}
	return c.JSON(http.StatusOK, doc)
}

// htmlLinks are links for a web page: to the HTML form of each document
// this API has as HTML.
func htmlLinks(links []link) []link {
	var out []link
	for _, l := range links {
		switch {
		case l.Rel == "self" || l.Rel == "alternate":
			continue
		case l.Type == mimeJSON && l.Rel != "alternate":
			l.Href, l.Type = l.Href+"?f=html", mimeHTML
		}
		out = append(out, l)
	}
	return out
}

func (s *Server) ogcConformance(c echo.Context) error {
	mt, err := s.ogcDocument(c)
	if err != nil {
		return err
	}
	if mt == mimeHTML {
		return s.linksHTML(c, "Conformance classes", "The OGC API - Features conformance classes this server implements.", nil, conformance)
	}
	return c.JSON(http.StatusOK, map[string][]string{"conformsTo": conformance})
}

type collectionsDoc struct {
	Links       []link        `json:"links"`
	Collections []*collection `json:"collections"`
}

type collection struct {
	ID          string   `json:"id"`
	Title       string   `json:"title"`
	Description string   `json:"description"`
	Extent      *extent  `json:"extent,omitempty"`
	ItemType    string   `json:"itemType"`
	CRS         []string `json:"crs"`
	StorageCRS  string   `json:"storageCrs"`
	Links       []link   `json:"links"`
}

type extent struct {
	Spatial  spatialExtent   `json:"spatial"`
	Temporal *temporalExtent `json:"temporal,omitempty"`
}

type spatialExtent struct {
	BBox [][4]float64 `json:"bbox"`
	CRS  string       `json:"crs"`
}

type temporalExtent struct {
	Interval [][2]*string `json:"interval"`
	TRS      string       `json:"trs"`
}

func (s *Server) ogcCollections(c echo.Context) error {
	mt, err := s.ogcDocument(c)
	if err != nil {
		return err
	}
	col, err := s.assetsCollection(c)
	if err != nil {
		return err
	}
	if mt == mimeHTML {
		return s.collectionsHTML(c, "Collections", []*collection{col}, 0)
	}
	base := s.baseURL(c) + "/ogc/collections"
	return c.JSON(http.StatusOK, collectionsDoc{
		Links:       []link{{Href: base, Rel: "self", Type: mimeJSON, Title: "This document"}},
		Collections: []*collection{col},
	})
}

func (s *Server) ogcCollection(c echo.Context) error {
	mt, err := s.ogcDocument(c)
	if err != nil {
		return err
	}
	col, err := s.assetsCollection(c)
	if err != nil {
		return err
	}
	if mt == mimeHTML {
		return s.collectionsHTML(c, col.Title, []*collection{col}, 1)
	}
	return c.JSON(http.StatusOK, col)
}

// ogcDocument checks the parameters and format of a metadata document:
// only f is known; JSON, the default, or HTML.
func (s *Server) ogcDocument(c echo.Context) (string, error) {
	if err := checkParams(c.QueryParams(), "f"); err != nil {
		return "", err
	}
	return negotiate(c, mimeJSON, mimeHTML)
}

// assetsCollection describes the assets collection, with the extent of
// what the caller may see when the store can bound it.
func (s *Server) assetsCollection(c echo.Context) (*collection, error) {
	base := s.baseURL(c) + "/ogc/collections/" + assetsID
	col := &collection{ID: assetsID, Title: assetsTitle, Description: assetsDescribe, ItemType: "feature",
		CRS: supportedCRS, StorageCRS: crs84,
		Links: []link{
			{Href: base, Rel: "self", Type: mimeJSON, Title: "This collection"},
			{Href: base + "?f=html", Rel: "alternate", Type: mimeHTML, Title: "This collection as a web page"},
			{Href: base + "/items", Rel: "items", Type: geoJSONType, Title: "The assets"},
			{Href: base + "/items?f=json", Rel: "items", Type: mimeJSON, Title: "The assets as JSON"},
			{Href: base + "/items?f=html", Rel: "items", Type: mimeHTML, Title: "The assets as a web page"},
			{Href: base + "/schema", Rel: "describedBy", Type: mimeJSONSchema, Title: "The features' JSON Schema"},
			{Href: base + "/queryables", Rel: "http://www.opengis.net/def/rel/ogc/1.0/queryables", Type: mimeJSONSchema,
				Title: "What the items can be filtered by"},
			{Href: base + "/sortables", Rel: "http://www.opengis.net/def/rel/ogc/1.0/sortables", Type: mimeJSONSchema,
				Title: "What the items can be sorted by (sortby)"},
			{Href: s.baseURL(c) + "/tiles/assets.json", Rel: "alternate", Type: mimeJSON, Title: "Vector tiles (TileJSON)"},
		}}
	if s.svc.Extent == nil {
		return col, nil
	}
	ctx := c.Request().Context()
	e, err := s.svc.Extent.FindAssetExtent(ctx)
	if err != nil || e.Count == 0 {
		return col, err
	}
	col.Extent = &extent{Spatial: spatialExtent{BBox: [][4]float64{{e.BBox.MinLon, e.BBox.MinLat, e.BBox.MaxLon, e.BBox.MaxLat}}, CRS: crs84}}
	if s.svc.Dates != nil {
		lo, hi, ok, err := s.svc.Dates.FindAssetDates(ctx)
		if err != nil {
			return nil, err
		}
		if ok {
			first, last := lo.Format(time.RFC3339), hi.Format(time.RFC3339)
			col.Extent.Temporal = &temporalExtent{Interval: [][2]*string{{&first, &last}}, TRS: gregorian}
		}
	}
	return col, nil
}
