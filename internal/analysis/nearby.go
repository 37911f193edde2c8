package analysis

import (
	"cmp"
	"slices"

	"github.com/placetrust/placetrust/internal/estate"
)

// Neighbour is another partner's asset near a target asset.
type Neighbour struct {
	ID        int64          `json:"id"`
	Partner   string         `json:"partner"`
	Name      string         `json:"name"`
	RAG       estate.RAG     `json:"rag"`
	Holding   estate.Holding `json:"holding"`
	DistanceM float64        `json:"distance_m"` // great-circle from the target, to the millimetre
	// Asset is the neighbour itself, for callers that write it as a
	// GeoJSON feature.
	Asset *estate.Asset `json:"-"`
}

// Nearby returns the assets of partners other than the target's owner
// within withinM great-circle metres of the target (limit included),
// nearest first, ties by id. withinM must be more than 0 and at most
// estate.MaxWithinM, else an EINVALID error names "within".
//
// It scans assets once with a cheap box test before the exact distance: one
// target needs no index, and a store can pass just the candidates from its
// own spatial index.
func Nearby(target *estate.Asset, assets []*estate.Asset, withinM float64) ([]Neighbour, error) {
	if !(withinM > 0 && withinM <= estate.MaxWithinM) {
		var pr estate.Problems
		pr.Add("within", "must be more than 0 and at most %d metres", estate.MaxWithinM)
		return nil, pr.Err("The nearby query is not valid.")
	}
	box := estate.AroundBBox(target.Location, withinM)
	out := []Neighbour{}
	for _, a := range assets {
		if a.Partner == target.Partner || !box.Contains(a.Location) {
			continue
		}
		d := estate.Distance(target.Location, a.Location)
		if d > withinM {
			continue
		}
		out = append(out, Neighbour{ID: a.ID, Partner: a.Partner, Name: a.Name, RAG: rating(a.RAG),
			Holding: a.Holding, DistanceM: d, Asset: a})
	}
	slices.SortFunc(out, nearer)
	// Rounded only now, so nearest first holds for the exact distances.
	for i := range out {
		out[i].DistanceM = metres(out[i].DistanceM, withinM)
	}
	return out, nil
}

// nearer orders neighbours nearest first, ties by id.
func nearer(x, y Neighbour) int {
	if x.DistanceM != y.DistanceM {
		return cmp.Compare(x.DistanceM, y.DistanceM)
	}
	return cmp.Compare(x.ID, y.ID)
}

// KeepNearest merges two lists Nearby returned for one target (over
// different candidates) and keeps the limit nearest, nearest first, ties
// by id, so a caller can read candidates a page at a time.
func KeepNearest(a, b []Neighbour, limit int) []Neighbour {
	out := append(slices.Clone(a), b...)
	slices.SortFunc(out, nearer)
	return out[:min(limit, len(out))]
}
