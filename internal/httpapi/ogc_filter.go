package httpapi

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/placetrust/placetrust/internal/cql2"
	"github.com/placetrust/placetrust/internal/estate"
)

// OGC API - Features - Part 3, filtering: filter, filter-lang and
// filter-crs on the items, read by internal/cql2 and translated here into
// an estate.Cond (ogc_filter_cond.go), which each store compiles to its
// own query.

// filterLangs are the filter-lang values taken, the default first.
// "cql-text" is the draft's name for the text encoding, the one GDAL up to
// 3.7 sends (and looks for in the API definition before it sends a filter
// at all); what it writes is CQL2 text.
var filterLangs = []string{"cql2-text", "cql2-json", "cql-text"}

// geometryQueryable is the name a filter gives the location: the
// feature's geometry, as the queryables list it.
const geometryQueryable = "geometry"

// filterQueryables are the properties a filter may name, typed as
// cql2.Check holds expressions to: estate.QueryableFields, with the
// location under the feature's name for it, geometry.
var filterQueryables = func() cql2.Queryables {
	q := cql2.Queryables{}
	for _, f := range estate.QueryableFields {
		switch f.Kind {
		case estate.FieldText:
			q[f.Name] = cql2.TypeString
			if f.Date {
				q[f.Name] = cql2.TypeDate
			}
		case estate.FieldReal, estate.FieldWhole, estate.FieldVersion:
			q[f.Name] = cql2.TypeNumber
		case estate.FieldFlag:
			q[f.Name] = cql2.TypeBoolean
		case estate.FieldInstant, estate.FieldStamp:
			q[f.Name] = cql2.TypeTimestamp
		case estate.FieldPoint:
			q[geometryQueryable] = cql2.TypeGeometry
		}
	}
	return q
}()

// parseOGCFilter reads filter, filter-lang and filter-crs from q into a
// condition; nil when there is no filter. Every fault is a 400 naming the
// parameter at fault.
func parseOGCFilter(q url.Values) (estate.Cond, error) {
	_, hasLang := q["filter-lang"]
	_, hasCRS := q["filter-crs"]
	src, ok := q["filter"]
	if !ok {
		switch {
		case hasLang:
			return nil, invalid("filter-lang", "names the language of filter, which is missing")
		case hasCRS:
			return nil, invalid("filter-crs", "names the CRS of filter's geometries, which is missing")
		}
		return nil, nil
	}
	lang := "cql2-text"
	if hasLang {
		lang = strings.TrimSpace(q.Get("filter-lang"))
		if !slices.Contains(filterLangs, lang) {
			return nil, invalid("filter-lang", "must be one of "+strings.Join(filterLangs, ", ")+" (cql2-text when absent)")
		}
	}
	crs, err := parseCRS(q, "filter-crs")
	if err != nil {
		return nil, err
	}
	if lang == "cql-text" {
		lang = "cql2-text"
	}
	e, err := cql2.Parse(src[0], lang)
	if err != nil {
		return nil, filterError(lang, err)
	}
	if err := cql2.Check(e, filterQueryables); err != nil {
		return nil, filterError(lang, err)
	}
	t := condReader{geom: geometryIn(crs)}
	return t.expr(e)
}

// filterError is a 400 naming filter: where a syntax error is, or why the
// expression cannot be applied.
func filterError(lang string, err error) error {
	var se *cql2.SyntaxError
	if errors.As(err, &se) {
		return invalid("filter", fmt.Sprintf("is not valid %s: at position %d, %s, near %q", lang, se.Pos, se.Msg, se.Near))
	}
	var ce *cql2.CheckError
	if errors.As(err, &ce) {
		return invalid("filter", strings.TrimPrefix(ce.Error(), "cql2: "))
	}
	return invalid("filter", strings.TrimPrefix(err.Error(), "cql2: "))
}

// unsupported is a filter that reads, but that this server cannot apply.
func unsupported(format string, args ...any) error {
	return invalid("filter", fmt.Sprintf(format, args...))
}
