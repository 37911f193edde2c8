package transparency

import (
	"strconv"
	"strings"
	"time"

	"github.com/paulmach/orb/encoding/wkt"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/geo"
)

// registerTargets are the targets readRegister reads. Published files
// have none of them, so it is skipped for those rather than find each
// blank on every row.
var registerTargets = []target{
	"lease_expiry", "lease_break", "annual_rent_gbp", "backlog_gbp", "market_value_gbp",
	"book_value_gbp", "running_cost_gbp_pa", "utilisation_pct", "condition", "listed",
	"rag", "rag_rationale", "rag_set_by", "rag_set_at", "tags", "notes", "sensitive",
	"occupiers", "footprint",
	"disposal_stage", "disposal_stage_at", "disposal_target", "disposal_note", "receipt_gbp",
	"receipt_date", "surplus_value_gbp",
}

// readRegister reads the register's own columns, which WriteCSV adds after
// the Transparency Code ones. Cells that cannot be read are ignored with a
// warning, as for published columns; the import validates the rest.
func (rr *rowReader) readRegister() {
	a := rr.a
	rr.date("lease_expiry", &a.LeaseExpiry)
	rr.date("lease_break", &a.LeaseBreak)
	rr.money("annual_rent_gbp", &a.AnnualRentGBP)
	rr.money("backlog_gbp", &a.BacklogGBP)
	rr.money("market_value_gbp", &a.MarketValueGBP)
	rr.money("book_value_gbp", &a.BookValueGBP)
	rr.money("running_cost_gbp_pa", &a.RunningCostGBPPA)
	if s := rr.v("utilisation_pct"); s != "" {
		if v, unit, ok := number(strings.TrimSuffix(s, "%")); ok && unit == "" {
			a.UtilisationPct = &v
		} else {
			rr.bad("utilisation_pct", s)
		}
	}
	if s := rr.v("condition"); s != "" {
		if c, ok := lookupNorm(conditionWords, s); ok {
			a.Condition = c
		} else {
			rr.bad("condition", s)
		}
	}
	if s := rr.v("listed"); s != "" {
		if l, ok := listedWords[listedKey(s)]; ok {
			a.Listed = l
		} else {
			rr.bad("listed", s)
		}
	}
	a.RAG = estate.RAG(strings.ToLower(rr.v("rag")))
	a.RAGRationale = rr.text("rag_rationale")
	a.RAGSetBy = rr.line("rag_set_by")
	if s := rr.v("rag_set_at"); s != "" {
		if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
			t = t.UTC()
			a.RAGSetAt = &t
		} else {
			rr.bad("rag_set_at", s)
		}
	}
	if s := rr.v("tags"); s != "" {
		a.Tags = strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == ',' || r == ' ' || r == '\n' })
	}
	a.Notes = rr.text("notes")
	if s := rr.v("sensitive"); s != "" {
		switch strings.ToLower(s) {
		case "true", "yes", "y", "1":
			a.Sensitive = true
		case "false", "no", "n", "0":
		default:
			rr.bad("sensitive", s)
		}
	}
	rr.occupiers()
	rr.footprint()
	rr.readDisposal()
}

// conditionWords read the words condition surveys grade with as the
// grades A (good) to D (bad), so a published "Satisfactory" is not a
// wrong row; a word we do not know is ignored with a warning.
var conditionWords = map[string]string{
	"a": "A", "b": "B", "c": "C", "d": "D",
	"conditiona": "A", "conditionb": "B", "conditionc": "C", "conditiond": "D",
	"gradea": "A", "gradeb": "B", "gradec": "C", "graded": "D",
	"good": "A", "verygood": "A", "excellent": "A", "satisfactory": "B", "fair": "B", "reasonable": "B",
	"poor": "C", "unsatisfactory": "C", "bad": "D", "verypoor": "D",
}

func (rr *rowReader) bad(field, s string) {
	rr.warn(estate.WarnUnreadableValue, "%s %q cannot be read: ignored", field, shorten(s))
	rr.drop(field)
}

func (rr *rowReader) date(field string, dst *string) {
	if s := rr.v(target(field)); s != "" {
		if d, ok := isoDate(s); ok {
			*dst = d
		} else {
			rr.bad(field, s)
		}
	}
}

func (rr *rowReader) money(field string, dst **int64) {
	if s := rr.v(target(field)); s != "" {
		if v, ok := wholePounds(s); ok {
			*dst = &v
		} else {
			rr.bad(field, s)
		}
	}
}

// occupiers reads "partner:area;partner" as WriteCSV writes it.
func (rr *rowReader) occupiers() {
	s := rr.v("occupiers")
	if s == "" {
		return
	}
	var out []estate.Occupier
	for _, item := range strings.Split(s, ";") {
		if item = strings.TrimSpace(item); item == "" {
			continue
		}
		id, areaText, hasArea := strings.Cut(item, ":")
		o := estate.Occupier{Partner: strings.TrimSpace(id)}
		if hasArea {
			v, err := strconv.ParseFloat(strings.TrimSpace(areaText), 64)
			if err != nil {
				rr.bad("occupiers", s)
				return
			}
			o.AreaM2 = &v
		}
		out = append(out, o)
	}
	rr.a.Occupiers = out
}

// footprint reads a WKT Polygon or MultiPolygon in WGS84.
func (rr *rowReader) footprint() {
	s := rr.v("footprint")
	if s == "" {
		return
	}
	g, err := wkt.Unmarshal(s)
	if err != nil {
		rr.pr.Add("footprint", "is not WKT: %s", err)
		return
	}
	fp, err := geo.FromOrb(g)
	if err != nil {
		rr.pr.Add("footprint", "must be a POLYGON or MULTIPOLYGON in WKT")
		return
	}
	rr.a.Footprint = fp
}
