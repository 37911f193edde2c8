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

// assetSchemaProps describe every property a feature may carry. Optional
// ones are left out of a feature when empty, which is why clients that
// guess columns from the first page need this list. Numbers that can be
// fractional are "number" and whole pounds "integer", so GDAL makes Real
// and Integer columns whatever the first page holds.
var assetSchemaProps = []member{
	{"partner", typed("string", "The owning partner's id.")},
	{"asset_code", typed("string", "The owner's own reference, unique per partner.")},
	{"uprn", typed("string", "Unique Property Reference Number, 1 to 12 digits, leading zeros kept.")},
	{"name", typed("string", "")},
	{"street_number", typed("string", "")},
	{"street_name", typed("string", "")},
	{"town", typed("string", "")},
	{"postcode", typed("string", "")},
	{"holding", enumOf("", estate.Holdings)},
	{"use", typed("string", "Free text such as Library or Crematorium.")},
	{"footprint", typed("object", "The outline, a GeoJSON Polygon or MultiPolygon, where known.")},
	{"tenure", enumOf("", estate.Tenures)},
	{"tenure_detail", enumOf("", estate.TenureDetails)},
	{"lease_expiry", formatted("string", "date", "")},
	{"lease_break", formatted("string", "date", "")},
	{"annual_rent_gbp", typed("integer", "Rent paid a year for leased-in property, whole pounds.")},
	{"gia_m2", typed("number", "Gross internal area, square metres.")},
	{"land_area_ha", typed("number", "Land area, hectares.")},
	{"utilisation_pct", typed("number", "Share of the space in use, 0 to 100.")},
	{"condition", enumOf("Condition survey grade, A (good) to D (bad).", estate.Conditions)},
	{"backlog_gbp", typed("integer", "Maintenance backlog, whole pounds.")},
	{"energy_rating", enumOf("EPC or DEC band.", estate.EnergyRatings)},
	{"listed", enumOf("", estate.ListedGrades)},
	{"market_value_gbp", typed("integer", "Whole pounds; hidden from the public.")},
	{"book_value_gbp", typed("integer", "Whole pounds; hidden from the public.")},
	{"running_cost_gbp_pa", typed("integer", "Whole pounds a year; hidden from the public.")},
	{"occupiers", map[string]any{"type": "array", "description": "Partners using the asset.",
		"items": map[string]any{"type": "object", "properties": map[string]any{
			"partner": typed("string", ""), "area_m2": typed("number", "")}}}},
	{"rag", enumOf("Disposal rating: red unlikely, amber possible, green an opportunity.", estate.RAGs)},
	{"rag_rationale", typed("string", "")},
	{"rag_set_by", typed("string", "Who set the rating; outside the owning partner, the partner, never the person.")},
	{"rag_set_at", formatted("string", "date-time", "")},
	{"tags", map[string]any{"type": "array", "items": map[string]any{"type": "string"}}},
	{"notes", typed("string", "Officers' notes; hidden outside the owning partner.")},
	{"sensitive", typed("boolean", "")},
	{"effective_date", formatted("string", "date",
		"The as-at date of the owner's data; what datetime selects by (updated_at where it is empty).")},
	{"version", typed("integer", "")},
	{"created_at", formatted("string", "date-time", "")},
	{"updated_at", formatted("string", "date-time", "")},
}

// assetSchema is the JSON Schema of an assets feature. It is a GeoJSON
// Feature schema, the shape GDAL's OAPIF driver reads through the
// collection's describedBy link to learn every column and its type.
func assetSchema(id string) ([]byte, error) {
	props, err := marshalObject(assetSchemaProps)
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
			`"properties":{"type":"object","required":["partner","asset_code","name","tags","sensitive"],"properties":` +
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
