package analysis

import (
	"fmt"
	"slices"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/register"
)

// Bounds of a scenario, so one request stays a bounded amount of work.
const (
	MaxScenarioRules = 100
	MaxRuleIDs       = 10000
	MaxRuleValues    = 100 // tags, partners, uses or ratings of one rule
)

// Rule is one what-if of a scenario: the assets it picks (every list
// given must match: an asset is picked when its id is among IDs, it has
// one of Tags, its owner is one of Partners, its use one of Uses and its
// rating one of RAGs; an empty list picks all), and what it changes of
// them for the scenario's figures. Picking is on the register as it is,
// not as an earlier rule left it; for a field several rules set, the last
// wins.
type Rule struct {
	IDs      []int64      `json:"ids,omitempty"`
	Tags     []string     `json:"tags,omitempty"`
	Partners []string     `json:"partners,omitempty"`
	Uses     []string     `json:"uses,omitempty"`
	RAGs     []estate.RAG `json:"rags,omitempty"`

	// RAG sets the rating: its probability, lead time and, for
	// co-location, whether it is a hub or movable.
	RAG *estate.RAG `json:"set_rag,omitempty"`
	// Probability and LeadYears override the rating's.
	Probability *float64 `json:"set_probability,omitempty"`
	LeadYears   *float64 `json:"set_lead_years,omitempty"`
	// Target sets the target completion date, YYYY-MM-DD ("the police
	// station closes in 2028" is a date in 2028): it places the receipt
	// in that date's financial year and discounts it to there.
	Target string `json:"set_target,omitempty"`
}

// ScenarioRules is a what-if: rules applied in order.
type ScenarioRules []Rule

// Validate returns an EINVALID error naming each wrong member, as
// rules[i].name, or nil.
func (rs ScenarioRules) Validate() error {
	var pr estate.Problems
	rs.check(&pr)
	return pr.Err("The scenario is not valid.")
}

func (rs ScenarioRules) check(pr *estate.Problems) {
	if len(rs) > MaxScenarioRules {
		pr.Add("rules", "at most %d rules", MaxScenarioRules)
		return
	}
	for i, r := range rs {
		at := func(name string) string { return fmt.Sprintf("rules[%d].%s", i, name) }
		if len(r.IDs) > MaxRuleIDs {
			pr.Add(at("ids"), "at most %d ids", MaxRuleIDs)
		}
		for name, n := range map[string]int{"tags": len(r.Tags), "partners": len(r.Partners), "uses": len(r.Uses), "rags": len(r.RAGs)} {
			if n > MaxRuleValues {
				pr.Add(at(name), "at most %d values", MaxRuleValues)
			}
		}
		for _, g := range r.RAGs {
			if !slices.Contains(ratings[:], g) {
				pr.Add(at("rags"), "must each be one of %v", ratings)
				break
			}
		}
		if r.RAG == nil && r.Probability == nil && r.LeadYears == nil && r.Target == "" {
			pr.Add(at("set_rag"), "a rule must set something: set_rag, set_probability, set_lead_years or set_target")
		}
		if r.RAG != nil && !slices.Contains(ratings[:], *r.RAG) {
			pr.Add(at("set_rag"), "must be one of %v", ratings)
		}
		if r.Probability != nil {
			inRange(pr, at("set_probability"), *r.Probability, 0, 1)
		}
		if r.LeadYears != nil {
			inRange(pr, at("set_lead_years"), *r.LeadYears, 0, MaxLeadYears)
		}
		if r.Target != "" {
			if _, ok := ParseDate(r.Target); !ok {
				pr.Add(at("set_target"), "must be a date, YYYY-MM-DD")
			}
		}
	}
}

// compiled is a scenario ready for many assets: ids in a set.
type compiled struct {
	rules []Rule
	ids   []map[int64]bool
	// changed counts the assets some rule picked, in the last run.
	changed int
}

func compile(rs ScenarioRules) *compiled {
	c := &compiled{rules: rs, ids: make([]map[int64]bool, len(rs))}
	for i, r := range rs {
		if len(r.IDs) > 0 {
			c.ids[i] = make(map[int64]bool, len(r.IDs))
			for _, id := range r.IDs {
				c.ids[i][id] = true
			}
		}
	}
	return c
}

func (c *compiled) picks(i int, a *register.Asset) bool {
	r := &c.rules[i]
	return (c.ids[i] == nil || c.ids[i][a.ID]) &&
		(len(r.Partners) == 0 || slices.Contains(r.Partners, a.Partner)) &&
		(len(r.Uses) == 0 || slices.Contains(r.Uses, a.Use)) &&
		(len(r.RAGs) == 0 || slices.Contains(r.RAGs, rating(a.RAG))) &&
		(len(r.Tags) == 0 || slices.ContainsFunc(r.Tags, func(t string) bool { return slices.Contains(a.Tags, t) }))
}

// rag is a's rating in the scenario.
func (c *compiled) rag(a *register.Asset) estate.RAG {
	g := a.RAG
	if c == nil {
		return g
	}
	for i := range c.rules {
		if c.rules[i].RAG != nil && c.picks(i, a) {
			g = *c.rules[i].RAG
		}
	}
	return g
}

// apply changes pl as the rules picking a say; a nil c changes nothing.
// A rating set brings its probability and lead time unless a rule sets
// those too.
func (c *compiled) apply(pf *profiler, a *register.Asset, pl *plan) {
	if c == nil {
		return
	}
	hit := false
	var p, lead *float64
	for i := range c.rules {
		if !c.picks(i, a) {
			continue
		}
		hit = true
		r := &c.rules[i]
		if r.RAG != nil {
			pl.ri = ragIndex(*r.RAG)
		}
		if r.Probability != nil {
			p = r.Probability
		}
		if r.LeadYears != nil {
			lead = r.LeadYears
		}
		if r.Target != "" {
			pl.target = r.Target
		}
	}
	if !hit {
		return
	}
	c.changed++
	pl.p, pl.lead = pf.m.p[pl.ri], pf.m.lead[pl.ri]
	if p != nil {
		pl.p, pl.custom = *p, true
	}
	if lead != nil {
		pl.lead, pl.custom = *lead, true
	}
}
