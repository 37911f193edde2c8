package demo

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
)

// seeds are checked for the figures the issue promises, so they hold for
// any seed a user picks, not only the one tuned by hand.
var seeds = []int64{DefaultSeed, 1, 42, -7}

func TestEstateIsDeterministic(t *testing.T) {
	p1, a1 := Estate(DefaultSeed)
	// Change the first result everywhere a shared pointer could hide: a
	// second call must not see it.
	for _, a := range a1 {
		a.Tags = append(a.Tags, "changed")
		if a.GIAM2 != nil {
			*a.GIAM2 = -1
		}
		for _, o := range a.Occupiers {
			*o.AreaM2 = -1
		}
		if a.RAGSetAt != nil {
			*a.RAGSetAt = a.RAGSetAt.AddDate(1, 0, 0)
		}
	}
	p1[0].Name = "changed"
	p2, a2 := Estate(DefaultSeed)
	p3, a3 := Estate(DefaultSeed)
	if !reflect.DeepEqual(p2, p3) || !reflect.DeepEqual(a2, a3) {
		t.Fatal("two estates from the same seed differ")
	}
	_, other := Estate(DefaultSeed + 1)
	if reflect.DeepEqual(a2, other) {
		t.Fatal("estates from different seeds are the same")
	}
}

func TestEstateFigures(t *testing.T) {
	for _, seed := range seeds {
		ps, as := Estate(seed)
		var total int64
		for _, a := range as {
			if a.MarketValueGBP != nil {
				total += *a.MarketValueGBP
			}
		}
		if len(as) < 1300 {
			t.Errorf("seed %d: %d assets, want at least 1,300", seed, len(as))
		}
		if total <= 3_000_000_000 {
			t.Errorf("seed %d: total market value £%d, want over £3bn", seed, total)
		}
		if len(ps) < 10 {
			t.Errorf("seed %d: %d partners, want at least 10", seed, len(ps))
		}
	}
}

func TestPartners(t *testing.T) {
	ps, _ := Estate(DefaultSeed)
	kinds := map[estate.PartnerKind]int{}
	ids := map[string]bool{}
	for _, p := range ps {
		if err := p.Validate(); err != nil {
			t.Errorf("%s: %v", p.ID, err)
		}
		if ids[p.ID] {
			t.Errorf("partner %s twice", p.ID)
		}
		ids[p.ID] = true
		kinds[p.Kind]++
	}
	want := []struct {
		kind estate.PartnerKind
		min  int
	}{
		{estate.KindCountyCouncil, 1}, {estate.KindDistrictCouncil, 6}, {estate.KindNHS, 1},
		{estate.KindPolice, 1}, {estate.KindFire, 1}, {estate.KindDWP, 1},
		{estate.KindCentralGovernment, 1}, {estate.KindEducation, 1},
	}
	for _, w := range want {
		if kinds[w.kind] < w.min {
			t.Errorf("%d partners of kind %s, want at least %d", kinds[w.kind], w.kind, w.min)
		}
	}
	for _, id := range []string{"worcestershire-cc", "wychavon-dc", "west-mercia-police", "dwp-jobcentre-plus"} {
		if !ids[id] {
			t.Errorf("no partner %s", id)
		}
	}
}

func TestAssetsAreValidNewAndLabelled(t *testing.T) {
	_, as := Estate(DefaultSeed)
	for _, a := range as {
		c := a.Clone()
		c.Normalize()
		if !reflect.DeepEqual(c, a) {
			t.Errorf("%s: not normalized", a.AssetCode)
		}
		if err := a.Validate(); err != nil {
			t.Errorf("%s: %v", a.AssetCode, err)
		}
		if a.ID != 0 || a.Version != 0 || !a.CreatedAt.IsZero() || !a.UpdatedAt.IsZero() {
			t.Errorf("%s: id, version or timestamps set; the store assigns them", a.AssetCode)
		}
		if !strings.HasPrefix(a.Notes, "Synthetic demo data") || !strings.HasPrefix(a.AssetCode, "DEMO-") {
			t.Errorf("%s: not labelled as synthetic: %q", a.AssetCode, a.Notes)
		}
		if a.EffectiveDate != "2026-03-31" {
			t.Errorf("%s: effective date %q", a.AssetCode, a.EffectiveDate)
		}
		rated := a.RAG != estate.RAGUnrated
		if rated != (a.RAGRationale != "") || rated != (a.RAGSetAt != nil) {
			t.Errorf("%s: rating %s with rationale %q and set at %v", a.AssetCode, a.RAG, a.RAGRationale, a.RAGSetAt)
		}
	}
}

func TestAssetShapes(t *testing.T) {
	_, as := Estate(DefaultSeed)
	bare := map[string]bool{}
	for _, tw := range heldTwice() {
		bare[tw.partner+"\x00"+tw.name] = tw.bare
	}
	for _, a := range as {
		if bare[a.Partner+"\x00"+a.Name] {
			if a.GIAM2 != nil || a.LandAreaHa != nil || a.MarketValueGBP != nil || a.RunningCostGBPPA != nil {
				t.Errorf("%s: a bare entry with figures", a.AssetCode)
			}
			continue
		}
		switch a.Holding {
		case estate.HoldingLand:
			if a.GIAM2 != nil || a.LandAreaHa == nil {
				t.Errorf("%s: land needs land area and no GIA", a.AssetCode)
			}
		case estate.HoldingBuilding:
			if a.GIAM2 == nil || a.LandAreaHa != nil {
				t.Errorf("%s: building needs GIA and no land area", a.AssetCode)
			}
		case estate.HoldingLandAndBuilding:
			if a.GIAM2 == nil || a.LandAreaHa == nil {
				t.Errorf("%s: land and building needs both areas", a.AssetCode)
			}
		}
		leasedIn := a.TenureDetail == estate.DetailLeasedIn
		if leasedIn != (a.Tenure == estate.TenureLeasehold) {
			t.Errorf("%s: tenure %s with detail %s", a.AssetCode, a.Tenure, a.TenureDetail)
		}
		if leasedIn && (a.AnnualRentGBP == nil || a.LeaseExpiry == "") {
			t.Errorf("%s: leased in without rent or expiry", a.AssetCode)
		}
	}
}

func TestReferencesAndCodes(t *testing.T) {
	ps, as := Estate(DefaultSeed)
	ids := map[string]bool{}
	for _, p := range ps {
		ids[p.ID] = true
	}
	codes := map[string]bool{}
	for _, a := range as {
		if !ids[a.Partner] {
			t.Errorf("%s: owner %s is not a partner", a.AssetCode, a.Partner)
		}
		var used float64
		for _, o := range a.Occupiers {
			if !ids[o.Partner] {
				t.Errorf("%s: occupier %s is not a partner", a.AssetCode, o.Partner)
			}
			used += *o.AreaM2
		}
		if a.GIAM2 != nil && used > *a.GIAM2 {
			t.Errorf("%s: occupiers use %.0f m² of %.0f", a.AssetCode, used, *a.GIAM2)
		}
		key := a.Partner + " " + a.AssetCode
		if codes[key] {
			t.Errorf("asset code %s used twice by %s", a.AssetCode, a.Partner)
		}
		codes[key] = true
	}
}

func TestInsideWorcestershire(t *testing.T) {
	box := estate.BBox{MinLon: -2.70, MinLat: 51.95, MaxLon: -1.70, MaxLat: 52.50}
	for _, seed := range seeds {
		_, as := Estate(seed)
		for _, a := range as {
			if !box.Contains(a.Location) {
				t.Errorf("seed %d: %s at %v is outside Worcestershire", seed, a.AssetCode, a.Location)
			}
		}
	}
}

func TestEveshamHub(t *testing.T) {
	ps, as := Estate(DefaultSeed)
	kind := map[string]estate.PartnerKind{}
	for _, p := range ps {
		kind[p.ID] = p.Kind
	}
	evesham := estate.Point{Lon: -1.9470, Lat: 52.0925}
	found := 0
	for _, a := range as {
		if !slices.Contains(a.Tags, "hub") || estate.Distance(a.Location, evesham) > 2000 {
			continue
		}
		kinds := map[estate.PartnerKind]bool{}
		for _, o := range a.Occupiers {
			kinds[kind[o.Partner]] = true
			if o.AreaM2 == nil || *o.AreaM2 <= 0 {
				t.Errorf("%s: occupier %s has no area", a.Name, o.Partner)
			}
		}
		if len(a.Occupiers) >= 4 && kinds[estate.KindPolice] && kinds[estate.KindCountyCouncil] &&
			kinds[estate.KindDistrictCouncil] && kinds[estate.KindDWP] {
			found++
		}
	}
	if found != 1 {
		t.Errorf("%d multi-agency hubs in Evesham, want 1", found)
	}
}

func TestRatings(t *testing.T) {
	_, as := Estate(DefaultSeed)
	count := map[string]int{}
	for _, a := range as {
		switch {
		case a.Use == "Crematorium" || a.Use == "Cemetery" || a.Use == "Custody suite" || a.Use == "Acute hospital":
			count[a.Use]++
			if a.RAG != estate.RAGRed {
				t.Errorf("%s (%s) is %s, want red", a.Name, a.Use, a.RAG)
			}
		case slices.Contains(a.Tags, "surplus"):
			count["surplus"]++
			if a.RAG != estate.RAGGreen {
				t.Errorf("%s is surplus but %s", a.Name, a.RAG)
			}
		}
		if a.Sensitive {
			count["sensitive"]++
		}
		count[string(a.RAG)]++
	}
	for _, k := range []string{"Crematorium", "Cemetery", "Custody suite", "Acute hospital", "surplus",
		"sensitive", "red", "amber", "green", "unrated"} {
		if count[k] < 3 {
			t.Errorf("%d of %q, want some", count[k], k)
		}
	}
}

func TestTownCentresAreDense(t *testing.T) {
	_, as := Estate(DefaultSeed)
	for _, s := range settlements {
		if s.village {
			continue
		}
		n := 0
		for _, a := range as {
			if estate.Distance(a.Location, s.centre) <= 500 {
				n++
			}
		}
		// Big towns hold dozens of assets in the centre, market towns a handful.
		if want := max(6, s.weight/2); n < want {
			t.Errorf("%s: %d assets within 500 m of the centre, want at least %d", s.name, n, want)
		}
	}
}

// TestEstatesInServiceArea checks the demo estate and the scaled
// registers pass the register's checks in its default service area, so
// serve --demo and demo --scale never hit a refusal.
func TestEstatesInServiceArea(t *testing.T) {
	_, assets := Estate(DefaultSeed)
	for _, seed := range []uint64{1, 2} {
		assets = append(assets, Scaled(50_000, seed)...)
	}
	for _, a := range assets {
		a.Normalize()
		if err := a.ValidateIn(estate.GreatBritain); err != nil {
			t.Fatalf("%s: %v", a.AssetCode, err)
		}
	}
}
