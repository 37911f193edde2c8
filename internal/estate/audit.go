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

// Diff returns the fields that differ between before and after, in field
// order; a nil before or after diffs against an empty asset (creation,
// deletion). Bookkeeping fields (version, timestamps) are left out.
func Diff(before, after *Asset) []Change {
	var b, a []fieldValue
	if before != nil {
		b = before.fieldValues()
	}
	if after != nil {
		a = after.fieldValues()
	}
	return diffFields(b, a)
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

// fieldValues lists the asset's user-visible fields as plain values (nil
// for empty), in a fixed order, for diffs and exports.
func (a *Asset) fieldValues() []fieldValue {
	fp := any(nil)
	if len(a.Footprint) > 0 {
		fp = a.Footprint
	}
	occ := any(nil)
	if len(a.Occupiers) > 0 {
		occ = a.Occupiers
	}
	tags := any(nil)
	if len(a.Tags) > 0 {
		tags = a.Tags
	}
	setAt := any(nil)
	if a.RAGSetAt != nil {
		setAt = a.RAGSetAt.UTC().Format(time.RFC3339Nano)
	}
	return []fieldValue{
		{"partner", str(a.Partner)}, {"asset_code", str(a.AssetCode)}, {"uprn", str(a.UPRN)},
		{"name", str(a.Name)}, {"street_number", str(a.StreetNumber)},
		{"street_name", str(a.StreetName)}, {"town", str(a.Town)}, {"postcode", str(a.Postcode)},
		{"holding", str(string(a.Holding))}, {"use", str(a.Use)},
		{"location", []float64{a.Location.Lon, a.Location.Lat}}, {"footprint", fp},
		{"tenure", str(string(a.Tenure))}, {"tenure_detail", str(string(a.TenureDetail))},
		{"lease_expiry", str(a.LeaseExpiry)}, {"lease_break", str(a.LeaseBreak)},
		{"annual_rent_gbp", i64(a.AnnualRentGBP)},
		{"gia_m2", f64(a.GIAM2)}, {"land_area_ha", f64(a.LandAreaHa)},
		{"utilisation_pct", f64(a.UtilisationPct)}, {"condition", str(a.Condition)},
		{"backlog_gbp", i64(a.BacklogGBP)}, {"energy_rating", str(a.EnergyRating)},
		{"listed", str(string(a.Listed))}, {"market_value_gbp", i64(a.MarketValueGBP)},
		{"book_value_gbp", i64(a.BookValueGBP)}, {"running_cost_gbp_pa", i64(a.RunningCostGBPPA)},
		{"occupiers", occ},
		{"rag", str(string(a.RAG))}, {"rag_rationale", str(a.RAGRationale)},
		{"rag_set_by", str(a.RAGSetBy)}, {"rag_set_at", setAt},
		{"tags", tags}, {"notes", str(a.Notes)}, {"sensitive", a.Sensitive},
		{"effective_date", str(a.EffectiveDate)},
	}
}

func str(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func i64(v *int64) any {
	if v == nil {
		return nil
	}
	return *v
}

func f64(v *float64) any {
	if v == nil {
		return nil
	}
	return *v
}
