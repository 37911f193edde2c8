package analysis

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
)

// county is the box of the invariant tests: a county's worth of estate.
var county = estate.BBox{MinLon: -2.5, MinLat: 52.0, MaxLon: -2.0, MaxLat: 52.4}

func TestColocationInvariants(t *testing.T) {
	for seed := uint64(1); seed <= 12; seed++ {
		rng := rand.New(rand.NewPCG(seed, 3))
		assets := genAssets(seed, 1500+rng.IntN(2500), county, 3+rng.IntN(20))
		p := DefaultColocationParams()
		p.DistanceM = rng.Float64() * 2000
		p.MinPartners = 2 + rng.IntN(3)
		p.Densify = 0.05 + 0.95*rng.Float64()
		p.ReceiptParams = randomReceiptParams(rng)
		rep, err := Colocation(copied(assets), p, estate.Selection{})
		if err != nil {
			t.Fatal(err)
		}
		checkColocation(t, assets, p, rep)
	}
}

func checkColocation(t *testing.T, assets []*estate.Asset, p ColocationParams, rep ColocationReport) {
	t.Helper()
	byID := map[int64]*estate.Asset{}
	for _, a := range assets {
		byID[a.ID] = a
	}
	used := map[int64]bool{}
	once := func(id int64) {
		if used[id] {
			t.Errorf("asset %d is in two opportunities", id)
		}
		used[id] = true
	}
	var saving, receipt int64
	for i, o := range rep.Opportunities {
		hub := byID[o.Hub.ID]
		once(hub.ID)
		if !isBuilding(copiedOne(hub)) || rating(hub.RAG) == estate.RAGGreen {
			t.Errorf("hub %d is not a hub: %s %s", hub.ID, hub.Holding, hub.RAG)
		}
		if i > 0 && o.AnnualSavingGBP > rep.Opportunities[i-1].AnnualSavingGBP {
			t.Errorf("opportunity %d saves more than the one before it", i)
		}
		if o.SpaceUsedM2 > o.SpaceOfferedM2 {
			t.Errorf("hub %d: space used %v above offered %v", hub.ID, o.SpaceUsedM2, o.SpaceOfferedM2)
		}
		partners := []string{hub.Partner}
		var need float64
		var s, r int64
		for j, m := range o.Members {
			a := byID[m.ID]
			once(a.ID)
			if d := estate.Distance(hub.Location, a.Location); d > p.DistanceM || m.DistanceM > p.DistanceM ||
				math.Abs(d-m.DistanceM) > 0.0005 {
				t.Errorf("member %d of hub %d at %v m (reported %v), limit %v", a.ID, hub.ID, d, m.DistanceM, p.DistanceM)
			}
			if j > 0 && m.DistanceM < o.Members[j-1].DistanceM {
				t.Errorf("hub %d: members not nearest first", hub.ID)
			}
			if a.Partner == hub.Partner || (rating(a.RAG) != estate.RAGGreen && rating(a.RAG) != estate.RAGAmber) || !isBuilding(copiedOne(a)) {
				t.Errorf("member %d of hub %d may not move", a.ID, hub.ID)
			}
			// From the asset, not the rounded report.
			need += *a.GIAM2 * a.Utilisation() * p.Densify
			if math.Abs(m.NeedM2-*a.GIAM2*a.Utilisation()*p.Densify) > 0.05+1e-9 {
				t.Errorf("member %d: need %v reported %v", a.ID, *a.GIAM2*a.Utilisation()*p.Densify, m.NeedM2)
			}
			s += annualSaving(copiedOne(a))
			r += AssetReceipt(copiedOne(a), p.ReceiptParams).CentralGBP
			if !slices.Contains(partners, a.Partner) {
				partners = append(partners, a.Partner)
			}
		}
		slices.Sort(partners)
		if len(partners) < p.MinPartners || !slices.Equal(partners, o.Partners) {
			t.Errorf("hub %d: partners %v (reported %v), min %d", hub.ID, partners, o.Partners, p.MinPartners)
		}
		if spare := *hub.GIAM2 * (1 - hub.Utilisation()); need > spare+1e-9 {
			t.Errorf("hub %d: members need %v, spare %v", hub.ID, need, spare)
		}
		// Floor areas are reported to 0.1 m².
		if math.Abs(need-o.SpaceUsedM2) > 0.05+1e-9 || s != o.AnnualSavingGBP || r != o.CentralReceiptGBP {
			t.Errorf("hub %d: sums %v/%d/%d, reported %v/%d/%d", hub.ID, need, s, r,
				o.SpaceUsedM2, o.AnnualSavingGBP, o.CentralReceiptGBP)
		}
		saving += o.AnnualSavingGBP
		receipt += o.CentralReceiptGBP
	}
	if rep.Count != len(rep.Opportunities) || rep.AnnualSavingGBP != saving || rep.CentralReceiptGBP != receipt {
		t.Errorf("summary %d/%d/%d, sums %d/%d/%d", rep.Count, rep.AnnualSavingGBP, rep.CentralReceiptGBP,
			len(rep.Opportunities), saving, receipt)
	}
	// Greedy runs to the end: no free hub could still make an opportunity.
	taken := map[int64]bool{}
	for id := range used {
		taken[id] = true
	}
	for _, h := range assets {
		if !taken[h.ID] && isBuilding(copiedOne(h)) && rating(h.RAG) != estate.RAGGreen && bruteHub(h, assets, taken, p) != nil {
			t.Errorf("hub %d still has an opportunity", h.ID)
		}
	}
}

func TestReceiptsInvariants(t *testing.T) {
	for seed := uint64(1); seed <= 10; seed++ {
		rng := rand.New(rand.NewPCG(seed, 5))
		assets := genAssets(seed, 5000, county, 8)
		p := randomReceiptParams(rng)
		if err := p.Validate(); err != nil {
			t.Fatalf("random parameters: %v", err)
		}
		f := randomFilter(rng)
		var want ReceiptTotals
		for _, a := range assets {
			if Match(f, a) {
				r := AssetReceipt(copiedOne(a), p)
				want.add(&r)
			}
		}
		for _, by := range GroupBys {
			rep, err := Receipts(copied(assets), p, f, by)
			if err != nil {
				t.Fatal(err)
			}
			var sum ReceiptTotals
			for _, g := range rep.Groups {
				sum.plus(g.ReceiptTotals)
			}
			if sum != rep.Total || rep.Total != want {
				t.Errorf("seed %d by %s: groups add to %+v, total %+v, assets add to %+v", seed, by, sum, rep.Total, want)
			}
			if rep.Total.LowGBP > rep.Total.CentralGBP || rep.Total.CentralGBP > rep.Total.HighGBP {
				t.Errorf("seed %d: low %d, central %d, high %d out of order", seed, rep.Total.LowGBP, rep.Total.CentralGBP, rep.Total.HighGBP)
			}
		}
	}
}

// TestBetterRatingNeverLowersReceipts: amber to green (and red to amber)
// never lowers an asset's expected receipts or rent saved, nor the totals,
// under random valid parameters.
func TestBetterRatingNeverLowersReceipts(t *testing.T) {
	for seed := uint64(1); seed <= 20; seed++ {
		rng := rand.New(rand.NewPCG(seed, 9))
		assets := genAssets(seed, 2000, county, 5)
		p := randomReceiptParams(rng)
		if seed == 1 {
			p = DefaultReceiptParams()
		}
		before, err := Receipts(copied(assets), p, estate.Selection{}, ByPartner)
		if err != nil {
			t.Fatal(err)
		}
		for _, step := range [][2]estate.RAG{{estate.RAGAmber, estate.RAGGreen}, {estate.RAGRed, estate.RAGAmber}} {
			for _, a := range assets {
				if a.RAG != step[0] {
					continue
				}
				b := a.Clone()
				b.RAG = step[1]
				ra, rb := AssetReceipt(copiedOne(a), p), AssetReceipt(copiedOne(b), p)
				if rb.LowGBP < ra.LowGBP || rb.CentralGBP < ra.CentralGBP || rb.HighGBP < ra.HighGBP ||
					rb.RentSavedGBPPA < ra.RentSavedGBPPA {
					t.Fatalf("seed %d: %s→%s lowers asset %d: %+v → %+v", seed, step[0], step[1], a.ID, ra, rb)
				}
			}
		}
		// one asset changed in place, as an officer would
		i := slices.IndexFunc(assets, func(a *estate.Asset) bool { return a.RAG == estate.RAGAmber })
		assets[i].RAG = estate.RAGGreen
		after, err := Receipts(copied(assets), p, estate.Selection{}, ByPartner)
		if err != nil {
			t.Fatal(err)
		}
		b, a := before.Total, after.Total
		if a.LowGBP < b.LowGBP || a.CentralGBP < b.CentralGBP || a.HighGBP < b.HighGBP || a.RentSavedGBPPA < b.RentSavedGBPPA {
			t.Errorf("seed %d: totals fell from %+v to %+v", seed, b, a)
		}
	}
}

// TestTrustInvariants checks the trust view against sums made here, one
// asset at a time, with a matcher written apart from Match: the
// cells, partner rows, rating rows and total must all agree with them.
func TestTrustInvariants(t *testing.T) {
	selected := 0
	for seed := uint64(1); seed <= 10; seed++ {
		rng := rand.New(rand.NewPCG(seed, 13))
		assets := genAssets(seed, 5000, county, 12)
		p := randomReceiptParams(rng)
		f := randomFilter(rng)
		v, err := Trust(copied(assets), p, f, nil)
		if err != nil {
			t.Fatal(err)
		}
		type key struct{ partner, rag string }
		want := map[key]TrustTotals{}
		add := func(k key, a *estate.Asset) {
			w := want[k]
			w.Assets++
			if a.GIAM2 != nil {
				w.GIAM2 += int64(math.Round(*a.GIAM2))
			}
			if a.MarketValueGBP != nil {
				w.MarketValueGBP += *a.MarketValueGBP
			}
			if a.RunningCostGBPPA != nil {
				w.RunningCostGBPPA += *a.RunningCostGBPPA
			}
			w.CentralReceiptGBP += AssetReceipt(copiedOne(a), p).CentralGBP
			want[k] = w
		}
		for _, a := range assets {
			if !testMatch(f, a) {
				continue
			}
			r := string(a.RAG)
			if r == "" {
				r = string(estate.RAGUnrated)
			}
			for _, k := range []key{{a.Partner, r}, {a.Partner, ""}, {"", r}, {"", ""}} {
				add(k, a)
			}
		}
		if want[key{}].Assets > 0 {
			selected++
		}
		if v.Total != want[key{}] {
			t.Errorf("seed %d: total %+v, per-asset sum %+v", seed, v.Total, want[key{}])
		}
		rows := 0
		for name, rs := range map[string][]TrustRow{"partners": v.Partners, "rags": v.RAGs, "cells": v.Cells} {
			for _, r := range rs {
				if r.TrustTotals != want[key{r.Partner, string(r.RAG)}] {
					t.Errorf("seed %d: %s row %s/%s %+v, per-asset sum %+v", seed, name, r.Partner, r.RAG,
						r.TrustTotals, want[key{r.Partner, string(r.RAG)}])
				}
				if r.Assets > 0 {
					rows++
				}
			}
		}
		if rows != max(len(want)-1, 0) {
			t.Errorf("seed %d: %d non-empty rows, per-asset sums make %d", seed, rows, len(want)-1)
		}
	}
	if selected < 5 {
		t.Errorf("only %d of 10 random filters selected anything: the test tests little", selected)
	}
}

// testMatch is Match written again, plainly, so the invariants do
// not test the filter against itself.
func testMatch(f estate.Selection, a *estate.Asset) bool {
	in := func(n int, eq func(i int) bool) bool {
		if n == 0 {
			return true
		}
		for i := range n {
			if eq(i) {
				return true
			}
		}
		return false
	}
	r := a.RAG
	if r == "" {
		r = estate.RAGUnrated
	}
	ok := (f.BBox == nil || (a.Location.Lon >= f.BBox.MinLon && a.Location.Lon <= f.BBox.MaxLon &&
		a.Location.Lat >= f.BBox.MinLat && a.Location.Lat <= f.BBox.MaxLat)) &&
		in(len(f.Partners), func(i int) bool { return f.Partners[i] == a.Partner }) &&
		in(len(f.RAGs), func(i int) bool { return f.RAGs[i] == r }) &&
		in(len(f.Holdings), func(i int) bool { return f.Holdings[i] == a.Holding }) &&
		in(len(f.Tenures), func(i int) bool { return f.Tenures[i] == a.Tenure })
	for _, tag := range f.Tags {
		ok = ok && slices.Contains(a.Tags, tag)
	}
	if q := strings.ToLower(strings.TrimSpace(f.Q)); ok && q != "" {
		ok = false
		for _, s := range []string{a.Name, a.StreetName, a.Town, a.Postcode, a.Use, a.AssetCode} {
			ok = ok || strings.Contains(strings.ToLower(s), q)
		}
	}
	return ok
}

// randomFilter returns an empty filter or one of a box, partners, ratings
// and a tag.
func randomFilter(rng *rand.Rand) estate.Selection {
	var f estate.Selection
	if rng.IntN(2) == 0 {
		lon, lat := uniform(rng, county.MinLon, county.MaxLon), uniform(rng, county.MinLat, county.MaxLat)
		f.BBox = &estate.BBox{MinLon: lon, MinLat: lat, MaxLon: lon + 0.2, MaxLat: lat + 0.15}
	}
	if rng.IntN(3) == 0 {
		f.Partners = []string{"partner-1", "partner-3"}
	}
	if rng.IntN(3) == 0 {
		f.RAGs = []estate.RAG{estate.RAGGreen, estate.RAGUnrated}
	}
	if rng.IntN(4) == 0 {
		f.Tags = []string{"surplus"}
	}
	if rng.IntN(4) == 0 {
		f.Holdings = []estate.Holding{estate.HoldingBuilding}
	}
	if rng.IntN(4) == 0 {
		f.Tenures = []estate.Tenure{estate.TenureLeasehold}
	}
	if rng.IntN(4) == 0 {
		f.Q = [...]string{"TOWN-1", "libr", "depot"}[rng.IntN(3)]
	}
	return f
}
