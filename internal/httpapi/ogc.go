package httpapi

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
)

// OGC API - Features Part 1 under /ogc: one collection, "assets", the
// same register and access rules as /api/v1/assets, with the paging
// metadata (numberMatched, next and prev links) GIS clients use.

// conformance lists the conformance classes the /ogc API implements.
var conformance = []string{
	"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
	"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
	"http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
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
		"Filter by partner, rag, holding, tenure and tag (or tags) as in /api/v1/assets. " +
		"The describedBy link is the features' JSON Schema: every property and its type."
)

type landingPage struct {
	Title       string `json:"title"`
	Description string `json:"description"`
	Links       []link `json:"links"`
}

func (s *Server) ogcLanding(c echo.Context) error {
	if err := s.ogcDocument(c); err != nil {
		return err
	}
	base := s.baseURL(c) + "/ogc"
	return c.JSON(http.StatusOK, landingPage{
		Title:       "placetrust",
		Description: "One register of every public body's land and buildings in a place, as OGC API - Features.",
		Links: []link{
			{Href: base, Rel: "self", Type: mimeJSON, Title: "This document"},
			{Href: base + "/api", Rel: "service-desc", Type: mimeOpenAPI, Title: "The API definition (OpenAPI 3.0)"},
			{Href: base + "/api.html", Rel: "service-doc", Type: mimeHTML, Title: "The API documentation"},
			{Href: base + "/conformance", Rel: "conformance", Type: mimeJSON, Title: "Conformance classes"},
			{Href: base + "/collections", Rel: "data", Type: mimeJSON, Title: "Collections"},
		},
	})
}

func (s *Server) ogcConformance(c echo.Context) error {
	if err := s.ogcDocument(c); err != nil {
		return err
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
	if err := s.ogcDocument(c); err != nil {
		return err
	}
	col, err := s.assetsCollection(c)
	if err != nil {
		return err
	}
	base := s.baseURL(c) + "/ogc/collections"
	return c.JSON(http.StatusOK, collectionsDoc{
		Links:       []link{{Href: base, Rel: "self", Type: mimeJSON, Title: "This document"}},
		Collections: []*collection{col},
	})
}

func (s *Server) ogcCollection(c echo.Context) error {
	if err := s.ogcDocument(c); err != nil {
		return err
	}
	col, err := s.assetsCollection(c)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, col)
}

// ogcDocument checks the parameters and format of a JSON metadata
// document: only f is known, and only JSON is served.
func (s *Server) ogcDocument(c echo.Context) error {
	if err := checkParams(c.QueryParams(), "f"); err != nil {
		return err
	}
	_, err := negotiate(c, mimeJSON)
	return err
}

// assetsCollection describes the assets collection, with the extent of
// what the caller may see when the store can bound it.
func (s *Server) assetsCollection(c echo.Context) (*collection, error) {
	base := s.baseURL(c) + "/ogc/collections/" + assetsID
	col := &collection{ID: assetsID, Title: assetsTitle, Description: assetsDescribe, ItemType: "feature",
		CRS: []string{crs84}, StorageCRS: crs84,
		Links: []link{
			{Href: base, Rel: "self", Type: mimeJSON, Title: "This collection"},
			{Href: base + "/items", Rel: "items", Type: geoJSONType, Title: "The assets"},
			{Href: base + "/items?f=json", Rel: "items", Type: mimeJSON, Title: "The assets as JSON"},
			{Href: base + "/schema", Rel: "describedBy", Type: mimeJSONSchema, Title: "The features' JSON Schema"},
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
