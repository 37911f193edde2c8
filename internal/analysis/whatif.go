package analysis

import (
	"slices"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/register"
)

// Rule is one what-if of a scenario (estate.ScenarioRule).
type Rule = estate.ScenarioRule

// ScenarioRules is a what-if: rules applied in order.
type ScenarioRules []Rule

// Validate returns an EINVALID error naming each wrong member, as
// rules[i].name, or nil.
func (rs ScenarioRules) Validate() error {
	var pr estate.Problems
	rs.check(&pr)
	return pr.Err("The scenario is not valid.")
}

func (rs ScenarioRules) check(pr *estate.Problems) { estate.CheckScenarioRules(pr, rs) }

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
			pl.ri = RAGIndex(*r.RAG)
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
