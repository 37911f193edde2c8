package analysis

import (
	"math"
	"slices"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
)

func TestNearby(t *testing.T) {
	target := building(1, "a", estate.RAGRed, worcester, 100, 100)
	edge := building(5, "c", estate.RAGGreen, east(worcester, 900), 100, 100)
	limit := estate.Distance(worcester, edge.Location)
	assets := []*estate.Asset{
		target,
		building(2, "a", estate.RAGGreen, north(worcester, 10), 100, 100), // own partner: left out
		building(3, "b", estate.RAGAmber, north(worcester, 200), 100, 100),
		building(4, "c", estate.RAGRed, north(worcester, 50), 100, 100),
		edge,
		building(6, "b", "", east(north(worcester, 1), 900), 100, 100),     // beyond
		building(7, "d", estate.RAGGreen, north(worcester, 200), 100, 100), // ties with 3
	}
	got, err := Nearby(target, assets, limit)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, n := range got {
		ids = append(ids, n.ID)
	}
	if want := []int64{4, 3, 7, 5}; !slices.Equal(ids, want) {
		t.Fatalf("got %v, want %v", ids, want)
	}
	if d := got[3].DistanceM; d > limit || d < limit-0.0005 || got[0].Asset != assets[3] || got[0].RAG != estate.RAGRed {
		t.Errorf("neighbours %+v", got)
	}
	if got[0].DistanceM != 50 {
		t.Errorf("distance to 4 is %v, want 50.000", got[0].DistanceM)
	}

	none, err := Nearby(target, assets[:2], 1000)
	if err != nil || none == nil || len(none) != 0 {
		t.Errorf("got %v, %v; want an empty list", none, err)
	}
	for _, within := range []float64{0, -1, estate.MaxWithinM + 1, math.NaN()} {
		_, err := Nearby(target, assets, within)
		wantInvalid(t, err, "within")
	}
}
