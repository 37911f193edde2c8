package httpapi

import (
	"encoding/json"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/placetrust/placetrust/internal/estate"
)

// queryables are what the items can be filtered by (OGC API - Features -
// Part 3, Queryables), each a query parameter of the same name
// (queryables-query-parameters): the list filters that take several
// values, comma-separated or repeated, and match any (tags: every one),
// and the location, which bbox selects by. datetime selects by a date
// that is not one property (ogc.go), so it is not a queryable.
func queryables(id string) ([]byte, error) {
	byName := map[string]*estate.Field{}
	for i := range estate.Fields {
		byName[estate.Fields[i].Name] = &estate.Fields[i]
	}
	prop := func(name, about string) map[string]any {
		s := propertySchema(byName[name])
		s["title"] = name
		s["description"] = about
		return s
	}
	props := []member{
		{"geometry", map[string]any{"title": "location", "format": "geometry-point", "x-ogc-role": "primary-geometry",
			"description": "The asset's location; bbox selects the assets whose location or footprint meets a box."}},
		{"partner", prop("partner", "The owning partner's id; several, comma-separated, match any.")},
		{"rag", prop("rag", "The rating; several match any.")},
		{"holding", prop("holding", "What is held; several match any.")},
		{"tenure", prop("tenure", "How it is held; several match any.")},
		{"tags", prop("tags", "Tags; several match the assets with every one (tag is the same parameter).")},
	}
	p, err := marshalObject(props)
	if err != nil {
		return nil, err
	}
	doc, err := marshalObject([]member{
		{"$schema", "https://json-schema.org/draft/2020-12/schema"},
		{"$id", id},
		{"type", "object"},
		{"title", assetsTitle},
		{"description", "The properties the items can be filtered by, each as a query parameter of its name."},
		{"properties", json.RawMessage(p)},
		{"additionalProperties", false},
	})
	return append(doc, '\n'), err
}

func (s *Server) ogcQueryables(c echo.Context) error {
	if err := checkParams(c.QueryParams(), "f"); err != nil {
		return err
	}
	mt, err := negotiate(c, mimeJSONSchema, mimeJSON)
	if err != nil {
		return err
	}
	doc, err := queryables(s.baseURL(c) + "/ogc/collections/" + assetsID + "/queryables")
	if err != nil {
		return err
	}
	return c.Blob(http.StatusOK, mt, doc)
}
