package httpapi

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/placetrust/placetrust/internal/estate"
)

// queryables are what the items can be filtered by (OGC API - Features -
// Part 3, Queryables): every property a filter may name
// (estate.QueryableFields, the location as geometry), in the order the
// features write them. partner, rag, holding and tenure are also query
// parameters of their names (queryables-query-parameters), taking several
// values, comma-separated or repeated, and matching any; tag and tags
// filter by tags, which, a list, no filter names. datetime selects by a
// date that is not one property (ogc.go), so it is not a queryable.
func queryables(id string) ([]byte, error) {
	var props []member
	for _, f := range estate.QueryableFields {
		if f.Kind == estate.FieldPoint {
			props = append(props, member{geometryQueryable, map[string]any{"title": "location", "format": "geometry-point",
				"x-ogc-role": "primary-geometry",
				"description": "The asset's location: S_INTERSECTS and S_WITHIN relate it to a POINT, BBOX or POLYGON; " +
					"bbox selects the assets whose location or footprint meets a box."}})
			continue
		}
		s := propertySchema(f)
		s["title"] = f.Name
		if slices.Contains(queryParamFields, f.Name) {
			s["description"] = strings.TrimSpace(f.About + " Also a query parameter; several, comma-separated, match any.")
		}
		props = append(props, member{f.Name, s})
	}
	return schemaDoc(id, "The properties a filter (CQL2: filter-lang cql2-text, the default, or cql2-json) may name. "+
		"partner, rag, holding and tenure are also query parameters of their names; tag (or tags) selects by tags.", props)
}

// queryParamFields are the queryables that are query parameters too.
var queryParamFields = []string{"partner", "rag", "holding", "tenure"}

// schemaDoc is one of the collection's JSON Schema documents: an object
// of props, no others, whose URL is id.
func schemaDoc(id, description string, props []member) ([]byte, error) {
	p, err := marshalObject(props)
	if err != nil {
		return nil, err
	}
	doc, err := marshalObject([]member{
		{"$schema", "https://json-schema.org/draft/2020-12/schema"},
		{"$id", id},
		{"type", "object"},
		{"title", assetsTitle},
		{"description", description},
		{"properties", json.RawMessage(p)},
		{"additionalProperties", false},
	})
	return append(doc, '\n'), err
}

func (s *Server) ogcQueryables(c echo.Context) error {
	return s.collectionSchema(c, "queryables", queryables)
}

// collectionSchema answers one of the collection's JSON Schema documents
// (queryables, sortables), which build makes given its own URL as $id.
func (s *Server) collectionSchema(c echo.Context, name string, build func(id string) ([]byte, error)) error {
	if err := checkParams(c.QueryParams(), "f"); err != nil {
		return err
	}
	mt, err := negotiate(c, mimeJSONSchema, mimeJSON)
	if err != nil {
		return err
	}
	doc, err := build(s.baseURL(c) + "/ogc/collections/" + assetsID + "/" + name)
	if err != nil {
		return err
	}
	return c.Blob(http.StatusOK, mt, doc)
}
