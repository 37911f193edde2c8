package estate

import "context"

// RAGUpdate sets an asset's rating with the reason for it.
type RAGUpdate struct {
	Rating    RAG
	Rationale string
}

// Validate checks the rating and requires a rationale for any rating but
// unrated, so every decision can be explained later.
func (u RAGUpdate) Validate() error {
	var pr Problems
	enumField(&pr, "rating", u.Rating, RAGs, false)
	if u.Rating != RAGUnrated {
		noteField(&pr, "rationale", u.Rationale, true, 4000)
	} else {
		noteField(&pr, "rationale", u.Rationale, false, 4000)
	}
	return pr.Err("The rating is not valid.")
}

// AssetService manages assets. Every write is audited with the actor in
// ctx (see NewContextWithActor) in the same transaction as the change.
type AssetService interface {
	// FindAssetByID returns one asset the actor may see; ENOTFOUND.
	FindAssetByID(ctx context.Context, id int64) (*Asset, error)
	// FindAssets returns up to f.PageSize() assets in f.Sort's order (id
	// when zero); EINVALID.
	FindAssets(ctx context.Context, f AssetFilter) ([]*Asset, error)
	// EachAsset calls fn with each asset of the page FindAssets would
	// return, in id order, as they are read, so a page of thousands is
	// never held whole; an error from fn stops it and is returned as it
	// is. EINVALID.
	EachAsset(ctx context.Context, f AssetFilter, fn func(*Asset) error) error
	// CountAssets counts the assets matching f, ignoring After, Before
	// and Limit.
	CountAssets(ctx context.Context, f AssetFilter) (int, error)
	// CreateAsset stores a new asset and sets its id, version and times;
	// EINVALID (also for unknown partners), ECONFLICT for an asset code
	// already used by the partner, EFORBIDDEN.
	CreateAsset(ctx context.Context, a *Asset) error
	// CreateAssets stores several new assets in one transaction, all or
	// none, each audited with action (create or import); errors as
	// CreateAsset, naming the failing item.
	CreateAssets(ctx context.Context, assets []*Asset, action AuditAction) error
	// UpdateAsset applies change to the asset at version ifVersion and
	// stores the result; EPRECONDITIONNEEDED if ifVersion is 0,
	// EPRECONDITIONFAILED if it is stale or negative (a tag that never
	// matches), ENOTFOUND, EINVALID, ECONFLICT,
	// EFORBIDDEN. Nothing is written unless every check passes.
	UpdateAsset(ctx context.Context, id, ifVersion int64, change func(*Asset) error) (*Asset, error)
	// SetAssetRAG rates the asset, recording who and when; errors as
	// UpdateAsset.
	SetAssetRAG(ctx context.Context, id, ifVersion int64, u RAGUpdate) (*Asset, error)
	// DeleteAsset removes the asset, keeping its audit trail; errors as
	// UpdateAsset.
	DeleteAsset(ctx context.Context, id, ifVersion int64) error
	// FindAssetHistory returns the asset's audit events, newest first,
	// including those of a deleted asset; ENOTFOUND if it never existed.
	FindAssetHistory(ctx context.Context, id int64, f HistoryFilter) ([]*AuditEvent, error)
}
