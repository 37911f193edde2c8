package transparency

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/placetrust/placetrust/internal/estate"
)

// part is one source of a value: column col, or literal text when col < 0.
type part struct {
	col int
	lit string
}

// binding is where one target's value comes from in each row.
type binding struct {
	parts []part
	// join concatenates the non-blank parts with sep (a mapping); without
	// it the first non-blank part wins (a repeated header).
	join bool
	sep  string
	// unit is the area unit the header names ("Site area (acres)"),
	// added to bare numbers; "" when it is the one the field wants.
	unit string
	// mapped is set for a binding made by a mapping.
	mapped bool
}

// plan is how a file's columns become asset fields, worked out once from
// the header.
type plan struct {
	width    int // cells in the header
	bindings map[target]*binding
	crsHint  crs // from column names such as Easting or Latitude
	fields   estate.FieldSet
	// ownsNoteLines is set when a column can give note lines (tenure,
	// tenure detail, holding, OtherDetail) but none gives the notes.
	ownsNoteLines bool
	// register is set when one of registerTargets has a source.
	register bool
	// export is set when the file is this register's own CSV export: its
	// header has the partner and version columns only WriteCSV writes.
	// Its text cells are then read exactly as written, so an export
	// imports back unchanged; published files get their stray spaces
	// and line breaks tidied instead.
	export bool
	// org is the OrganisationLabel column, compared with the partner's
	// name (org.go); -1 without one.
	org     int
	notices []string
	headers []string
	// cols are the header's columns as matched, for the report of which
	// column went to which field; mappedHow says how mapped ones were.
	cols      []column
	mappedHow string
}

// planColumns binds the targets of a header's columns, then applies the
// mapping, whose columns are reported as read the way how says.
func planColumns(cols []column, m Mapping, how string) (*plan, error) {
	header := make([]string, len(cols))
	for i, c := range cols {
		header[i] = c.text
	}
	p := &plan{width: len(cols), bindings: map[target]*binding{}, headers: header, org: -1, cols: cols, mappedHow: how}
	var unknown, repeated []string
	var version bool
	mapped := mappedColumns(m)
	for i, c := range cols {
		n := normName(c.text)
		t := c.m.t
		if orgLabelNames[n] && p.org < 0 {
			p.org = i
		}
		version = version || n == "version"
		switch {
		case n == "" && t == "":
			continue
		case t == "":
			if !mapped[n] {
				unknown = append(unknown, quoteName(c.text))
			}
			continue
		case t == tIgnore:
			continue
		}
		if hint := crsHintOf(c.m.norm); hint != crsUnknown {
			p.crsHint = hint
		}
		if b := p.bindings[t]; b != nil {
			b.parts = append(b.parts, part{col: i})
			if t == "street_name" {
				// Address lines: each adds to the address.
				b.join, b.sep = true, ", "
			} else {
				repeated = append(repeated, quoteName(c.text))
			}
			continue
		}
		p.bindings[t] = &binding{parts: []part{{col: i}}, unit: areaUnit(t, c.m.unit)}
	}
	if err := p.applyMapping(m); err != nil {
		return nil, err
	}
	if len(p.bindings) == 0 {
		return nil, noKnownColumns(header)
	}
	if p.bindings[tX] == nil && p.bindings[tY] == nil {
		return nil, invalidf("the header has no coordinate columns (GeoX and GeoY, or Easting and Northing), so no row could be placed on a map; the header is: %s", strings.Join(quoteAll(header), ", "))
	}
	if len(unknown) > 0 {
		p.notices = append(p.notices, fmt.Sprintf("columns not read (not names we know): %s", strings.Join(unknown, ", ")))
	}
	if len(repeated) > 0 {
		p.notices = append(p.notices, fmt.Sprintf("repeated columns %s: the first non-blank cell of each row is used", strings.Join(repeated, ", ")))
	}
	if p.bindings["asset_code"] == nil {
		p.notices = append(p.notices, "no AssetCode column: asset codes are derived from each row's name and postcode")
	}
	p.fields = p.carriedFields()
	for _, t := range []target{"tenure", "tenure_detail", "holding", tOtherDetail, tService} {
		p.ownsNoteLines = p.ownsNoteLines || (p.has(t) && !p.has("notes"))
	}
	for _, t := range registerTargets {
		p.register = p.register || p.has(t)
	}
	p.export = version && p.has(tPartner)
	return p, nil
}

// applyMapping binds mapped targets, replacing any header match.
func (p *plan) applyMapping(m Mapping) error {
	index := map[string]int{}
	for i, h := range p.headers {
		if _, dup := index[normName(h)]; !dup {
			index[normName(h)] = i
		}
	}
	// In key order, so a mapping with two missing columns always names
	// the same one.
	for _, key := range slices.Sorted(maps.Keys(m)) {
		srcs := m[key]
		t := target(key)
		b := &binding{join: true, sep: " ", mapped: true}
		if t == "asset_code" {
			b.sep = "/"
		}
		for _, s := range srcs {
			if s.IsText {
				b.parts = append(b.parts, part{col: -1, lit: s.Literal})
				continue
			}
			i, ok := index[normName(s.Column)]
			if !ok {
				return invalidf("the mapping names column %q, which the header lacks; the header is: %s", s.Column, strings.Join(quoteAll(p.headers), ", "))
			}
			b.parts = append(b.parts, part{col: i})
		}
		p.bindings[t] = b
	}
	return nil
}

// mappedColumns are the normalised names of the columns a mapping reads.
func mappedColumns(m Mapping) map[string]bool {
	out := map[string]bool{}
	for _, srcs := range m {
		for _, s := range srcs {
			if !s.IsText {
				out[normName(s.Column)] = true
			}
		}
	}
	return out
}

// carriedFields is the set of asset fields the file carries.
func (p *plan) carriedFields() estate.FieldSet {
	s := estate.FieldSetOf("name", "asset_code", "location")
	for t := range p.bindings {
		switch t {
		case tCRS, tX, tY, tPartner, tOtherDetail, tService:
			continue
		}
		s |= estate.FieldSetOf(string(t))
	}
	return s
}

// value returns target t's text in rec: decoded, and trimmed of spaces.
func (p *plan) value(rec []string, t target, dec *cellDecoder) string {
	b := p.bindings[t]
	if b == nil {
		return ""
	}
	if !b.join {
		for _, pt := range b.parts {
			if v := strings.TrimSpace(dec.cell(rec[pt.col])); v != "" {
				if b.unit != "" && bareNumber(v) {
					return v + " " + b.unit
				}
				return unguardFormula(v)
			}
		}
		return ""
	}
	var buf [8]string // on the stack: this runs for each mapped target of each row
	out := buf[:0]
	for _, pt := range b.parts {
		v := pt.lit
		if pt.col >= 0 {
			v = dec.cell(rec[pt.col])
		}
		if v = strings.TrimSpace(v); b.sep == ", " {
			v = strings.Trim(v, ", ") // address lines ending "Lyndale Road,"
		}
		if v != "" {
			out = append(out, unguardFormula(v))
		}
	}
	return strings.Join(out, b.sep)
}

// raw returns target t's text as the cell holds it, spaces and line
// breaks kept, for free text that should read back exactly; a mapped
// target is joined as value does.
func (p *plan) raw(rec []string, t target, dec *cellDecoder) string {
	b := p.bindings[t]
	if b == nil || b.join {
		return p.value(rec, t, dec)
	}
	for _, pt := range b.parts {
		if v := dec.cell(rec[pt.col]); strings.TrimSpace(v) != "" {
			return unguardFormula(v)
		}
	}
	return ""
}

// exact returns target t's cell exactly as written, spaces and line
// breaks and all, for the register's own export; a mapped target is
// joined as value does.
func (p *plan) exact(rec []string, t target, dec *cellDecoder) string {
	b := p.bindings[t]
	if b == nil || b.join {
		return p.value(rec, t, dec)
	}
	return unguardFormula(dec.cell(rec[b.parts[0].col]))
}

// areaUnit is the unit to add to t's bare numbers: the header's, when
// it is not the one t is kept in.
func areaUnit(t target, unit string) string {
	switch {
	case t == "gia_m2" && unit != "m2", t == "land_area_ha" && unit != "ha":
		return unit
	}
	return ""
}

// bareNumber reports whether s is a figure without a unit.
func bareNumber(s string) bool {
	_, unit, ok := number(s)
	return ok && unit == ""
}

// has reports whether t has a source in the file.
func (p *plan) has(t target) bool { return p.bindings[t] != nil }

func noKnownColumns(header []string) error {
	if len(header) == 1 {
		for _, sep := range []struct{ ch, name string }{{";", "semicolons"}, {"\t", "tabs"}, {"|", "bars"}} {
			if strings.Contains(header[0], sep.ch) {
				return invalidf("the header is one column holding %s: the file looks separated by %s, not commas; save it as comma-separated CSV or give the delimiter", sep.name, sep.name)
			}
		}
	}
	shown := quoteAll(header)
	if len(shown) > 12 {
		shown = append(shown[:12], "...")
	}
	return invalidf("none of the header's columns is a Transparency Code column (such as AssetCode, PropertyName, GeoX, GeoY): the header is %s; give a column mapping for files named otherwise", strings.Join(shown, ", "))
}

func quoteName(h string) string {
	if len(h) > 60 {
		h = h[:60] + "..."
	}
	return fmt.Sprintf("%q", h)
}

func quoteAll(hs []string) []string {
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = quoteName(h)
	}
	return out
}
