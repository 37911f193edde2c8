package api_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/placetrust/placetrust"
	"github.com/placetrust/placetrust/api"
	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/httpapi"
	"github.com/placetrust/placetrust/internal/insight"
	"github.com/placetrust/placetrust/internal/register"
	"github.com/placetrust/placetrust/internal/service"
	"github.com/placetrust/placetrust/internal/sqlite"
)

// TestGeneratedClient drives the real server with the client generated
// from openapi.yaml: if the spec and the server drift apart, the client's
// typed decoding fails here.
func TestGeneratedClient(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "api.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	seed := estate.NewContextWithActor(ctx, estate.Actor{Name: "seed", Role: estate.RoleAdmin})
	svc := service.New(db, service.Options{ServiceArea: estate.GreatBritain})
	reg := register.New(svc.Feed) // the tiles' and the analyses' one copy
	secret, err := svc.Tokens.CreateToken(seed, &estate.Token{Name: "client", Role: estate.RoleAdmin})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(httpapi.New(httpapi.Config{RatePerSecond: -1}, httpapi.Services{
		Services: *svc, Analyses: insight.New(reg, false), Register: reg, Spec: placetrust.OpenAPI,
	}))
	defer srv.Close()
	auth := func(_ context.Context, r *http.Request) error {
		r.Header.Set("Authorization", "Bearer "+secret)
		return nil
	}
	c, err := api.NewClientWithResponses(srv.URL, api.WithRequestEditorFn(auth))
	if err != nil {
		t.Fatal(err)
	}

	uri := "https://opendatacommunities.org/id/county-council/worcestershire"
	p, err := c.CreatePartnerWithResponse(ctx, api.CreatePartnerJSONRequestBody{Id: "worcestershire-cc",
		Name: "Worcestershire County Council", Kind: api.PartnerKindCountyCouncil, Uri: &uri})
	if err != nil || p.JSON201 == nil {
		t.Fatalf("create partner: %v %s", err, p.Body)
	}
	gia, value, uprn, tenure := 820.0, int64(2_100_000), "000100012345", api.AssetPropertiesTenureFreehold
	created, err := c.CreateAssetWithResponse(ctx, api.AssetFeature{
		Type:     api.AssetFeatureTypeFeature,
		Geometry: api.Point{Type: api.PointTypePoint, Coordinates: []float64{-2.2209123, 52.1937456}},
		Properties: api.AssetProperties{Partner: "worcestershire-cc", AssetCode: "GEN-1", Name: "County library",
			GiaM2: &gia, MarketValueGbp: &value, Uprn: &uprn, Tenure: &tenure},
	})
	if err != nil || created.ApplicationgeoJSON201 == nil {
		t.Fatalf("create asset: %v %d %s", err, created.StatusCode(), created.Body)
	}
	a := created.ApplicationgeoJSON201
	if a.Geometry.Coordinates[0] != -2.2209123 || *a.Properties.Uprn != uprn || *a.Properties.Version != 1 {
		t.Errorf("created %+v", a)
	}
	id := *a.Id
	got, err := c.GetAssetWithResponse(ctx, id, nil)
	if err != nil || got.ApplicationgeoJSON200 == nil || got.HTTPResponse.Header.Get("ETag") != `"1"` {
		t.Fatalf("get: %v %s", err, got.Body)
	}
	notes := map[string]any{"properties": map[string]any{"notes": "Ground floor only"}}
	ifMatch := `"1"`
	patched, err := c.PatchAssetWithApplicationMergePatchPlusJSONBodyWithResponse(ctx, id, &api.PatchAssetParams{IfMatch: &ifMatch}, notes)
	if err != nil || patched.ApplicationgeoJSON200 == nil || *patched.ApplicationgeoJSON200.Properties.Notes != "Ground floor only" {
		t.Fatalf("patch: %v %s", err, patched.Body)
	}
	stale, err := c.PatchAssetWithApplicationMergePatchPlusJSONBodyWithResponse(ctx, id, &api.PatchAssetParams{IfMatch: &ifMatch}, notes)
	if err != nil || stale.ApplicationproblemJSON412 == nil || *stale.ApplicationproblemJSON412.Version != 2 {
		t.Fatalf("stale patch: %v %d %s", err, stale.StatusCode(), stale.Body)
	}
	ifMatch = `"2"`
	why := "Library moving to the hub"
	rated, err := c.PutAssetRAGWithResponse(ctx, id, &api.PutAssetRAGParams{IfMatch: &ifMatch},
		api.PutAssetRAGJSONRequestBody{Rating: api.RAGInputRatingGreen, Rationale: &why})
	if err != nil || rated.ApplicationgeoJSON200 == nil || *rated.ApplicationgeoJSON200.Properties.Rag != api.AssetPropertiesRagGreen {
		t.Fatalf("rag: %v %s", err, rated.Body)
	}
	hist, err := c.GetAssetHistoryWithResponse(ctx, id, nil)
	if err != nil || hist.JSON200 == nil || len(hist.JSON200.Events) != 3 {
		t.Fatalf("history: %v %s", err, hist.Body)
	}
	bbox := "-2.3,52.1,-2.1,52.3"
	list, err := c.ListAssetsWithResponse(ctx, &api.ListAssetsParams{Bbox: &bbox})
	if err != nil || list.ApplicationgeoJSON200 == nil || list.ApplicationgeoJSON200.NumberReturned != 1 {
		t.Fatalf("list: %v %s", err, list.Body)
	}
	trust, err := c.GetTrustWithResponse(ctx, nil)
	if err != nil || trust.JSON200 == nil || trust.JSON200.Total.Assets != 1 || trust.JSON200.Total.CentralReceiptGbp <= 0 {
		t.Fatalf("trust: %v %s", err, trust.Body)
	}
	months := 6
	quality, err := c.GetQualityWithResponse(ctx, &api.GetQualityParams{StaleMonths: &months})
	if err != nil || quality.JSON200 == nil {
		t.Fatalf("quality: %v %s", err, quality.Body)
	}
	if q := quality.JSON200; q.Params.StaleMonths != 6 || q.Total.Rated != 1 || q.Total.WithRationale != 1 ||
		q.Total.StaleRatings != 0 || q.Total.Shares.Uprn == nil || *q.Total.Shares.Uprn != 1 || q.Duplicates.Count != 0 {
		t.Errorf("quality %+v", q)
	}
}
