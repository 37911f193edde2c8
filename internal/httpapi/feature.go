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
	"github.com/paulmach/orb/geojson"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/geo"
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
type assetProps struct {
	Partner          string              `json:"partner"`
	AssetCode        string              `json:"asset_code"`
	UPRN             string              `json:"uprn,omitempty"`
	Name             string              `json:"name"`
	StreetNumber     string              `json:"street_number,omitempty"`
	StreetName       string              `json:"street_name,omitempty"`
	Town             string              `json:"town,omitempty"`
	Postcode         string              `json:"postcode,omitempty"`
	Holding          estate.Holding      `json:"holding,omitempty"`
	Use              string              `json:"use,omitempty"`
	Footprint        json.RawMessage     `json:"footprint,omitempty"`
	Tenure           estate.Tenure       `json:"tenure,omitempty"`
	TenureDetail     estate.TenureDetail `json:"tenure_detail,omitempty"`
	LeaseExpiry      string              `json:"lease_expiry,omitempty"`
	LeaseBreak       string              `json:"lease_break,omitempty"`
	AnnualRentGBP    *int64              `json:"annual_rent_gbp,omitempty"`
	GIAM2            *float64            `json:"gia_m2,omitempty"`
	LandAreaHa       *float64            `json:"land_area_ha,omitempty"`
	UtilisationPct   *float64            `json:"utilisation_pct,omitempty"`
	Condition        string              `json:"condition,omitempty"`
	BacklogGBP       *int64              `json:"backlog_gbp,omitempty"`
	EnergyRating     string              `json:"energy_rating,omitempty"`
	Listed           estate.Listed       `json:"listed,omitempty"`
	MarketValueGBP   *int64              `json:"market_value_gbp,omitempty"`
	BookValueGBP     *int64              `json:"book_value_gbp,omitempty"`
	RunningCostGBPPA *int64              `json:"running_cost_gbp_pa,omitempty"`
	Occupiers        []estate.Occupier   `json:"occupiers,omitempty"`
	RAG              estate.RAG          `json:"rag,omitempty"`
	RAGRationale     string              `json:"rag_rationale,omitempty"`
	RAGSetBy         string              `json:"rag_set_by,omitempty"`
	RAGSetAt         *time.Time          `json:"rag_set_at,omitempty"`
	Tags             []string            `json:"tags"`
	Notes            string              `json:"notes,omitempty"`
	Sensitive        bool                `json:"sensitive"`
	EffectiveDate    string              `json:"effective_date,omitempty"`
	Version          int64               `json:"version,omitempty"`
	CreatedAt        *time.Time          `json:"created_at,omitempty"`
	UpdatedAt        *time.Time          `json:"updated_at,omitempty"`
}

// toFeature maps an asset to its Feature.
func toFeature(a *estate.Asset) (*assetFeature, error) {
	id := a.ID
	g, err := json.Marshal(geojson.NewGeometry(geo.OrbPoint(a.Location)))
	if err != nil {
		return nil, err
	}
	p := &assetProps{Partner: a.Partner, AssetCode: a.AssetCode, UPRN: a.UPRN, Name: a.Name,
		StreetNumber: a.StreetNumber, StreetName: a.StreetName, Town: a.Town, Postcode: a.Postcode,
		Holding: a.Holding, Use: a.Use, Tenure: a.Tenure, TenureDetail: a.TenureDetail,
		LeaseExpiry: a.LeaseExpiry, LeaseBreak: a.LeaseBreak, AnnualRentGBP: a.AnnualRentGBP,
		GIAM2: a.GIAM2, LandAreaHa: a.LandAreaHa, UtilisationPct: a.UtilisationPct,
		Condition: a.Condition, BacklogGBP: a.BacklogGBP, EnergyRating: a.EnergyRating,
		Listed: a.Listed, MarketValueGBP: a.MarketValueGBP, BookValueGBP: a.BookValueGBP,
		RunningCostGBPPA: a.RunningCostGBPPA, Occupiers: a.Occupiers, RAG: a.RAG,
		RAGRationale: a.RAGRationale, RAGSetBy: a.RAGSetBy, RAGSetAt: a.RAGSetAt, Tags: a.Tags,
		Notes: a.Notes, Sensitive: a.Sensitive, EffectiveDate: a.EffectiveDate, Version: a.Version,
		CreatedAt: timePtr(a.CreatedAt), UpdatedAt: timePtr(a.UpdatedAt)}
	if p.Tags == nil {
		p.Tags = []string{}
	}
	if len(a.Footprint) > 0 {
		var fg orb.Geometry = geo.OrbMultiPolygon(a.Footprint)
		if len(a.Footprint) == 1 {
			fg = geo.OrbMultiPolygon(a.Footprint)[0]
		}
		if p.Footprint, err = json.Marshal(geojson.NewGeometry(fg)); err != nil {
			return nil, err
		}
	}
	return &assetFeature{Type: "Feature", ID: &id, Geometry: g, Properties: p}, nil
}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
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
	a := &estate.Asset{Partner: p.Partner, AssetCode: p.AssetCode, UPRN: p.UPRN, Name: p.Name,
		StreetNumber: p.StreetNumber, StreetName: p.StreetName, Town: p.Town, Postcode: p.Postcode,
		Holding: p.Holding, Use: p.Use, Location: loc, Footprint: fp, Tenure: p.Tenure,
		TenureDetail: p.TenureDetail, LeaseExpiry: p.LeaseExpiry, LeaseBreak: p.LeaseBreak,
		AnnualRentGBP: p.AnnualRentGBP, GIAM2: p.GIAM2, LandAreaHa: p.LandAreaHa,
		UtilisationPct: p.UtilisationPct, Condition: p.Condition, BacklogGBP: p.BacklogGBP,
		EnergyRating: p.EnergyRating, Listed: p.Listed, MarketValueGBP: p.MarketValueGBP,
		BookValueGBP: p.BookValueGBP, RunningCostGBPPA: p.RunningCostGBPPA, Occupiers: p.Occupiers,
		RAG: p.RAG, RAGRationale: p.RAGRationale, Tags: p.Tags, Notes: p.Notes,
		Sensitive: p.Sensitive, EffectiveDate: p.EffectiveDate}
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
	return pr.Err("The feature sets read-only properties.")
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
	var g struct {
		Type        string    `json:"type"`
		Coordinates []float64 `json:"coordinates"`
	}
	if err := json.Unmarshal(raw, &g); err != nil {
		return estate.Point{}, errors.New("must be a GeoJSON Point with numeric coordinates [longitude, latitude]")
	}
	if g.Type != "Point" {
		return estate.Point{}, fmt.Errorf("must be a Point, not %q (put a building outline in properties.footprint)", g.Type)
	}
	if len(g.Coordinates) < 2 || len(g.Coordinates) > 3 {
		return estate.Point{}, errors.New("coordinates must be [longitude, latitude]")
	}
	return estate.Point{Lon: g.Coordinates[0], Lat: g.Coordinates[1]}, nil
}

func decodeFootprint(raw json.RawMessage) (estate.MultiPolygon, error) {
	g, err := geojson.UnmarshalGeometry(raw)
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
