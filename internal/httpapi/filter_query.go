package httpapi

import (
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/placetrust/placetrust/internal/analysis"
	"github.com/placetrust/placetrust/internal/estate"
)

// filterQuery declares how one surface writes a selection (estate.Selection),
// and a page of it, in a query string: the parameters it takes and the
// syntax of those whose spelling differs between surfaces. One parser
// (parse) reads them all; estate validates what it reads.
type filterQuery struct {
	// params are the selection's parameters this surface takes: member
	// names (estate.Member), and OGC API's datetime (dated_from and
	// dated_to as one interval) and tags (tag under the property's name,
	// the one GDAL forwards).
	params []string
	// bbox reads a bbox parameter given.
	bbox func(string) (*estate.BBox, error)
	// page reads limit and cursor; nil for a surface without pages.
	page func(url.Values) (estate.Page, error)
}

// The surfaces' filters.
var (
	// assetQuery is the asset list's and the exports' selection.
	assetQuery = filterQuery{params: []string{"partner", "rag", "holding", "tenure", "tag", "q", "uprn", "bbox", "near", "within"},
		bbox: parseBBox}
	// assetListQuery adds the asset list's pages.
	assetListQuery = assetQuery.paged(listPage)
	// ogcItemsQuery is OGC API's /items: its own bbox, datetime, limit and
	// cursor.
	ogcItemsQuery = filterQuery{params: []string{"bbox", "datetime", "partner", "rag", "holding", "tenure", "tag", "tags"},
		bbox: parseOGCBBox, page: ogcPage}
	// analysisQuery is what the analyses take, in a query or a scenario's
	// JSON body alike.
	analysisQuery = filterQuery{params: memberNames(analysis.FilterMembers), bbox: parseBBox}
)

// listParams take several values, comma-separated or repeated
// (partner=a&partner=b); any other parameter holds one.
var listParams = []string{"partner", "rag", "holding", "tenure", "tag", "tags"}

func (fq filterQuery) paged(page func(url.Values) (estate.Page, error)) filterQuery {
	fq.page = page
	return fq
}

// names are the parameters the surface takes, own being the route's
// parameters beside the filter.
func (fq filterQuery) names(own ...string) []string {
	out := slices.Clone(fq.params)
	if fq.page != nil {
		out = append(out, "limit", "cursor")
	}
	return append(out, own...)
}

// parse reads q into a filter after refusing parameters neither the
// filter nor own names, and single-valued parameters given more than
// once. A value that cannot be read is refused at once; the filter read
// is then validated whole (estate.AssetFilter.Validate).
func (fq filterQuery) parse(q url.Values, own ...string) (estate.AssetFilter, error) {
	var f estate.AssetFilter
	if err := checkParams(q, fq.names(own...)...); err != nil {
		return f, err
	}
	if err := checkSingle(q, listParams...); err != nil {
		return f, err
	}
	for _, name := range fq.params {
		if _, ok := q[name]; ok {
			if err := fq.read(&f.Selection, q, name); err != nil {
				return f, err
			}
		}
	}
	if fq.page != nil {
		var err error
		if f.Page, err = fq.page(q); err != nil {
			return f, err
		}
	}
	return f, f.Validate()
}

// read sets the members the parameter name gives.
func (fq filterQuery) read(s *estate.Selection, q url.Values, name string) error {
	v := q.Get(name)
	var err error
	switch name {
	case "partner":
		s.Partners = listValues(q, name)
	case "rag":
		s.RAGs = enumValues[estate.RAG](q, name)
	case "holding":
		s.Holdings = enumValues[estate.Holding](q, name)
	case "tenure":
		s.Tenures = enumValues[estate.Tenure](q, name)
	case "tag", "tags":
		s.Tags = append(s.Tags, listValues(q, name)...)
	case "q":
		s.Q = v
	case "uprn":
		s.UPRN = strings.TrimSpace(v)
	case "bbox":
		s.BBox, err = fq.bbox(v)
	case "near":
		if v != "" {
			p, _ := parseFloats(v, 2)
			s.Near, err = estate.NearOf(p)
		}
	case "within":
		if v != "" {
			if s.WithinM, err = strconv.ParseFloat(v, 64); err != nil {
				return invalid(name, "must be a number of metres")
			}
		}
	case "datetime":
		s.DatedFrom, s.DatedTo, err = parseDatetime(v)
	}
	return err
}

// listPage reads the asset list's page: limit refused above the maximum,
// the cursor a next link's.
func listPage(q url.Values) (p estate.Page, err error) {
	if p.Limit, err = parseLimit(q.Get("limit"), estate.MaxPageSize); err != nil {
		return p, err
	}
	p.After, err = decodeCursor(q.Get("cursor"))
	return p, err
}

// ogcPage reads OGC API's page: limit clamped to the maximum, the order
// (sortby), and the cursor a next or prev link's for that order.
func ogcPage(q url.Values) (estate.Page, error) {
	limit, err := parseOGCLimit(q["limit"])
	if err != nil {
		return estate.Page{}, err
	}
	sort, err := parseSortby(q["sortby"])
	if err != nil {
		return estate.Page{}, err
	}
	cur, err := decodeOGCCursor(q.Get("cursor"), sort)
	return estate.Page{After: cur.after, Before: cur.before, Limit: limit, Sort: sort, CursorValue: cur.value}, err
}

func memberNames(ms []estate.Member) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = string(m)
	}
	return out
}

// listValues splits comma-separated and repeated parameter values.
func listValues(q url.Values, name string) []string {
	var out []string
	for _, v := range q[name] {
		for _, s := range strings.Split(v, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

func enumValues[T ~string](q url.Values, name string) []T {
	vs := listValues(q, name)
	out := make([]T, len(vs))
	for i, v := range vs {
		out[i] = T(v)
	}
	return out
}

// parseFloats parses exactly n comma-separated numbers.
func parseFloats(s string, n int) ([]float64, bool) {
	parts := strings.Split(s, ",")
	if len(parts) != n {
		return nil, false
	}
	out := make([]float64, n)
	for i, p := range parts {
		f, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil {
			return nil, false
		}
		out[i] = f
	}
	return out, true
}

// parseBBox parses "minLon,minLat,maxLon,maxLat"; blank is no box.
func parseBBox(s string) (*estate.BBox, error) {
	if s == "" {
		return nil, nil
	}
	v, _ := parseFloats(s, 4)
	return estate.BBoxOf(v)
}
