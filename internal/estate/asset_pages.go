package estate

import (
	"context"
	"iter"
)

// AssetFinder is the part of AssetService an export pages through.
type AssetFinder interface {
	FindAssets(ctx context.Context, f AssetFilter) ([]*Asset, error)
}

// AllAssets yields every asset matching f that the actor in ctx may see,
// a page at a time (f.Limit, or MaxPageSize), so an export of the
// whole register holds one page in memory. f.After is where it starts.
func AllAssets(ctx context.Context, s AssetFinder, f AssetFilter) iter.Seq2[*Asset, error] {
	return func(yield func(*Asset, error) bool) {
		if f.Limit <= 0 {
			f.Limit = MaxPageSize
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
