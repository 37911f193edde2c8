package estate_test

import (
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
)

func TestPartnerNamedBy(t *testing.T) {
	worcs := &estate.Partner{ID: "worcestershire-cc", Name: "Worcestershire County Council"}
	trafford := &estate.Partner{ID: "trafford", Name: "Trafford Council"}
	for _, c := range []struct {
		name    string
		p       *estate.Partner
		label   string
		matches bool
	}{
		{"another council", worcs, "Trafford Council", false},
		{"its own name", trafford, "Trafford Council", true},
		{"its full title", trafford, "Trafford Metropolitan Borough Council", true},
		{"case and punctuation", trafford, "  TRAFFORD  council. ", true},
		{"initials of the label", trafford, "TMBC", false},
		{"initials of the partner", worcs, "WCC", true},
		{"the id's words", &estate.Partner{ID: "wychavon-dc", Name: "WDC"}, "Wychavon District Council", true},
		{"a police force", &estate.Partner{ID: "west-mercia-police", Name: "West Mercia Police"}, "West Mercia Police", true},
		{"another police force", &estate.Partner{ID: "west-mercia-police", Name: "West Mercia Police"}, "West Midlands Police", false},
		{"DWP", &estate.Partner{ID: "dwp", Name: "DWP"}, "Department for Work and Pensions", true},
		{"only general words", worcs, "County Council", true},
		{"east and west", &estate.Partner{ID: "west-sussex", Name: "West Sussex County Council"}, "East Sussex County Council", false},
		{"the id alone", &estate.Partner{ID: "county"}, "county", true},
	} {
		if got := c.p.NamedBy(c.label); got != c.matches {
			t.Errorf("%s: %q for %s (%s): %v, want %v", c.name, c.label, c.p.ID, c.p.Name, got, c.matches)
		}
	}
}
