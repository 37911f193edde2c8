package geojson

import (
	"strconv"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/jsonesc"
)

// AppendFeature appends the asset as a GeoJSON Feature: the members and
// semantics of Props (optional members left out when empty, tags
// always an array, sensitive always present), the id unless it is 0 (an
// asset not yet stored), the location as the
// geometry and the footprint as a geometry-valued property with its rings
// wound as RFC 7946 asks. There is no crs member: RFC 7946 GeoJSON is
// WGS84 by definition. Links, if any, follow the properties.
func AppendFeature(b []byte, a *estate.Asset, links []Link) []byte {
	b = append(b, `{"type":"Feature"`...)
	if a.ID != 0 {
		b = append(b, `,"id":`...)
		b = strconv.AppendInt(b, a.ID, 10)
	}
	b = append(b, `,"geometry":{"type":"Point","coordinates":`...)
	b = appendPosition(b, a.Location.Lon, a.Location.Lat)
	b = append(b, `},"properties":`...)
	b = appendProps(b, a)
	if len(links) > 0 {
		b = append(b, `,"links":`...)
		b = appendLinks(b, links)
	}
	return append(b, '}')
}

// appendProps writes the properties object in Props' member order.
func appendProps(b []byte, a *estate.Asset) []byte {
	b = append(b, '{')
	b = appendKey(b, true, "partner")
	b = jsonesc.AppendString(b, a.Partner)
	b = appendKey(b, false, "asset_code")
	b = jsonesc.AppendString(b, a.AssetCode)
	b = optString(b, "uprn", a.UPRN)
	b = appendKey(b, false, "name")
	b = jsonesc.AppendString(b, a.Name)
	b = optString(b, "street_number", a.StreetNumber)
	b = optString(b, "street_name", a.StreetName)
	b = optString(b, "town", a.Town)
	b = optString(b, "postcode", a.Postcode)
	b = optString(b, "holding", string(a.Holding))
	b = optString(b, "use", a.Use)
	if len(a.Footprint) > 0 {
		b = appendKey(b, false, "footprint")
		b = AppendFootprint(b, a.Footprint)
	}
	b = optString(b, "tenure", string(a.Tenure))
	b = optString(b, "tenure_detail", string(a.TenureDetail))
	b = optString(b, "lease_expiry", a.LeaseExpiry)
	b = optString(b, "lease_break", a.LeaseBreak)
	b = optInt(b, "annual_rent_gbp", a.AnnualRentGBP)
	b = optFloat(b, "gia_m2", a.GIAM2)
	b = optFloat(b, "land_area_ha", a.LandAreaHa)
	b = optFloat(b, "utilisation_pct", a.UtilisationPct)
	b = optString(b, "condition", a.Condition)
	b = optInt(b, "backlog_gbp", a.BacklogGBP)
	b = optString(b, "energy_rating", a.EnergyRating)
	b = optString(b, "listed", string(a.Listed))
	b = optInt(b, "market_value_gbp", a.MarketValueGBP)
	b = optInt(b, "book_value_gbp", a.BookValueGBP)
	b = optInt(b, "running_cost_gbp_pa", a.RunningCostGBPPA)
	if len(a.Occupiers) > 0 {
		b = appendKey(b, false, "occupiers")
		for i, o := range a.Occupiers {
			if i == 0 {
				b = append(b, '[')
			} else {
				b = append(b, ',')
			}
			b = append(b, `{"partner":`...)
			b = jsonesc.AppendString(b, o.Partner)
			b = optFloat(b, "area_m2", o.AreaM2)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	b = optString(b, "rag", string(a.RAG))
	b = optString(b, "rag_rationale", a.RAGRationale)
	b = optString(b, "rag_set_by", a.RAGSetBy)
	if a.RAGSetAt != nil {
		b = appendKey(b, false, "rag_set_at")
		b = appendTime(b, *a.RAGSetAt)
	}
	b = appendKey(b, false, "tags")
	b = append(b, '[')
	for i, t := range a.Tags {
		if i > 0 {
			b = append(b, ',')
		}
		b = jsonesc.AppendString(b, t)
	}
	b = append(b, ']')
	b = optString(b, "notes", a.Notes)
	b = appendKey(b, false, "sensitive")
	b = strconv.AppendBool(b, a.Sensitive)
	b = optString(b, "effective_date", a.EffectiveDate)
	if a.Version != 0 {
		b = appendKey(b, false, "version")
		b = strconv.AppendInt(b, a.Version, 10)
	}
	b = optTime(b, "created_at", a.CreatedAt)
	b = optTime(b, "updated_at", a.UpdatedAt)
	return append(b, '}')
}

func optString(b []byte, name, v string) []byte {
	if v == "" {
		return b
	}
	return jsonesc.AppendString(appendKey(b, false, name), v)
}

func optInt(b []byte, name string, v *int64) []byte {
	if v == nil {
		return b
	}
	return strconv.AppendInt(appendKey(b, false, name), *v, 10)
}

func optFloat(b []byte, name string, v *float64) []byte {
	if v == nil {
		return b
	}
	return jsonesc.AppendFloat(appendKey(b, false, name), *v)
}

func optTime(b []byte, name string, t time.Time) []byte {
	if t.IsZero() {
		return b
	}
	return appendTime(appendKey(b, false, name), t)
}

// AppendFootprint writes a footprint of one polygon as a Polygon and of
// several as a MultiPolygon, as clients most often expect.
func AppendFootprint(b []byte, m estate.MultiPolygon) []byte {
	if len(m) == 1 {
		b = append(b, `{"type":"Polygon","coordinates":`...)
		b = appendPolygon(b, m[0])
		return append(b, '}')
	}
	b = append(b, `{"type":"MultiPolygon","coordinates":[`...)
	for i, p := range m {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendPolygon(b, p)
	}
	return append(b, ']', '}')
}

// appendPolygon writes the rings wound per RFC 7946 section 3.1.6: the
// exterior counter-clockwise, holes clockwise. estate.Normalize winds
// rings so before they are stored, but an asset that never went through
// it (rows stored before it did, a caller's own) may not be, so a ring is
// reversed while writing when it turns the wrong way, without copying it.
func appendPolygon(b []byte, p estate.Polygon) []byte {
	b = append(b, '[')
	for i, r := range p {
		if i > 0 {
			b = append(b, ',')
		}
		wantCCW := i == 0
		b = appendRing(b, r, (r.SignedArea() > 0) != wantCCW)
	}
	return append(b, ']')
}

func appendRing(b []byte, r estate.Ring, reverse bool) []byte {
	b = append(b, '[')
	for i := range r {
		j := i
		if reverse {
			j = len(r) - 1 - i
		}
		if i > 0 {
			b = append(b, ',')
		}
		b = appendPosition(b, r[j].Lon, r[j].Lat)
	}
	return append(b, ']')
}

// appendLinks writes an array of typed links.
func appendLinks(b []byte, links []Link) []byte {
	b = append(b, '[')
	for i, l := range links {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"href":`...)
		b = jsonesc.AppendString(b, l.Href)
		b = appendKey(b, false, "rel")
		b = jsonesc.AppendString(b, l.Rel)
		b = optString(b, "type", l.Type)
		b = optString(b, "title", l.Title)
		b = append(b, '}')
	}
	return append(b, ']')
}
