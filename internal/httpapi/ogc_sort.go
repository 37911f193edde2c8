package httpapi

import (
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/placetrust/placetrust/internal/estate"
)

// Sorting the items (sortby, as OGC API - Features - Part 8's draft and
// OGC API - Records write it: a comma-separated list of properties, each
// with an optional + or - before it). Only the orders a store reads
// through an index are offered, so that every page stays a keyset page:
// one sortable (estate.SortKeys), then id in the same direction, which
// breaks ties whether written or not. Lists beyond that (two sortables,
// or id the other way) would need a sort of every match per page, and are
// refused. The draft's Sorting conformance class is not advertised, as
// it asks for any list of sortables.

// sortbyRule is what a refused sortby is told.
const sortbyRule = "takes one sortable property, with + (ascending, the default) or - (descending) before it, " +
	"optionally followed by id in the same direction, which always breaks ties: for example -rag or partner,id. " +
	"The sortables are id, rag and partner (GET /ogc/collections/assets/sortables)"

// parseSortby reads sortby; estate checks that its property is sortable.
func parseSortby(vs []string) (estate.Sort, error) {
	if len(vs) == 0 {
		return estate.Sort{}, nil
	}
	var keys []estate.Sort
	for _, term := range strings.Split(vs[0], ",") {
		// A + not percent-encoded arrives as a space.
		term = strings.TrimRight(term, " ")
		desc := strings.HasPrefix(term, "-")
		if name := strings.TrimLeft(strings.TrimPrefix(strings.TrimPrefix(term, "-"), "+"), " "); name != "" &&
			!strings.ContainsAny(name, "+- ") && len(term)-len(name) <= 1 {
			keys = append(keys, estate.Sort{Key: estate.SortKey(name), Desc: desc})
			continue
		}
		return estate.Sort{}, invalid("sortby", sortbyRule)
	}
	s := keys[0]
	switch {
	case len(keys) == 1:
	case len(keys) == 2 && keys[1].Key == estate.SortByID && keys[1].Desc == s.Desc && !s.ByID():
	default:
		return estate.Sort{}, invalid("sortby", sortbyRule)
	}
	if s.Key == estate.SortByID {
		s.Key = "" // the zero Sort's key
	}
	return s, nil
}

// sortables is the JSON Schema of what the items can be sorted by (OGC
// API - Features - Part 5's draft, as Part 8's draft uses it).
func sortables(id string) ([]byte, error) {
	var props []member
	for _, k := range estate.SortKeys {
		var s map[string]any
		if f, ok := estate.FieldByName(string(k)); ok {
			s = propertySchema(f)
		} else {
			s = typed("integer", "The feature's id.")
		}
		s["title"] = string(k)
		if k != estate.SortByID {
			s["description"] = strings.TrimSpace(s["description"].(string) + " Sorted by its text, code point by code point; " +
				"id breaks ties in the same direction.")
		}
		props = append(props, member{string(k), s})
	}
	return schemaDoc(id, "The properties sortby may name: each is read in order through an index, id breaking ties, "+
		"so every page is found from where the last one ended. Times are not sortable: stored as text trimmed "+
		"of trailing zero fractions, they do not sort in time order within a second.", props)
}

func (s *Server) ogcSortables(c echo.Context) error {
	return s.collectionSchema(c, "sortables", sortables)
}
