package estate

import (
	"context"
	"time"
)

// Default and largest page sizes for asset lists.
const (
	DefaultPageSize = 100
	MaxPageSize     = 10000
	// MaxWithinM caps near/within searches: beyond this a bbox is the
	// right tool.
	MaxWithinM = 100000

	// Caps on a filter's lists: more values than these is a mistake, and
	// SQLite refuses queries past 32,766 variables or a deep expression
	// tree, which would otherwise surface as a 500.
	MaxFilterTags     = 50 // as many as an asset may carry
	MaxFilterPartners = 1000
	MaxFilterIDs      = 1000
	MaxFilterEnums    = 20 // per enum field (rag, holding, tenure)
	// MaxFilterQLen caps the free-text q, of the asset list and the
	// analyses alike.
	MaxFilterQLen = 200
)

// AssetFilter selects assets. Zero fields select everything; several
// values in one field match any of them; different fields must all match.
type AssetFilter struct {
	IDs      []int64
	Partners []string
	RAGs     []RAG
	Holdings []Holding
	Tenures  []Tenure
	Tags     []string // every tag must be present
	Q        string   // case-insensitive substring of name, address, town, postcode or use
	UPRN     string
	BBox     *BBox
	Near     *Point
	WithinM  float64 // with Near: great-circle radius in metres

	// UpdatedSince/UpdatedBefore and EffectiveFrom/EffectiveTo bound
	// updated_at and effective_date; zero values are open ends. Both
	// updated_at bounds are inclusive and whole seconds: each includes
	// every time within its second.
	UpdatedSince  time.Time
	UpdatedBefore time.Time
	EffectiveFrom string
	EffectiveTo   string

	// DatedFrom/DatedTo bound the asset's date, what OGC API's datetime
	// selects by: its effective_date's whole UTC day, or its updated_at
	// when it has no effective_date. Zero values are open ends; both are
	// inclusive and whole seconds.
	DatedFrom, DatedTo time.Time

	After int64 // keyset cursor: only ids above this
	// Before is the backwards keyset cursor: only ids below this, and
	// the page is the one nearest it (still returned in id order).
	Before int64
	Limit  int // 0 for DefaultPageSize
}

// Validate checks the filter's values.
func (f *AssetFilter) Validate() error {
	var pr Problems
	// Counts first: a list too long is refused without checking (and
	// reporting) each of its values.
	tooMany := func(field string, n, max int) bool {
		if n > max {
			pr.Add(field, "at most %d values (got %d)", max, n)
			return true
		}
		return false
	}
	lists := tooMany("id", len(f.IDs), MaxFilterIDs)
	lists = tooMany("partner", len(f.Partners), MaxFilterPartners) || lists
	lists = tooMany("rag", len(f.RAGs), MaxFilterEnums) || lists
	lists = tooMany("holding", len(f.Holdings), MaxFilterEnums) || lists
	lists = tooMany("tenure", len(f.Tenures), MaxFilterEnums) || lists
	lists = tooMany("tag", len(f.Tags), MaxFilterTags) || lists
	if lists {
		return pr.Err("The filter is not valid.")
	}
	for _, r := range f.RAGs {
		enumField(&pr, "rag", r, RAGs, false)
	}
	for _, h := range f.Holdings {
		enumField(&pr, "holding", h, Holdings, false)
	}
	for _, t := range f.Tenures {
		enumField(&pr, "tenure", t, Tenures, false)
	}
	CheckFilterQ(&pr, f.Q)
	if f.BBox != nil {
		if err := f.BBox.Validate(); err != nil {
			pr.Add("bbox", "%s", err.Error())
		}
	}
	if f.Near != nil && !validPoint(*f.Near) {
		pr.Add("near", "must be lon,lat within ±180/±90")
	}
	if f.Near != nil && (!(f.WithinM > 0) || f.WithinM > MaxWithinM) {
		pr.Add("within", "must be more than 0 and at most %d metres when near is given", MaxWithinM)
	}
	if f.Near == nil && f.WithinM != 0 {
		pr.Add("near", "is required with within")
	}
	if f.Limit < 0 || f.Limit > MaxPageSize {
		pr.Add("limit", "must be between 1 and %d", MaxPageSize)
	}
	if f.After < 0 || f.Before < 0 {
		pr.Add("cursor", "is not a cursor this server gave")
	}
	return pr.Err("The filter is not valid.")
}

// PageSize returns the effective limit.
func (f *AssetFilter) PageSize() int {
	if f.Limit <= 0 {
		return DefaultPageSize
	}
	return f.Limit
}

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
	// FindAssets returns up to f.PageSize() assets in id order; EINVALID.
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

// RegisterSource gives analyses the whole register at once.
type RegisterSource interface {
	// RegisterVersion returns a number that grows with every committed
	// change to any asset, so a copy of the register can tell it is stale.
	RegisterVersion(ctx context.Context) (int64, error)
	// FindAllAssets returns every asset, sensitive ones included and
	// nothing redacted, with the fields analyses use: identity (UPRN
	// included), partner, name, town, use, holding, location, tenure,
	// rent, floor area, utilisation, market value, running cost, rating
	// with its rationale and date, tags and sensitivity. Callers must
	// apply visibility themselves.
	FindAllAssets(ctx context.Context) (version int64, assets []*Asset, err error)
	// FindAssetChanges returns what changed after version since, so a
	// copy need not be read again whole: the current state (as
	// FindAllAssets reads it) of assets created or changed, in id order,
	// the ids of assets deleted, and the version they bring the copy to.
	// It returns ECONFLICT when more changed than is worth patching, so
	// the caller reloads instead.
	FindAssetChanges(ctx context.Context, since int64) (version int64, changed []*Asset, deleted []int64, err error)
}
