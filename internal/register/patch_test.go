package register

import (
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
)

// memFeed is a register in memory with a trail of changes, feeding a
// copy as a store does.
type memFeed struct {
	version    int64
	assets     map[int64]*estate.Asset
	trail      []int64 // the asset changed at each version after 0
	maxChanges int
	loads      int
}

func (f *memFeed) ReadRegister(_ context.Context, fn func(*estate.Asset) error) (int64, error) {
	f.loads++
	for _, id := range slices.Sorted(maps.Keys(f.assets)) {
		if err := fn(f.assets[id]); err != nil {
			return 0, err
		}
	}
	return f.version, nil
}

func (f *memFeed) RegisterChanges(_ context.Context, since int64) (estate.Changes, error) {
	switch {
	case since == f.version:
		return estate.Changes{Version: since}, nil
	case since > f.version:
		return estate.Changes{Version: f.version, Reload: true}, nil
	}
	ids := slices.Compact(slices.Sorted(slices.Values(f.trail[since:])))
	if len(ids) > f.maxChanges {
		return estate.Changes{Version: f.version, Reload: true}, nil
	}
	ch := estate.Changes{Version: f.version}
	for _, id := range ids {
		if a := f.assets[id]; a != nil {
			ch.Changed = append(ch.Changed, a.Clone())
		} else {
			ch.Deleted = append(ch.Deleted, id)
		}
	}
	return ch, nil
}

func (f *memFeed) put(a *estate.Asset) {
	f.assets[a.ID] = a
	f.trail = append(f.trail, a.ID)
	f.version++
}

func (f *memFeed) del(id int64) {
	delete(f.assets, id)
	f.trail = append(f.trail, id)
	f.version++
}

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
	feed := &memFeed{assets: map[int64]*estate.Asset{}, maxChanges: 20}
	for id := int64(1); id <= 300; id++ {
		feed.put(randomAsset(rng, id))
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
				feed.del(id)
			} else {
				feed.put(randomAsset(rng, id))
			}
		}
		s, err := c.Current(ctx)
		if err != nil {
			t.Fatal(err)
		}
		gens[s.Generation()] = true
		fresh, err := New(feed).Current(ctx)
		feed.loads--
		if err != nil {
			t.Fatal(err)
		}
		if s.Version() != feed.version || s.Len() != len(feed.assets) {
			t.Fatalf("round %d: version %d with %d assets, want %d with %d", round, s.Version(), s.Len(), feed.version, len(feed.assets))
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
	if feed.loads < 2 || len(gens) != feed.loads {
		t.Errorf("read whole %d times, %d generations: patches were never refused, or a patch renumbered rows", feed.loads, len(gens))
	}
	if feed.loads > 150 {
		t.Errorf("read whole %d times in 200 rounds: the copy is seldom patched", feed.loads)
	}
}
