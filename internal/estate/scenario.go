package estate

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// ScenarioRule is one what-if of a scenario: the assets it picks (every
// list given must match: an asset is picked when its id is among IDs, it
// has one of Tags, its owner is one of Partners, its use one of Uses and
// its rating one of RAGs; an empty list picks all), and what it changes
// of them in the scenario's figures, never in the register. Picking is on
// the register as it is, not as an earlier rule left it; for a field
// several rules set, the last wins.
type ScenarioRule struct {
	IDs      []int64  `json:"ids,omitempty"`
	Tags     []string `json:"tags,omitempty"`
	Partners []string `json:"partners,omitempty"`
	Uses     []string `json:"uses,omitempty"`
	RAGs     []RAG    `json:"rags,omitempty"`

	// RAG sets the rating: its probability, lead time and, for
	// co-location, whether it is a hub or movable.
	RAG *RAG `json:"set_rag,omitempty"`
	// Probability and LeadYears override the rating's.
	Probability *float64 `json:"set_probability,omitempty"`
	LeadYears   *float64 `json:"set_lead_years,omitempty"`
	// Target sets the target completion date, YYYY-MM-DD ("the police
	// station closes in 2028" is a date in 2028).
	Target string `json:"set_target,omitempty"`
}

// Bounds of a scenario, so one request stays a bounded amount of work.
const (
	MaxScenarioRules   = 100
	MaxRuleIDs         = 10000
	MaxRuleValues      = 100 // tags, partners, uses or ratings of one rule
	MaxScenarioShares  = 100
	MaxScenarioName    = 200
	MaxScenarioText    = 2000
	MaxScenarioLead    = 50 // years, as the receipts analysis's MaxLeadYears
	maxScenarioParams  = 50
	scenarioDateLayout = time.DateOnly
)

// CheckScenarioRules records each wrong member of rules, as
// rules[i].name.
func CheckScenarioRules(pr *Problems, rules []ScenarioRule) {
	if len(rules) > MaxScenarioRules {
		pr.Add("rules", "at most %d rules", MaxScenarioRules)
		return
	}
	for i, r := range rules {
		at := func(name string) string { return fmt.Sprintf("rules[%d].%s", i, name) }
		if len(r.IDs) > MaxRuleIDs {
			pr.Add(at("ids"), "at most %d ids", MaxRuleIDs)
		}
		for _, l := range []struct {
			name string
			n    int
		}{{"tags", len(r.Tags)}, {"partners", len(r.Partners)}, {"uses", len(r.Uses)}, {"rags", len(r.RAGs)}} {
			if l.n > MaxRuleValues {
				pr.Add(at(l.name), "at most %d values", MaxRuleValues)
			}
		}
		if slices.ContainsFunc(r.RAGs, func(g RAG) bool { return !slices.Contains(RAGs, g) }) {
			pr.Add(at("rags"), "must each be one of %v", RAGs)
		}
		if r.RAG == nil && r.Probability == nil && r.LeadYears == nil && r.Target == "" {
			pr.Add(at("set_rag"), "a rule must set something: set_rag, set_probability, set_lead_years or set_target")
		}
		if r.RAG != nil && !slices.Contains(RAGs, *r.RAG) {
			pr.Add(at("set_rag"), "must be one of %v", RAGs)
		}
		if p := r.Probability; p != nil && !(*p >= 0 && *p <= 1) {
			pr.Add(at("set_probability"), "must be between 0 and 1")
		}
		if l := r.LeadYears; l != nil && !(*l >= 0 && *l <= MaxScenarioLead) {
			pr.Add(at("set_lead_years"), "must be between 0 and %d", MaxScenarioLead)
		}
		if r.Target != "" {
			if _, err := time.Parse(scenarioDateLayout, r.Target); err != nil {
				pr.Add(at("set_target"), "must be a date, YYYY-MM-DD")
			}
		}
	}
}

// Scenario is a what-if saved by name: its rules and the receipt
// assumptions it changes (Params, by query parameter name, such as
// p_amber; the analyses check them), owned by a partner and shared with
// others, who may read and run it but not change it.
type Scenario struct {
	ID          int64              `json:"id"`
	Partner     string             `json:"partner"` // the owner
	Name        string             `json:"name"`
	Description string             `json:"description,omitempty"`
	SharedWith  []string           `json:"shared_with"`
	Rules       []ScenarioRule     `json:"rules"`
	Params      map[string]float64 `json:"params"`
	Version     int64              `json:"version"`
	CreatedAt   time.Time          `json:"created_at"`
	CreatedBy   string             `json:"created_by"`
	UpdatedAt   time.Time          `json:"updated_at"`
	UpdatedBy   string             `json:"updated_by"`
}

// Validate returns an EINVALID error naming each wrong field, or nil.
func (s *Scenario) Validate() error {
	var pr Problems
	if strings.TrimSpace(s.Name) == "" || utf8.RuneCountInString(s.Name) > MaxScenarioName || strings.ContainsAny(s.Name, "\r\n") {
		pr.Add("name", "must be one line of 1 to %d characters", MaxScenarioName)
	}
	if utf8.RuneCountInString(s.Description) > MaxScenarioText {
		pr.Add("description", "at most %d characters", MaxScenarioText)
	}
	if s.Partner == "" {
		pr.Add("partner", "is required")
	}
	if len(s.SharedWith) > MaxScenarioShares {
		pr.Add("shared_with", "at most %d partners", MaxScenarioShares)
	}
	for _, p := range s.SharedWith {
		if p == "" || p == s.Partner {
			pr.Add("shared_with", "lists other partners' ids, each once")
			break
		}
	}
	if len(slices.Compact(slices.Sorted(slices.Values(s.SharedWith)))) != len(s.SharedWith) {
		pr.Add("shared_with", "lists other partners' ids, each once")
	}
	if len(s.Params) > maxScenarioParams {
		pr.Add("params", "at most %d parameters", maxScenarioParams)
	}
	CheckScenarioRules(&pr, s.Rules)
	return pr.Err("The scenario is not valid.")
}

// CanSeeScenario reports whether a may read and run s: admins, and the
// staff of its owner and of the partners it is shared with.
func (a Actor) CanSeeScenario(s *Scenario) bool {
	return a.IsAdmin() || (a.Partner != "" && !a.IsAnonymous() &&
		(a.Partner == s.Partner || slices.Contains(s.SharedWith, a.Partner)))
}

// CanEditScenario reports whether a may save, change or delete a
// scenario of partner: admins and the partner's editors.
func (a Actor) CanEditScenario(partner string) bool { return a.CanEdit(partner) }

// ScenarioService keeps saved scenarios, as the actor in ctx may see and
// change them.
type ScenarioService interface {
	// FindScenarios lists the scenarios the actor may see, by id.
	FindScenarios(ctx context.Context) ([]*Scenario, error)
	// FindScenario returns one; ENOTFOUND also when the actor may not
	// see it.
	FindScenario(ctx context.Context, id int64) (*Scenario, error)
	// CreateScenario saves s (ID, Version and the times set);
	// EUNAUTHORIZED, EFORBIDDEN, EINVALID, ECONFLICT naming name when
	// its partner has one of that name.
	CreateScenario(ctx context.Context, s *Scenario) error
	// UpdateScenario replaces scenario s.ID, which must be at version;
	// ENOTFOUND, EFORBIDDEN, EINVALID, ECONFLICT, EPRECONDITIONFAILED.
	UpdateScenario(ctx context.Context, s *Scenario, version int64) error
	// DeleteScenario deletes scenario id at version; ENOTFOUND,
	// EFORBIDDEN, EPRECONDITIONFAILED.
	DeleteScenario(ctx context.Context, id, version int64) error
}
