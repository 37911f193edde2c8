package httpapi

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/geojson"
)

func (s *Server) ogcItems(c echo.Context) error {
	q := c.QueryParams()
	req, err := parseItemsRequest(q)
	if err != nil {
		return err
	}
	f := req.filter
	mt, err := negotiate(c, geoJSONType, mimeJSON, mimeHTML)
	if err != nil {
		return err
	}
	if mt == mimeHTML {
		return s.itemsHTML(c, req)
	}
	cur := pageCursor(f)
	ctx := c.Request().Context()
	// The count runs beside the page, on a budget (ogc_count.go). A BNG
	// box's count would be the covering box's, so there is none.
	count := &pageCount{n: -1, settled: true}
	if req.grid == nil {
		count = s.startCount(ctx, f)
	}
	defer count.stop()
	var n int // rows read, whether written or not: the cursor's span
	var first, last pageEnd
	each := func(feature func(*estate.Asset) error) error {
		return s.svc.Assets.EachAsset(ctx, f, func(a *estate.Asset) error {
			if n == 0 {
				first = endOf(f.Sort, a)
			}
			last = endOf(f.Sort, a)
			n++
			if req.grid != nil && !inGrid(a, req.grid) {
				return nil
			}
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
	h := c.Response().Header()
	h.Set(echo.HeaderContentType, mt)
	h.Set("Content-Crs", contentCRS(req.crs))
	return streamFeatureCollection(c, each, meta, req.shape())
}

// itemsRequest is a parsed request for a page of items.
type itemsRequest struct {
	filter estate.AssetFilter
	crs    outCRS // of the features written
	// grid is a bbox given in British National Grid: the store selects
	// by a CRS84 box covering it, and the page keeps the assets meeting
	// it exactly.
	grid  *estate.BBox
	props geojson.Properties
}

func (r *itemsRequest) shape() geojson.Shape {
	return geojson.Shape{CRS: r.crs.enc, Properties: r.props}
}

// parseItemsRequest reads the items' parameters: the filter (with bbox
// in bbox-crs's axes, and CQL2's filter), crs and properties.
func parseItemsRequest(q url.Values) (*itemsRequest, error) {
	r := &itemsRequest{}
	var err error
	if r.crs, err = parseCRS(q, "crs"); err != nil {
		return nil, err
	}
	bboxCRS, err := parseCRS(q, "bbox-crs")
	if err != nil {
		return nil, err
	}
	_, hasBBox := q["bbox"]
	if _, ok := q["bbox-crs"]; ok && !hasBBox {
		return nil, invalid("bbox-crs", "names the CRS of bbox, which is missing")
	}
	fq := q
	if hasBBox && bboxCRS != crsCRS84 {
		fq = cloneValues(q)
		delete(fq, "bbox")
	}
	if r.filter, err = ogcItemsQuery.parse(fq, "f", "crs", "bbox-crs", "properties", "filter", "filter-lang", "filter-crs", "sortby"); err != nil {
		return nil, err
	}
	if r.filter.Where, err = parseOGCFilter(q); err != nil {
		return nil, err
	}
	if err := checkSingle(q, listParams...); err != nil {
		return nil, err
	}
	ownBBox := fq["bbox"] == nil && hasBBox
	if ownBBox {
		if r.filter.BBox, r.grid, err = bboxIn(bboxCRS, q.Get("bbox")); err != nil {
			return nil, err
		}
	}
	// Validated again with what parse did not see.
	if ownBBox || r.filter.Where != nil {
		if err := r.filter.Validate(); err != nil {
			return nil, err
		}
	}
	if _, ok := q["properties"]; ok {
		var unknown []string
		if r.props, unknown = geojson.SelectProperties(listValues(q, "properties")); unknown != nil {
			return nil, invalid("properties", "names properties the features do not have: "+strings.Join(unknown, ", ")+
				" (the schema lists them)")
		}
	}
	return r, nil
}

// pageSpan is what the links need of a page: the rows the store read for
// it (a BNG box's page may write fewer) and where they begin and end.
type pageSpan struct {
	n           int
	first, last pageEnd
}

// pageEnd is the first or last asset of a page as a cursor names it: its
// id, and its value of the sort key.
type pageEnd struct {
	id    int64
	value string
}

func endOf(s estate.Sort, a *estate.Asset) pageEnd { return pageEnd{a.ID, s.ValueOf(a)} }

// pageCursor is f's cursor.
func pageCursor(f estate.AssetFilter) ogcCursor {
	return ogcCursor{after: f.After, before: f.Before, value: f.CursorValue, sort: f.Sort}
}

// anyBefore reports whether an asset matching f comes before the page's
// first, so a page read backwards knows whether it is the first.
func (s *Server) anyBefore(ctx context.Context, f estate.AssetFilter, first pageEnd) (bool, error) {
	f.After, f.Before, f.CursorValue, f.Limit = 0, first.id, first.value, 1
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
	if mt != geoJSONType {
		other, otherF = geoJSONType, "geojson"
	}
	alt := cloneValues(q)
	alt.Set("f", otherF)
	links := []link{
		{Href: self + queryString(q), Rel: "self", Type: mt, Title: "This page"},
		{Href: self + queryString(alt), Rel: "alternate", Type: other, Title: "This page as " + other},
	}
	if mt != mimeHTML {
		html := cloneValues(q)
		html.Set("f", "html")
		links = append(links, link{Href: self + queryString(html), Rel: "alternate", Type: mimeHTML, Title: "This page as a web page"})
	}
	first, last := page.first, page.last
	// One id beyond another in the order: a page after (v, id) that is
	// empty has before it the page up to and including (v, id).
	step := int64(1)
	if cur.sort.Desc {
		step = -1
	}
	at := func(c ogcCursor) string {
		c.sort = cur.sort
		v := cloneValues(q)
		v.Set("cursor", c.encode())
		return self + queryString(v)
	}
	limit := max(1, page.n)
	if l, err := parseOGCLimit(q["limit"]); err == nil {
		limit = l
	}
	// A cursor stepped to id 0, which is no cursor, is the start for a
	// next link; for a prev link (asset 1 ending a descending page) there
	// is none to give.
	next := func(c ogcCursor) {
		href := at(c)
		if c.after <= 0 {
			v := cloneValues(q)
			v.Del("cursor")
			href = self + queryString(v)
		}
		links = append(links, link{Href: href, Rel: "next", Type: mt, Title: "Next page"})
	}
	prev := func(c ogcCursor) {
		if c.before > 0 {
			links = append(links, link{Href: at(c), Rel: "prev", Type: mt, Title: "Previous page"})
		}
	}
	switch {
	case cur.before > 0 && page.n == 0:
		next(ogcCursor{after: cur.before - step, value: cur.value})
	case cur.before > 0 || page.n == limit:
		next(ogcCursor{after: last.id, value: last.value})
	}
	switch {
	case cur.after > 0 && page.n == 0:
		prev(ogcCursor{before: cur.after + step, value: cur.value})
	case cur.after > 0 || moreBefore:
		prev(ogcCursor{before: first.id, value: first.value})
	}
	return links
}

func (s *Server) ogcItem(c echo.Context) error {
	q := c.QueryParams()
	if err := checkParams(q, "f", "crs"); err != nil {
		return err
	}
	crs, err := parseCRS(q, "crs")
	if err != nil {
		return err
	}
	mt, err := negotiate(c, geoJSONType, mimeJSON, mimeHTML)
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
	// The formats differ in their links' types and the CRSs in their
	// coordinates, so in their ETags.
	var variant []string
	switch mt {
	case mimeJSON:
		variant = append(variant, "json")
	case mimeHTML:
		variant = append(variant, "html")
	}
	if crs != crsCRS84 {
		variant = append(variant, strings.TrimPrefix(crs.uri, "http://www.opengis.net/def/crs/EPSG/0/"))
	}
	tag := assetETag(a.Version, a.Partner, actorOf(c), strings.Join(variant, "."))
	if notModified(c, tag) {
		return writeNotModified(c, tag)
	}
	base := s.baseURL(c) + "/ogc/collections/" + assetsID
	self := base + "/items/" + strconv.FormatInt(a.ID, 10)
	c.Response().Header().Set("ETag", tag)
	if mt == mimeHTML {
		return s.itemHTML(c, a, self)
	}
	other, otherF := mimeJSON, "json"
	if mt == mimeJSON {
		other, otherF = geoJSONType, "geojson"
	}
	selfQ, altQ := url.Values{}, url.Values{"f": {otherF}}
	if crs != crsCRS84 {
		selfQ.Set("crs", crs.uri)
		altQ.Set("crs", crs.uri)
	}
	c.Response().Header().Set(echo.HeaderContentType, mt)
	c.Response().Header().Set("Content-Crs", contentCRS(crs))
	return writeShapedFeature(c, 200, a, []link{
		{Href: self + queryString(selfQ), Rel: "self", Type: mt, Title: "This feature"},
		{Href: self + queryString(altQ), Rel: "alternate", Type: other, Title: "This feature as " + other},
		{Href: self + "?f=html", Rel: "alternate", Type: mimeHTML, Title: "This feature as a web page"},
		{Href: base, Rel: "collection", Type: mimeJSON, Title: assetsTitle},
	}, &geojson.Shape{CRS: crs.enc})
}
