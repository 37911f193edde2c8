// Package insight runs the property trust analyses over the copy of the
// register held in memory (internal/register, shared with the vector
// tiles) and applies who may see what: the analyses themselves
// (internal/analysis) are pure and know nothing of stores or callers.
package insight

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/placetrust/placetrust/internal/analysis"
	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/register"
)

// Service answers receipts, co-location, trust view and data quality
// questions.
type Service struct {
	reg         *register.Copy
	publicMoney bool

	// mu guards now, the clock ages are measured by (SetClock).
	mu  sync.Mutex
	now func() time.Time

	// runMu guards the co-location runs.
	runMu        sync.Mutex
	whole, boxed *lru
	freshLimit   int

	// dups keeps the quality view's searches for places held twice
	// (quality.go).
	dups dupCache

	// universe and findHubs are a run's two steps, analysis's
	// ColocationUniverse and FindHubs; tests replace them to hold a run
	// where they can watch it.
	universe func(register.Assets, *estate.BBox) register.Rows
	findHubs func(register.Rows, analysis.ColocationParams) (*analysis.Hubs, error)
}

// New returns a service over the copy reg. With publicMoney, callers
// without a token may see money figures; otherwise they are refused.
func New(reg *register.Copy, publicMoney bool) *Service {
	return &Service{reg: reg, publicMoney: publicMoney,
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
	for a := range snap.assets.All() {
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
