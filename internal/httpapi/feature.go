package httpapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/paulmach/orb"
	orbjson "github.com/paulmach/orb/geojson"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/geo"
	"github.com/placetrust/placetrust/internal/geojson"
)

// assetFeature is an asset as a GeoJSON Feature: the location is the
// geometry, the footprint travels as a geometry-valued property.
type assetFeature struct {
	Type       string          `json:"type"`
	ID         *int64          `json:"id,omitempty"`
	Geometry   json.RawMessage `json:"geometry"`
	Properties *assetProps     `json:"properties"`
	Links      []link          `json:"links,omitempty"`
}

// assetProps are the asset's properties. The server-set ones (version,
// times, who rated) are read-only: accepted back unchanged, refused if
// changed.
type assetProps = geojson.Props

// toFeature maps an asset to its Feature.
func toFeature(a *estate.Asset) (*assetFeature, error) {
	id := a.ID
	g, err := json.Marshal(orbjson.NewGeometry(geo.OrbPoint(a.Location)))
	if err != nil {
		return nil, err
	}
	p := geojson.PropsOf(a)
	if len(a.Footprint) > 0 {
		var fg orb.Geometry = geo.OrbMultiPolygon(a.Footprint)
		if len(a.Footprint) == 1 {
			fg = geo.OrbMultiPolygon(a.Footprint)[0]
		}
		if p.Footprint, err = json.Marshal(orbjson.NewGeometry(fg)); err != nil {
			return nil, err
		}
	}
	return &assetFeature{Type: "Feature", ID: &id, Geometry: g, Properties: p}, nil
}

// decodeFeature strictly decodes a Feature into a new asset: unknown
// members, wrong types and bad geometry are errors naming the field.
func decodeFeature(body []byte) (*estate.Asset, *assetProps, error) {
	var f assetFeature
	if err := decodeStrict(body, &f); err != nil {
		return nil, nil, err
	}
	var pr estate.Problems
	if f.Type != "Feature" {
		pr.Add("type", `must be "Feature"`)
	}
	if f.Properties == nil {
		pr.Add("properties", "is required")
	}
	loc, err := decodePoint(f.Geometry)
	if err != nil {
		pr.Add("geometry", "%s", err.Error())
	}
	var fp estate.MultiPolygon
	if f.Properties != nil && len(f.Properties.Footprint) > 0 && string(f.Properties.Footprint) != "null" {
		if fp, err = decodeFootprint(f.Properties.Footprint); err != nil {
			pr.Add("footprint", "%s", err.Error())
		}
	}
	if err := pr.Err("The feature is not valid."); err != nil {
		return nil, nil, err
	}
	p := f.Properties
	a := p.Asset()
	a.Location, a.Footprint = loc, fp
	return a, p, nil
}

// readOnlyProblems lists server-set properties the client tried to set or
// change; want holds their current values (zero for a new asset).
func readOnlyProblems(got *assetProps, want *assetProps) error {
	var pr estate.Problems
	if got.Version != want.Version {
		pr.Add("version", "is set by the server; send the version you change in If-Match")
	}
	if !sameTime(got.CreatedAt, want.CreatedAt) {
		pr.Add("created_at", "is set by the server")
	}
	if !sameTime(got.UpdatedAt, want.UpdatedAt) {
		pr.Add("updated_at", "is set by the server")
	}
	if got.RAGSetBy != want.RAGSetBy || !sameTime(got.RAGSetAt, want.RAGSetAt) {
		pr.Add("rag_set_by", "rag_set_by and rag_set_at are set by the server when the rating changes")
	}
	if !sameTime(got.DisposalStageAt, want.DisposalStageAt) {
		pr.Add("disposal_stage_at", "is set by the server when disposal_stage changes")
	}
	if !sameInt(got.SurplusValueGBP, want.SurplusValueGBP) {
		pr.Add("surplus_value_gbp", "is set by the server: market_value_gbp when the asset is declared surplus")
	}
	return pr.Err("The feature sets read-only properties.")
}

func sameInt(a, b *int64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

func sameTime(a, b *time.Time) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return a.Equal(*b)
}

func decodePoint(raw json.RawMessage) (estate.Point, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return estate.Point{}, errors.New("is required: a GeoJSON Point [longitude, latitude]")
	}
	// The type first: a LineString's nested coordinates would otherwise
	// fail as "not numeric" and hide that only a Point is accepted.
	var g struct {
		Type        string          `json:"type"`
		Coordinates json.RawMessage `json:"coordinates"`
	}
	if err := json.Unmarshal(raw, &g); err != nil {
		return estate.Point{}, errors.New("must be a GeoJSON Point with numeric coordinates [longitude, latitude]")
	}
	if g.Type != "Point" {
		return estate.Point{}, fmt.Errorf("must be a Point, not %q (put a building outline in properties.footprint)", g.Type)
	}
	var coords []float64
	if err := json.Unmarshal(g.Coordinates, &coords); err != nil {
		return estate.Point{}, errors.New("must be a GeoJSON Point with numeric coordinates [longitude, latitude]")
	}
	if len(coords) < 2 || len(coords) > 3 {
		return estate.Point{}, errors.New("coordinates must be [longitude, latitude]")
	}
	return estate.Point{Lon: coords[0], Lat: coords[1]}, nil
}

func decodeFootprint(raw json.RawMessage) (estate.MultiPolygon, error) {
	g, err := orbjson.UnmarshalGeometry(raw)
	if err != nil {
		return nil, errors.New("must be a GeoJSON Polygon or MultiPolygon")
	}
	return geo.FromOrb(g.Geometry())
}

// decodeStrict decodes one JSON value, refusing unknown members, trailing
// data and wrong types, and naming the field at fault.
func decodeStrict(body []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil {
		if _, terr := dec.Token(); terr != io.EOF {
			return invalid("body", "must hold a single JSON value")
		}
		return nil
	}
	return jsonError(err)
}

// jsonError turns encoding/json's errors into field errors.
func jsonError(err error) error {
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &typeErr):
		field := strings.TrimPrefix(typeErr.Field, "properties.")
		if field == "" {
			field = "body"
		}
		return invalid(field, fmt.Sprintf("must be %s, not %s", jsonTypeName(typeErr.Type.String()), typeErr.Value))
	case errors.As(err, &syntaxErr):
		return invalid("body", fmt.Sprintf("is not valid JSON (at byte %d)", syntaxErr.Offset))
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return invalid("body", "is empty or cut short")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return invalid(name, "is not a known member")
	}
	return invalid("body", "could not be read as JSON")
}

func jsonTypeName(goType string) string {
	switch {
	case strings.Contains(goType, "int"):
		return "a whole number"
	case strings.Contains(goType, "float"):
		return "a number"
	case strings.Contains(goType, "bool"):
		return "true or false"
	case strings.HasPrefix(goType, "[]"):
		return "an array"
	case strings.Contains(goType, "Time"):
		return "an RFC 3339 time"
	case strings.Contains(goType, "string"), strings.HasPrefix(goType, "estate."):
		return "a string"
	}
	return "an object"
}
