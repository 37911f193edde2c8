package register

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/register/feedtest"
)

// contents is every asset of as, in order, as JSON-comparable values.
func contents(as Assets) []Asset {
	var out []Asset
	for a := range as.All() {
		c := *a
		c.Row = 0 // rows differ between a patched copy and a fresh one
		out = append(out, c)
	}
	return out
}

func randomAsset(rng *rand.Rand, id int64) *estate.Asset {
	partners := []string{"county", "police", "nhs"}
	return &estate.Asset{ID: id, Partner: partners[rng.IntN(3)], Name: fmt.Sprintf("asset %d", rng.IntN(1000)),
		RAG: estate.RAGs[rng.IntN(4)], Sensitive: rng.IntN(5) == 0,
		Location: estate.Point{Lon: -2 + rng.Float64(), Lat: 52 + rng.Float64()}}
}

// TestPatchEqualsReload: on random creations, changes and deletions, a
// patched copy holds what a copy read whole holds, for every viewer;
// snapshots taken before a patch keep what they held; and a copy with
// too many replaced rows, or refused a patch, is read whole again.
func TestPatchEqualsReload(t *testing.T) {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(1, 2))
	feed := feedtest.New()
	feed.MaxChanges = 20
	for id := int64(1); id <= 300; id++ {
		feed.Put(randomAsset(rng, id))
	}
	c := New(feed)
	viewers := []estate.Actor{{Role: estate.RoleAdmin}, {}, {Role: estate.RoleEditor, Partner: "police"}}
	var older *Snapshot
	var olderWant []Asset
	gens := map[uint64]bool{}
	for round := range 200 {
		for range rng.IntN(30) {
			id := 1 + rng.Int64N(350)
			if rng.IntN(4) == 0 {
				feed.Delete(id)
			} else {
				feed.Put(randomAsset(rng, id))
			}
		}
		s, err := c.Current(ctx)
		if err != nil {
			t.Fatal(err)
		}
		gens[s.Generation()] = true
		fresh, err := New(feed).Current(ctx)
		feed.Loads--
		if err != nil {
			t.Fatal(err)
		}
		if s.Version() != feed.Version() || s.Len() != feed.Len() {
			t.Fatalf("round %d: version %d with %d assets, want %d with %d", round, s.Version(), s.Len(), feed.Version(), feed.Len())
		}
		for _, v := range viewers {
			if got, want := contents(s.For(v)), contents(fresh.For(v)); !reflect.DeepEqual(got, want) {
				t.Fatalf("round %d, viewer %+v: the patched copy holds %d assets, a fresh read %d", round, v, len(got), len(want))
			}
		}
		if older != nil && !reflect.DeepEqual(contents(older.For(viewers[0])), olderWant) {
			t.Fatalf("round %d: a patch changed an older snapshot", round)
		}
		older, olderWant = s, contents(s.For(viewers[0]))
	}
	if feed.Loads < 2 || len(gens) != feed.Loads {
		t.Errorf("read whole %d times, %d generations: patches were never refused, or a patch renumbered rows", feed.Loads, len(gens))
	}
	if feed.Loads > 150 {
		t.Errorf("read whole %d times in 200 rounds: the copy is seldom patched", feed.Loads)
	}
}
