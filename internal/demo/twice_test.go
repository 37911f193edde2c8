package demo

import (
	"slices"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/analysis"
	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/register"
)

// TestHeldTwice: the data quality view finds the demo's twins, each as
// the kind of place it was made to be, and nothing else.
func TestHeldTwice(t *testing.T) {
	_, as := Estate(DefaultSeed)
	for i, a := range as {
		a.ID = int64(i + 1)
	}
	snap, err := register.FromAssets(1, as)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := analysis.Quality(snap.For(estate.Actor{Role: estate.RoleAdmin}), analysis.DefaultQualityParams(time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)), estate.Selection{})
	if err != nil {
		t.Fatal(err)
	}
	type found struct{ evidence, suggestion, name string }
	var got []found
	for _, g := range rep.Duplicates.Groups {
		names := []string{g.Assets[0].Name, g.Assets[1].Name}
		slices.Sort(names)
		got = append(got, found{g.Evidence, g.Suggestion, names[0] + " / " + names[1]})
	}
	want := []found{
		{analysis.EvidenceSameUPRN, analysis.SuggestSharedSite, "County Hall / Police Office, County Hall"},
		{analysis.EvidenceSameUPRN, analysis.SuggestDoubleCount, "Guildhall / Worcester Guildhall"},
		{analysis.EvidenceNearbySimilarName, analysis.SuggestSharedSite, "Evesham Jobcentre, Public Service Hub / Evesham Public Service Hub"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("flagged %v, want %v", got, want)
	}
}
