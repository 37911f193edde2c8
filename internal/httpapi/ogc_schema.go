package httpapi

import (
	"bytes"
	"encoding/json"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/placetrust/placetrust/internal/estate"
)

// mimeJSONSchema is the media type of the collection's schema.
const mimeJSONSchema = "application/schema+json"

// member is one member of a JSON object written in order (a Go map
// would sort them). Feature properties keep the order the features write
// them, because GIS clients make their columns in this order.
type member struct {
	name  string
	value any
}

// marshalObject writes members as a JSON object in their order.
func marshalObject(members []member) (json.RawMessage, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range members {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(m.name) // a string: it cannot fail
		v, err := json.Marshal(m.value)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func typed(t, description string) map[string]any {
	return map[string]any{"type": t, "description": description}
}

func formatted(t, format, description string) map[string]any {
	m := typed(t, description)
	m["format"] = format
	return m
}

func enumOf[T ~string](description string, vs []T) map[string]any {
	m := typed("string", description)
	m["enum"] = vs
	return m
}

// assetSchemaProps describe every property a feature may carry, from
// estate.Fields, in the order features write them. Optional ones are
// left out of a feature when empty, which is why clients that guess
// columns from the first page need this list. Numbers that can be
// fractional are "number" and whole pounds "integer", so GDAL makes Real
// and Integer columns whatever the first page holds. The id and the
// location are the feature's own members, not properties.
func assetSchemaProps() (props []member, required []string) {
	for _, f := range estate.Fields {
		if s := propertySchema(&f); s != nil {
			props = append(props, member{f.Name, s})
		}
		if f.Required || f.Kind == estate.FieldTags || f.Kind == estate.FieldFlag {
			required = append(required, f.Name) // always written
		}
	}
	return props, required
}

// propertySchema is the JSON Schema of the field as a feature property,
// nil for the location.
func propertySchema(f *estate.Field) map[string]any {
	switch f.Kind {
	case estate.FieldText:
		switch {
		case f.Enum != nil:
			return enumOf(f.About, f.Enum)
		case f.Date:
			return formatted("string", "date", f.About)
		}
		return typed("string", f.About)
	case estate.FieldWhole, estate.FieldVersion:
		return typed("integer", f.About)
	case estate.FieldReal:
		return typed("number", f.About)
	case estate.FieldFlag:
		return typed("boolean", f.About)
	case estate.FieldInstant, estate.FieldStamp:
		return formatted("string", "date-time", f.About)
	case estate.FieldShape:
		return typed("object", f.About)
	case estate.FieldOccupiers:
		return map[string]any{"type": "array", "description": f.About,
			"items": map[string]any{"type": "object", "properties": map[string]any{
				"partner": typed("string", ""), "area_m2": typed("number", "")}}}
	case estate.FieldTags:
		return map[string]any{"type": "array", "items": map[string]any{"type": "string"}}
	}
	return nil
}

// assetSchema is the JSON Schema of an assets feature. It is a GeoJSON
// Feature schema, the shape GDAL's OAPIF driver reads through the
// collection's describedBy link to learn every column and its type.
func assetSchema(id string) ([]byte, error) {
	members, required := assetSchemaProps()
	props, err := marshalObject(members)
	if err != nil {
		return nil, err
	}
	req, err := json.Marshal(required)
	if err != nil {
		return nil, err
	}
	doc, err := marshalObject([]member{
		{"$schema", "https://json-schema.org/draft/2020-12/schema"},
		{"$id", id},
		{"title", "Public estate asset"},
		{"type", "object"},
		{"required", []string{"type", "id", "geometry", "properties"}},
		{"properties", json.RawMessage(`{"type":{"type":"string","enum":["Feature"]},"id":{"type":"integer"},` +
			`"geometry":{"type":"object","description":"The location, a GeoJSON Point.","properties":` +
			`{"type":{"type":"string","enum":["Point"]},"coordinates":{"type":"array","items":{"type":"number"}}}},` +
			`"properties":{"type":"object","required":` + string(req) + `,"properties":` +
			string(props) + `}}`)},
	})
	if err != nil {
		return nil, err
	}
	return append(doc, '\n'), nil
}

func (s *Server) ogcSchema(c echo.Context) error {
	if err := checkParams(c.QueryParams(), "f"); err != nil {
		return err
	}
	mt, err := negotiate(c, mimeJSONSchema, mimeJSON)
	if err != nil {
		return err
	}
	doc, err := assetSchema(s.baseURL(c) + "/ogc/collections/" + assetsID + "/schema")
	if err != nil {
		return err
	}
	return c.Blob(http.StatusOK, mt, doc)
}
