package httpapi

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/geojson"
)

const geoJSONType = "application/geo+json"

// link is a typed hyperlink, as OGC API and our lists use.
type link = geojson.Link

func (s *Server) listAssets(c echo.Context) error {
	q := c.QueryParams()
	f, err := assetListQuery.parse(q)
	if err != nil {
		return err
	}
	assets, err := s.svc.Assets.FindAssets(c.Request().Context(), f)
	if err != nil {
		return err
	}
	var links []link
	self := s.baseURL(c) + c.Request().URL.Path
	links = append(links, link{Href: self + queryString(q), Rel: "self", Type: geoJSONType})
	// A full page may have more behind it; the next page may then be
	// empty, which is cheaper than counting ahead.
	if len(assets) == f.PageSize() && len(assets) > 0 {
		next := cloneValues(q)
		next.Set("cursor", encodeCursor(assets[len(assets)-1].ID))
		links = append(links, link{Href: self + queryString(next), Rel: "next", Type: geoJSONType})
	}
	return writeCollection(c, assets, links)
}

// writeCollection streams a FeatureCollection one feature at a time, with
// counts and links after the features.
func writeCollection(c echo.Context, assets []*estate.Asset, links []link) error {
	return writeFeatureCollection(c, assets, geojson.Meta{NumberMatched: -1, Links: links})
}

func (s *Server) getAsset(c echo.Context) error {
	id, err := assetID(c)
	if err != nil {
		return err
	}
	if err := checkParams(c.QueryParams()); err != nil {
		return err
	}
	a, err := s.svc.Assets.FindAssetByID(c.Request().Context(), id)
	if err != nil {
		return err
	}
	if tag := assetETag(a.Version, a.Partner, actorOf(c), ""); notModified(c, tag) {
		return writeNotModified(c, tag)
	}
	return s.writeAsset(c, http.StatusOK, a)
}

func (s *Server) writeAsset(c echo.Context, status int, a *estate.Asset) error {
	base := s.baseURL(c) + "/api/v1/assets/" + strconv.FormatInt(a.ID, 10)
	links := []link{{Href: base, Rel: "self", Type: geoJSONType},
		{Href: base + "/history", Rel: "history", Type: echo.MIMEApplicationJSON}}
	c.Response().Header().Set("ETag", assetETag(a.Version, a.Partner, actorOf(c), ""))
	return writeFeature(c, status, a, links)
}

func (s *Server) createAsset(c echo.Context) error {
	body, err := readBody(c)
	if err != nil {
		return err
	}
	a, props, err := decodeFeature(body)
	if err != nil {
		return err
	}
	if err := readOnlyProblems(props, &assetProps{}); err != nil {
		return err
	}
	if err := s.svc.Assets.CreateAsset(c.Request().Context(), a); err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, s.baseURL(c)+"/api/v1/assets/"+strconv.FormatInt(a.ID, 10))
	return s.writeAsset(c, http.StatusCreated, a)
}

func assetID(c echo.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, estate.Errorf(estate.ENOTFOUND, "Asset %q not found: asset ids are positive whole numbers.", c.Param("id"))
	}
	return id, nil
}

func queryString(q url.Values) string {
	if len(q) == 0 {
		return ""
	}
	return "?" + q.Encode()
}

func cloneValues(q url.Values) url.Values {
	out := make(url.Values, len(q))
	for k, v := range q {
		out[k] = append([]string(nil), v...)
	}
	return out
}

func jsonContentType(ct string) bool {
	mt, _, _ := strings.Cut(ct, ";")
	switch strings.TrimSpace(strings.ToLower(mt)) {
	case "application/json", geoJSONType, "application/merge-patch+json":
		return true
	}
	return false
}
