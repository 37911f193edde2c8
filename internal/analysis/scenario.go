package analysis

import (
	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/register"
)

// ScenarioSide is one side of a what-if: the register as it is, or as
// the scenario would have it.
type ScenarioSide struct {
	Total    YearFigures    `json:"total"`
	Years    []YearFigures  `json:"years"`    // aligned with ScenarioReport.Years
	Partners []ProfileGroup `json:"partners"` // by partner, each aligned with Years
	// Hubs is the co-location summary, nil unless asked for.
	Hubs *ColocationSummary `json:"hubs,omitempty"`
}

// ScenarioReport is a what-if beside the register as it is. Nothing
// stored changes: the rules are applied to the figures only.
type ScenarioReport struct {
	Params ReceiptParams    `json:"params"`
	AsAt   string           `json:"as_at"`
	Filter estate.Selection `json:"filter"`
	Rules  ScenarioRules    `json:"rules"`
	// Changed counts the selected assets some rule picked.
	Changed  int          `json:"changed"`
	Years    []string     `json:"years"`
	Base     ScenarioSide `json:"base"`
	Scenario ScenarioSide `json:"scenario"`
}

// Scenario runs the year profile of the assets f selects twice, as the
// register is and with rules applied, and lays them side by side with
// the same years. Each side prices as Profile does. It returns an
// EINVALID error naming every bad parameter or rule.
func Scenario(assets register.Assets, p ReceiptParams, asAt string, f estate.Selection, rules ScenarioRules) (ScenarioReport, error) {
	var pr estate.Problems
	rules.check(&pr)
	if err := pr.Err("The scenario is not valid."); err != nil {
		return ScenarioReport{}, err
	}
	c := compile(rules)
	sides, err := profiles(assets, p, asAt, f, ByPartner, []*compiled{nil, c})
	if err != nil {
		return ScenarioReport{}, err
	}
	base, what := sides[0], sides[1]
	years := mergeYears(base.Years, what.Years)
	if rules == nil {
		rules = ScenarioRules{}
	}
	return ScenarioReport{Params: p, AsAt: base.AsAt, Filter: f, Rules: rules, Changed: c.changed, Years: years,
		Base: side(base, years), Scenario: side(what, years)}, nil
}

// side re-aligns a profile's rows with years.
func side(yp YearProfile, years []string) ScenarioSide {
	s := ScenarioSide{Total: yp.Total.Total, Years: align(yp.Years, yp.Total.Years, years),
		Partners: make([]ProfileGroup, len(yp.Groups))}
	for i, g := range yp.Groups {
		s.Partners[i] = ProfileGroup{Key: g.Key, Total: g.Total, Years: align(yp.Years, g.Years, years)}
	}
	return s
}

// mergeYears is the ordered union of two ordered lists of year labels
// (labels of four-digit years sort as the years do).
func mergeYears(a, b []string) []string {
	out := make([]string, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || (i < len(a) && a[i] < b[j]):
			out = append(out, a[i])
			i++
		case i == len(a) || b[j] < a[i]:
			out = append(out, b[j])
			j++
		default:
			out = append(out, a[i])
			i, j = i+1, j+1
		}
	}
	return out
}

// align returns row (labelled by from) with a column for each of to,
// empty where row has none.
func align(from []string, row []YearFigures, to []string) []YearFigures {
	out := make([]YearFigures, len(to))
	k := 0
	for i, y := range to {
		out[i].Year = y
		if k < len(from) && from[k] == y {
			out[i] = row[k]
			k++
		}
	}
	return out
}

// ScenarioHubs runs co-location over rows with the scenario's ratings and
// summarises the opportunities f selects, members' central receipts
// priced with the scenario's rating, probability and lead time (as the
// receipts analysis, with no dates). With no rule setting a rating, the
// run is the register's, so callers may pass hubs of that run instead
// (base non-nil) and only the pricing changes.
func ScenarioHubs(rows register.Rows, base *Hubs, p ColocationParams, f estate.Selection, rules ScenarioRules) (ColocationSummary, error) {
	var pr estate.Problems
	rules.check(&pr)
	if err := pr.Err("The scenario is not valid."); err != nil {
		return ColocationSummary{}, err
	}
	c := compile(rules)
	h := base
	if h == nil || rules.setsRating() {
		var err error
		if h, err = findHubs(rows, p, c.rag); err != nil {
			return ColocationSummary{}, err
		}
	}
	pf := newProfiler(p.ReceiptParams, zeroDate)
	price := func(a *register.Asset) int64 {
		if basis(a) != BasisFreehold || closed(a) {
			return 0
		}
		pl := plan{ri: RAGIndex(a.RAG)}
		pl.p, pl.lead = pf.m.p[pl.ri], pf.m.lead[pl.ri]
		c.apply(pf, a, &pl)
		pl.target = ""
		_, w := pf.when(&pl)
		return pf.sale(a, central, w)
	}
	rep, err := h.reportPriced(p.ReceiptParams, f, false, price)
	return rep.ColocationSummary, err
}

// setsRating reports whether some rule changes a rating, and with it
// who is a hub and who may move.
func (rs ScenarioRules) setsRating() bool {
	for _, r := range rs {
		if r.RAG != nil {
			return true
		}
	}
	return false
}
