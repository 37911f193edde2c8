package lga

import (
	"encoding/json"
	"time"

	"github.com/placetrust/placetrust/internal/assetjson"
)

// readOnlyProps are set by the server: written on export, ignored on
// import, where the store sets them afresh.
var readOnlyProps = map[string]bool{"version": true, "created_at": true, "updated_at": true}

// feature is a GeoJSON Feature of an asset.
type feature struct {
	Type       string           `json:"type"`
	ID         *int64           `json:"id,omitempty"`
	Geometry   json.RawMessage  `json:"geometry"`
	Properties *assetjson.Props `json:"properties"`
}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}
