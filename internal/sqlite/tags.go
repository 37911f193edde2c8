package sqlite

import (
	"context"
	"fmt"
	"strconv"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/service"
)

// FindTags returns the tags on the assets in scope, most used first.
// Results are cached until the register changes.
func (db *DB) FindTags(ctx context.Context, scope service.Scope, limit int) ([]estate.TagCount, error) {
	where, args := assetWhere(estate.AssetFilter{}, scope, false)
	key := "tags " + strconv.Itoa(limit) + " " + countCacheKey(where, args)
	v, err := db.memo.get(ctx, db.reads, key, func() (any, error) {
		rows, err := db.reader.QueryContext(ctx, `SELECT t.tag, count(*) FROM asset_tags t
			JOIN assets a ON a.id = t.asset_id WHERE `+where+`
			GROUP BY t.tag ORDER BY count(*) DESC, t.tag LIMIT ?`, append(args, limit)...)
		if err != nil {
			return nil, fmt.Errorf("sqlite: find tags: %w", err)
		}
		defer rows.Close()
		out := []estate.TagCount{}
		for rows.Next() {
			var tc estate.TagCount
			if err := rows.Scan(&tc.Tag, &tc.Assets); err != nil {
				return nil, fmt.Errorf("sqlite: find tags: %w", err)
			}
			out = append(out, tc)
		}
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("sqlite: find tags: %w", err)
		}
		return out, nil
	})
	if err != nil {
		return nil, err
	}
	return v.([]estate.TagCount), nil
}
