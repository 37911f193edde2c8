package service

import (
	"context"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
)

// The optional reads: each gives its store capability the scope of the
// actor in ctx, so what it answers never reveals a hidden asset.

type tagSource struct{ st TagStore }

// FindTags returns the tags on the assets the actor may see, most used
// first: sensitive assets count only for those who may see them.
func (s tagSource) FindTags(ctx context.Context, limit int) ([]estate.TagCount, error) {
	return s.st.FindTags(ctx, scopeOf(estate.ActorFromContext(ctx)), limit)
}

type extentSource struct{ st ExtentStore }

// FindAssetExtent bounds the assets the actor may see.
func (s extentSource) FindAssetExtent(ctx context.Context) (estate.AssetExtent, error) {
	return s.st.FindAssetExtent(ctx, scopeOf(estate.ActorFromContext(ctx)))
}

type dateSource struct{ st DateStore }

// FindAssetDates bounds the dates of the assets the actor may see.
func (s dateSource) FindAssetDates(ctx context.Context) (first, last time.Time, ok bool, err error) {
	return s.st.FindAssetDates(ctx, scopeOf(estate.ActorFromContext(ctx)))
}

type countCache struct{ st CountCacheStore }

// CachedCount returns the count of the assets matching f that the actor
// may see, if the store has it at hand.
func (s countCache) CachedCount(ctx context.Context, f estate.AssetFilter) (int, bool, error) {
	if err := f.Validate(); err != nil {
		return 0, false, err
	}
	return s.st.CachedCount(ctx, f, scopeOf(estate.ActorFromContext(ctx)))
}
