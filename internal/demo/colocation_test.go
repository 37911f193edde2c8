package demo

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
)

// TestColocationClusters finds places where buildings of three or more
// partners stand within 400 m of each other, every pair of them.
func TestColocationClusters(t *testing.T) {
	_, as := Estate(DefaultSeed)
	towns := map[string]bool{}
	for i, a := range as {
		if towns[a.Town] {
			continue
		}
		var near []*estate.Asset
		for j, b := range as {
			if i != j && b.Partner != a.Partner && estate.Distance(a.Location, b.Location) <= 400 {
				near = append(near, b)
			}
		}
	pairs:
		for j, b := range near {
			for _, c := range near[j+1:] {
				if c.Partner != b.Partner && estate.Distance(b.Location, c.Location) <= 400 {
					towns[a.Town] = true
					break pairs
				}
			}
		}
	}
	t.Logf("clusters of three partners in %d places", len(towns))
	if len(towns) < 5 {
		t.Errorf("clusters of three partners in %d places (%v), want at least 5", len(towns), towns)
	}
}

// TestHubOpportunities runs the co-location rule of DESIGN.md 5.2 in
// miniature over every under-used building: the demo must offer hubs
// drawing in at least two other partners in at least five towns.
func TestHubOpportunities(t *testing.T) {
	for _, seed := range seeds {
		_, as := Estate(seed)
		towns := map[string]bool{}
		for _, h := range as {
			if h.GIAM2 == nil || h.UtilisationPct == nil || *h.UtilisationPct < 40 || *h.UtilisationPct > 65 {
				continue
			}
			if len(hubPartners(h, as)) >= 3 {
				towns[h.Town] = true
			}
		}
		t.Logf("seed %d: hubs for three or more partners in %d towns: %v", seed, len(towns), slices.Sorted(maps.Keys(towns)))
		if len(towns) < 5 {
			t.Errorf("seed %d: hubs for three or more partners in %d towns, want at least 5", seed, len(towns))
		}
	}
}

// TestClustersAreOpportunities checks the designed market-town clusters:
// each hub must be under-used and not green, and take in the services of
// at least two other partners. Nearest first, a drawn building standing
// closer to a hub than its cluster can take its spare space, as it would
// in a real register, so one cluster per seed may miss; more means the
// clusters themselves are wrong.
func TestClustersAreOpportunities(t *testing.T) {
	for _, seed := range seeds {
		_, as := Estate(seed)
		var missed []string
		for _, c := range clusters {
			i := slices.IndexFunc(as, func(a *estate.Asset) bool {
				return a.Partner == c.hub.partner && a.Name == c.hub.name
			})
			if i < 0 {
				t.Errorf("seed %d: no hub %s", seed, c.hub.name)
				continue
			}
			h := as[i]
			if u := *h.UtilisationPct; u < 40 || u > 65 || h.RAG == estate.RAGGreen {
				t.Errorf("seed %d: hub %s is %s and %.0f%% used, want not green and 40-65%%", seed, h.Name, h.RAG, u)
			}
			if got := hubPartners(h, as); len(got) < 3 {
				missed = append(missed, fmt.Sprintf("%s draws in %v", h.Name, slices.Sorted(maps.Keys(got))))
			}
		}
		if len(missed) > 1 {
			t.Errorf("seed %d: clusters that are not opportunities: %v", seed, missed)
		}
	}
}

// hubPartners applies DESIGN.md 5.2 to one hub: a building that is not
// green takes in the nearest green or amber buildings of other partners
// within 400 m while their need (GIA × utilisation × 0.8) fits its spare
// space. It returns the partners of the opportunity, the hub's included.
func hubPartners(h *estate.Asset, as []*estate.Asset) map[string]bool {
	partners := map[string]bool{}
	if h.GIAM2 == nil || h.RAG == estate.RAGGreen {
		return partners
	}
	partners[h.Partner] = true
	spare := *h.GIAM2 * (1 - h.Utilisation())
	var movable []*estate.Asset
	for _, m := range as {
		if m.Partner != h.Partner && m.GIAM2 != nil && (m.RAG == estate.RAGGreen || m.RAG == estate.RAGAmber) &&
			estate.Distance(h.Location, m.Location) <= 400 {
			movable = append(movable, m)
		}
	}
	slices.SortStableFunc(movable, func(a, b *estate.Asset) int {
		return cmp.Compare(estate.Distance(h.Location, a.Location), estate.Distance(h.Location, b.Location))
	})
	for _, m := range movable {
		if need := *m.GIAM2 * m.Utilisation() * 0.8; need <= spare {
			spare -= need
			partners[m.Partner] = true
		}
	}
	return partners
}
