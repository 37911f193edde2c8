// Package insight runs the property trust analyses over a copy of the
// register held in memory, patched from the audit trail when the
// register changes, and applies who may see what: the analyses
// themselves (internal/analysis) are pure and know nothing of stores or
// callers.
package insight

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/placetrust/placetrust/internal/analysis"
	"github.com/placetrust/placetrust/internal/estate"
)

// Service answers receipts, co-location, trust view and data quality
// questions.
type Service struct {
	src         estate.RegisterSource
	publicMoney bool

	// mu guards the copy of the register.
	mu      sync.Mutex
	version int64
	loaded  bool
	all     []*estate.Asset  // in id order
	views   map[string]*view // by viewer key
	// held is len(all), readable without mu, which a reload holds for
	// seconds at national scale.
	held atomic.Int64
	// onReload, if set, hears of every refresh of the copy, for metrics.
	onReload func(full bool, d time.Duration)
	// now is the clock ages are measured by (SetClock).
	now func() time.Time

	// runMu guards the co-location runs, apart from mu so a run that
	// finishes need not wait for a register reload.
	runMu        sync.Mutex
	whole, boxed *lru
	freshLimit   int

	// dups keeps the quality view's searches for places held twice
	// (quality.go).
	dups dupCache

	// universe and findHubs are a run's two steps, analysis's
	// ColocationUniverse and FindHubs; tests replace them to hold a run
	// where they can watch it.
	universe func([]*estate.Asset, *estate.BBox) []*estate.Asset
	findHubs func([]*estate.Asset, analysis.ColocationParams) (*analysis.Hubs, error)
}

// New returns a service over src. With publicMoney, callers without a
// token may see money figures; otherwise they are refused.
func New(src estate.RegisterSource, publicMoney bool) *Service {
	return &Service{src: src, publicMoney: publicMoney,
		whole: newLRU(maxWholeSlots), boxed: newLRU(maxBBoxSlots), freshLimit: DefaultFreshRunLimit, now: time.Now,
		universe: analysis.ColocationUniverse, findHubs: analysis.FindHubs}
}

// SetFreshRunLimit sets how many assets a co-location run may have for
// Trust to wait for a run of the current register (default
// DefaultFreshRunLimit); above it, Trust may answer from the newest
// finished run, marked stale, while the current one is made. Zero makes
// every trust view after a write answer from the previous run.
func (s *Service) SetFreshRunLimit(n int) {
	s.runMu.Lock()
	defer s.runMu.Unlock()
	s.freshLimit = n
}

// SetReloadHook makes f hear how long each refresh of the copy took:
// full when the register was read whole, otherwise patched from the
// audit trail. f is called with the copy locked, so it must be quick;
// nil turns it off.
func (s *Service) SetReloadHook(f func(full bool, d time.Duration)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.onReload = f
}

// AssetsHeld is how many assets the copy of the register holds, 0 before
// it is first read. It takes no lock, so a scrape never waits for a
// reload.
func (s *Service) AssetsHeld() int { return int(s.held.Load()) }

// Warm reads the register into the service's copy ahead of the first
// analysis, which at national scale takes seconds; the copy then holds
// every asset's analysed fields in memory (about 1 GB at a million).
func (s *Service) Warm(ctx context.Context) error {
	_, err := s.snapshotFor(estate.NewContextWithActor(ctx, estate.Actor{Name: "warm-up", Role: estate.RoleAdmin}))
	return err
}

// Receipts runs the capital receipts analysis.
func (s *Service) Receipts(ctx context.Context, p analysis.ReceiptParams, f estate.Selection, g analysis.GroupBy) (analysis.ReceiptsReport, error) {
	snap, err := s.snapshotFor(ctx)
	if err != nil {
		return analysis.ReceiptsReport{}, err
	}
	return analysis.Receipts(snap.assets, p, f, g)
}

// AssetReceipts returns each selected asset's receipts, up to limit
// assets; more is an EINVALID error asking for a narrower filter.
func (s *Service) AssetReceipts(ctx context.Context, p analysis.ReceiptParams, f estate.Selection, limit int) ([]AssetReceipt, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if err := analysis.ValidateFilter(f); err != nil {
		return nil, err
	}
	snap, err := s.snapshotFor(ctx)
	if err != nil {
		return nil, err
	}
	out := []AssetReceipt{}
	match := analysis.Matcher(f)
	for _, a := range snap.assets {
		if !match(a) {
			continue
		}
		if len(out) == limit {
			return nil, &estate.Error{Code: estate.EINVALID, Message: "Too many assets for a per-asset list.",
				Fields: []estate.FieldError{{Field: "per_asset", Message: fmt.Sprintf("lists at most %d assets: narrow the filter", limit)}}}
		}
		out = append(out, AssetReceipt{Name: a.Name, Receipt: analysis.AssetReceipt(a, p)})
	}
	return out, nil
}

// AssetReceipt is one asset's receipts (id, partner, rating...) with its
// name.
type AssetReceipt struct {
	Name string `json:"name"`
	analysis.Receipt
}

// Colocation finds hub opportunities among the assets the caller may see
// in f's bbox (all of them without one) and reports those the filter
// selects (analysis.Colocation), always from a run of the current
// register.
func (s *Service) Colocation(ctx context.Context, p analysis.ColocationParams, f estate.Selection) (*analysis.ColocationReport, error) {
	_, rep, err := s.report(ctx, p, f)
	return rep, err
}

// Trust returns the property trust view of the assets f selects, with the
// summary of the co-location opportunities f selects, found with p's
// co-location settings and priced with its receipt assumptions. The
// totals are always of the current register; the co-location summary may
// be of the newest run finished, labelled with its register version and
// stale, while a run of the current register is made (see hubs).
func (s *Service) Trust(ctx context.Context, p analysis.ColocationParams, f estate.Selection) (analysis.TrustView, error) {
	snap, r, err := s.run(ctx, p, f, false)
	if err != nil {
		return analysis.TrustView{}, err
	}
	sum, err := r.hubs.Summary(p.ReceiptParams, f)
	if err != nil {
		return analysis.TrustView{}, err
	}
	sum.RegisterVersion, sum.Stale = r.version, r.version != snap.version
	v, err := analysis.Trust(snap.assets, p.ReceiptParams, f, &sum)
	v.RegisterVersion = snap.version
	return v, err
}

// TrustReport returns the trust view and the co-location report of one
// run of the current register, so the two always agree.
func (s *Service) TrustReport(ctx context.Context, p analysis.ColocationParams, f estate.Selection) (analysis.TrustView, *analysis.ColocationReport, error) {
	snap, rep, err := s.report(ctx, p, f)
	if err != nil {
		return analysis.TrustView{}, nil, err
	}
	v, err := analysis.Trust(snap.assets, p.ReceiptParams, f, &rep.ColocationSummary)
	v.RegisterVersion = snap.version
	return v, rep, err
}

// report returns the caller's snapshot and the co-location report of a
// run of it, priced with p's receipt assumptions.
func (s *Service) report(ctx context.Context, p analysis.ColocationParams, f estate.Selection) (snapshot, *analysis.ColocationReport, error) {
	snap, r, err := s.run(ctx, p, f, true)
	if err != nil {
		return snapshot{}, nil, err
	}
	rep, err := r.hubs.Report(p.ReceiptParams, f)
	if err != nil {
		return snapshot{}, nil, err
	}
	rep.RegisterVersion, rep.Stale = r.version, r.version != snap.version
	return snap, &rep, nil
}

// run validates p and f and returns the caller's snapshot of the
// register and a co-location run for p's settings over it (see hubs).
func (s *Service) run(ctx context.Context, p analysis.ColocationParams, f estate.Selection, fresh bool) (snapshot, *hubsRun, error) {
	if err := p.Validate(); err != nil {
		return snapshot{}, nil, err
	}
	if err := analysis.ValidateFilter(f); err != nil {
		return snapshot{}, nil, err
	}
	snap, err := s.snapshotFor(ctx)
	if err != nil {
		return snapshot{}, nil, err
	}
	r, err := s.hubs(ctx, snap, p, f, fresh)
	return snap, r, err
}
