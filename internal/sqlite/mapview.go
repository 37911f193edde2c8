package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/service"
)

// FindAssetExtent returns the extent of the assets in scope. It reads
// every row in scope, so it is remembered until the register changes.
func (db *DB) FindAssetExtent(ctx context.Context, scope service.Scope) (estate.AssetExtent, error) {
	where, args := assetWhere(estate.AssetFilter{}, scope, false)
	v, err := db.memo.get(ctx, db.reads, "extent\x00"+countKey(where, args), func() (any, error) {
		var e estate.AssetExtent
		var minLon, minLat, maxLon, maxLat sql.NullFloat64
		err := db.reads.QueryRowContext(ctx, `SELECT count(*), min(a.min_lon), min(a.min_lat),
			max(a.max_lon), max(a.max_lat)
			FROM assets a WHERE `+where, args...).Scan(&e.Count, &minLon, &minLat, &maxLon, &maxLat)
		if err != nil {
			return nil, fmt.Errorf("sqlite: asset extent: %w", err)
		}
		if e.Count == 0 {
			return e, nil
		}
		e.BBox = estate.BBox{MinLon: minLon.Float64, MinLat: minLat.Float64, MaxLon: maxLon.Float64, MaxLat: maxLat.Float64}
		return e, nil
	})
	if err != nil {
		return estate.AssetExtent{}, err
	}
	return v.(estate.AssetExtent), nil
}
