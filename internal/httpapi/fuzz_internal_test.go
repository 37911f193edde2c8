package httpapi

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
)

// FuzzMergePatch fuzzes RFC 7396 merge-patch application on its own,
// where no version check stands in front of it: no panic, and applying
// the same patch twice gives what applying it once does (merge patches
// are idempotent).
func FuzzMergePatch(f *testing.F) {
	f.Add(`{"a":1,"b":{"c":2}}`, `{"b":{"c":null,"d":[1,2]},"e":"x"}`)
	f.Add(`{"properties":{"tags":["a"]}}`, `{"properties":{"tags":null}}`)
	f.Add(`{}`, `{"a":{"b":{"c":{"d":null}}}}`)
	f.Add(`{"n":12345678901234567890123}`, `{"n":1e400}`)
	f.Add(`[]`, `{"a":1}`)
	f.Add(`{"a":1}`, `[1,2]`)
	f.Add(`{"a":1}`, `{"a":1} {"b":2}`)
	f.Fuzz(func(t *testing.T, doc, patch string) {
		once, err := mergePatch([]byte(doc), []byte(patch))
		if err != nil {
			return
		}
		twice, err := mergePatch(once, []byte(patch))
		if err != nil {
			t.Fatalf("patch applied once but not twice: %v", err)
		}
		if !bytes.Equal(once, twice) {
			t.Fatalf("not idempotent:\nonce  %s\ntwice %s", once, twice)
		}
	})
}

// FuzzApplyFeaturePatch fuzzes the patch of an asset's Feature as PATCH
// applies it inside the store's transaction: no panic; a refusal is a
// validation problem (400), never an internal error; the asset is left
// untouched when refused; and an accepted patch applied again changes
// nothing more.
func FuzzApplyFeaturePatch(f *testing.F) {
	f.Add(`{"properties":{"name":"x","notes":null}}`)
	f.Add(`{"geometry":{"type":"Point","coordinates":[-2.1,52.3]}}`)
	f.Add(`{"geometry":{"type":"LineString","coordinates":[[0,0],[1,1]]}}`)
	f.Add(`{"properties":{"footprint":{"type":"Polygon","coordinates":[[[-2.2,52.2],[-2.19,52.2],[-2.19,52.21],[-2.2,52.2]]]}}}`)
	f.Add(`{"id":2}`)
	f.Add(`{"properties":{"version":9,"rag_set_by":"me"}}`)
	f.Add(`{"properties":{"occupiers":[{"partner":"police","area_m2":10}],"tags":["b","a","a"]}}`)
	f.Add(`{"properties":{"market_value_gbp":9223372036854775808}}`)
	f.Add(`{"type":"FeatureCollection"}`)
	f.Add(`null`)
	f.Fuzz(func(t *testing.T, patch string) {
		orig := fuzzAsset()
		a := orig.Clone()
		err := applyFeaturePatch(a, []byte(patch))
		if err != nil {
			if code := estate.ErrorCode(err); code != estate.EINVALID {
				t.Fatalf("refusal is %q, not invalid: %v", code, err)
			}
			if !reflect.DeepEqual(a, orig) {
				t.Fatalf("refused patch changed the asset: %+v", a)
			}
			return
		}
		a.Normalize()
		again := a.Clone()
		if err := applyFeaturePatch(again, []byte(patch)); err != nil {
			t.Fatalf("patch applied once but refused the second time: %v", err)
		}
		again.Normalize()
		if d := estate.Diff(a, again); len(d) > 0 {
			t.Fatalf("applying the patch again changed %+v", d)
		}
	})
}

func fuzzAsset() *estate.Asset {
	v := int64(250000)
	gia := 500.0
	return &estate.Asset{ID: 1, Partner: "county", AssetCode: "P", Name: "Patched", Holding: estate.HoldingBuilding,
		Location: estate.Point{Lon: -2.2, Lat: 52.2}, Tenure: estate.TenureFreehold, GIAM2: &gia, MarketValueGBP: &v,
		Tags: []string{"hub"}, RAG: estate.RAGUnrated, Version: 3}
}
