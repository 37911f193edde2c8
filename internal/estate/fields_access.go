package estate

import (
	"reflect"
	"time"
)

// Value returns the field's value in a as plain data, what an audit
// change records: nil when empty (blank text, an unknown figure, no
// footprint, occupiers or tags; a zero version or time), text for text
// and moments (RFC 3339, UTC), [lon, lat] for the location. A flag is
// never empty.
func (f *Field) Value(a *Asset) any {
	switch f.Kind {
	case FieldText:
		if s := f.Text(a); s != "" {
			return s
		}
	case FieldWhole:
		if v := *f.Whole(a); v != nil {
			return *v
		}
	case FieldReal:
		if v := *f.Real(a); v != nil {
			return *v
		}
	case FieldFlag:
		return *f.Flag(a)
	case FieldInstant:
		if t := *f.Instant(a); t != nil {
			return t.UTC().Format(time.RFC3339Nano)
		}
	case FieldVersion:
		if v := *f.Count(a); v != 0 {
			return v
		}
	case FieldStamp:
		if t := *f.Stamp(a); !t.IsZero() {
			return t.UTC().Format(time.RFC3339Nano)
		}
	case FieldPoint:
		return []float64{a.Location.Lon, a.Location.Lat}
	case FieldShape:
		if len(a.Footprint) > 0 {
			return a.Footprint
		}
	case FieldOccupiers:
		if len(a.Occupiers) > 0 {
			return a.Occupiers
		}
	case FieldTags:
		if len(a.Tags) > 0 {
			return a.Tags
		}
	}
	return nil
}

// Clear empties the field in a (a flag becomes false). Redaction clears
// fields of every asset a page shows, so the common kinds are set
// directly rather than copied from an empty asset.
func (f *Field) Clear(a *Asset) {
	switch f.Kind {
	case FieldText:
		f.SetText(a, "")
	case FieldWhole:
		*f.Whole(a) = nil
	case FieldReal:
		*f.Real(a) = nil
	default:
		f.copyField(a, &emptyAsset, false)
	}
}

// emptyAsset is what Clear copies from; nothing writes to it.
var emptyAsset Asset

// copyField sets dst's field to src's. No slice or footprint is shared;
// deep shares no pointer either (an occupier's area included).
func (f *Field) copyField(dst, src *Asset, deep bool) {
	switch f.Kind {
	case FieldText:
		f.SetText(dst, f.Text(src))
	case FieldWhole:
		*f.Whole(dst) = copyPtr(*f.Whole(src), deep)
	case FieldReal:
		*f.Real(dst) = copyPtr(*f.Real(src), deep)
	case FieldFlag:
		*f.Flag(dst) = *f.Flag(src)
	case FieldInstant:
		*f.Instant(dst) = copyPtr(*f.Instant(src), deep)
	case FieldVersion:
		*f.Count(dst) = *f.Count(src)
	case FieldStamp:
		*f.Stamp(dst) = *f.Stamp(src)
	case FieldPoint:
		dst.Location = src.Location
	case FieldShape:
		dst.Footprint = cloneMulti(src.Footprint)
	case FieldOccupiers:
		occ := append([]Occupier(nil), src.Occupiers...)
		for i := range occ {
			occ[i].AreaM2 = copyPtr(occ[i].AreaM2, deep)
		}
		dst.Occupiers = occ
	case FieldTags:
		dst.Tags = append([]string(nil), src.Tags...)
	}
}

func copyPtr[T any](p *T, deep bool) *T {
	if !deep {
		return p
	}
	return clonePtr(p)
}

// Clone returns a deep copy, so a change can be checked against the
// original: no pointer, slice or footprint is shared.
func (a *Asset) Clone() *Asset {
	c := *a
	for i := range Fields {
		Fields[i].copyField(&c, a, true)
	}
	return &c
}

// Diff returns the fields that differ between before and after, in field
// order; a nil before or after diffs against an empty asset (creation,
// deletion). Only audited fields are compared: the bookkeeping (version,
// timestamps) is left out.
func Diff(before, after *Asset) []Change {
	var out []Change
	for _, f := range auditedFields {
		var b, a any
		if before != nil {
			b = f.Value(before)
		}
		if after != nil {
			a = f.Value(after)
		}
		if !reflect.DeepEqual(b, a) {
			out = append(out, Change{Field: f.Name, Before: b, After: a})
		}
	}
	return out
}

var (
	auditedFields = fieldsWhere(func(f *Field) bool { return f.Audited })
	moneyFields   = fieldsWhere(func(f *Field) bool { return f.Money })
	peopleFields  = fieldsWhere(func(f *Field) bool { return f.People })
)

// IsMoneyField reports whether the named asset field is a money figure,
// hidden from the anonymous public.
func IsMoneyField(name string) bool {
	f, ok := FieldByName(name)
	return ok && f.Money
}

// IsPeopleOrNotesField reports whether the named asset field names a
// person or holds officers' notes, shown only as SeesPeopleAndNotes says.
func IsPeopleOrNotesField(name string) bool {
	f, ok := FieldByName(name)
	return ok && f.People
}

// RedactFor removes what the actor may not see: money fields for the
// anonymous public; notes, and the person in rag_set_by, for anyone
// outside the asset's partner. Sensitive assets are filtered out by the
// store.
func (a *Asset) RedactFor(actor Actor) {
	if !actor.SeesPeopleAndNotes(a.Partner) {
		for _, f := range peopleFields {
			// Only the partner's editors and admins rate its assets, so
			// the rating is the partner's: the setter's own partner is
			// not stored apart from the name, and reading it back per
			// row would cost the hot list paths a query.
			if f.NamesPerson && f.Text(a) != "" {
				f.SetText(a, a.Partner)
			} else {
				f.Clear(a)
			}
		}
	}
	if actor.SeesMoney() {
		return
	}
	for _, f := range moneyFields {
		f.Clear(a)
	}
}
