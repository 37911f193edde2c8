package estate

import "context"

// AssetExtent bounds the assets an actor may see, for collection metadata
// and map bounds.
type AssetExtent struct {
	// Count is how many assets the extent covers; BBox is zero when it
	// is 0.
	Count int
	// BBox covers every location and footprint.
	BBox BBox
}

// ExtentSource bounds the register.
type ExtentSource interface {
	// FindAssetExtent returns the extent of the assets the actor in ctx
	// may see.
	FindAssetExtent(ctx context.Context) (AssetExtent, error)
}

// AssetPoint is the little of an asset a map needs to draw, colour and
// filter it. Sensitive is there so the map's reader can apply visibility;
// money never travels in points.
type AssetPoint struct {
	ID        int64
	Partner   string
	RAG       RAG
	Holding   Holding
	Use       string
	Name      string
	Location  Point
	Sensitive bool
}

// VisibleTo reports whether the actor may see the point: sensitive assets
// only to their own partner's staff and admins.
func (p *AssetPoint) VisibleTo(a Actor) bool {
	return !p.Sensitive || a.CanSeeSensitive(p.Partner)
}

// PointSource feeds a map's copy of the register and keeps it current
// from the audit trail, so a copy is loaded once and then patched.
type PointSource interface {
	// FindAssetPoints calls fn with every asset's point, sensitive ones
	// included, and returns the register version (see RegisterSource)
	// the points were read at.
	FindAssetPoints(ctx context.Context, fn func(*AssetPoint) error) (version int64, err error)
	// FindAssetPointChanges returns what changed after version since:
	// the current points of assets created or changed, and the ids of
	// assets deleted, with the version they bring the copy to. It returns
	// ECONFLICT when more changed than is worth patching, so the caller
	// reloads instead.
	FindAssetPointChanges(ctx context.Context, since int64) (version int64, changed []AssetPoint, deleted []int64, err error)
}
