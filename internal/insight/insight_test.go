package insight_test

import (
	"context"
	"encoding/json"
	"path/filepath"
	"slices"
	"testing"

	"github.com/placetrust/placetrust/internal/analysis"
	"github.com/placetrust/placetrust/internal/demo"
	"github.com/placetrust/placetrust/internal/estate"
	goldenfile "github.com/placetrust/placetrust/internal/golden"
	"github.com/placetrust/placetrust/internal/insight"
	"github.com/placetrust/placetrust/internal/register"
	"github.com/placetrust/placetrust/internal/service"
	"github.com/placetrust/placetrust/internal/sqlite"
)

var admin = estate.NewContextWithActor(context.Background(), estate.Actor{Name: "t", Role: estate.RoleAdmin})

// store is a register's assets and the feed of its copy.
type store struct {
	estate.AssetService
	estate.RegisterFeed
}

// demoStore loads the demo estate into a real database.
func demoStore(t *testing.T) (*store, []*estate.Asset) {
	t.Helper()
	ps, as := demo.Estate(demo.DefaultSeed)
	return storeOf(t, ps, as)
}

// storeOf loads partners ps and assets as into a real database.
func storeOf(t *testing.T, ps []*estate.Partner, as []*estate.Asset) (*store, []*estate.Asset) {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "d.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	svc := service.New(db, service.Options{ServiceArea: estate.GreatBritain})
	for _, p := range ps {
		if err := svc.Partners.CreatePartner(admin, p); err != nil {
			t.Fatal(err)
		}
	}
	if err := svc.Assets.CreateAssets(admin, as, estate.ActionCreate); err != nil {
		t.Fatal(err)
	}
	return &store{svc.Assets, svc.Feed}, as
}

// indexByID maps the assets by id.
func indexByID(assets []*estate.Asset) map[int64]*estate.Asset {
	byID := make(map[int64]*estate.Asset, len(assets))
	for _, a := range assets {
		byID[a.ID] = a
	}
	return byID
}

// sensitiveViewers returns the demo's first sensitive asset and two
// viewers: one of its owner, who sees it, and one of another partner, who
// does not.
func sensitiveViewers(t *testing.T, assets []*estate.Asset) (sensitive *estate.Asset, owner, other context.Context) {
	t.Helper()
	i := slices.IndexFunc(assets, func(a *estate.Asset) bool { return a.Sensitive })
	if i < 0 {
		t.Fatal("the demo has no sensitive asset")
	}
	sensitive = assets[i]
	owner = estate.NewContextWithActor(context.Background(), estate.Actor{Name: "o", Role: estate.RoleViewer, Partner: sensitive.Partner})
	other = estate.NewContextWithActor(context.Background(), estate.Actor{Name: "x", Role: estate.RoleViewer, Partner: "no-such"})
	return sensitive, owner, other
}

func golden(t *testing.T, name string, v any) {
	t.Helper()
	got, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	goldenfile.Check(t, name, got)
}

// TestDemoFigures pins the demo estate's trust view and checks it is
// sensible: receipts well below value, opportunities in market towns.
func TestDemoFigures(t *testing.T) {
	store, assets := demoStore(t)
	svc := insight.New(register.New(store), false)
	view, err := svc.Trust(admin, analysis.DefaultColocationParams(), estate.Selection{})
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "trust_demo.golden.json", view)
	if view.Total.Assets != len(assets) {
		t.Errorf("trust counts %d assets of %d", view.Total.Assets, len(assets))
	}
	if view.Total.MarketValueGBP < 3_000_000_000 {
		t.Errorf("market value £%d", view.Total.MarketValueGBP)
	}
	if c := view.Total.CentralReceiptGBP; c <= 0 || c > view.Total.MarketValueGBP/3 {
		t.Errorf("central receipt £%d against value £%d", c, view.Total.MarketValueGBP)
	}
	rep, err := svc.Colocation(admin, analysis.DefaultColocationParams(), estate.Selection{})
	if err != nil {
		t.Fatal(err)
	}
	byID := indexByID(assets)
	towns := map[string]bool{}
	for _, o := range rep.Opportunities {
		towns[byID[o.Hub.ID].Town] = true
	}
	for _, town := range []string{"Evesham", "Pershore", "Droitwich Spa", "Kidderminster", "Malvern"} {
		if !towns[town] {
			t.Errorf("no opportunity in %s (found %v)", town, towns)
		}
	}
	if view.Colocation == nil || view.Colocation.Count != len(rep.Opportunities) {
		t.Errorf("trust view co-location %+v, analysis found %d", view.Colocation, len(rep.Opportunities))
	}
	receipts, err := svc.Receipts(admin, analysis.DefaultReceiptParams(), estate.Selection{}, analysis.ByTown)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "receipts_by_town_demo.golden.json", receipts)
	if receipts.Total.CentralGBP != view.Total.CentralReceiptGBP {
		t.Errorf("receipts central £%d, trust view £%d", receipts.Total.CentralGBP, view.Total.CentralReceiptGBP)
	}
}

// TestVisibilityAndFreshness checks sensitive assets count only for who
// may see them, the public needs a token for money, and a write shows in
// the next answer.
func TestVisibilityAndFreshness(t *testing.T) {
	store, assets := demoStore(t)
	svc := insight.New(register.New(store), false)
	_, owner, other := sensitiveViewers(t, assets)
	count := func(ctx context.Context) int {
		v, err := svc.Trust(ctx, analysis.DefaultColocationParams(), estate.Selection{})
		if err != nil {
			t.Fatal(err)
		}
		return v.Total.Assets
	}
	if all, own, foreign := count(admin), count(owner), count(other); all != len(assets) || own >= all || foreign >= own {
		t.Errorf("admin sees %d, owner %d, others %d of %d", all, own, foreign, len(assets))
	}
	if _, err := svc.Trust(context.Background(), analysis.DefaultColocationParams(), estate.Selection{}); estate.ErrorCode(err) != estate.EUNAUTHORIZED {
		t.Errorf("anonymous trust view: %v", err)
	}
	if _, err := insight.New(register.New(store), true).Trust(context.Background(), analysis.DefaultColocationParams(), estate.Selection{}); err != nil {
		t.Errorf("anonymous with public money: %v", err)
	}

	// Rating an amber asset green never lowers expected receipts, and the
	// cached register notices the change.
	before, _ := svc.Receipts(admin, analysis.DefaultReceiptParams(), estate.Selection{}, analysis.ByRAG)
	i := slices.IndexFunc(assets, func(a *estate.Asset) bool {
		return a.RAG == estate.RAGAmber && a.Tenure == estate.TenureFreehold && a.MarketValueGBP != nil && *a.MarketValueGBP > 1_000_000
	})
	a := assets[i]
	if _, err := store.SetAssetRAG(admin, a.ID, a.Version, estate.RAGUpdate{Rating: estate.RAGGreen, Rationale: "Declared surplus"}); err != nil {
		t.Fatal(err)
	}
	after, _ := svc.Receipts(admin, analysis.DefaultReceiptParams(), estate.Selection{}, analysis.ByRAG)
	if after.Total.CentralGBP <= before.Total.CentralGBP {
		t.Errorf("central receipts %d -> %d after rating a valuable amber asset green", before.Total.CentralGBP, after.Total.CentralGBP)
	}
}
