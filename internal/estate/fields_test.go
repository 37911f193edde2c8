package estate_test

import (
	"reflect"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/estate/estatetest"
)

// TestFieldsDescribeTheAsset: every field of Asset but its ID has exactly
// one entry in Fields, whose accessors reach that field and no other, so
// what derives from the description misses none.
func TestFieldsDescribeTheAsset(t *testing.T) {
	full := reflect.ValueOf(*estatetest.Full())
	typ := full.Type()
	reached := map[string]string{}
	for i := range estate.Fields {
		f := &estate.Fields[i]
		if f.ID != i {
			t.Errorf("%s has ID %d at position %d", f.Name, f.ID, i)
		}
		if g, ok := estate.FieldByName(f.Name); !ok || g != f {
			t.Errorf("FieldByName(%q) finds %v", f.Name, g)
		}
		a := estatetest.Full()
		f.Clear(a)
		if reflect.DeepEqual(f.Value(a), f.Value(estatetest.Full())) {
			t.Errorf("%s: cleared, it reads %v", f.Name, f.Value(a))
		}
		cleared := reflect.ValueOf(*a)
		var changed []string
		for j := range typ.NumField() {
			if !reflect.DeepEqual(cleared.Field(j).Interface(), full.Field(j).Interface()) {
				changed = append(changed, typ.Field(j).Name)
			}
		}
		if len(changed) != 1 {
			t.Errorf("clearing %s changes %v, not one field of Asset", f.Name, changed)
			continue
		}
		if other, dup := reached[changed[0]]; dup {
			t.Errorf("%s and %s both reach Asset.%s", other, f.Name, changed[0])
		}
		reached[changed[0]] = f.Name
	}
	for j := range typ.NumField() {
		name := typ.Field(j).Name
		if _, ok := reached[name]; !ok && name != "ID" {
			t.Errorf("Asset.%s is not in estate.Fields", name)
		}
		if full.Field(j).IsZero() && name != "ID" {
			t.Errorf("estatetest.Full leaves Asset.%s empty", name)
		}
	}
}

// TestFullIsValid: the asset every fast path's test starts from can be
// stored, and is already normal.
func TestFullIsValid(t *testing.T) {
	a := estatetest.Full()
	a.Normalize()
	if d := estatetest.Differing(a, estatetest.Full()); len(d) > 0 {
		t.Errorf("Normalize changes %v", d)
	}
	if err := a.ValidateIn(estate.GreatBritain); err != nil {
		t.Error(err)
	}
}

// TestCloneSharesNoDescribedField changes everything a clone points to and finds
// the original unchanged.
func TestCloneSharesNoDescribedField(t *testing.T) {
	orig := estatetest.Full()
	c := orig.Clone()
	if d := estatetest.Differing(c, orig); len(d) > 0 || c.ID != orig.ID {
		t.Fatalf("the clone differs: %v", d)
	}
	for i := range estate.Fields {
		switch f := &estate.Fields[i]; f.Kind {
		case estate.FieldWhole:
			**f.Whole(c)++
		case estate.FieldReal:
			**f.Real(c)++
		case estate.FieldInstant:
			**f.Instant(c) = (**f.Instant(c)).AddDate(1, 0, 0)
		}
	}
	*c.Occupiers[0].AreaM2++
	c.Occupiers[0].Partner = "x"
	c.Tags[0] = "x"
	c.Footprint[0][0][0].Lon = 0
	if d := estatetest.Differing(orig, estatetest.Full()); len(d) > 0 {
		t.Errorf("changing the clone changed the original: %v", d)
	}
}

// TestDiffCoversTheAudited: a creation records every audited field and
// nothing else.
func TestDiffCoversTheAudited(t *testing.T) {
	var got, want []string
	for _, c := range estate.Diff(nil, estatetest.Full()) {
		got = append(got, c.Field)
	}
	for _, f := range estate.Fields {
		if f.Audited {
			want = append(want, f.Name)
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("a creation records\n%v\nnot\n%v", got, want)
	}
}
