// Package insight runs the property trust analyses over a copy of the
// register held in memory, reloaded only when the register has changed,
// and applies who may see what: the analyses themselves (internal/analysis)
// are pure and know nothing of stores or callers.
package insight

import (
	"context"
	"fmt"
	"sync"

	"github.com/placetrust/placetrust/internal/analysis"
	"github.com/placetrust/placetrust/internal/estate"
)

// maxCachedRuns bounds the co-location results kept per register version.
const maxCachedRuns = 64

// Service answers receipts, co-location and trust view questions.
type Service struct {
	src         estate.RegisterSource
	publicMoney bool

	mu      sync.Mutex
	version int64
	loaded  bool
	all     []*estate.Asset
	views   map[string][]*estate.Asset // visible subsets by viewer key
	runs    map[string]*analysis.ColocationReport
}

// New returns a service over src. With publicMoney, callers without a
// token may see money figures; otherwise they are refused.
func New(src estate.RegisterSource, publicMoney bool) *Service {
	return &Service{src: src, publicMoney: publicMoney}
}

// assetsFor returns the assets the actor may see in the current register.
func (s *Service) assetsFor(ctx context.Context) ([]*estate.Asset, string, error) {
	actor := estate.ActorFromContext(ctx)
	if actor.IsAnonymous() && !s.publicMoney {
		return nil, "", estate.Errorf(estate.EUNAUTHORIZED, "Analyses show money figures: sign in with a token.")
	}
	version, err := s.src.RegisterVersion(ctx)
	if err != nil {
		return nil, "", err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.loaded || version != s.version {
		// Holding the lock while loading makes concurrent callers wait for
		// one load instead of each starting their own.
		v, all, err := s.src.FindAllAssets(ctx)
		if err != nil {
			return nil, "", err
		}
		s.version, s.all, s.loaded = v, all, true
		s.views = map[string][]*estate.Asset{}
		s.runs = map[string]*analysis.ColocationReport{}
	}
	key := viewerKey(actor)
	view, ok := s.views[key]
	if !ok {
		view = visible(s.all, actor)
		s.views[key] = view
	}
	return view, fmt.Sprintf("%d/%s", s.version, key), nil
}

// viewerKey groups actors who see the same assets.
func viewerKey(a estate.Actor) string {
	switch {
	case a.IsAdmin():
		return "all"
	case a.IsAnonymous():
		return "public"
	}
	return "partner:" + a.Partner
}

// visible drops the sensitive assets of partners the actor is not.
func visible(all []*estate.Asset, actor estate.Actor) []*estate.Asset {
	if actor.IsAdmin() {
		return all
	}
	out := make([]*estate.Asset, 0, len(all))
	for _, a := range all {
		if !a.Sensitive || actor.CanSeeSensitive(a.Partner) {
			out = append(out, a)
		}
	}
	return out
}

// Receipts runs the capital receipts analysis.
func (s *Service) Receipts(ctx context.Context, p analysis.ReceiptParams, f analysis.Filter, g analysis.GroupBy) (analysis.ReceiptsReport, error) {
	assets, _, err := s.assetsFor(ctx)
	if err != nil {
		return analysis.ReceiptsReport{}, err
	}
	return analysis.Receipts(assets, p, f, g)
}

// AssetReceipts returns each selected asset's receipts, up to limit
// assets; more is an EINVALID error asking for a narrower filter.
func (s *Service) AssetReceipts(ctx context.Context, p analysis.ReceiptParams, f analysis.Filter, limit int) ([]AssetReceipt, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if err := f.Validate(); err != nil {
		return nil, err
	}
	assets, _, err := s.assetsFor(ctx)
	if err != nil {
		return nil, err
	}
	out := []AssetReceipt{}
	for _, a := range assets {
		if !f.Match(a) {
			continue
		}
		if len(out) == limit {
			return nil, &estate.Error{Code: estate.EINVALID, Message: "Too many assets for a per-asset list.",
				Fields: []estate.FieldError{{Field: "per_asset", Message: fmt.Sprintf("lists at most %d assets: narrow the filter", limit)}}}
		}
		out = append(out, AssetReceipt{ID: a.ID, Partner: a.Partner, Name: a.Name, RAG: a.RAG,
			Receipt: analysis.AssetReceipt(a, p)})
	}
	return out, nil
}

// AssetReceipt is one asset's receipts with enough to name it.
type AssetReceipt struct {
	ID      int64      `json:"id"`
	Partner string     `json:"partner"`
	Name    string     `json:"name"`
	RAG     estate.RAG `json:"rag"`
	analysis.Receipt
}

// Colocation finds hub opportunities; results are kept until the register
// changes, since a national run takes seconds.
func (s *Service) Colocation(ctx context.Context, p analysis.ColocationParams, f analysis.Filter) (*analysis.ColocationReport, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if err := f.Validate(); err != nil {
		return nil, err
	}
	assets, key, err := s.assetsFor(ctx)
	if err != nil {
		return nil, err
	}
	key = fmt.Sprintf("%s|%+v|%s", key, p, filterKey(f))
	s.mu.Lock()
	r, ok := s.runs[key]
	s.mu.Unlock()
	if ok {
		return r, nil
	}
	rep, err := analysis.Colocation(assets, p, f)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	if len(s.runs) >= maxCachedRuns {
		clear(s.runs)
	}
	s.runs[key] = &rep
	s.mu.Unlock()
	return &rep, nil
}

// Trust returns the property trust view, with the co-location summary of
// a run with default co-location settings and the same receipt
// assumptions and filter.
func (s *Service) Trust(ctx context.Context, p analysis.ReceiptParams, f analysis.Filter) (analysis.TrustView, error) {
	if err := p.Validate(); err != nil {
		return analysis.TrustView{}, err
	}
	cp := analysis.DefaultColocationParams()
	cp.ReceiptParams = p
	coloc, err := s.Colocation(ctx, cp, f)
	if err != nil {
		return analysis.TrustView{}, err
	}
	assets, _, err := s.assetsFor(ctx)
	if err != nil {
		return analysis.TrustView{}, err
	}
	return analysis.Trust(assets, p, f, &coloc.ColocationSummary)
}

func filterKey(f analysis.Filter) string {
	b := ""
	if f.BBox != nil {
		b = fmt.Sprintf("%v", *f.BBox)
	}
	return fmt.Sprintf("%s|%v|%v|%v", b, f.Partners, f.RAGs, f.Tags)
}
