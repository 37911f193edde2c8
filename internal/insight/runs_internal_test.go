package insight

import (
	"context"
	"testing"

	"github.com/placetrust/placetrust/internal/analysis"
	"github.com/placetrust/placetrust/internal/demo"
	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/register"
)

// demoRun returns the demo estate, numbered as a store would, and a bbox
// around all of it.
func demoRun(t *testing.T) ([]*estate.Asset, *estate.BBox) {
	t.Helper()
	_, assets := demo.Estate(demo.DefaultSeed)
	box := &estate.BBox{MinLon: 180, MinLat: 90, MaxLon: -180, MaxLat: -90}
	for i, a := range assets {
		a.ID = int64(i + 1)
		box.MinLon, box.MaxLon = min(box.MinLon, a.Location.Lon), max(box.MaxLon, a.Location.Lon)
		box.MinLat, box.MaxLat = min(box.MinLat, a.Location.Lat), max(box.MaxLat, a.Location.Lat)
	}
	if len(assets) == 0 {
		t.Fatal("no demo assets")
	}
	return assets, box
}

// copied returns assets as the copy of the register holds them at
// version, as an admin sees them.
func copied(t *testing.T, version int64, assets []*estate.Asset) register.Assets {
	t.Helper()
	s, err := register.FromAssets(version, assets)
	if err != nil {
		t.Fatal(err)
	}
	return s.For(estate.Actor{Role: estate.RoleAdmin})
}

// TestRunSelectsOutsideLock: a run picks its bbox's assets (a pass over
// the whole register) without holding runMu, which every caller of every
// slot takes.
func TestRunSelectsOutsideLock(t *testing.T) {
	assets, box := demoRun(t)
	s := New(nil, false)
	held := make(chan bool, 1)
	s.universe = func(assets register.Assets, box *estate.BBox) register.Rows {
		// claim has returned before the run begins, so nobody else can
		// hold the lock here unless the run itself does.
		free := s.runMu.TryLock()
		if free {
			s.runMu.Unlock()
		}
		held <- !free
		return analysis.ColocationUniverse(assets, box)
	}
	snap := snapshot{version: 1, assets: copied(t, 1, assets), viewer: "all"}
	r, err := s.hubs(context.Background(), snap, analysis.DefaultColocationParams(), estate.Selection{BBox: box}, true)
	if err != nil {
		t.Fatal(err)
	}
	if <-held {
		t.Error("the run selected its assets holding runMu: every other caller waited for it")
	}
	if r.version != 1 || r.hubs == nil {
		t.Errorf("run %+v", r)
	}
}

// TestOneRunPerVersion: callers with snapshots of two versions, taken
// either side of a write and arriving interleaved while the runs are
// under way, start one run per version and join it after, and a caller
// whose snapshot is older than the newest finished run gets a run of its
// own version, never a newer one.
func TestOneRunPerVersion(t *testing.T) {
	assets, box := demoRun(t)
	s := New(nil, false)
	hold := make(chan struct{})
	s.findHubs = func(universe register.Rows, p analysis.ColocationParams) (*analysis.Hubs, error) {
		<-hold
		return analysis.FindHubs(universe, p)
	}
	p := analysis.DefaultColocationParams()
	older := snapshot{version: 1, assets: copied(t, 1, assets), viewer: "all"}
	newer := snapshot{version: 2, assets: copied(t, 2, assets[1:]), viewer: "all"}
	claim := func(snap snapshot, fresh bool) (*hubsRun, bool) {
		t.Helper()
		r, start := s.claim(snap, p, box, fresh)
		if start != nil {
			go start()
		}
		if r == nil {
			t.Fatalf("version %d: no run", snap.version)
		}
		return r, start != nil
	}

	a, startedA := claim(older, true)
	b, startedB := claim(newer, true)
	if !startedA || !startedB || a == b || a.version != 1 || b.version != 2 {
		t.Fatalf("first callers: runs of versions %d (started %v) and %d (started %v)", a.version, startedA, b.version, startedB)
	}
	for _, tt := range []struct {
		snap snapshot
		want *hubsRun
	}{{older, a}, {newer, b}, {older, a}} {
		if r, started := claim(tt.snap, true); r != tt.want || started {
			t.Errorf("another caller of version %d: run of version %d (started %v), want the one under way",
				tt.snap.version, r.version, started)
		}
	}
	close(hold)
	for _, r := range []*hubsRun{a, b} {
		<-r.done
		if r.err != nil {
			t.Fatal(r.err)
		}
	}

	// A caller that read the register before the write, late, and not
	// asking to wait: the newest finished run is of the next version.
	s.SetFreshRunLimit(0)
	if r, started := claim(newer, false); r != b || started {
		t.Errorf("a caller of version 2 after its run: version %d (started %v)", r.version, started)
	}
	late, _ := claim(older, false)
	if late.version != 1 {
		t.Fatalf("a late caller of version 1 got a run of version %d", late.version)
	}
	<-late.done
	if late.err != nil {
		t.Fatal(late.err)
	}
	if r, _ := claim(newer, false); r != b {
		t.Errorf("the late caller's run displaced the newest: version %d", r.version)
	}
}
