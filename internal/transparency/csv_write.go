package transparency

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"iter"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/paulmach/orb/encoding/wkt"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/geo"
)

// csvColumn is one column of WriteCSV's layout and how to write it.
type csvColumn struct {
	name  string
	field string // the estate.Fields name of the field it writes, if any
	text  bool   // free text, guarded against spreadsheet formulas
	get   func(a *estate.Asset, org *estate.Partner) string
}

// codeColumns are the Transparency Code columns, in the Code's order.
var codeColumns = []csvColumn{
	{"OrganisationLabel", "", true, func(a *estate.Asset, o *estate.Partner) string { return o.Name }},
	{"OrganisationURI", "", false, func(a *estate.Asset, o *estate.Partner) string { return o.URI }},
	{"EffectiveDate", "effective_date", false, func(a *estate.Asset, _ *estate.Partner) string { return a.EffectiveDate }},
	{"UPRN", "uprn", false, func(a *estate.Asset, _ *estate.Partner) string { return a.UPRN }},
	{"AssetCode", "asset_code", true, func(a *estate.Asset, _ *estate.Partner) string { return a.AssetCode }},
	{"PropertyName", "name", true, func(a *estate.Asset, _ *estate.Partner) string { return a.Name }},
	{"StreetNumber", "street_number", true, func(a *estate.Asset, _ *estate.Partner) string { return a.StreetNumber }},
	{"StreetName", "street_name", true, func(a *estate.Asset, _ *estate.Partner) string { return a.StreetName }},
	{"PostTown", "town", true, func(a *estate.Asset, _ *estate.Partner) string { return a.Town }},
	{"PostCode", "postcode", false, func(a *estate.Asset, _ *estate.Partner) string { return a.Postcode }},
	{"CoordinateReferenceSystem", "", false, func(*estate.Asset, *estate.Partner) string { return "WGS84" }},
	{"GeoX", "location", false, func(a *estate.Asset, _ *estate.Partner) string { return ftoa(a.Location.Lon) }},
	{"GeoY", "location", false, func(a *estate.Asset, _ *estate.Partner) string { return ftoa(a.Location.Lat) }},
	{"TenureType", "tenure", false, func(a *estate.Asset, _ *estate.Partner) string { return tenureLabels[a.Tenure] }},
	{"TenureDetail", "tenure_detail", false, func(a *estate.Asset, _ *estate.Partner) string { return detailLabels[a.TenureDetail] }},
	{"HoldingType", "holding", false, func(a *estate.Asset, _ *estate.Partner) string { return holdingLabels[a.Holding] }},
	{"BuildingSize", "gia_m2", false, func(a *estate.Asset, _ *estate.Partner) string { return optF(a.GIAM2) }},
	{"LandArea", "land_area_ha", false, func(a *estate.Asset, _ *estate.Partner) string { return optF(a.LandAreaHa) }},
	{"EnergyRating", "energy_rating", false, func(a *estate.Asset, _ *estate.Partner) string { return a.EnergyRating }},
}

// csvColumns are the Transparency Code columns, then the register's own:
// the id, and every field of estate.Fields no Code column writes, in its
// order, named as the API names it. Every column reads back to the same
// field (header.go), which a test checks.
var csvColumns = func() []csvColumn {
	cols := append(slices.Clip(codeColumns), csvColumn{"id", "", false, func(a *estate.Asset, _ *estate.Partner) string { return optI(a.ID) }})
	written := map[string]bool{}
	for _, c := range codeColumns {
		written[c.field] = true
	}
	for i := range estate.Fields {
		if f := &estate.Fields[i]; !written[f.Name] {
			cols = append(cols, csvColumn{f.Name, f.Name, f.FreeText, ownCell(f)})
		}
	}
	return cols
}()

// ownCell writes a field in a column of the register's own: numbers as
// Go writes them, moments in RFC 3339, lists joined by semicolons, the
// footprint as WKT.
func ownCell(f *estate.Field) func(*estate.Asset, *estate.Partner) string {
	switch f.Kind {
	case estate.FieldText:
		return func(a *estate.Asset, _ *estate.Partner) string { return f.Text(a) }
	case estate.FieldWhole:
		return func(a *estate.Asset, _ *estate.Partner) string { return optP(*f.Whole(a)) }
	case estate.FieldReal:
		return func(a *estate.Asset, _ *estate.Partner) string { return optF(*f.Real(a)) }
	case estate.FieldFlag:
		return func(a *estate.Asset, _ *estate.Partner) string { return strconv.FormatBool(*f.Flag(a)) }
	case estate.FieldInstant:
		return func(a *estate.Asset, _ *estate.Partner) string { return optT(*f.Instant(a)) }
	case estate.FieldVersion:
		return func(a *estate.Asset, _ *estate.Partner) string { return optI(*f.Count(a)) }
	case estate.FieldStamp:
		return func(a *estate.Asset, _ *estate.Partner) string { return optT(timePtr(*f.Stamp(a))) }
	case estate.FieldShape:
		return footprintWKT
	case estate.FieldOccupiers:
		return occupiersText
	case estate.FieldTags:
		return func(a *estate.Asset, _ *estate.Partner) string { return strings.Join(a.Tags, ";") }
	}
	panic("transparency: no CSV column can hold field " + f.Name) // the location is the Code's
}

// WriteCSV writes the assets as Transparency Code CSV with the register's
// own columns after the Code's, CRLF line ends and a UTF-8 byte order mark
// so spreadsheets read it as UTF-8. partners names each partner for the
// OrganisationLabel and OrganisationURI columns (the id when missing).
// Text that a spreadsheet would run as a formula gets a leading
// apostrophe, which the reader removes again. It returns the number of
// assets written.
func WriteCSV(w io.Writer, assets iter.Seq2[*estate.Asset, error], partners map[string]*estate.Partner) (int, error) {
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.WriteString("\uFEFF")
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true
	rec := make([]string, len(csvColumns))
	for i, c := range csvColumns {
		rec[i] = c.name
	}
	if err := cw.Write(rec); err != nil {
		return 0, fmt.Errorf("transparency: write csv: %w", err)
	}
	n := 0
	for a, err := range assets {
		if err != nil {
			return n, err
		}
		org := partners[a.Partner]
		if org == nil {
			org = &estate.Partner{ID: a.Partner, Name: a.Partner}
		}
		for i, c := range csvColumns {
			rec[i] = c.get(a, org)
			if c.text {
				rec[i] = guardFormula(rec[i])
			}
		}
		if err := cw.Write(rec); err != nil {
			return n, fmt.Errorf("transparency: write csv: %w", err)
		}
		n++
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return n, fmt.Errorf("transparency: write csv: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return n, fmt.Errorf("transparency: write csv: %w", err)
	}
	return n, nil
}

// guardFormula keeps spreadsheets from running a cell as a formula
// (OWASP's CSV injection advice): a cell starting =, +, -, @, tab or
// carriage return gets a leading apostrophe. So does text that already
// starts with apostrophes before one of those, or the reader would take
// its own apostrophe for the guard and drop it.
func guardFormula(s string) string {
	if formulaStart(strings.TrimLeft(s, "'")) {
		return "'" + s
	}
	return s
}

// unguardFormula undoes guardFormula when reading.
func unguardFormula(s string) string {
	if len(s) > 1 && s[0] == '\'' && formulaStart(strings.TrimLeft(s, "'")) {
		return s[1:]
	}
	return s
}

func formulaStart(s string) bool { return s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) }

func ftoa(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func optF(v *float64) string {
	if v == nil {
		return ""
	}
	return ftoa(*v)
}

func optP(v *int64) string {
	if v == nil {
		return ""
	}
	return strconv.FormatInt(*v, 10)
}

func optI(v int64) string {
	if v == 0 {
		return ""
	}
	return strconv.FormatInt(v, 10)
}

func optT(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

func footprintWKT(a *estate.Asset, _ *estate.Partner) string {
	if len(a.Footprint) == 0 {
		return ""
	}
	return wkt.MarshalString(geo.OrbMultiPolygon(a.Footprint))
}

func occupiersText(a *estate.Asset, _ *estate.Partner) string { return OccupiersText(a.Occupiers) }

// OccupiersText writes occupiers as the occupiers column holds them,
// "partner:area_m2;partner", which the reader reads back; the GeoPackage
// export writes the same text.
func OccupiersText(occupiers []estate.Occupier) string {
	parts := make([]string, len(occupiers))
	for i, o := range occupiers {
		parts[i] = o.Partner
		if o.AreaM2 != nil {
			parts[i] += ":" + ftoa(*o.AreaM2)
		}
	}
	return strings.Join(parts, ";")
}

// timePtr is nil for the zero time: an asset not yet stored has no
// created_at or updated_at.
func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}
