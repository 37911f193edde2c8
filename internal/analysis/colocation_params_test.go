package analysis

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
)

func TestColocationParamsValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(*ColocationParams)
		fields []string
	}{
		{"defaults", func(*ColocationParams) {}, nil},
		{"zero distance", func(p *ColocationParams) { p.DistanceM = 0 }, nil},
		{"distance at the cap", func(p *ColocationParams) { p.DistanceM = MaxDistanceM }, nil},
		{"negative distance", func(p *ColocationParams) { p.DistanceM = -1 }, []string{"distance"}},
		{"distance above the cap", func(p *ColocationParams) { p.DistanceM = MaxDistanceM + 1 }, []string{"distance"}},
		{"one partner", func(p *ColocationParams) { p.MinPartners = 1 }, []string{"min_partners"}},
		{"too many partners", func(p *ColocationParams) { p.MinPartners = MaxMinPartners + 1 }, []string{"min_partners"}},
		{"densify 0", func(p *ColocationParams) { p.Densify = 0 }, []string{"densify"}},
		{"densify above 1", func(p *ColocationParams) { p.Densify = 1.01 }, []string{"densify"}},
		{"receipt rate above 1", func(p *ColocationParams) { p.Fees = 1.5 }, []string{"fees"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := DefaultColocationParams()
			tt.change(&p)
			err := p.Validate()
			if tt.fields == nil {
				if err != nil {
					t.Errorf("unexpected error %v", err)
				}
				return
			}
			wantInvalid(t, err, tt.fields...)
			_, err = Colocation(copied(nil), p, estate.Selection{})
			wantInvalid(t, err, tt.fields...)
		})
	}
}

// TestColocationEcho: the report carries its parameters, flattened under
// the query names, and the hub and member fields the issue lists.
func TestColocationEcho(t *testing.T) {
	assets := []*estate.Asset{
		building(1, "a", estate.RAGRed, worcester, 1000, 0),
		building(2, "b", estate.RAGGreen, north(worcester, 100), 100, 100, running(7)),
	}
	rep := colocate(t, assets, DefaultColocationParams())
	b, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`"params":{"distance":400,"min_partners":2,"densify":0.8,"p_green":0.9,`,
		`"filter":{}`, `"count":1`, `"annual_saving_gbp":7`,
		`"hub":{"id":1,"partner":"a"`, `"members":[{"id":2,"partner":"b"`, `"distance_m":100,`,
		`"partners":["a","b"]`, `"space_offered_m2":1000`, `"space_used_m2":80`,
	} {
		if !strings.Contains(string(b), want) {
			t.Errorf("no %s in %s", want, b)
		}
	}
}
