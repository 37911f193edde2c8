package insight_test

import (
	"encoding/json"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/analysis"
	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/insight"
	"github.com/placetrust/placetrust/internal/register"
)

// TestTrustStaleAfterWrite: with runs too large to wait for, the trust
// view right after a write shows the previous run's co-location figures,
// labelled with the version they describe and stale, while its totals
// are current; the label clears once the run of the current register is
// made. The co-location analysis itself always answers fresh, and a
// register small enough is always waited for.
func TestTrustStaleAfterWrite(t *testing.T) {
	store, assets := demoStore(t)
	svc := insight.New(register.New(store), false)
	svc.SetFreshRunLimit(0)
	p := analysis.DefaultColocationParams()
	trust := func() analysis.TrustView {
		t.Helper()
		v, err := svc.Trust(admin, p, estate.Selection{})
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	v0 := trust()
	if v0.RegisterVersion == 0 || v0.Colocation.Stale || v0.Colocation.RegisterVersion != v0.RegisterVersion {
		t.Fatalf("first trust view: version %d, co-location %+v", v0.RegisterVersion, v0.Colocation)
	}
	rep0, err := svc.Colocation(admin, p, estate.Selection{})
	if err != nil {
		t.Fatal(err)
	}
	// Rating the best hub green makes it no hub: the figures must move.
	byID := indexByID(assets)
	rateBestHubGreen := func(rep *analysis.ColocationReport) {
		t.Helper()
		hub := byID[rep.Opportunities[0].Hub.ID]
		if _, err := store.SetAssetRAG(admin, hub.ID, hub.Version, estate.RAGUpdate{Rating: estate.RAGGreen, Rationale: "Surplus"}); err != nil {
			t.Fatal(err)
		}
	}
	rateBestHubGreen(rep0)

	v1 := trust()
	if v1.RegisterVersion <= v0.RegisterVersion || !v1.Colocation.Stale ||
		v1.Colocation.RegisterVersion != v0.RegisterVersion || v1.Colocation.AnnualSavingGBP != v0.Colocation.AnnualSavingGBP {
		t.Errorf("right after a write: version %d (before %d), co-location %+v, want the previous run's, stale",
			v1.RegisterVersion, v0.RegisterVersion, v1.Colocation)
	}
	if v1.Total == v0.Total {
		t.Errorf("the totals did not follow the write: %+v", v1.Total)
	}
	deadline := time.Now().Add(time.Minute)
	v2 := v1
	for v2.Colocation.Stale {
		if time.Now().After(deadline) {
			t.Fatal("the trust view's co-location figures are still stale after a minute")
		}
		time.Sleep(5 * time.Millisecond)
		v2 = trust()
	}
	rep2, err := svc.Colocation(admin, p, estate.Selection{})
	if err != nil {
		t.Fatal(err)
	}
	if v2.Colocation.RegisterVersion != v1.RegisterVersion || rep2.Stale || rep2.RegisterVersion != v1.RegisterVersion ||
		v2.Colocation.AnnualSavingGBP != rep2.AnnualSavingGBP || rep2.AnnualSavingGBP == rep0.AnnualSavingGBP {
		t.Errorf("once refreshed: trust %+v, analysis %+v (before the write %+v)", v2.Colocation, rep2.ColocationSummary, rep0.ColocationSummary)
	}

	// The analysis right after a write is of the current register, and
	// the trust view then uses its run.
	rateBestHubGreen(rep2)
	rep3, err := svc.Colocation(admin, p, estate.Selection{})
	if err != nil {
		t.Fatal(err)
	}
	if v3 := trust(); rep3.Stale || rep3.RegisterVersion <= v1.RegisterVersion || v3.Colocation.Stale ||
		v3.Colocation.RegisterVersion != rep3.RegisterVersion || v3.Colocation.Count != rep3.Count {
		t.Errorf("after a write, the analysis %+v and then the trust view %+v", rep3.ColocationSummary, v3.Colocation)
	}

	// A small register is waited for.
	small := insight.New(register.New(store), false)
	if _, err := small.Trust(admin, p, estate.Selection{}); err != nil {
		t.Fatal(err)
	}
	rateBestHubGreen(rep3)
	v4, err := small.Trust(admin, p, estate.Selection{})
	if err != nil {
		t.Fatal(err)
	}
	if v4.Colocation.Stale || v4.Colocation.RegisterVersion != v4.RegisterVersion || v4.RegisterVersion <= rep3.RegisterVersion {
		t.Errorf("a small register after a write: version %d, co-location %+v", v4.RegisterVersion, v4.Colocation)
	}
}

// TestColocationBBoxUniverse: with a bbox, the service runs co-location
// among the assets located in it, as analysis.Colocation does, for each
// box apart (a run is kept per box), and the trust view counts the same.
func TestColocationBBoxUniverse(t *testing.T) {
	store, _ := demoStore(t)
	svc := insight.New(register.New(store), false)
	snap, err := register.New(store).Current(admin)
	if err != nil {
		t.Fatal(err)
	}
	all := snap.For(estate.Actor{Role: estate.RoleAdmin})
	around := func(town string) estate.BBox {
		var b *estate.BBox
		for a := range all.All() {
			if a.Town != town {
				continue
			}
			if b == nil {
				b = &estate.BBox{MinLon: a.Location.Lon, MinLat: a.Location.Lat, MaxLon: a.Location.Lon, MaxLat: a.Location.Lat}
			}
			b.MinLon, b.MaxLon = min(b.MinLon, a.Location.Lon), max(b.MaxLon, a.Location.Lon)
			b.MinLat, b.MaxLat = min(b.MinLat, a.Location.Lat), max(b.MaxLat, a.Location.Lat)
		}
		if b == nil {
			t.Fatalf("no assets in %s", town)
		}
		// Half the town: the box cuts pairs a whole-register run makes.
		b.MaxLon = (b.MinLon + b.MaxLon) / 2
		return *b
	}
	p := analysis.DefaultColocationParams()
	picked, err := analysis.Colocation(all, p, estate.Selection{})
	if err != nil {
		t.Fatal(err)
	}
	differs := false
	for range 2 { // the second time from the runs kept
		for _, town := range []string{"Evesham", "Pershore", "Kidderminster"} {
			box := around(town)
			f := estate.Selection{BBox: &box}
			got, err := svc.Colocation(admin, p, f)
			if err != nil {
				t.Fatal(err)
			}
			want, err := analysis.Colocation(all, p, f)
			if err != nil {
				t.Fatal(err)
			}
			want.RegisterVersion = got.RegisterVersion
			if a, b := mustJSON(t, got), mustJSON(t, want); a != b || got.Count == 0 {
				t.Errorf("%s: %d opportunities, want analysis.Colocation's %d over the box", town, got.Count, want.Count)
			}
			for _, o := range got.Opportunities {
				in := box.Contains(o.Hub.Location)
				for _, m := range o.Members {
					in = in && box.Contains(m.Location)
				}
				if !in {
					t.Errorf("%s: hub %d's opportunity reaches outside the box", town, o.Hub.ID)
				}
			}
			// The same box picked from the whole run would differ somewhere.
			var ids []int64
			for _, o := range picked.Opportunities {
				if box.Contains(o.Hub.Location) || slices.ContainsFunc(o.Members, func(m analysis.Member) bool { return box.Contains(m.Location) }) {
					ids = append(ids, o.Hub.ID)
				}
			}
			differs = differs || len(ids) != got.Count
			view, err := svc.Trust(admin, p, f)
			if err != nil {
				t.Fatal(err)
			}
			if view.Colocation.Count != got.Count || view.Colocation.AnnualSavingGBP != got.AnnualSavingGBP || view.Colocation.Stale {
				t.Errorf("%s: trust view %+v, analysis %+v", town, view.Colocation, got.ColocationSummary)
			}
		}
	}
	if !differs {
		t.Error("no box changed anything against picking from the whole run: the test tests little")
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestReadsDuringWrites: callers reading while the register is written
// and background runs finish see consistent answers (run with -race):
// every trust view's totals are of one version, its co-location figures
// of that version or an older one.
func TestReadsDuringWrites(t *testing.T) {
	store, assets := demoStore(t)
	svc := insight.New(register.New(store), false)
	svc.SetFreshRunLimit(0)
	var ambers []*estate.Asset
	for _, a := range assets {
		if a.RAG == estate.RAGAmber && len(ambers) < 10 {
			ambers = append(ambers, a)
		}
	}
	done := make(chan struct{})
	errs := make(chan error, 1)
	go func() {
		defer close(done)
		for _, a := range ambers {
			if _, err := store.SetAssetRAG(admin, a.ID, a.Version, estate.RAGUpdate{Rating: estate.RAGGreen, Rationale: "Surplus"}); err != nil {
				errs <- err
				return
			}
		}
	}()
	p := analysis.DefaultColocationParams()
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-done:
					return
				default:
				}
				v, err := svc.Trust(admin, p, estate.Selection{})
				if err != nil {
					t.Error(err)
					return
				}
				if v.Colocation.RegisterVersion > v.RegisterVersion || v.Colocation.Stale != (v.Colocation.RegisterVersion < v.RegisterVersion) {
					t.Errorf("caller %d: totals of version %d, co-location %+v", i, v.RegisterVersion, v.Colocation)
				}
				if _, err := svc.Receipts(admin, p.ReceiptParams, estate.Selection{}, analysis.ByRAG); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	select {
	case err := <-errs:
		t.Fatal(err)
	default:
	}
	fresh := insight.New(register.New(store), false)
	got, err := svc.Colocation(admin, p, estate.Selection{})
	if err != nil {
		t.Fatal(err)
	}
	want, err := fresh.Colocation(admin, p, estate.Selection{})
	if err != nil {
		t.Fatal(err)
	}
	if mustJSON(t, got) != mustJSON(t, want) {
		t.Errorf("after the writes: %+v, a fresh service %+v", got.ColocationSummary, want.ColocationSummary)
	}
}
