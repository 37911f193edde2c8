package estate

import (
	"context"
	"strconv"
	"time"
)

// ActionRevoke records a token being revoked.
const ActionRevoke AuditAction = "revoke"

// Entities an AdminEvent can be about.
const (
	EntityPartner = "partner"
	EntityToken   = "token"
	// EntityImport records an import that changed the register: who
	// loaded which partner's file, and what it did (its row counts).
	EntityImport = "import"
)

// AdminEvent is one append-only record of a change to a partner or a
// token, or of an import: the same who, when, what and before/after as
// an asset's AuditEvent, for the records that have no asset.
type AdminEvent struct {
	ID           int64       `json:"id"`
	Entity       string      `json:"entity"`    // EntityPartner, EntityToken or EntityImport
	EntityID     string      `json:"entity_id"` // the partner id (also of an import), or the token id in decimal
	Action       AuditAction `json:"action"`
	Actor        string      `json:"actor"`
	ActorPartner string      `json:"actor_partner,omitempty"`
	At           time.Time   `json:"at"`
	Changes      []Change    `json:"changes"`
}

// AdminEventFilter pages through admin events, newest first.
type AdminEventFilter struct {
	Entity   string // "" for every kind
	EntityID string // "" for every record of the kind
	Before   int64  // only events with an id below this; 0 for the newest
	Limit    int    // 0 for 100
}

// Validate checks the filter names a known entity, and an entity with an id.
func (f AdminEventFilter) Validate() error {
	var pr Problems
	if f.Entity != "" && f.Entity != EntityPartner && f.Entity != EntityToken && f.Entity != EntityImport {
		pr.Add("entity", "must be %s, %s or %s", EntityPartner, EntityToken, EntityImport)
	}
	if f.EntityID != "" && f.Entity == "" {
		pr.Add("entity", "is required with id")
	}
	if len(f.EntityID) > 64 {
		pr.Add("id", "must be at most 64 characters")
	}
	if f.Limit < 0 || f.Limit > 1000 {
		pr.Add("limit", "must be between 1 and 1000")
	}
	return pr.Err("The audit filter is not valid.")
}

// AuditService reads the audit trail of partners, tokens and imports.
type AuditService interface {
	// FindAdminEvents returns events newest first; EFORBIDDEN unless the
	// actor is an admin, EINVALID for a bad filter.
	FindAdminEvents(ctx context.Context, f AdminEventFilter) ([]*AdminEvent, error)
}

// PartnerDiff returns the partner fields that differ between before and
// after; nil stands for no partner (creation, deletion).
func PartnerDiff(before, after *Partner) []Change {
	fields := func(p *Partner) []fieldValue {
		if p == nil {
			return nil
		}
		return []fieldValue{{"id", str(p.ID)}, {"name", str(p.Name)}, {"kind", str(string(p.Kind))}, {"uri", str(p.URI)}}
	}
	return diffFields(fields(before), fields(after))
}

// TokenDiff returns the token fields that differ between before and
// after. The secret and its hash are never part of it.
func TokenDiff(before, after *Token) []Change {
	fields := func(t *Token) []fieldValue {
		if t == nil {
			return nil
		}
		revoked := any(nil)
		if t.RevokedAt != nil {
			revoked = t.RevokedAt.UTC().Format(time.RFC3339Nano)
		}
		return []fieldValue{{"id", strconv.FormatInt(t.ID, 10)}, {"name", str(t.Name)}, {"role", str(string(t.Role))},
			{"partner", str(t.Partner)}, {"revoked_at", revoked}}
	}
	return diffFields(fields(before), fields(after))
}
