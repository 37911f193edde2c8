package estate

import (
	"context"
	"time"
)

// DateSource bounds the dates of the register's assets, what an OGC
// collection's temporal extent shows.
type DateSource interface {
	// FindAssetDates bounds the dates of the assets the actor in ctx may
	// see, as AssetFilter.DatedFrom and DatedTo read them; ok is false
	// when there is none.
	FindAssetDates(ctx context.Context) (first, last time.Time, ok bool, err error)
}

// CountCache gives counts already made, so a page can tell a count it
// may always give from one that could take seconds.
type CountCache interface {
	// CachedCount returns what AssetService.CountAssets would for f when
	// the count is at hand, without counting: ok is false when it is
	// not. EINVALID for a bad filter.
	CachedCount(ctx context.Context, f AssetFilter) (n int, ok bool, err error)
}
