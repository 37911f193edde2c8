package analysis

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sync"

	"github.com/placetrust/placetrust/internal/estate"
)

// England is a box around England for generated estates.
var england = estate.BBox{MinLon: -5.7, MinLat: 50.0, MaxLon: 1.7, MaxLat: 55.8}

// worcestershire is a county-sized box inside england.
var worcestershire = estate.BBox{MinLon: -2.68, MinLat: 51.96, MaxLon: -1.75, MaxLat: 52.46}

// genAssets makes n random assets in box, deterministic for a seed. Most
// are clustered around towns, as real estates are, so co-location meets
// dense and sparse places alike. Every optional number is sometimes
// missing and every rating, holding and tenure occurs. The assets share
// one backing array so a million of them fit comfortably.
func genAssets(seed uint64, n int, box estate.BBox, partners int) []*estate.Asset {
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	towns := make([]estate.Point, max(1, n/2500))
	for i := range towns {
		towns[i] = estate.Point{Lon: uniform(rng, box.MinLon, box.MaxLon), Lat: uniform(rng, box.MinLat, box.MaxLat)}
	}
	// a town's spread: about 1/40 of the box, so a small test box is dense
	spread := (box.MaxLat - box.MinLat) / 40
	store := make([]estate.Asset, n)
	floats := make([]float64, 2*n)
	ints := make([]int64, 3*n)
	out := make([]*estate.Asset, n)
	for i := range store {
		a := &store[i]
		a.ID = int64(i + 1)
		a.Partner = fmt.Sprintf("partner-%d", rng.IntN(partners))
		a.Name = "asset"
		a.Town = fmt.Sprintf("town-%d", rng.IntN(20))
		a.Use = [...]string{"Office", "Library", "Depot", "Clinic", ""}[rng.IntN(5)]
		if rng.Float64() < 0.7 {
			t := towns[rng.IntN(len(towns))]
			a.Location = estate.Point{
				Lon: clampF(t.Lon+rng.NormFloat64()*spread/math.Cos(t.Lat*math.Pi/180), box.MinLon, box.MaxLon),
				Lat: clampF(t.Lat+rng.NormFloat64()*spread, box.MinLat, box.MaxLat)}
		} else {
			a.Location = estate.Point{Lon: uniform(rng, box.MinLon, box.MaxLon), Lat: uniform(rng, box.MinLat, box.MaxLat)}
		}
		a.Holding = estate.Holdings[pick(rng, 0.6, 0.15)] // building, land, land_and_building
		a.RAG = estate.RAGs[rng.IntN(len(estate.RAGs))]
		a.Tenure, a.TenureDetail = estate.TenureFreehold, estate.DetailOccupied
		switch x := rng.Float64(); {
		case x < 0.15:
			a.Tenure, a.TenureDetail = estate.TenureLeasehold, estate.DetailLeasedIn
			ints[3*i+2] = int64(5000 + rng.IntN(200000))
			a.AnnualRentGBP = &ints[3*i+2]
		case x < 0.2:
			a.Tenure = estate.TenureLeasehold
		case x < 0.25:
			a.TenureDetail = estate.DetailVacant
		}
		if rng.Float64() < 0.95 {
			floats[2*i] = float64(rng.IntN(5000)) + 0.5*float64(rng.IntN(2))
			a.GIAM2 = &floats[2*i]
		}
		if rng.Float64() < 0.9 {
			floats[2*i+1] = float64(rng.IntN(101))
			a.UtilisationPct = &floats[2*i+1]
		}
		if rng.Float64() < 0.9 {
			ints[3*i] = int64(rng.IntN(5_000_000))
			a.MarketValueGBP = &ints[3*i]
		}
		if rng.Float64() < 0.9 {
			ints[3*i+1] = int64(rng.IntN(300_000))
			a.RunningCostGBPPA = &ints[3*i+1]
		}
		if rng.Float64() < 0.2 {
			a.Tags = []string{"surplus"}
		}
		out[i] = a
	}
	return out
}

func uniform(rng *rand.Rand, lo, hi float64) float64 { return lo + rng.Float64()*(hi-lo) }

func clampF(v, lo, hi float64) float64 { return min(max(v, lo), hi) }

// pick returns 0 with probability p0, 1 with p1, else 2.
func pick(rng *rand.Rand, p0, p1 float64) int {
	switch x := rng.Float64(); {
	case x < p0:
		return 0
	case x < p0+p1:
		return 1
	}
	return 2
}

// bigEstate is the million-asset estate of the benchmarks, made once per
// test binary because making it takes longer than the analyses.
var bigEstate = sync.OnceValue(func() []*estate.Asset {
	return genAssets(1, 1_000_000, england, 40)
})

// randomReceiptParams returns valid parameters, each rating order kept.
func randomReceiptParams(rng *rand.Rand) ReceiptParams {
	p := sorted3(rng, 1)
	lead := sorted3(rng, MaxLeadYears)
	hc := sorted3(rng, 1)
	return ReceiptParams{
		PRed: p[0], PAmber: p[1], PGreen: p[2], PUnrated: rng.Float64(),
		LeadYearsGreen: lead[0], LeadYearsAmber: lead[1], LeadYearsRed: lead[2],
		LeadYearsUnrated: rng.Float64() * MaxLeadYears,
		HaircutHigh:      hc[0], HaircutCentral: hc[1], HaircutLow: hc[2],
		Fees: rng.Float64(), RelocationPerM2: rng.Float64() * 1000, DiscountRate: rng.Float64() * 0.2,
	}
}

func sorted3(rng *rand.Rand, scale float64) [3]float64 {
	v := [3]float64{rng.Float64() * scale, rng.Float64() * scale, rng.Float64() * scale}
	if v[0] > v[1] {
		v[0], v[1] = v[1], v[0]
	}
	if v[1] > v[2] {
		v[1], v[2] = v[2], v[1]
	}
	if v[0] > v[1] {
		v[0], v[1] = v[1], v[0]
	}
	return v
}
