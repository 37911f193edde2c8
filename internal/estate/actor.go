package estate

import "context"

// Role is what a token may do.
type Role string

// Roles: viewers read, editors write their own partner's assets, admins
// do everything including partners and tokens.
const (
	RoleViewer Role = "viewer"
	RoleEditor Role = "editor"
	RoleAdmin  Role = "admin"
)

// Roles lists every role.
var Roles = []Role{RoleViewer, RoleEditor, RoleAdmin}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return oneOf(r, Roles) }

// Actor is who is making a request: a token holder, the command line, or
// an anonymous reader of a public register.
type Actor struct {
	Name    string // token name, or "cli", "demo", "anonymous"
	Role    Role   // "" for anonymous
	Partner string // the partner a viewer or editor acts for
}

// Anonymous is the actor of an unauthenticated read.
var Anonymous = Actor{Name: "anonymous"}

// IsAnonymous reports whether the actor holds no token.
func (a Actor) IsAnonymous() bool { return a.Role == "" }

// IsAdmin reports whether the actor may do everything.
func (a Actor) IsAdmin() bool { return a.Role == RoleAdmin }

// CanEdit reports whether the actor may write assets owned by partner.
func (a Actor) CanEdit(partner string) bool {
	return a.IsAdmin() || (a.Role == RoleEditor && a.Partner == partner)
}

// CanSeeSensitive reports whether the actor may see partner's sensitive
// assets: their own partner's staff and admins only.
func (a Actor) CanSeeSensitive(partner string) bool {
	own, all := a.SensitiveScope()
	return all || (own != "" && own == partner)
}

// SensitiveScope says whose sensitive assets the actor sees: every
// partner's (all), one partner's (own), or none (both zero). Whatever
// depends on the actor only through sensitive assets, such as a tile,
// depends on this.
func (a Actor) SensitiveScope() (own string, all bool) {
	switch {
	case a.IsAdmin():
		return "", true
	case a.IsAnonymous():
		return "", false
	}
	return a.Partner, false
}

// SeesMoney reports whether money fields are shown to the actor; the
// anonymous public never sees them.
func (a Actor) SeesMoney() bool { return !a.IsAnonymous() }

// SeesPeopleAndNotes reports whether the actor sees who changed partner's
// assets (rag_set_by, the history's actors) and their notes: partner's own
// staff and admins. Token names are usually people's names and notes are
// officers' words to colleagues, so everyone else, other partners as much
// as the public, sees the partner instead of the person, and no notes.
func (a Actor) SeesPeopleAndNotes(partner string) bool { return a.CanSeeSensitive(partner) }

// AuditName is how the actor is written in the audit trail:
// "name (partner)" or just the name.
func (a Actor) AuditName() string {
	if a.Partner == "" {
		return a.Name
	}
	return a.Name + " (" + a.Partner + ")"
}

type actorKey struct{}

// NewContextWithActor returns ctx carrying the actor.
func NewContextWithActor(ctx context.Context, a Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// ActorFromContext returns the actor in ctx, or Anonymous when there is none.
func ActorFromContext(ctx context.Context) Actor {
	if a, ok := ctx.Value(actorKey{}).(Actor); ok {
		return a
	}
	return Anonymous
}
