package transparency

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"iter"
	"strconv"
	"strings"
	"time"

	"github.com/paulmach/orb/encoding/wkt"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/geo"
)

// csvColumn is one column of WriteCSV's layout and how to write it.
type csvColumn struct {
	name string
	text bool // free text, guarded against spreadsheet formulas
	get  func(a *estate.Asset, org *estate.Partner) string
}

// csvColumns are the Transparency Code columns in the Code's order, then
// the register's own, named as the API names them. Every column reads
// back to the same field (header.go), which a test checks.
var csvColumns = []csvColumn{
	{"OrganisationLabel", true, func(a *estate.Asset, o *estate.Partner) string { return o.Name }},
	{"OrganisationURI", false, func(a *estate.Asset, o *estate.Partner) string { return o.URI }},
	{"EffectiveDate", false, func(a *estate.Asset, _ *estate.Partner) string { return a.EffectiveDate }},
	{"UPRN", false, func(a *estate.Asset, _ *estate.Partner) string { return a.UPRN }},
	{"AssetCode", true, func(a *estate.Asset, _ *estate.Partner) string { return a.AssetCode }},
	{"PropertyName", true, func(a *estate.Asset, _ *estate.Partner) string { return a.Name }},
	{"StreetNumber", true, func(a *estate.Asset, _ *estate.Partner) string { return a.StreetNumber }},
	{"StreetName", true, func(a *estate.Asset, _ *estate.Partner) string { return a.StreetName }},
	{"PostTown", true, func(a *estate.Asset, _ *estate.Partner) string { return a.Town }},
	{"PostCode", false, func(a *estate.Asset, _ *estate.Partner) string { return a.Postcode }},
	{"CoordinateReferenceSystem", false, func(*estate.Asset, *estate.Partner) string { return "WGS84" }},
	{"GeoX", false, func(a *estate.Asset, _ *estate.Partner) string { return ftoa(a.Location.Lon) }},
	{"GeoY", false, func(a *estate.Asset, _ *estate.Partner) string { return ftoa(a.Location.Lat) }},
	{"TenureType", false, func(a *estate.Asset, _ *estate.Partner) string { return tenureLabels[a.Tenure] }},
	{"TenureDetail", false, func(a *estate.Asset, _ *estate.Partner) string { return detailLabels[a.TenureDetail] }},
	{"HoldingType", false, func(a *estate.Asset, _ *estate.Partner) string { return holdingLabels[a.Holding] }},
	{"BuildingSize", false, func(a *estate.Asset, _ *estate.Partner) string { return optF(a.GIAM2) }},
	{"LandArea", false, func(a *estate.Asset, _ *estate.Partner) string { return optF(a.LandAreaHa) }},
	{"EnergyRating", false, func(a *estate.Asset, _ *estate.Partner) string { return a.EnergyRating }},

	{"id", false, func(a *estate.Asset, _ *estate.Partner) string { return optI(a.ID) }},
	{"partner", false, func(a *estate.Asset, _ *estate.Partner) string { return a.Partner }},
	{"use", true, func(a *estate.Asset, _ *estate.Partner) string { return a.Use }},
	{"footprint", false, footprintWKT},
	{"lease_expiry", false, func(a *estate.Asset, _ *estate.Partner) string { return a.LeaseExpiry }},
	{"lease_break", false, func(a *estate.Asset, _ *estate.Partner) string { return a.LeaseBreak }},
	{"annual_rent_gbp", false, func(a *estate.Asset, _ *estate.Partner) string { return optP(a.AnnualRentGBP) }},
	{"utilisation_pct", false, func(a *estate.Asset, _ *estate.Partner) string { return optF(a.UtilisationPct) }},
	{"condition", false, func(a *estate.Asset, _ *estate.Partner) string { return a.Condition }},
	{"backlog_gbp", false, func(a *estate.Asset, _ *estate.Partner) string { return optP(a.BacklogGBP) }},
	{"listed", false, func(a *estate.Asset, _ *estate.Partner) string { return string(a.Listed) }},
	{"market_value_gbp", false, func(a *estate.Asset, _ *estate.Partner) string { return optP(a.MarketValueGBP) }},
	{"book_value_gbp", false, func(a *estate.Asset, _ *estate.Partner) string { return optP(a.BookValueGBP) }},
	{"running_cost_gbp_pa", false, func(a *estate.Asset, _ *estate.Partner) string { return optP(a.RunningCostGBPPA) }},
	{"occupiers", false, occupiersText},
	{"rag", false, func(a *estate.Asset, _ *estate.Partner) string { return string(a.RAG) }},
	{"rag_rationale", true, func(a *estate.Asset, _ *estate.Partner) string { return a.RAGRationale }},
	{"rag_set_by", true, func(a *estate.Asset, _ *estate.Partner) string { return a.RAGSetBy }},
	{"rag_set_at", false, func(a *estate.Asset, _ *estate.Partner) string { return optT(a.RAGSetAt) }},
	{"tags", false, func(a *estate.Asset, _ *estate.Partner) string { return strings.Join(a.Tags, ";") }},
	{"notes", true, func(a *estate.Asset, _ *estate.Partner) string { return a.Notes }},
	{"sensitive", false, func(a *estate.Asset, _ *estate.Partner) string { return strconv.FormatBool(a.Sensitive) }},
	{"version", false, func(a *estate.Asset, _ *estate.Partner) string { return optI(a.Version) }},
	{"created_at", false, func(a *estate.Asset, _ *estate.Partner) string { return optT(timePtr(a.CreatedAt)) }},
	{"updated_at", false, func(a *estate.Asset, _ *estate.Partner) string { return optT(timePtr(a.UpdatedAt)) }},
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
