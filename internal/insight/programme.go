package insight

import (
	"context"

	"github.com/placetrust/placetrust/internal/analysis"
	"github.com/placetrust/placetrust/internal/estate"
)

// Profile runs receipts by financial year (analysis.Profile) as at asAt,
// YYYY-MM-DD; "" is today by the service's clock.
func (s *Service) Profile(ctx context.Context, p analysis.ReceiptParams, asAt string, f estate.Selection, g analysis.GroupBy) (analysis.YearProfile, error) {
	snap, err := s.snapshotFor(ctx)
	if err != nil {
		return analysis.YearProfile{}, err
	}
	rep, err := analysis.Profile(snap.assets, p, s.asAt(asAt), f, g)
	return rep, err
}

// Outcome runs estimate against outcome (analysis.Outcome).
func (s *Service) Outcome(ctx context.Context, p analysis.ReceiptParams, f estate.Selection) (analysis.OutcomeReport, error) {
	snap, err := s.snapshotFor(ctx)
	if err != nil {
		return analysis.OutcomeReport{}, err
	}
	return analysis.Outcome(snap.assets, p, f)
}

// ScenarioReport is a what-if with its register version.
type ScenarioReport struct {
	analysis.ScenarioReport
	RegisterVersion int64 `json:"register_version"`
}

// Scenario runs a what-if over the current register (analysis.Scenario)
// as at asAt ("" is today); with hubs, the co-location summary of each
// side too, found with p's settings: the register's from the run the
// trust view shares, the scenario's from a run of its own when it changes
// a rating (as slow as a co-location run: a whole register takes
// seconds, a bbox a fraction of one). Nothing stored changes.
func (s *Service) Scenario(ctx context.Context, p analysis.ColocationParams, asAt string, f estate.Selection, rules analysis.ScenarioRules, hubs bool) (ScenarioReport, error) {
	if err := rules.Validate(); err != nil {
		return ScenarioReport{}, err
	}
	if hubs {
		if err := p.Validate(); err != nil {
			return ScenarioReport{}, err
		}
	}
	snap, err := s.snapshotFor(ctx)
	if err != nil {
		return ScenarioReport{}, err
	}
	rep, err := analysis.Scenario(snap.assets, p.ReceiptParams, s.asAt(asAt), f, rules)
	if err != nil || !hubs {
		return ScenarioReport{rep, snap.version}, err
	}
	r, err := s.hubs(ctx, snap, p, f, true)
	if err != nil {
		return ScenarioReport{}, err
	}
	base, err := r.hubs.Summary(p.ReceiptParams, f)
	if err != nil {
		return ScenarioReport{}, err
	}
	what, err := analysis.ScenarioHubs(s.universe(snap.assets, f.BBox), r.hubs, p, f, rules)
	if err != nil {
		return ScenarioReport{}, err
	}
	base.RegisterVersion, what.RegisterVersion = r.version, r.version
	rep.Base.Hubs, rep.Scenario.Hubs = &base, &what
	return ScenarioReport{rep, snap.version}, nil
}

// asAt is the valuation date asked for, or today's.
func (s *Service) asAt(asAt string) string {
	if asAt != "" {
		return asAt
	}
	s.mu.Lock()
	now := s.now
	s.mu.Unlock()
	return now().UTC().Format(analysis.DateLayout)
}
