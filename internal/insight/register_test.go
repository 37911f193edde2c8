package insight_test

import (
	"context"
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

// countingFeed counts how the copy reads the register, and can refuse
// every patch as a register changed too much would.
type countingFeed struct {
	estate.RegisterFeed
	refusePatches bool

	mu             sync.Mutex
	loads, patches int
}

func (c *countingFeed) ReadRegister(ctx context.Context, fn func(*estate.Asset) error) (int64, error) {
	c.mu.Lock()
	c.loads++
	c.mu.Unlock()
	return c.RegisterFeed.ReadRegister(ctx, fn)
}

// RegisterChanges counts the changes it gives, not the calls, which
// every analysis makes to learn the copy is current.
func (c *countingFeed) RegisterChanges(ctx context.Context, since int64) (estate.Changes, error) {
	ch, err := c.RegisterFeed.RegisterChanges(ctx, since)
	if err != nil || ch.Version == since {
		return ch, err
	}
	c.mu.Lock()
	c.patches++
	c.mu.Unlock()
	if c.refusePatches {
		return estate.Changes{Version: ch.Version, Reload: true}, nil
	}
	return ch, nil
}

func (c *countingFeed) counts() (int, int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.loads, c.patches
}

// answers is everything the service tells one caller, as JSON, to
// compare services.
func answers(t *testing.T, svc *insight.Service, ctx context.Context) string {
	t.Helper()
	p := analysis.DefaultColocationParams()
	rec, err := svc.Receipts(ctx, p.ReceiptParams, estate.Selection{}, analysis.ByTown)
	if err != nil {
		t.Fatal(err)
	}
	per, err := svc.AssetReceipts(ctx, p.ReceiptParams, estate.Selection{Partners: []string{"wychavon-dc"}}, 10_000)
	if err != nil {
		t.Fatal(err)
	}
	view, err := svc.Trust(ctx, p, estate.Selection{})
	if err != nil {
		t.Fatal(err)
	}
	coloc, err := svc.Colocation(ctx, p, estate.Selection{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal([]any{rec, per, view, coloc})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestPatchEqualsReload: after writes of every kind (a rating, a move,
// an asset made sensitive, a deletion, a creation) the analyses see the
// changes by patching their copy, not reading the register again, and
// answer every kind of caller exactly as a service that has just read it
// whole. With patches refused, the service reloads and answers the same.
func TestPatchEqualsReload(t *testing.T) {
	store, assets := demoStore(t)
	src := &countingFeed{RegisterFeed: store}
	reg := register.New(src)
	svc := insight.New(reg, false)
	var fulls, patched int // as the metrics hear them
	reg.SetReloadHook(func(full bool, _ time.Duration) {
		if full {
			fulls++
		} else {
			patched++
		}
	})
	if n := reg.AssetsHeld(); n != 0 {
		t.Errorf("%d assets held before the first read", n)
	}
	sensitive, owner, other := sensitiveViewers(t, assets)
	callers := []context.Context{admin, owner, other}
	before := make([]string, len(callers))
	for i, ctx := range callers {
		before[i] = answers(t, svc, ctx)
	}

	pick := func(ok func(*estate.Asset) bool) *estate.Asset {
		t.Helper()
		i := slices.IndexFunc(assets, ok)
		if i < 0 {
			t.Fatal("no such asset in the demo")
		}
		a := assets[i]
		assets = slices.Delete(assets, i, i+1) // each asset changed once
		return a
	}
	amber := pick(func(a *estate.Asset) bool {
		return a.RAG == estate.RAGAmber && a.Tenure == estate.TenureFreehold && a.MarketValueGBP != nil
	})
	if _, err := store.SetAssetRAG(admin, amber.ID, amber.Version, estate.RAGUpdate{Rating: estate.RAGGreen, Rationale: "Surplus"}); err != nil {
		t.Fatal(err)
	}
	hub := pick(func(a *estate.Asset) bool {
		return a.RAG == estate.RAGRed && a.GIAM2 != nil && a.Partner != sensitive.Partner
	})
	if _, err := store.UpdateAsset(admin, hub.ID, hub.Version, func(a *estate.Asset) error {
		a.Location = estate.Point{Lon: a.Location.Lon + 0.001, Lat: a.Location.Lat}
		a.Sensitive = true // leaves other partners' views
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	gone := pick(func(a *estate.Asset) bool { return a.RAG == estate.RAGGreen && a.MarketValueGBP != nil })
	if err := store.DeleteAsset(admin, gone.ID, gone.Version); err != nil {
		t.Fatal(err)
	}
	born := pick(func(a *estate.Asset) bool { return a.Partner == sensitive.Partner && !a.Sensitive }).Clone()
	born.ID, born.Version, born.AssetCode, born.UPRN = 0, 0, "NEW-1", ""
	if err := store.CreateAsset(admin, born); err != nil {
		t.Fatal(err)
	}

	freshReg := register.New(store)
	fresh := insight.New(freshReg, false)
	for i, ctx := range callers {
		got, want := answers(t, svc, ctx), answers(t, fresh, ctx)
		if got != want {
			t.Errorf("caller %d: the patched copy answers otherwise than a fresh read", i)
		}
		if got == before[i] {
			t.Errorf("caller %d: the answers did not change with the register", i)
		}
	}
	if loads, patches := src.counts(); loads != 1 || patches == 0 || fulls != 1 || patched != patches {
		t.Errorf("the register was read whole %d times and patched %d times; the hook heard %d and %d",
			loads, patches, fulls, patched)
	}
	// Four were picked from assets; one of them deleted, one created.
	// The patched copy also holds the rows the three changes replaced.
	if got, want := reg.AssetsHeld(), freshReg.AssetsHeld(); got != want+3 || want != len(assets)+4 {
		t.Errorf("%d rows held after patches, a fresh read holds %d, the register %d assets", got, want, len(assets)+4)
	}

	// Too much changed: read again, the same answers.
	src.refusePatches = true
	if _, err := store.SetAssetRAG(admin, amber.ID, amber.Version+1, estate.RAGUpdate{Rating: estate.RAGAmber, Rationale: "Back"}); err != nil {
		t.Fatal(err)
	}
	fresh = insight.New(register.New(store), false)
	for i, ctx := range callers {
		if got, want := answers(t, svc, ctx), answers(t, fresh, ctx); got != want {
			t.Errorf("caller %d after a reload: the copy answers otherwise than a fresh read", i)
		}
	}
	if loads, _ := src.counts(); loads != 2 || fulls != 2 {
		t.Errorf("a refused patch read the register whole %d times in all (the hook heard %d), want 2", loads, fulls)
	}
}
