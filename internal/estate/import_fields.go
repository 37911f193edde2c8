package estate

import "fmt"

// FieldSet is a set of an asset's user-visible fields, named as in audit
// changes (asset_code, uprn, name...): the fields an imported row carries.
type FieldSet uint64

// fieldBits are the fields a FieldSet can hold, bit f.ID for field f:
// the audited ones but the partner, as an import is for one partner and
// never moves assets between partners.
var fieldBits = func() map[string]FieldSet {
	m := map[string]FieldSet{}
	for _, f := range auditedFields {
		if f.Name != "partner" {
			m[f.Name] = 1 << f.ID
		}
	}
	return m
}()

// AllFields holds every field: a row that carries the whole asset.
var AllFields = func() FieldSet {
	var s FieldSet
	for _, b := range fieldBits {
		s |= b
	}
	return s
}()

// FieldSetOf returns the set of the named fields. It panics on an unknown
// name: the names are fixed in code, so that is a programming error.
func FieldSetOf(names ...string) FieldSet {
	var s FieldSet
	for _, n := range names {
		b, ok := fieldBits[n]
		if !ok {
			panic(fmt.Sprintf("estate: unknown asset field %q", n))
		}
		s |= b
	}
	return s
}

// FieldNamed returns the set holding just the named field, and false for
// a name that is not a field.
func FieldNamed(name string) (FieldSet, bool) {
	b, ok := fieldBits[name]
	return b, ok
}

// Has reports whether the set holds the named field.
func (s FieldSet) Has(name string) bool { return s&fieldBits[name] != 0 }

// Names lists the set's fields in field order.
func (s FieldSet) Names() []string {
	var out []string
	for _, f := range Fields {
		if s&(1<<f.ID) != 0 {
			out = append(out, f.Name)
		}
	}
	return out
}

// CopyFields sets dst's fields in s to src's values, leaving the others.
func CopyFields(dst, src *Asset, s FieldSet) {
	for i := range Fields {
		if s&(1<<Fields[i].ID) != 0 {
			Fields[i].copyField(dst, src, false)
		}
	}
}
