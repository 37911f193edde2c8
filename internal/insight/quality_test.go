package insight_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/analysis"
	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/insight"
	"github.com/placetrust/placetrust/internal/register"
)

// TestQualityViewers: the quality view shows no money, so the public has
// it without --public-money; each viewer's figures are of the assets it
// may see; ages are measured by the service's clock unless as_of is
// given; a write shows in the next answer.
func TestQualityViewers(t *testing.T) {
	store, assets := demoStore(t)
	svc := insight.New(register.New(store), false)
	// The demo's ratings were made on 2026-04-01.
	svc.SetClock(func() time.Time { return time.Date(2027, 4, 1, 9, 0, 0, 500, time.UTC) })
	_, owner, other := sensitiveViewers(t, assets)
	quality := func(ctx context.Context, p analysis.QualityParams) analysis.QualityReport {
		t.Helper()
		rep, err := svc.Quality(ctx, p, estate.Selection{})
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}
	rep := quality(admin, analysis.DefaultQualityParams(time.Time{}))
	if !rep.Params.AsOf.Equal(time.Date(2027, 4, 1, 9, 0, 0, 0, time.UTC)) || rep.Total.Assets != len(assets) {
		t.Errorf("as of %v (the clock, to the second), %d assets of %d", rep.Params.AsOf, rep.Total.Assets, len(assets))
	}
	if rep.Total.Rated == 0 || rep.Total.StaleRatings != 0 || rep.RegisterVersion == 0 {
		t.Errorf("a year to the hour after the demo was rated: %d rated, %d stale, version %d",
			rep.Total.Rated, rep.Total.StaleRatings, rep.RegisterVersion)
	}
	late := analysis.DefaultQualityParams(time.Date(2027, 4, 1, 9, 0, 1, 0, time.UTC))
	if r := quality(admin, late); r.Total.StaleRatings != r.Total.Rated {
		t.Errorf("a second later: %d stale of %d rated", r.Total.StaleRatings, r.Total.Rated)
	}
	all, own, foreign := rep.Total.Assets, quality(owner, late).Total.Assets, quality(other, late).Total.Assets
	public := quality(context.Background(), late).Total.Assets
	if own >= all || foreign >= own || public != foreign {
		t.Errorf("admin sees %d, owner %d, other partners %d, the public %d", all, own, foreign, public)
	}
	if _, err := svc.Quality(admin, analysis.QualityParams{}, estate.Selection{}); estate.ErrorCode(err) != estate.EINVALID {
		t.Errorf("zero parameters: %v", err)
	}

	i := slices.IndexFunc(assets, func(a *estate.Asset) bool { return a.RAG == estate.RAGUnrated && !a.Sensitive })
	a := assets[i]
	if _, err := store.SetAssetRAG(admin, a.ID, a.Version, estate.RAGUpdate{Rating: estate.RAGAmber, Rationale: "Reviewed"}); err != nil {
		t.Fatal(err)
	}
	if after := quality(admin, late); after.Total.Rated != rep.Total.Rated+1 || after.Total.WithRationale != rep.Total.WithRationale+1 {
		t.Errorf("after rating one more: %d rated, %d with a reason (before %d, %d)", after.Total.Rated,
			after.Total.WithRationale, rep.Total.Rated, rep.Total.WithRationale)
	}
}
