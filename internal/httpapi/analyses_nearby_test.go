package httpapi_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/httpapi"
)

// TestNearbyCrowded: in a place with more candidates than a store page,
// the nearest are listed first even when the store finds them last (they
// have the highest ids), and the answer says it is cut short.
func TestNearbyCrowded(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	ctx := estate.NewContextWithActor(context.Background(), estate.Actor{Name: "seed", Role: estate.RoleAdmin})
	at := estate.Point{Lon: -2.2200, Lat: 52.1900}
	asset := func(partner string, i int, eastM, northM float64) *estate.Asset {
		return &estate.Asset{Partner: partner, AssetCode: fmt.Sprintf("C%05d", i), Name: fmt.Sprintf("Crowded %d", i),
			Holding: estate.HoldingBuilding, Tenure: estate.TenureFreehold, TenureDetail: estate.DetailOccupied,
			Location: estate.Point{Lon: at.Lon + eastM/68_400, Lat: at.Lat + northM/111_200}}
	}
	as := []*estate.Asset{asset("county", 0, 0, 0)}
	const crowd = estate.MaxPageSize + 50
	for i := 1; i <= crowd; i++ {
		as = append(as, asset("police", i, 200+float64(i%150), float64(i%97)))
	}
	// Made last, so their ids come after a whole page of the crowd.
	nearest := []*estate.Asset{asset("police", crowd+1, 5, 0), asset("police", crowd+2, 0, 7), asset("police", crowd+3, -9, 0)}
	as = append(as, nearest...)
	as = append(as, asset("county", crowd+4, 1, 1)) // the target's own partner: never listed
	if err := ts.Svc.Assets.CreateAssets(ctx, as, estate.ActionCreate); err != nil {
		t.Fatal(err)
	}
	type near struct {
		Limit     int
		Matched   int  `json:"number_matched"`
		Truncated bool `json:"truncated"`
		Features  []struct {
			ID         int64
			Properties struct {
				Partner   string
				DistanceM float64 `json:"distance_m"`
			}
		}
	}
	for _, tt := range []struct {
		query string
		n     int
	}{{"within=400", 1000}, {"within=400&limit=2", 2}, {"within=400&limit=10000", 10000}} {
		var got near
		must(t, ts.do(req{Method: "GET", Path: "/api/v1/assets/" + itoa(as[0].ID) + "/nearby?" + tt.query, Token: "admin"}), 200).JSON(t, &got)
		if len(got.Features) != tt.n || got.Limit != tt.n || got.Matched != crowd+len(nearest) || !got.Truncated {
			t.Fatalf("%s: %d features, limit %d, matched %d, truncated %v", tt.query, len(got.Features), got.Limit, got.Matched, got.Truncated)
		}
		for i, f := range got.Features {
			if i < min(len(nearest), tt.n) && f.ID != nearest[i].ID {
				t.Errorf("%s: feature %d is %d at %v m, want %d", tt.query, i, f.ID, f.Properties.DistanceM, nearest[i].ID)
			}
			if f.Properties.Partner != "police" || (i > 0 && f.Properties.DistanceM < got.Features[i-1].Properties.DistanceM) {
				t.Errorf("%s: feature %d %+v out of order or of the target's partner", tt.query, i, f.Properties)
			}
		}
	}
	var few near
	must(t, ts.do(req{Method: "GET", Path: "/api/v1/assets/" + itoa(as[0].ID) + "/nearby?within=20", Token: "admin"}), 200).JSON(t, &few)
	if len(few.Features) != 3 || few.Matched != 3 || few.Truncated {
		t.Errorf("within 20 m: %d features, matched %d, truncated %v", len(few.Features), few.Matched, few.Truncated)
	}
}
