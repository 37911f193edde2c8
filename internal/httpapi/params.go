package httpapi

import (
	"encoding/base64"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/placetrust/placetrust/internal/estate"
)

// checkParams refuses query parameters the route does not know, so a
// misspelt filter fails loudly instead of silently matching everything.
func checkParams(q url.Values, known ...string) error {
	for k := range q {
		found := false
		for _, n := range known {
			if k == n {
				found = true
				break
			}
		}
		if !found {
			return invalid(k, "is not a parameter of this route (known: "+strings.Join(known, ", ")+")")
		}
	}
	return nil
}

// checkSingle refuses a parameter given more than once, except the lists
// named, which take repeated values (partner=a&partner=b).
func checkSingle(q url.Values, lists ...string) error {
	for k, vs := range q {
		if len(vs) > 1 && !slices.Contains(lists, k) {
			return invalid(k, "is given more than once: give one value")
		}
	}
	return nil
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

// parseBBox parses "minLon,minLat,maxLon,maxLat".
func parseBBox(s string) (*estate.BBox, error) {
	v, ok := parseFloats(s, 4)
	if !ok {
		return nil, invalid("bbox", "must be four numbers: minLon,minLat,maxLon,maxLat")
	}
	return bboxOf(v)
}

// bboxOf checks the box minLon,minLat,maxLon,maxLat, naming bbox if it is
// wrong.
func bboxOf(v []float64) (*estate.BBox, error) {
	b := &estate.BBox{MinLon: v[0], MinLat: v[1], MaxLon: v[2], MaxLat: v[3]}
	if err := b.Validate(); err != nil {
		return nil, invalid("bbox", err.Error())
	}
	return b, nil
}

// parseLimit parses a page size between 1 and max.
func parseLimit(s string, max int) (int, error) {
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > max {
		return 0, invalid("limit", "must be a whole number from 1 to "+strconv.Itoa(max))
	}
	return n, nil
}

// Cursors are opaque to clients: today an encoded id, tomorrow anything.
func encodeCursor(id int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte("id:" + strconv.FormatInt(id, 10)))
}

func decodeCursor(s string) (int64, error) {
	if s == "" {
		return 0, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err == nil {
		if rest, ok := strings.CutPrefix(string(b), "id:"); ok {
			if id, err := strconv.ParseInt(rest, 10, 64); err == nil && id > 0 {
				return id, nil
			}
		}
	}
	return 0, invalid("cursor", "is not a cursor this server gave: follow the next link")
}

// assetFilterParams are the list filters shared by every asset route.
var assetFilterParams = []string{"partner", "rag", "holding", "tenure", "tag", "q", "uprn", "bbox", "near", "within"}

// parseAssetFilter reads the shared asset filters.
func parseAssetFilter(q url.Values) (estate.AssetFilter, error) {
	f := estate.AssetFilter{
		Partners: listValues(q, "partner"),
		RAGs:     enumValues[estate.RAG](q, "rag"),
		Holdings: enumValues[estate.Holding](q, "holding"),
		Tenures:  enumValues[estate.Tenure](q, "tenure"),
		Tags:     listValues(q, "tag"),
		Q:        q.Get("q"),
		UPRN:     strings.TrimSpace(q.Get("uprn")),
	}
	if f.UPRN != "" && (len(f.UPRN) > 12 || strings.Trim(f.UPRN, "0123456789") != "") {
		return f, invalid("uprn", "must be 1 to 12 digits")
	}
	if s := q.Get("bbox"); s != "" {
		b, err := parseBBox(s)
		if err != nil {
			return f, err
		}
		f.BBox = b
	}
	if s := q.Get("near"); s != "" {
		v, ok := parseFloats(s, 2)
		if !ok {
			return f, invalid("near", "must be two numbers: lon,lat")
		}
		f.Near = &estate.Point{Lon: v[0], Lat: v[1]}
	}
	if s := q.Get("within"); s != "" {
		w, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return f, invalid("within", "must be a number of metres")
		}
		f.WithinM = w
	}
	if err := f.Validate(); err != nil {
		return f, err
	}
	return f, nil
}
