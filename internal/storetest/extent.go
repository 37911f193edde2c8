package storetest

import (
	"context"
	"reflect"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
)

// mapFixture makes three of county's assets, the last sensitive, and
// returns them.
func mapFixture(e *env) (a, b, secret *estate.Asset) {
	a, b, secret = NewAsset("county", "A", -2.2, 52.2), NewAsset("county", "B", -2.3, 52.1), NewAsset("county", "S", -1.9, 52.5)
	b.Footprint = square(-2.31, 52.09, 0.02)
	a.Tags, b.Tags, secret.Tags = []string{"surplus", "vacant"}, []string{"surplus", "vacant"}, []string{"surplus", "hidden"}
	secret.Sensitive = true
	e.create(a, b, secret)
	return a, b, secret
}

func testExtent(t *testing.T, open Factory) {
	e := newEnv(t, open, "county", "police")
	if e.Extent == nil {
		t.Skip("the store bounds no register (no ExtentSource)")
	}
	extent := func(ctx context.Context) estate.AssetExtent {
		x, err := e.Extent.FindAssetExtent(ctx)
		must(t, err)
		return x
	}
	if got := extent(admin); got != (estate.AssetExtent{}) {
		t.Errorf("empty register's extent %+v", got)
	}
	a, _, _ := mapFixture(e)
	all := estate.AssetExtent{Count: 3, BBox: estate.BBox{MinLon: -2.31, MinLat: 52.09, MaxLon: -1.9, MaxLat: 52.5}}
	seen := estate.AssetExtent{Count: 2, BBox: estate.BBox{MinLon: -2.31, MinLat: 52.09, MaxLon: -2.2, MaxLat: 52.2}}
	for _, v := range viewers {
		want := seen
		if v.sensitive {
			want = all
		}
		if got := extent(v.ctx); got != want {
			t.Errorf("%s: extent %+v, want %+v", v.name, got, want)
		}
	}
	// The extent follows the register: a cached one is not served stale.
	must(t, e.Assets.DeleteAsset(admin, a.ID, 1))
	if got := extent(public); got.Count != 1 || got.BBox != (estate.BBox{MinLon: -2.31, MinLat: 52.09, MaxLon: -2.29, MaxLat: 52.11}) {
		t.Errorf("after a delete: %+v", got)
	}
}

func testTags(t *testing.T, open Factory) {
	e := newEnv(t, open, "county", "police")
	if e.Tags == nil {
		t.Skip("the store lists no tags (no TagSource)")
	}
	tags := func(ctx context.Context, limit int) []estate.TagCount {
		got, err := e.Tags.FindTags(ctx, limit)
		must(t, err)
		return got
	}
	a, _, _ := mapFixture(e)
	e.create(NewAsset("police", "P", -2.2, 52.2))
	// Most used first, ties in tag order, so the answer (and its ETag)
	// is the same every time.
	for _, v := range viewers {
		want := []estate.TagCount{{Tag: "surplus", Assets: 2}, {Tag: "vacant", Assets: 2}}
		if v.sensitive {
			want = []estate.TagCount{{Tag: "surplus", Assets: 3}, {Tag: "vacant", Assets: 2}, {Tag: "hidden", Assets: 1}}
		}
		if got := tags(v.ctx, 10); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: tags %+v, want %+v", v.name, got, want)
		}
	}
	if got := tags(admin, 1); !reflect.DeepEqual(got, []estate.TagCount{{Tag: "surplus", Assets: 3}}) {
		t.Errorf("limit 1: %+v", got)
	}
	_, err := e.Assets.UpdateAsset(admin, a.ID, 1, func(x *estate.Asset) error { x.Tags = nil; return nil })
	must(t, err)
	if got := tags(public, 10); !reflect.DeepEqual(got, []estate.TagCount{{Tag: "surplus", Assets: 1}, {Tag: "vacant", Assets: 1}}) {
		t.Errorf("after untagging: %+v", got)
	}
}
