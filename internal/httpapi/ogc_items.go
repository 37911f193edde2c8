package httpapi

import (
	"context"
	"net/url"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/placetrust/placetrust/internal/estate"
)

// ogcItemParams are the parameters /items knows; any other is refused.
var ogcItemParams = []string{"f", "limit", "bbox", "datetime", "cursor", "partner", "rag", "holding", "tenure", "tag"}

func (s *Server) ogcItems(c echo.Context) error {
	q := c.QueryParams()
	if err := checkParams(q, ogcItemParams...); err != nil {
		return err
	}
	mt, err := negotiate(c, geoJSONType, mimeJSON)
	if err != nil {
		return err
	}
	f, cur, err := parseOGCItems(q)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	// The count runs beside the page: numberMatched then costs no time
	// of its own unless both contend for the CPU.
	type counted struct {
		n   int
		err error
	}
	countc := make(chan counted, 1)
	go func() {
		n, err := s.svc.Assets.CountAssets(ctx, f)
		countc <- counted{n, err}
	}()
	assets, err := s.svc.Assets.FindAssets(ctx, f)
	var more bool
	if err == nil && cur.before > 0 && len(assets) == f.PageSize() {
		more, err = s.anyBefore(ctx, f, assets[0].ID)
	}
	count := <-countc
	if err != nil {
		return err
	}
	if count.err != nil {
		return count.err
	}
	c.Response().Header().Set(echo.HeaderContentType, mt)
	return writeFeatureCollection(c, assets, collectionMeta{numberMatched: count.n,
		timeStamp: time.Now(), links: s.itemLinks(c, q, mt, cur, assets, more)})
}

// anyBefore reports whether an asset matching f comes before id, so a
// page read backwards knows whether it is the first.
func (s *Server) anyBefore(ctx context.Context, f estate.AssetFilter, id int64) (bool, error) {
	f.After, f.Before, f.Limit = 0, id, 1
	page, err := s.svc.Assets.FindAssets(ctx, f)
	return len(page) > 0, err
}

// parseOGCItems reads /items' filters into an asset filter.
func parseOGCItems(q url.Values) (estate.AssetFilter, ogcCursor, error) {
	f := estate.AssetFilter{
		Partners: listValues(q, "partner"),
		RAGs:     enumValues[estate.RAG](q, "rag"),
		Holdings: enumValues[estate.Holding](q, "holding"),
		Tenures:  enumValues[estate.Tenure](q, "tenure"),
		Tags:     listValues(q, "tag"),
	}
	var err error
	if _, ok := q["bbox"]; ok {
		if f.BBox, err = parseBBox(q.Get("bbox")); err != nil {
			return f, ogcCursor{}, err
		}
	}
	if _, ok := q["datetime"]; ok {
		if f.UpdatedSince, f.UpdatedBefore, err = parseDatetime(q.Get("datetime")); err != nil {
			return f, ogcCursor{}, err
		}
	}
	if f.Limit, err = parseOGCLimit(q["limit"]); err != nil {
		return f, ogcCursor{}, err
	}
	cur, err := decodeOGCCursor(q.Get("cursor"))
	if err != nil {
		return f, cur, err
	}
	f.After, f.Before = cur.after, cur.before
	return f, cur, f.Validate()
}

// itemLinks are a page's self, alternate, next and prev links. A full
// page read forwards may have more after it (the next page may then be
// empty, which is cheaper than looking ahead); a page read forwards from
// a cursor has pages before it; a page read backwards has pages after it,
// and before it when moreBefore. Each link keeps the request's filters
// and format.
func (s *Server) itemLinks(c echo.Context, q url.Values, mt string, cur ogcCursor, page []*estate.Asset, moreBefore bool) []link {
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
	var first, last int64
	limit := max(1, len(page))
	if l, err := parseOGCLimit(q["limit"]); err == nil {
		limit = l
	}
	if len(page) > 0 {
		first, last = page[0].ID, page[len(page)-1].ID
	}
	next := func(c ogcCursor) { links = append(links, link{Href: at(c), Rel: "next", Type: mt, Title: "Next page"}) }
	prev := func(c ogcCursor) {
		links = append(links, link{Href: at(c), Rel: "prev", Type: mt, Title: "Previous page"})
	}
	switch {
	case cur.before > 0 && len(page) == 0:
		next(ogcCursor{after: cur.before - 1})
	case cur.before > 0 || len(page) == limit:
		next(ogcCursor{after: last})
	}
	switch {
	case cur.after > 0 && len(page) == 0:
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
	base := s.baseURL(c) + "/ogc/collections/" + assetsID
	self := base + "/items/" + strconv.FormatInt(a.ID, 10)
	other, otherF := mimeJSON, "json"
	if mt == mimeJSON {
		other, otherF = geoJSONType, "geojson"
	}
	c.Response().Header().Set("ETag", etag(a.Version))
	c.Response().Header().Set(echo.HeaderContentType, mt)
	return writeFeature(c, 200, a, []link{
		{Href: self, Rel: "self", Type: mt, Title: "This feature"},
		{Href: self + "?f=" + otherF, Rel: "alternate", Type: other, Title: "This feature as " + other},
		{Href: base, Rel: "collection", Type: mimeJSON, Title: assetsTitle},
	})
}
