package service

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
)

// ScenarioStore keeps saved scenarios (a store capability: a store
// without it serves no /api/v1/scenarios).
type ScenarioStore interface {
	// FindScenarios returns, by id, every scenario when all, else those
	// of partner and those shared with it.
	FindScenarios(ctx context.Context, partner string, all bool) ([]*estate.Scenario, error)
	// FindScenario returns one; ENOTFOUND.
	FindScenario(ctx context.Context, id int64) (*estate.Scenario, error)
	// CreateScenario stores s, complete but for the id, which it sets.
	// ECONFLICT naming name when s's partner has a scenario of that
	// name; EINVALID naming partner when there is no such partner.
	CreateScenario(ctx context.Context, s *estate.Scenario) error
	// UpdateScenario replaces scenario s.ID, which must be at version,
	// with s (its version and times set by the service). ENOTFOUND, a
	// *StaleError, ECONFLICT naming name.
	UpdateScenario(ctx context.Context, s *estate.Scenario, version int64) error
	// DeleteScenario deletes scenario id at version; ENOTFOUND,
	// *StaleError.
	DeleteScenario(ctx context.Context, id, version int64) error
}

// Scenarios implements estate.ScenarioService: who may see and change a
// saved scenario (estate.Actor.CanSeeScenario, CanEditScenario). Saving a
// scenario never touches an asset.
type Scenarios struct {
	store ScenarioStore
	now   func() time.Time
}

// NewScenarios returns the scenario service over store, stamping writes
// with now.
func NewScenarios(store ScenarioStore, now func() time.Time) *Scenarios {
	return &Scenarios{store: store, now: now}
}

var _ estate.ScenarioService = (*Scenarios)(nil)

func signedIn(actor estate.Actor) error {
	if actor.IsAnonymous() {
		return estate.Errorf(estate.EUNAUTHORIZED, "Scenarios belong to partners: sign in with a token.")
	}
	return nil
}

// FindScenarios lists the scenarios the actor may see.
func (s *Scenarios) FindScenarios(ctx context.Context) ([]*estate.Scenario, error) {
	actor := estate.ActorFromContext(ctx)
	if err := signedIn(actor); err != nil {
		return nil, err
	}
	return s.store.FindScenarios(ctx, actor.Partner, actor.IsAdmin())
}

// FindScenario returns a scenario the actor may see; one it may not is
// not found, as a sensitive asset is.
func (s *Scenarios) FindScenario(ctx context.Context, id int64) (*estate.Scenario, error) {
	actor := estate.ActorFromContext(ctx)
	if err := signedIn(actor); err != nil {
		return nil, err
	}
	sc, err := s.store.FindScenario(ctx, id)
	if err != nil {
		return nil, err
	}
	if !actor.CanSeeScenario(sc) {
		return nil, notFound(id)
	}
	return sc, nil
}

func notFound(id int64) error { return estate.Errorf(estate.ENOTFOUND, "Scenario %d not found.", id) }

// CreateScenario saves a new scenario; an editor's is its own partner's
// whatever Partner says, blank Partner being the actor's.
func (s *Scenarios) CreateScenario(ctx context.Context, sc *estate.Scenario) error {
	actor := estate.ActorFromContext(ctx)
	if err := signedIn(actor); err != nil {
		return err
	}
	if sc.Partner == "" {
		sc.Partner = actor.Partner
	}
	if !actor.CanEditScenario(sc.Partner) {
		return estate.Errorf(estate.EFORBIDDEN, "Only %s's editors or an admin may save its scenarios.", sc.Partner)
	}
	if sc.SharedWith == nil {
		sc.SharedWith = []string{}
	}
	if err := sc.Validate(); err != nil {
		return err
	}
	now := s.now()
	sc.Version, sc.CreatedAt, sc.UpdatedAt, sc.CreatedBy, sc.UpdatedBy = 1, now, now, actor.AuditName(), actor.AuditName()
	return s.store.CreateScenario(ctx, sc)
}

// UpdateScenario replaces a scenario the actor may change; its owner and
// creation stay.
func (s *Scenarios) UpdateScenario(ctx context.Context, sc *estate.Scenario, version int64) error {
	actor := estate.ActorFromContext(ctx)
	before, err := s.forWrite(ctx, actor, sc.ID, version)
	if err != nil {
		return err
	}
	sc.Partner, sc.CreatedAt, sc.CreatedBy = before.Partner, before.CreatedAt, before.CreatedBy
	if sc.SharedWith == nil {
		sc.SharedWith = []string{}
	}
	if err := sc.Validate(); err != nil {
		return err
	}
	sc.Version, sc.UpdatedAt, sc.UpdatedBy = before.Version+1, s.now(), actor.AuditName()
	return staleScenario(s.store.UpdateScenario(ctx, sc, version), sc.ID, version)
}

// DeleteScenario deletes a scenario the actor may change.
func (s *Scenarios) DeleteScenario(ctx context.Context, id, version int64) error {
	actor := estate.ActorFromContext(ctx)
	if _, err := s.forWrite(ctx, actor, id, version); err != nil {
		return err
	}
	return staleScenario(s.store.DeleteScenario(ctx, id, version), id, version)
}

// forWrite reads scenario id for a change by actor at version.
func (s *Scenarios) forWrite(ctx context.Context, actor estate.Actor, id, version int64) (*estate.Scenario, error) {
	if err := signedIn(actor); err != nil {
		return nil, err
	}
	before, err := s.store.FindScenario(ctx, id)
	if err != nil {
		return nil, err
	}
	if !actor.CanSeeScenario(before) {
		return nil, notFound(id)
	}
	if !actor.CanEditScenario(before.Partner) {
		return nil, estate.Errorf(estate.EFORBIDDEN, "Only %s's editors or an admin may change its scenarios.", before.Partner)
	}
	if version == 0 {
		return nil, &estate.Error{Code: estate.EPRECONDITIONNEEDED, Version: before.Version,
			Message: "Say which version you are changing (If-Match), so nobody's change is lost."}
	}
	if version != before.Version {
		return nil, staleScenarioVersion(id, before.Version, version)
	}
	return before, nil
}

func staleScenario(err error, id, version int64) error {
	var se *StaleError
	if errors.As(err, &se) {
		return staleScenarioVersion(id, se.Current, version)
	}
	return err
}

func staleScenarioVersion(id, current, version int64) error {
	return &estate.Error{Code: estate.EPRECONDITIONFAILED, Version: current,
		Message: fmt.Sprintf("Scenario %d has changed: it is at version %d, not %d. Reload it and try again.", id, current, version)}
}
