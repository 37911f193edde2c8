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
