package httpapi

import (
	"context"
	"net/url"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/geojson"
)

func (s *Server) ogcItems(c echo.Context) error {
	q := c.QueryParams()
	f, err := ogcItemsQuery.parse(q, "f")
	if err != nil {
		return err
	}
	mt, err := negotiate(c, geoJSONType, mimeJSON)
	if err != nil {
		return err
	}
	cur := ogcCursor{after: f.After, before: f.Before}
	ctx := c.Request().Context()
	// The count runs beside the page, on a budget (ogc_count.go).
	count := s.startCount(ctx, f)
	defer count.stop()
	var n int
	var first, last int64
	each := func(feature func(*estate.Asset) error) error {
		return s.svc.Assets.EachAsset(ctx, f, func(a *estate.Asset) error {
			if n == 0 {
				first = a.ID
			}
			last = a.ID
			n++
			return feature(a)
		})
	}
	meta := func() (geojson.Meta, error) {
		var more bool
		var err error
		if cur.before > 0 && n == f.PageSize() {
			more, err = s.anyBefore(ctx, f, first)
		}
		matched, cerr := count.wait()
		if err == nil {
			err = cerr
		}
		return geojson.Meta{NumberMatched: matched, TimeStamp: time.Now(),
			Links: s.itemLinks(c, q, mt, cur, pageSpan{n, first, last}, more)}, err
	}
	c.Response().Header().Set(echo.HeaderContentType, mt)
	return streamFeatureCollection(c, each, meta)
}

// pageSpan is what the links need of a page: its size and end ids.
type pageSpan struct {
	n           int
	first, last int64
}

// anyBefore reports whether an asset matching f comes before id, so a
// page read backwards knows whether it is the first.
func (s *Server) anyBefore(ctx context.Context, f estate.AssetFilter, id int64) (bool, error) {
	f.After, f.Before, f.Limit = 0, id, 1
	page, err := s.svc.Assets.FindAssets(ctx, f)
	return len(page) > 0, err
}

// itemLinks are a page's self, alternate, next and prev links. A full
// page read forwards may have more after it (the next page may then be
// empty, which is cheaper than looking ahead); a page read forwards from
// a cursor has pages before it; a page read backwards has pages after it,
// and before it when moreBefore. Each link keeps the request's filters
// and format.
func (s *Server) itemLinks(c echo.Context, q url.Values, mt string, cur ogcCursor, page pageSpan, moreBefore bool) []link {
	self := s.baseURL(c) + c.Request().URL.Path
	other, otherF := mimeJSON, "json"
	if mt == mimeJSON {
		other, otherF = geoJSONType, "geojson"
	}
	alt := cloneValues(q)
	alt.Set("f", otherF)
	links := []link{
		{Href: self + queryString(q), Rel: "self", Type: mt, Title: "This page"},
		{Href: self + queryString(alt), Rel: "alternate", Type: other, Title: "This page as " + other},
	}
	at := func(c ogcCursor) string {
		v := cloneValues(q)
		v.Set("cursor", c.encode())
		return self + queryString(v)
	}
	first, last := page.first, page.last
	limit := max(1, page.n)
	if l, err := parseOGCLimit(q["limit"]); err == nil {
		limit = l
	}
	next := func(c ogcCursor) { links = append(links, link{Href: at(c), Rel: "next", Type: mt, Title: "Next page"}) }
	prev := func(c ogcCursor) {
		links = append(links, link{Href: at(c), Rel: "prev", Type: mt, Title: "Previous page"})
	}
	switch {
	case cur.before > 0 && page.n == 0:
		next(ogcCursor{after: cur.before - 1})
	case cur.before > 0 || page.n == limit:
		next(ogcCursor{after: last})
	}
	switch {
	case cur.after > 0 && page.n == 0:
		prev(ogcCursor{before: cur.after + 1})
	case cur.after > 0 || moreBefore:
		prev(ogcCursor{before: first})
	}
	return links
}

func (s *Server) ogcItem(c echo.Context) error {
	if err := checkParams(c.QueryParams(), "f"); err != nil {
		return err
	}
	mt, err := negotiate(c, geoJSONType, mimeJSON)
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(c.Param("featureId"), 10, 64)
	if err != nil || id <= 0 {
		return estate.Errorf(estate.ENOTFOUND, "Feature %q not found: feature ids are positive whole numbers.", c.Param("featureId"))
	}
	a, err := s.svc.Assets.FindAssetByID(c.Request().Context(), id)
	if err != nil {
		return err
	}
	// The two formats differ in their links' types, so in their ETags.
	variant := ""
	if mt == mimeJSON {
		variant = "json"
	}
	tag := assetETag(a.Version, a.Partner, actorOf(c), variant)
	if notModified(c, tag) {
		return writeNotModified(c, tag)
	}
	base := s.baseURL(c) + "/ogc/collections/" + assetsID
	self := base + "/items/" + strconv.FormatInt(a.ID, 10)
	other, otherF := mimeJSON, "json"
	if mt == mimeJSON {
		other, otherF = geoJSONType, "geojson"
	}
	c.Response().Header().Set("ETag", tag)
	c.Response().Header().Set(echo.HeaderContentType, mt)
	return writeFeature(c, 200, a, []link{
		{Href: self, Rel: "self", Type: mt, Title: "This feature"},
		{Href: self + "?f=" + otherF, Rel: "alternate", Type: other, Title: "This feature as " + other},
		{Href: base, Rel: "collection", Type: mimeJSON, Title: assetsTitle},
	})
}
