package service

import (
	"context"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
)

// Options tune the services.
type Options struct {
	// ServiceArea is where created, moved and imported assets must be;
	// the zero value, estate.World, is anywhere. Assets already stored
	// outside it stay readable, and editable where they are.
	ServiceArea estate.ServiceArea
	// Now is the clock every write is stamped with; nil for the system
	// clock to the microsecond. Tests set it for exact times.
	Now func() time.Time
}

// Services are the register's services over one store. The optional ones
// are nil when the store lacks their capability, which is how a server
// knows to leave their routes off.
// Each field is an interface, so a test can stand another in.
type Services struct {
	Assets   estate.AssetService
	Partners estate.PartnerService
	Tokens   estate.TokenService
	Audit    estate.AuditService
	// Ping reports whether the store answers.
	Ping func(context.Context) error
	// Unavailable reports whether an error of the services means the
	// store's database cannot be reached for now, worth retrying; nil
	// for a store that cannot tell (FaultStore).
	Unavailable func(err error) bool

	// Imports loads partners' files; its ImportAssetsCreatingPartner is
	// the command line's import that may create its partner.
	Imports *Imports
	// ImportMappings keeps partners' saved import mappings.
	ImportMappings estate.ImportMappingService
	// Scenarios keeps saved what-ifs (store capability ScenarioStore).
	Scenarios estate.ScenarioService

	// Tags lists the tags in use (/api/v1/tags).
	Tags estate.TagSource
	// Extent bounds what the caller may see (OGC extents, map bounds).
	Extent estate.ExtentSource
	// Dates bounds the dates of what the caller may see (OGC temporal
	// extent).
	Dates estate.DateSource
	// Counts gives counts already made, without counting (OGC
	// numberMatched on every page of a big register).
	Counts estate.CountCache
	// Feed is the register's change feed, which keeps the one copy of
	// the register in memory (internal/register) that the vector tiles
	// and the analyses read. It gives every asset, sensitive ones
	// included: the copy's readers apply visibility.
	Feed estate.RegisterFeed
}

// New builds every service over store, finding its optional capabilities
// once. The compiler holds a store to the required methods; what it lacks
// of the optional ones is left nil.
func New(store Store, opts Options) *Services {
	if opts.Now == nil {
		opts.Now = func() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }
	}
	clock := opts.Now
	c := &core{store: store, area: opts.ServiceArea, now: func() time.Time { return clock().UTC() }}
	s := &Services{
		Assets:   &AssetService{c},
		Partners: &PartnerService{c},
		Tokens:   &TokenService{c},
		Audit:    &AuditService{c},
		Imports:  NewImports(store, ImportOptions{Area: &c.area}),
		Ping:     store.Ping,
	}
	if st, ok := store.(TagStore); ok {
		s.Tags = tagSource{st}
	}
	if st, ok := store.(ExtentStore); ok {
		s.Extent = extentSource{st}
	}
	if st, ok := store.(DateStore); ok {
		s.Dates = dateSource{st}
	}
	if st, ok := store.(CountCacheStore); ok {
		s.Counts = countCache{st}
	}
	if st, ok := store.(FeedStore); ok {
		s.Feed = st
	}
	if st, ok := store.(FaultStore); ok {
		s.Unavailable = st.Unavailable
	}
	if st, ok := store.(ImportMappingStore); ok {
		s.ImportMappings = NewImportMappings(st)
	}
	if st, ok := store.(ScenarioStore); ok {
		s.Scenarios = NewScenarios(st, c.now)
	}
	return s
}

// core is what every service shares: the store, the area and the clock.
type core struct {
	store Store
	area  estate.ServiceArea
	now   func() time.Time
}

// scopeOf is the scope of the assets actor may read: the one
// visibility rule, from estate.Actor.SensitiveScope.
func scopeOf(actor estate.Actor) Scope {
	own, all := actor.SensitiveScope()
	return Scope{AllSensitive: all, Partner: own}
}

// adminEvent starts the audit event of a change to a partner, a token or
// an import, recording actor at the time at.
func adminEvent(actor estate.Actor, at time.Time, entity, id string, action estate.AuditAction, changes []estate.Change) *estate.AdminEvent {
	if len(changes) == 0 {
		return nil // a change that changes nothing is not recorded
	}
	return &estate.AdminEvent{Entity: entity, EntityID: id, Action: action, Actor: actor.Name,
		ActorPartner: actor.Partner, At: at, Changes: changes}
}

// requireAdmin refuses anyone but an admin (the command line acts as one).
func requireAdmin(ctx context.Context, what string) error {
	if !estate.ActorFromContext(ctx).IsAdmin() {
		return estate.Errorf(estate.EFORBIDDEN, "Only an admin may %s.", what)
	}
	return nil
}
