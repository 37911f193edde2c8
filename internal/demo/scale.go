package demo

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/placetrust/placetrust/internal/estate"
)

// ScalePartners returns the partners Scaled spreads its assets over,
// fresh each call since stores stamp them.
func ScalePartners() []*estate.Partner {
	return []*estate.Partner{
		{ID: "county", Name: "Scale test county", Kind: estate.KindCountyCouncil},
		{ID: "district", Name: "Scale test district", Kind: estate.KindDistrictCouncil},
		{ID: "nhs", Name: "Scale test NHS trust", Kind: estate.KindNHS},
		{ID: "police", Name: "Scale test police", Kind: estate.KindPolice},
		{ID: "fire", Name: "Scale test fire", Kind: estate.KindFire},
		{ID: "dwp", Name: "Scale test DWP", Kind: estate.KindDWP},
	}
}

// Scaled returns n synthetic assets for benchmarks and load tests: a
// national-sized register clustered round 2,000 places in England the way
// public estates are, so bbox pages and co-location see realistic density.
// Same n and seed, same assets.
func Scaled(n int, seed uint64) []*estate.Asset {
	rng := rand.New(rand.NewPCG(seed, 0x5ca1e))
	const places = 2000
	type place struct{ lon, lat, spread float64 }
	centres := make([]place, places)
	for i := range centres {
		centres[i] = place{lon: -5.5 + rng.Float64()*7.2, lat: 50.2 + rng.Float64()*5.5,
			spread: 0.005 + rng.ExpFloat64()*0.02}
		// The box's corners in the North Sea and on the French coast are
		// outside the register's service area: turned through the box's
		// middle they land in Cornwall's seas and Galloway's instead. No
		// draw is added, so every other asset stays as it was.
		if c := &centres[i]; !estate.GreatBritain.Contains(estate.Point{Lon: c.lon, Lat: c.lat}) {
			c.lon, c.lat = -5.5+1.7-c.lon, 50.2+55.7-c.lat
		}
	}
	partners := ScalePartners()
	rags := []estate.RAG{estate.RAGRed, estate.RAGAmber, estate.RAGGreen, estate.RAGUnrated}
	holdings := []estate.Holding{estate.HoldingBuilding, estate.HoldingBuilding, estate.HoldingLand, estate.HoldingLandAndBuilding}
	out := make([]*estate.Asset, n)
	for i := range out {
		c := centres[rng.IntN(places)]
		p := partners[rng.IntN(len(partners))]
		rag := rags[rng.IntN(len(rags))]
		gia := math.Round(100 + rng.ExpFloat64()*900)
		util := math.Round(30 + rng.Float64()*70)
		value := int64(gia) * int64(800+rng.IntN(2400))
		running := int64(gia) * int64(40+rng.IntN(80))
		a := &estate.Asset{
			Partner: p.ID, AssetCode: fmt.Sprintf("S%07d", i), UPRN: fmt.Sprintf("%012d", 100000000000+i),
			Name: fmt.Sprintf("Scale asset %d", i), Town: fmt.Sprintf("Place %d", rng.IntN(places)),
			Holding: holdings[rng.IntN(len(holdings))], Use: "Offices",
			Tenure: estate.TenureFreehold, TenureDetail: estate.DetailOccupied,
			GIAM2: &gia, UtilisationPct: &util, MarketValueGBP: &value, RunningCostGBPPA: &running,
			RAG: rag, EffectiveDate: "2026-03-31",
		}
		// Drawn after the fields above, in the order they always were.
		a.Location = estate.Point{Lon: roundCoord(c.lon + rng.NormFloat64()*c.spread), Lat: roundCoord(c.lat + rng.NormFloat64()*c.spread*0.6)}
		if !estate.GreatBritain.Contains(a.Location) {
			a.Location = estate.Point{Lon: roundCoord(c.lon), Lat: roundCoord(c.lat)} // scattered out of the area
		}
		if rag != estate.RAGUnrated {
			a.RAGRationale = "Scale test rating"
		}
		if rng.IntN(10) == 0 {
			a.Tags = []string{"surplus"}
		}
		out[i] = a
	}
	scaledProgramme(seed, out)
	return out
}

// scaledProgrammeStream is the scaled programme's second PCG word: its
// own stream, drawn after every asset is made, so the rest of the scaled
// estate is as it was before it had a programme.
const scaledProgrammeStream = 0x5ca1e_d1590

// ScaledProgrammeShare is the share of Scaled's green and amber assets in
// the disposal programme: the demo's (48 of 1,433 assets, every one green
// or amber), as green and amber are half of Scaled's ratings.
const ScaledProgrammeShare = 2 * 48.0 / 1433

// scaledProgramme gives a proportionate synthetic programme: each green
// or amber asset joins with ScaledProgrammeShare's chance, at a stage
// drawn in the demo plan's proportions, placed as the demo's are (receipts
// over three financial years to 31 March 2026, open targets over the next
// five); every note says it is synthetic.
func scaledProgramme(seed uint64, assets []*estate.Asset) {
	rng := rand.New(rand.NewPCG(seed, scaledProgrammeStream))
	total := 0
	for _, p := range programmePlan {
		total += p.n
	}
	placed := make([]int, len(programmePlan))
	for _, a := range assets {
		if a.RAG != estate.RAGGreen && a.RAG != estate.RAGAmber {
			continue
		}
		if rng.Float64() >= ScaledProgrammeShare {
			continue
		}
		j, k := 0, rng.IntN(total)
		for k >= programmePlan[j].n {
			k -= programmePlan[j].n
			j++
		}
		place(rng, a, programmePlan[j].stage, placed[j], programmePlan[j].note)
		placed[j]++
	}
}

// roundCoord rounds as the register stores coordinates, so a generated
// asset reads back unchanged.
func roundCoord(v float64) float64 { return math.Round(v*estate.CoordScale) / estate.CoordScale }
