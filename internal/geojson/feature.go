package geojson

import (
	"bytes"
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
	return AppendShapedFeature(b, a, links, &Shape{})
}

// AppendShapedFeature appends the asset as AppendFeature does, in the
// shape s: its coordinates in s's CRS and only the properties s selects.
// Where the CRS is not defined at the location the geometry is null, and
// at a corner of the footprint the footprint is left out: a client is
// told there is no position rather than given a wrong one.
func AppendShapedFeature(b []byte, a *estate.Asset, links []Link, s *Shape) []byte {
	b = append(b, `{"type":"Feature"`...)
	if a.ID != 0 {
		b = append(b, `,"id":`...)
		b = strconv.AppendInt(b, a.ID, 10)
	}
	mark := len(b)
	b = append(b, `,"geometry":{"type":"Point","coordinates":`...)
	b, ok := s.position(b, a.Location.Lon, a.Location.Lat)
	if ok {
		b = append(b, '}')
	} else {
		b = append(b[:mark], `,"geometry":null`...)
	}
	b = append(b, `,"properties":`...)
	b = appendProps(b, a, s)
	if len(links) > 0 {
		b = append(b, `,"links":`...)
		b = appendLinks(b, links)
	}
	return append(b, '}')
}

// appendProps writes the properties object in Props' member order, those
// s selects. Every member is written after a comma, and the comma before
// the first is dropped at the end, whichever member that is.
func appendProps(b []byte, a *estate.Asset, s *Shape) []byte {
	start := len(b)
	b = append(b, '{')
	sel := s.Properties
	b = sel.str(b, "partner", a.Partner, true)
	b = sel.str(b, "asset_code", a.AssetCode, true)
	b = sel.str(b, "uprn", a.UPRN, false)
	b = sel.str(b, "name", a.Name, true)
	b = sel.str(b, "street_number", a.StreetNumber, false)
	b = sel.str(b, "street_name", a.StreetName, false)
	b = sel.str(b, "town", a.Town, false)
	b = sel.str(b, "postcode", a.Postcode, false)
	b = sel.str(b, "holding", string(a.Holding), false)
	b = sel.str(b, "use", a.Use, false)
	if len(a.Footprint) > 0 && sel.keep("footprint") {
		mark := len(b)
		b = appendKey(b, false, "footprint")
		var ok bool
		if b, ok = appendFootprint(b, a.Footprint, s); !ok {
			b = b[:mark]
		}
	}
	b = sel.str(b, "tenure", string(a.Tenure), false)
	b = sel.str(b, "tenure_detail", string(a.TenureDetail), false)
	b = sel.str(b, "lease_expiry", a.LeaseExpiry, false)
	b = sel.str(b, "lease_break", a.LeaseBreak, false)
	b = sel.int(b, "annual_rent_gbp", a.AnnualRentGBP)
	b = sel.float(b, "gia_m2", a.GIAM2)
	b = sel.float(b, "land_area_ha", a.LandAreaHa)
	b = sel.float(b, "utilisation_pct", a.UtilisationPct)
	b = sel.str(b, "condition", a.Condition, false)
	b = sel.int(b, "backlog_gbp", a.BacklogGBP)
	b = sel.str(b, "energy_rating", a.EnergyRating, false)
	b = sel.str(b, "listed", string(a.Listed), false)
	b = sel.int(b, "market_value_gbp", a.MarketValueGBP)
	b = sel.int(b, "book_value_gbp", a.BookValueGBP)
	b = sel.int(b, "running_cost_gbp_pa", a.RunningCostGBPPA)
	if len(a.Occupiers) > 0 && sel.keep("occupiers") {
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
	b = sel.str(b, "rag", string(a.RAG), false)
	b = sel.str(b, "rag_rationale", a.RAGRationale, false)
	b = sel.str(b, "rag_set_by", a.RAGSetBy, false)
	if a.RAGSetAt != nil && sel.keep("rag_set_at") {
		b = appendKey(b, false, "rag_set_at")
		b = appendTime(b, *a.RAGSetAt)
	}
	if sel.keep("tags") {
		b = appendKey(b, false, "tags")
		b = append(b, '[')
		for i, t := range a.Tags {
			if i > 0 {
				b = append(b, ',')
			}
			b = jsonesc.AppendString(b, t)
		}
		b = append(b, ']')
	}
	b = sel.str(b, "notes", a.Notes, false)
	if sel.keep("sensitive") {
		b = appendKey(b, false, "sensitive")
		b = strconv.AppendBool(b, a.Sensitive)
	}
	b = sel.str(b, "effective_date", a.EffectiveDate, false)
	b = sel.str(b, "disposal_stage", string(a.DisposalStage), false)
	if a.DisposalStageAt != nil && sel.keep("disposal_stage_at") {
		b = appendKey(b, false, "disposal_stage_at")
		b = appendTime(b, *a.DisposalStageAt)
	}
	b = sel.str(b, "disposal_target", a.DisposalTarget, false)
	b = sel.str(b, "disposal_note", a.DisposalNote, false)
	b = sel.int(b, "receipt_gbp", a.ReceiptGBP)
	b = sel.str(b, "receipt_date", a.ReceiptDate, false)
	b = sel.int(b, "surplus_value_gbp", a.SurplusValueGBP)
	if a.Version != 0 && sel.keep("version") {
		b = appendKey(b, false, "version")
		b = strconv.AppendInt(b, a.Version, 10)
	}
	if sel.keep("created_at") {
		b = optTime(b, "created_at", a.CreatedAt)
	}
	if sel.keep("updated_at") {
		b = optTime(b, "updated_at", a.UpdatedAt)
	}
	if len(b) > start+1 { // drop the first member's comma
		b = append(b[:start+1], b[start+2:]...)
	}
	return append(b, '}')
}

// str writes a text member the selection keeps: always when required,
// else only when not empty.
func (p Properties) str(b []byte, name, v string, required bool) []byte {
	if (v == "" && !required) || !p.keep(name) {
		return b
	}
	return jsonesc.AppendString(appendKey(b, false, name), v)
}

func (p Properties) int(b []byte, name string, v *int64) []byte {
	if v == nil || !p.keep(name) {
		return b
	}
	return optInt(b, name, v)
}

func (p Properties) float(b []byte, name string, v *float64) []byte {
	if v == nil || !p.keep(name) {
		return b
	}
	return optFloat(b, name, v)
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

// optFloat writes a real-valued property with a fraction even when it is
// whole (120.0, not 120): clients built on GDAL's GeoJSON reader, QGIS
// 3.22 among them, type a column from the first features they see, and
// would make an integer column of whole areas and drop the fractional
// ones that follow.
func optFloat(b []byte, name string, v *float64) []byte {
	if v == nil {
		return b
	}
	b = appendKey(b, false, name)
	start := len(b)
	b = jsonesc.AppendFloat(b, *v)
	if !bytes.ContainsAny(b[start:], ".en") { // n: null for NaN
		b = append(b, ".0"...)
	}
	return b
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
	b, _ = appendFootprint(b, m, &Shape{})
	return b
}

// appendFootprint writes the footprint in s's CRS, and false where the CRS
// is not defined at one of its corners (b then holds a part written).
func appendFootprint(b []byte, m estate.MultiPolygon, s *Shape) ([]byte, bool) {
	ok := true
	if len(m) == 1 {
		b = append(b, `{"type":"Polygon","coordinates":`...)
		b, ok = appendPolygon(b, m[0], s)
		return append(b, '}'), ok
	}
	b = append(b, `{"type":"MultiPolygon","coordinates":[`...)
	for i, p := range m {
		if i > 0 {
			b = append(b, ',')
		}
		if b, ok = appendPolygon(b, p, s); !ok {
			return b, false
		}
	}
	return append(b, ']', '}'), true
}

// appendPolygon writes the rings wound per RFC 7946 section 3.1.6: the
// exterior counter-clockwise, holes clockwise. estate.Normalize winds
// rings so before they are stored, but an asset that never went through
// it (rows stored before it did, a caller's own) may not be, so a ring is
// reversed while writing when it turns the wrong way, without copying it.
// The winding is the stored longitude and latitude's, whatever the CRS.
func appendPolygon(b []byte, p estate.Polygon, s *Shape) ([]byte, bool) {
	b = append(b, '[')
	for i, r := range p {
		if i > 0 {
			b = append(b, ',')
		}
		wantCCW := i == 0
		var ok bool
		if b, ok = appendRing(b, r, (r.SignedArea() > 0) != wantCCW, s); !ok {
			return b, false
		}
	}
	return append(b, ']'), true
}

func appendRing(b []byte, r estate.Ring, reverse bool, s *Shape) ([]byte, bool) {
	b = append(b, '[')
	for i := range r {
		j := i
		if reverse {
			j = len(r) - 1 - i
		}
		if i > 0 {
			b = append(b, ',')
		}
		var ok bool
		if b, ok = s.position(b, r[j].Lon, r[j].Lat); !ok {
			return b, false
		}
	}
	return append(b, ']'), true
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
