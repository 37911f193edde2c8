package estate

import (
	"reflect"
	"time"
)

// AuditAction is the kind of change an audit event records.
type AuditAction string

// Audit actions.
const (
	ActionCreate AuditAction = "create"
	ActionUpdate AuditAction = "update"
	ActionRAG    AuditAction = "rag"
	ActionDelete AuditAction = "delete"
	ActionImport AuditAction = "import"
)

// Change is one field's value before and after a change; nil is absent.
type Change struct {
	Field  string `json:"field"`
	Before any    `json:"before"`
	After  any    `json:"after"`
}

// AuditEvent is one append-only record of a change to an asset.
type AuditEvent struct {
	ID           int64       `json:"id"`
	AssetID      int64       `json:"asset_id"`
	Partner      string      `json:"partner"`
	Action       AuditAction `json:"action"`
	Actor        string      `json:"actor"`
	ActorPartner string      `json:"actor_partner,omitempty"`
	At           time.Time   `json:"at"`
	Version      int64       `json:"version"`
	Changes      []Change    `json:"changes"`
}

// NoPartnerActor stands for the actor of a change made for no partner (an
// admin token, the command line) where people are not shown.
const NoPartnerActor = "admin"

// RedactFor removes from an event of partner's asset what the actor may
// not see, as Asset.RedactFor does from the asset: changes to money
// without SeesMoney; without SeesPeopleAndNotes, the person (the event
// names the partner they acted for instead, or NoPartnerActor) and
// changes to notes and rag_set_by. Admins' audit of partners, tokens and
// imports is another trail and keeps every name.
func (ev *AuditEvent) RedactFor(actor Actor, partner string) {
	money, people := actor.SeesMoney(), actor.SeesPeopleAndNotes(partner)
	if !people {
		ev.Actor = ev.ActorPartner
		if ev.Actor == "" {
			ev.Actor = NoPartnerActor
		}
	}
	if money && people {
		return
	}
	kept := ev.Changes[:0]
	for _, c := range ev.Changes {
		if (money || !IsMoneyField(c.Field)) && (people || !IsPeopleOrNotesField(c.Field)) {
			kept = append(kept, c)
		}
	}
	ev.Changes = kept
}

// HistoryFilter pages through an asset's audit events, newest first.
type HistoryFilter struct {
	Before int64 // only events with an id below this; 0 for the newest
	Limit  int
}

// diffFields compares two lists of the same fields in the same order; a
// nil list stands for an absent record.
func diffFields(b, a []fieldValue) []Change {
	var out []Change
	for i := range max(len(a), len(b)) {
		var name string
		var bv, av any
		if i < len(b) {
			name, bv = b[i].name, b[i].value
		}
		if i < len(a) {
			name, av = a[i].name, a[i].value
		}
		if !reflect.DeepEqual(bv, av) {
			out = append(out, Change{Field: name, Before: bv, After: av})
		}
	}
	return out
}

type fieldValue struct {
	name  string
	value any
}

func str(s string) any {
	if s == "" {
		return nil
	}
	return s
}
