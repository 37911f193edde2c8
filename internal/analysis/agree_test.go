package analysis

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
)

// withProgramme gives about a third of assets a disposal programme from
// a random stream of its own (so genAssets' assets are otherwise
// unchanged): every stage, target dates either side of asAt on some,
// receipts and their dates on the achieved.
func withProgramme(seed uint64, assets []*estate.Asset, asAt time.Time, dated bool) {
	rng := rand.New(rand.NewPCG(seed, 77))
	for _, a := range assets {
		if rng.Float64() > 0.35 {
			continue
		}
		a.DisposalStage = estate.DisposalStages[1+rng.IntN(len(estate.DisposalStages)-1)]
		switch a.DisposalStage {
		case estate.StageSold, estate.StageTransferred:
			r := int64(rng.IntN(3_000_000))
			a.ReceiptGBP, a.ReceiptDate = &r, asAt.AddDate(0, 0, -rng.IntN(900)).Format(DateLayout)
		default:
			if dated && rng.Float64() < 0.6 {
				a.DisposalTarget = asAt.AddDate(0, 0, rng.IntN(2000)-300).Format(DateLayout)
			}
		}
	}
}

// TestExpectedFiguresAgree: the receipts analysis, the trust view, the
// year profile and a scenario's base side agree on what is expected.
// None counts an asset sold, transferred or withdrawn; the trust view's
// central receipt is the receipts analysis's; without target dates the
// year profile's low, central and high totals are the receipts
// analysis's exactly; with them, they differ by exactly what discounting
// each dated open disposal to its target date (overdue: not at all),
// instead of over its rating's lead time, changes, recomputed here with
// the formula written out.
func TestExpectedFiguresAgree(t *testing.T) {
	asAt := time.Date(2026, time.June, 1, 0, 0, 0, 0, time.UTC)
	for seed := uint64(1); seed <= 8; seed++ {
		for _, dated := range []bool{false, true} {
			rng := rand.New(rand.NewPCG(seed, 21))
			assets := genAssets(seed, 4000, county, 6)
			withProgramme(seed, assets, asAt, dated)
			p := randomReceiptParams(rng)
			f := randomFilter(rng)
			if seed <= 2 {
				p, f = DefaultReceiptParams(), estate.Selection{}
			}
			rs := copied(assets)
			rep, err := Receipts(rs, p, f, ByStage)
			if err != nil {
				t.Fatal(err)
			}
			tv, err := Trust(rs, p, f, nil)
			if err != nil {
				t.Fatal(err)
			}
			yp, err := Profile(rs, p, asAt.Format(DateLayout), f, ByPartner)
			if err != nil {
				t.Fatal(err)
			}
			sc, err := Scenario(rs, p, asAt.Format(DateLayout), f, nil)
			if err != nil {
				t.Fatal(err)
			}
			if tv.Total.CentralReceiptGBP != rep.Total.CentralGBP {
				t.Errorf("seed %d: trust central %d, receipts central %d", seed, tv.Total.CentralReceiptGBP, rep.Total.CentralGBP)
			}
			if sc.Base.Total != yp.Total.Total {
				t.Errorf("seed %d: scenario base %+v, profile %+v", seed, sc.Base.Total, yp.Total.Total)
			}
			for _, g := range rep.Groups {
				switch g.Key {
				case string(estate.StageSold), string(estate.StageTransferred), string(estate.StageWithdrawn):
					if g.LowGBP != 0 || g.CentralGBP != 0 || g.HighGBP != 0 || g.RentSavedGBPPA != 0 {
						t.Errorf("seed %d: %s assets expect %+v", seed, g.Key, g.ReceiptTotals)
					}
				}
			}
			// What dating moves, asset by asset.
			var shift [3]int64
			n := 0
			m := [3]float64{p.HaircutLow, p.HaircutCentral, p.HaircutHigh}
			for _, a := range assets {
				if !testMatch(f, a) || a.DisposalTarget == "" || !a.DisposalStage.Open() {
					continue
				}
				r := AssetReceipt(copiedOne(a), p)
				if r.Basis != BasisFreehold || r.Probability == 0 {
					continue
				}
				n++
				d, _ := time.Parse(DateLayout, a.DisposalTarget)
				years := 0.0
				if d.After(asAt) {
					years = d.Sub(asAt).Hours() / 24 / 365.25
				}
				net := func(h float64) float64 {
					x := float64(*a.MarketValueGBP) * (1 - h) * (1 - p.Fees)
					if a.GIAM2 != nil {
						u := 1.0
						if a.UtilisationPct != nil {
							u = *a.UtilisationPct / 100
						}
						x -= p.RelocationPerM2 * *a.GIAM2 * u
					}
					return math.Max(x, 0)
				}
				for i, lead := range []int64{r.LowGBP, r.CentralGBP, r.HighGBP} {
					shift[i] += int64(math.Round(net(m[i])*r.Probability/math.Pow(1+p.DiscountRate, years))) - lead
				}
			}
			got := [3]int64{yp.Total.Total.LowGBP - rep.Total.LowGBP, yp.Total.Total.CentralGBP - rep.Total.CentralGBP,
				yp.Total.Total.HighGBP - rep.Total.HighGBP}
			if !dated && (got != [3]int64{} || yp.Dated != 0) {
				t.Errorf("seed %d, no dates: profile less receipts %v (dated %d), want 0", seed, got, yp.Dated)
			}
			// One pound an asset: the formula here rounds apart from the model.
			for i := range got {
				if d := got[i] - shift[i]; d < -int64(n) || d > int64(n) {
					t.Errorf("seed %d dated %v: profile less receipts %v, dating recomputed %v", seed, dated, got, shift)
					break
				}
			}
			if yp.Dated != n {
				t.Errorf("seed %d dated %v: profile dated %d, %d open freehold expected with a target", seed, dated, yp.Dated, n)
			}
		}
	}
}
