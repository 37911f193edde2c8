package geojson

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/paulmach/orb"
	orbjson "github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/planar"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/geo"
	"github.com/placetrust/placetrust/internal/transparency"
)

// readOnlyProps are set by the server: written on export, ignored on
// import, where the store sets them afresh.
var readOnlyProps = map[string]bool{"version": true, "created_at": true, "updated_at": true}

// readFeature fills item from one feature. Properties a feature leaves
// out are not carried, so an update keeps their stored values.
func (rd *Reader) readFeature(raw json.RawMessage, item *estate.ImportItem) {
	var f struct {
		Type       string          `json:"type"`
		Geometry   json.RawMessage `json:"geometry"`
		Properties json.RawMessage `json:"properties"`
	}
	var props map[string]json.RawMessage
	if err := json.Unmarshal(raw, &f); err != nil || f.Type != "Feature" {
		item.Err = transparency.FieldError("feature", `must be a GeoJSON Feature object with "type": "Feature"`)
		return
	}
	var p Props
	if len(f.Properties) > 0 && string(f.Properties) != "null" {
		if err := json.Unmarshal(f.Properties, &props); err != nil {
			item.Err = transparency.FieldError("properties", "must be a JSON object")
			return
		}
		if err := json.Unmarshal(f.Properties, &p); err != nil {
			item.Err = propertyError(err)
			return
		}
	}
	item.AssetCode = p.AssetCode
	fields := estate.FieldSetOf("location")
	for k := range props {
		if k == "partner" || readOnlyProps[k] {
			continue
		}
		if bit, ok := estate.FieldNamed(k); ok {
			fields |= bit
		} else {
			rd.unknown[k] = true
		}
	}
	a := p.Asset()
	if a.Partner == "" {
		a.Partner = rd.partner
	}
	if a.AssetCode == "" {
		a.AssetCode = transparency.DeriveCode(a.Name, a.Postcode)
		fields |= estate.FieldSetOf("asset_code")
		item.Warn(estate.WarnCodeDerived, fmt.Sprintf("no asset_code: derived %q from the name and postcode", a.AssetCode))
	}
	item.AssetCode = a.AssetCode
	var pr estate.Problems
	if raw := props["footprint"]; len(raw) > 0 && string(raw) != "null" {
		fp, err := rd.footprint(raw)
		if err != nil {
			pr.Add("footprint", "%s", err)
		}
		a.Footprint = fp
	}
	skip, warn, err := rd.place(f.Geometry, a)
	if warn != "" { // swapping is the only warning place gives
		item.Warn(estate.WarnCoordinatesSwapped, warn)
	}
	if err != nil {
		pr.Add("geometry", "%s", err)
	}
	switch {
	case len(pr) > 0:
		item.Err = pr.Err("The feature is not valid.")
	case skip != "":
		item.Skip = skip
	default:
		item.Asset, item.Fields = a, fields
	}
}

// place sets the asset's location from the feature's geometry: a Point,
// or the centroid of a Polygon or MultiPolygon, which also becomes the
// footprint when the feature has none.
func (rd *Reader) place(raw json.RawMessage, a *estate.Asset) (skip, warning string, err error) {
	if len(raw) == 0 || string(raw) == "null" {
		return "no geometry", "", nil
	}
	g, err := orbjson.UnmarshalGeometry(raw)
	if err != nil {
		return "", "", errors.New("is not a GeoJSON geometry")
	}
	switch t := g.Geometry().(type) {
	case orb.Point:
		if t == (orb.Point{}) {
			return "coordinates are 0,0, a placeholder", "", nil
		}
		p, err := rd.point(t)
		if err != nil {
			return "", "", err
		}
		if estate.LooksSwapped(p) {
			p = estate.Point{Lon: p.Lat, Lat: p.Lon}
			warning = "coordinates look like [latitude, longitude]: swapped to GeoJSON's [longitude, latitude]"
		}
		a.Location = p // the service area is checked when the row is stored
		return "", warning, nil
	case orb.Polygon, orb.MultiPolygon:
		fp, err := rd.footprint(raw)
		if err != nil {
			return "", "", err
		}
		if len(a.Footprint) == 0 {
			a.Footprint = fp
		}
		c, _ := planar.CentroidArea(geo.OrbMultiPolygon(fp))
		a.Location = estate.Point{Lon: c[0], Lat: c[1]}
		return "", "the location is the centroid of the polygon geometry", nil
	}
	return "", "", fmt.Errorf("must be a Point, Polygon or MultiPolygon, not %s", g.Geometry().GeoJSONType())
}

// point converts a position from the file's reference system.
func (rd *Reader) point(p orb.Point) (estate.Point, error) {
	if !rd.bng {
		return estate.Point{Lon: p[0], Lat: p[1]}, nil
	}
	q, refused, err := transparency.GridToWGS84(p[0], p[1])
	if err != nil {
		return q, err
	} else if refused != "" {
		return q, errors.New(refused)
	}
	return q, nil
}

func (rd *Reader) footprint(raw json.RawMessage) (estate.MultiPolygon, error) {
	g, err := orbjson.UnmarshalGeometry(raw)
	if err != nil {
		return nil, errors.New("must be a GeoJSON Polygon or MultiPolygon")
	}
	fp, err := geo.FromOrb(g.Geometry())
	if err != nil {
		return nil, errors.New("must be a GeoJSON Polygon or MultiPolygon")
	}
	if rd.bng {
		for _, poly := range fp {
			for _, ring := range poly {
				for i, q := range ring {
					if ring[i], err = rd.point(orb.Point{q.Lon, q.Lat}); err != nil {
						return nil, err
					}
				}
			}
		}
	}
	return fp, nil
}

// propertyError names the property of the wrong type.
func propertyError(err error) error {
	var typ *json.UnmarshalTypeError
	if errors.As(err, &typ) && typ.Field != "" {
		return transparency.FieldError(strings.TrimPrefix(typ.Field, "properties."), fmt.Sprintf("must not be a JSON %s", typ.Value))
	}
	return transparency.FieldError("properties", "could not be read: "+err.Error())
}
