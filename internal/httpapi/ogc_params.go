package httpapi

import (
	"encoding/base64"
	"mime"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/placetrust/placetrust/internal/estate"
)

// OGC API page sizes: documented in openapi.yaml; a larger limit is
// clamped to the maximum, as OGC API - Features asks, not refused.
const (
	ogcDefaultLimit = 100
	ogcMaxLimit     = estate.MaxPageSize
)

// parseOGCLimit reads limit: absent means the default, above the maximum
// means the maximum; zero, negative, empty and non-numbers are refused.
func parseOGCLimit(vs []string) (int, error) {
	if len(vs) == 0 {
		return ogcDefaultLimit, nil
	}
	n, err := strconv.ParseInt(strings.TrimSpace(vs[0]), 10, 64)
	if err != nil && !isOverflow(err) || n < 1 {
		return 0, invalid("limit", "must be a whole number of at least 1 (larger than "+
			strconv.Itoa(ogcMaxLimit)+" is read as "+strconv.Itoa(ogcMaxLimit)+")")
	}
	return int(min(n, ogcMaxLimit)), nil
}

func isOverflow(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}

// decimalNumber is the number syntax bbox takes: decimals with an
// optional exponent. strconv alone would also take hex floats, "inf",
// "nan" and underscores, which no client means in a bbox.
var decimalNumber = regexp.MustCompile(`^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$`)

// parseOGCBBox reads OGC API's bbox: minLon,minLat,maxLon,maxLat, or the
// same with heights (minLon,minLat,minZ,maxLon,maxLat,maxZ; the heights
// are ignored, assets having none). A box crossing the antimeridian
// (minLon > maxLon), which OGC API allows, is refused: no register this
// server keeps comes near 180°, and a silent empty page would mislead.
func parseOGCBBox(s string) (*estate.BBox, error) {
	v, err := bboxNumbers(s)
	if err != nil {
		return nil, invalid("bbox", "must be four decimal numbers minLon,minLat,maxLon,maxLat (or six, with heights after each corner's latitude)")
	}
	if v[0] > v[2] && v[0] <= 180 && v[2] >= -180 {
		return nil, invalid("bbox", "crosses the antimeridian (minLon > maxLon), which this server does not support: send one box each side of 180°")
	}
	return estate.BBoxOf(v)
}

// ogcCursor is where a page starts: after an id (next pages) or before
// one (previous pages), in the page's order; sorted by a property, the
// cursor is that property's value and the id. Clients see it only as an
// opaque token, which names the order it belongs to.
type ogcCursor struct {
	after, before int64
	value         string // the sort key's value at after or before
	sort          estate.Sort
}

func (c ogcCursor) encode() string {
	s := "a:" + strconv.FormatInt(c.after, 10)
	if c.before > 0 {
		s = "b:" + strconv.FormatInt(c.before, 10)
	}
	if c.sort != (estate.Sort{}) {
		s += ":" + c.sort.String() + ":" + c.value
	}
	return base64.RawURLEncoding.EncodeToString([]byte(s))
}

// decodeOGCCursor reads a cursor for a page sorted by sort, refusing one
// given for another order.
func decodeOGCCursor(s string, sort estate.Sort) (ogcCursor, error) {
	c := ogcCursor{sort: sort}
	if s == "" {
		return c, nil
	}
	bad := invalid("cursor", "is not a cursor this server gave: follow the next and prev links")
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return c, bad
	}
	parts := strings.SplitN(string(b), ":", 4)
	order := ""
	switch len(parts) {
	case 2:
	case 4:
		order, c.value = parts[2], parts[3]
	default:
		return c, bad
	}
	id, err := strconv.ParseInt(parts[1], 10, 64)
	if err != nil || id <= 0 {
		return c, bad
	}
	if order != sortOrder(sort) {
		return c, invalid("cursor", "belongs to another sortby: follow the next and prev links, which keep theirs")
	}
	switch parts[0] {
	case "a":
		c.after = id
	case "b":
		c.before = id
	default:
		return c, bad
	}
	return c, nil
}

// sortOrder is how a cursor names its order: nothing for the zero Sort,
// whose cursors are as before sortby was.
func sortOrder(s estate.Sort) string {
	if s == (estate.Sort{}) {
		return ""
	}
	return s.String()
}

// parseDatetime reads OGC API's datetime into bounds on an asset's date
// (estate.Selection's DatedFrom and DatedTo). An instant is a date-time
// or a date; an interval is start/end with ".." or nothing for an open
// end. Bounds are whole seconds: an instant matches its whole second, a
// date its whole UTC day, and an interval includes the seconds (or days)
// at both ends. RFC 3339 lets "T" and "Z" be lower case.
func parseDatetime(s string) (since, before time.Time, err error) {
	s = strings.ToUpper(s)
	bad := invalid("datetime", `must be an RFC 3339 date-time or date, or an interval start/end where ".." or nothing leaves an end open`)
	start, end, interval := strings.Cut(s, "/")
	if !interval {
		lo, hi, ok := parseInstant(s)
		if !ok {
			return since, before, bad
		}
		return lo, hi, nil
	}
	open := func(v string) bool { return v == "" || v == ".." }
	if open(start) && open(end) {
		return since, before, invalid("datetime", "an interval needs at least one end")
	}
	if !open(start) {
		lo, _, ok := parseInstant(start)
		if !ok {
			return since, before, bad
		}
		since = lo
	}
	if !open(end) {
		_, hi, ok := parseInstant(end)
		if !ok {
			return since, before, bad
		}
		before = hi
	}
	if !since.IsZero() && !before.IsZero() && since.After(before) {
		return since, before, invalid("datetime", "the interval's start is after its end")
	}
	return since, before, nil
}

// parseInstant returns the first and last second an instant covers. Its
// layouts include the shortened forms GDAL writes for date filters.
func parseInstant(s string) (time.Time, time.Time, bool) {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t.UTC(), t.UTC(), true
	}
	for _, layout := range []string{"2006-01-02T15:04Z07:00", "2006-01-02T15Z07:00"} {
		if t, err := time.Parse(layout, s); err == nil {
			step := time.Minute
			if len(layout) < 20 {
				step = time.Hour
			}
			return t.UTC(), t.UTC().Add(step - time.Second), true
		}
	}
	if d, err := time.Parse(time.DateOnly, strings.TrimSuffix(s, "T")); err == nil {
		return d, d.Add(24*time.Hour - time.Second), true
	}
	return time.Time{}, time.Time{}, false
}

// Media types of the OGC API documents.
const (
	mimeJSON    = echo.MIMEApplicationJSON
	mimeOpenAPI = "application/vnd.oai.openapi+json;version=3.0"
	mimeHTML    = "text/html"
)

// formats maps OGC API's f parameter to media types.
var formats = map[string]string{"json": mimeJSON, "geojson": geoJSONType, "html": mimeHTML,
	"openapi": mimeOpenAPI}

// negotiate picks the media type of a response from offers (the first is
// the default), by the f parameter if given, else by Accept. An f naming
// a format the resource lacks is a bad request; an Accept that admits
// none of them is answered 406.
func negotiate(c echo.Context, offers ...string) (string, error) {
	if f := c.QueryParam("f"); f != "" {
		want, ok := formats[strings.ToLower(f)]
		if !ok {
			want = f
		}
		for _, o := range offers {
			if o == want || baseType(o) == baseType(want) {
				return o, nil
			}
		}
		names := make([]string, 0, len(offers))
		for k, v := range formats {
			for _, o := range offers {
				if v == o {
					names = append(names, k)
				}
			}
		}
		return "", invalid("f", "must name a format this resource has: "+strings.Join(names, ", "))
	}
	// Without f the answer depends on Accept, which caches must know.
	c.Response().Header().Add("Vary", echo.HeaderAccept)
	accept := c.Request().Header.Get(echo.HeaderAccept)
	if strings.TrimSpace(accept) == "" {
		return offers[0], nil
	}
	best, bestQ := "", 0.0
	for _, part := range strings.Split(accept, ",") {
		mt, params, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		q := 1.0
		if v, ok := params["q"]; ok {
			if q, err = strconv.ParseFloat(v, 64); err != nil {
				continue
			}
		}
		for _, o := range offers {
			if q > bestQ && mediaMatch(mt, baseType(o)) {
				best, bestQ = o, q
			}
		}
	}
	if best == "" {
		return "", echo.NewHTTPError(http.StatusNotAcceptable, "This resource is available as "+strings.Join(offers, ", ")+".")
	}
	return best, nil
}

func baseType(mt string) string {
	t, _, _ := strings.Cut(mt, ";")
	return strings.ToLower(strings.TrimSpace(t))
}

func mediaMatch(pattern, mt string) bool {
	if pattern == "*/*" || pattern == mt {
		return true
	}
	if major, ok := strings.CutSuffix(pattern, "/*"); ok {
		return strings.HasPrefix(mt, major+"/")
	}
	return false
}
