package httpapi

import (
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
)

// TestTileViewerFollowsSensitiveAccess holds tileViewer to the rule it
// mirrors: two callers share a tile ETag only if they may see the same
// sensitive assets, and callers who may see different ones never do.
func TestTileViewerFollowsSensitiveAccess(t *testing.T) {
	actors := []estate.Actor{
		estate.Anonymous,
		{Name: "admin", Role: estate.RoleAdmin},
		{Name: "viewer", Role: estate.RoleViewer},
		{Name: "cv", Role: estate.RoleViewer, Partner: "county"},
		{Name: "ce", Role: estate.RoleEditor, Partner: "county"},
		{Name: "pe", Role: estate.RoleEditor, Partner: "police"},
	}
	partners := []string{"county", "police", "fire"}
	for _, a := range actors {
		for _, b := range actors {
			same := true
			for _, p := range partners {
				same = same && a.CanSeeSensitive(p) == b.CanSeeSensitive(p)
			}
			if (tileViewer(a) == tileViewer(b)) != same {
				t.Errorf("%s (%s) and %s (%s): same sensitive access %v", a.Name, tileViewer(a), b.Name, tileViewer(b), same)
			}
		}
	}
}
