package insight_test

import (
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/placetrust/placetrust/internal/analysis"
	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/insight"
	"github.com/placetrust/placetrust/internal/register"
)

// TestColocationFilterKeepsPairs: on the demo estate, a filter selects
// the opportunities of the whole run that involve it, as hub or member,
// in the co-location analysis and in the trust view alike.
func TestColocationFilterKeepsPairs(t *testing.T) {
	store, assets := demoStore(t)
	svc := insight.New(register.New(store), false)
	byID := indexByID(assets)
	p := analysis.DefaultColocationParams()
	all, err := svc.Colocation(admin, p, estate.Selection{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		f    estate.Selection
		in   func(*estate.Asset) bool
	}{
		{"partner", estate.Selection{Partners: []string{"wychavon-dc"}}, func(a *estate.Asset) bool { return a.Partner == "wychavon-dc" }},
		{"rag", estate.Selection{RAGs: []estate.RAG{estate.RAGRed}}, func(a *estate.Asset) bool { return a.RAG == estate.RAGRed }},
		{"town text", estate.Selection{Q: "pershore"}, func(a *estate.Asset) bool { return strings.Contains(strings.ToLower(a.Town), "pershore") }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var want []int64
			for _, o := range all.Opportunities {
				involved := tt.in(byID[o.Hub.ID])
				for _, m := range o.Members {
					involved = involved || tt.in(byID[m.ID])
				}
				if involved {
					want = append(want, o.Hub.ID)
				}
			}
			rep, err := svc.Colocation(admin, p, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			var got []int64
			for _, o := range rep.Opportunities {
				got = append(got, o.Hub.ID)
			}
			if len(want) == 0 || len(want) == all.Count || !slices.Equal(got, want) || rep.Count != len(want) {
				t.Errorf("%d opportunities %v, want the %d of %d involving the filter %v", rep.Count, got, len(want), all.Count, want)
			}
			view, err := svc.Trust(admin, p, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			if view.Colocation == nil || view.Colocation.Count != len(want) || view.Colocation.AnnualSavingGBP != rep.AnnualSavingGBP {
				t.Errorf("trust view co-location %+v, analysis %d saving %d", view.Colocation, len(want), rep.AnnualSavingGBP)
			}
		})
	}
}

// TestTrustColocationSettings: the trust view's co-location figures follow
// the co-location settings and receipt assumptions it is given, and equal
// the analysis run with them.
func TestTrustColocationSettings(t *testing.T) {
	store, _ := demoStore(t)
	svc := insight.New(register.New(store), false)
	p := analysis.DefaultColocationParams()
	p.DistanceM, p.MinPartners, p.PGreen = 250, 3, 0.7
	view, err := svc.Trust(admin, p, estate.Selection{})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := svc.Colocation(admin, p, estate.Selection{})
	if err != nil {
		t.Fatal(err)
	}
	def, err := svc.Trust(admin, analysis.DefaultColocationParams(), estate.Selection{})
	if err != nil {
		t.Fatal(err)
	}
	if view.Colocation.Params != p || view.Colocation.Count != rep.Count || view.Colocation.CentralReceiptGBP != rep.CentralReceiptGBP ||
		view.Colocation.Count == def.Colocation.Count || view.Params != p.ReceiptParams {
		t.Errorf("trust view %+v, analysis %+v, defaults %+v", view.Colocation, rep.ColocationSummary, def.Colocation)
	}
	both, coloc, err := svc.TrustReport(admin, p, estate.Selection{})
	if err != nil || both.Colocation.Count != coloc.Count || coloc.Count != rep.Count {
		t.Errorf("trust report %v: %+v and %d", err, both.Colocation, coloc.Count)
	}
}

// TestFilterMeansWhatTheAssetListMeans: holding, tenure and q select, in
// the analyses, exactly the assets the asset list's filters select.
func TestFilterMeansWhatTheAssetListMeans(t *testing.T) {
	store, assets := demoStore(t)
	svc := insight.New(register.New(store), false)
	var street, postcode string
	for _, a := range assets {
		if a.StreetName != "" && a.Postcode != "" && a.Town == "Evesham" {
			street, postcode = a.StreetName, a.Postcode[:4]
			break
		}
	}
	for _, tt := range []struct {
		name string
		f    estate.Selection
		af   estate.AssetFilter
	}{
		{"holding", estate.Selection{Holdings: []estate.Holding{estate.HoldingLand}}, estate.AssetFilter{Selection: estate.Selection{Holdings: []estate.Holding{estate.HoldingLand}}}},
		{"tenure", estate.Selection{Tenures: []estate.Tenure{estate.TenureLeasehold, estate.TenureLicence}},
			estate.AssetFilter{Selection: estate.Selection{Tenures: []estate.Tenure{estate.TenureLeasehold, estate.TenureLicence}}}},
		{"q in a town", estate.Selection{Q: "eveSHAM"}, estate.AssetFilter{Selection: estate.Selection{Q: "eveSHAM"}}},
		{"q in a street", estate.Selection{Q: strings.ToUpper(street)}, estate.AssetFilter{Selection: estate.Selection{Q: strings.ToUpper(street)}}},
		{"q in a postcode", estate.Selection{Q: postcode}, estate.AssetFilter{Selection: estate.Selection{Q: postcode}}},
		{"q in a use", estate.Selection{Q: "library", Partners: []string{"worcestershire-cc"}},
			estate.AssetFilter{Selection: estate.Selection{Q: "library", Partners: []string{"worcestershire-cc"}}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			want, err := store.CountAssets(admin, tt.af)
			if err != nil {
				t.Fatal(err)
			}
			rep, err := svc.Receipts(admin, analysis.DefaultReceiptParams(), tt.f, analysis.ByPartner)
			if err != nil {
				t.Fatal(err)
			}
			view, err := svc.Trust(admin, analysis.DefaultColocationParams(), tt.f)
			if err != nil {
				t.Fatal(err)
			}
			if want == 0 || want == len(assets) || rep.Total.Assets != want || view.Total.Assets != want {
				t.Errorf("receipts count %d assets, trust %d, the asset list %d (of %d)", rep.Total.Assets, view.Total.Assets, want, len(assets))
			}
		})
	}
}

// TestConcurrentTrust: callers arriving together share one co-location
// run and get the same answer (run with -race).
func TestConcurrentTrust(t *testing.T) {
	store, _ := demoStore(t)
	svc := insight.New(register.New(store), false)
	views := make([]analysis.TrustView, 6)
	errs := make([]error, len(views))
	var wg sync.WaitGroup
	for i := range views {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p := analysis.DefaultColocationParams()
			p.PGreen = 0.5 + 0.05*float64(i) // other receipts, the same run
			views[i], errs[i] = svc.Trust(admin, p, estate.Selection{})
		}()
	}
	wg.Wait()
	for i, v := range views {
		if errs[i] != nil || v.Colocation == nil || v.Colocation.Count != views[0].Colocation.Count || v.Colocation.Count == 0 {
			t.Errorf("caller %d: %v %+v", i, errs[i], v.Colocation)
		}
	}
}
