package lga

import (
	"context"
	"iter"

	"github.com/placetrust/placetrust/internal/estate"
)

// AssetFinder is the part of estate.AssetService an export pages through.
type AssetFinder interface {
	FindAssets(ctx context.Context, f estate.AssetFilter) ([]*estate.Asset, error)
}

// AllAssets yields every asset matching f that the actor in ctx may see,
// a page at a time (f.Limit, or estate.MaxPageSize), so an export of the
// whole register holds one page in memory. f.After is where it starts.
func AllAssets(ctx context.Context, s AssetFinder, f estate.AssetFilter) iter.Seq2[*estate.Asset, error] {
	return func(yield func(*estate.Asset, error) bool) {
		if f.Limit <= 0 {
			f.Limit = estate.MaxPageSize
		}
		for {
			page, err := s.FindAssets(ctx, f)
			if err != nil {
				yield(nil, err)
				return
			}
			for _, a := range page {
				if !yield(a, nil) {
					return
				}
			}
			if len(page) < f.Limit {
				return
			}
			f.After = page[len(page)-1].ID
		}
	}
}

// Slice yields the assets of a slice, for exports of assets in memory.
func Slice(assets []*estate.Asset) iter.Seq2[*estate.Asset, error] {
	return func(yield func(*estate.Asset, error) bool) {
		for _, a := range assets {
			if !yield(a, nil) {
				return
			}
		}
	}
}
