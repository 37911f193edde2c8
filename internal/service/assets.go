package service

import (
	"context"
	"slices"

	"github.com/placetrust/placetrust/internal/estate"
)

// AssetService implements estate.AssetService over a store: who may
// read and change which asset, validation, the rating rules and the
// content of every audit event are decided here.
type AssetService struct{ *core }

var _ estate.AssetService = (*AssetService)(nil)

// FindAssetByID returns one asset the actor may see, without what they
// may not see of it.
func (s *AssetService) FindAssetByID(ctx context.Context, id int64) (*estate.Asset, error) {
	actor := estate.ActorFromContext(ctx)
	a, err := s.findVisible(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	a.RedactFor(actor)
	return a, nil
}

// findVisible returns the asset as stored if actor may see it. A hidden
// asset answers exactly as a missing one, so its existence does not leak.
func (s *AssetService) findVisible(ctx context.Context, actor estate.Actor, id int64) (*estate.Asset, error) {
	a, err := s.store.FindAsset(ctx, id)
	if err == nil && a.Sensitive && !actor.CanSeeSensitive(a.Partner) {
		err = estate.Errorf(estate.ENOTFOUND, "Asset %d not found.", id)
	}
	return a, err
}

// FindAssets returns a page of assets in the page's order (f.Sort).
func (s *AssetService) FindAssets(ctx context.Context, f estate.AssetFilter) ([]*estate.Asset, error) {
	out := make([]*estate.Asset, 0, min(f.PageSize(), 1024))
	err := s.eachRead(ctx, f, func(a *estate.Asset) error {
		out = append(out, a)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if f.Before > 0 {
		slices.Reverse(out)
	}
	return out, nil
}

// EachAsset calls fn with each asset of the page FindAssets would return,
// in id order, as the store reads them. A page read backwards (f.Before)
// is the one exception: it is read whole, to turn it round.
func (s *AssetService) EachAsset(ctx context.Context, f estate.AssetFilter, fn func(*estate.Asset) error) error {
	if f.Before == 0 {
		return s.eachRead(ctx, f, fn)
	}
	page, err := s.FindAssets(ctx, f)
	if err != nil {
		return err
	}
	for _, a := range page {
		if err := fn(a); err != nil {
			return err
		}
	}
	return nil
}

// eachRead calls fn with the page's assets in the order the store reads
// them, each without what the actor may not see.
func (s *AssetService) eachRead(ctx context.Context, f estate.AssetFilter, fn func(*estate.Asset) error) error {
	if err := f.Validate(); err != nil {
		return err
	}
	actor := estate.ActorFromContext(ctx)
	return s.store.EachAsset(ctx, f, scopeOf(actor), func(a *estate.Asset) error {
		a.RedactFor(actor)
		return fn(a)
	})
}

// CountAssets counts the assets matching f that the actor may see.
func (s *AssetService) CountAssets(ctx context.Context, f estate.AssetFilter) (int, error) {
	if err := f.Validate(); err != nil {
		return 0, err
	}
	return s.store.CountAssets(ctx, f, scopeOf(estate.ActorFromContext(ctx)))
}

// FindAssetHistory returns the asset's audit events, newest first. Those
// of a sensitive asset are shown only to who may see the asset, and each
// event without what the actor may not see of it (AuditEvent.RedactFor),
// judged against the asset's partner now, as its own record is.
func (s *AssetService) FindAssetHistory(ctx context.Context, id int64, f estate.HistoryFilter) ([]*estate.AuditEvent, error) {
	actor := estate.ActorFromContext(ctx)
	limit := f.Limit
	if limit <= 0 || limit > 1000 {
		limit = 100
	}
	owner, events, err := s.store.FindAssetHistory(ctx, id, max(f.Before, 0), limit)
	if err == nil && owner.Sensitive && !actor.CanSeeSensitive(owner.Partner) {
		err = estate.Errorf(estate.ENOTFOUND, "Asset %d not found.", id)
	}
	if err != nil {
		return nil, err
	}
	for _, ev := range events {
		ev.RedactFor(actor, owner.Partner)
	}
	return events, nil
}
