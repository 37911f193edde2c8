package demo

import (
	"math/rand/v2"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
)

// The demo's disposal programme (issue 18): a few dozen assets, mostly
// green and amber ones, at every stage, with sales and transfers over the
// three financial years to the as-at date and targets over the next five.
// Every note says it is synthetic. It draws from a stream of its own
// after the estate is built, so the rest of the estate is as it was.

// programmeStream is the programme's second PCG word.
const programmeStream = 0xd15_905a1

// programmePlan is how many assets the demo puts at each stage.
var programmePlan = []struct {
	stage estate.DisposalStage
	n     int
	note  string
}{
	{estate.StageSold, 9, "Synthetic demo programme: sold at auction after marketing."},
	{estate.StageTransferred, 3, "Synthetic demo programme: community asset transfer to a local trust."},
	{estate.StageUnderOffer, 5, "Synthetic demo programme: best offer accepted, subject to contract."},
	{estate.StageMarketed, 8, "Synthetic demo programme: with agents, on the open market."},
	{estate.StageDeclaredSurplus, 10, "Synthetic demo programme: declared surplus by cabinet."},
	{estate.StageUnderReview, 9, "Synthetic demo programme: service review under way."},
	{estate.StageWithdrawn, 4, "Synthetic demo programme: withdrawn, the service needs it after all."},
}

// asOf is the register's as-at date: every demo move and receipt is on or
// before it; every open target after it.
var asOf = time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC)

// programme puts the plan's assets in the programme: green ones first
// (the likeliest disposals), then amber, each group in a drawn order.
func programme(seed int64, assets []*estate.Asset) {
	rng := rand.New(rand.NewPCG(uint64(seed), programmeStream))
	var green, amber []*estate.Asset
	for _, a := range assets {
		if a.Sensitive || a.MarketValueGBP == nil || *a.MarketValueGBP == 0 {
			continue
		}
		switch a.RAG {
		case estate.RAGGreen:
			green = append(green, a)
		case estate.RAGAmber:
			amber = append(amber, a)
		}
	}
	rng.Shuffle(len(green), func(i, j int) { green[i], green[j] = green[j], green[i] })
	rng.Shuffle(len(amber), func(i, j int) { amber[i], amber[j] = amber[j], amber[i] })
	pool := append(green, amber...)
	for _, p := range programmePlan {
		for i := range p.n {
			if len(pool) == 0 {
				return
			}
			a := pool[0]
			pool = pool[1:]
			place(rng, a, p.stage, i, p.note)
		}
	}
}

// place sets a's programme at stage; i is its place among the stage's
// assets, which spreads completions over the three financial years.
func place(rng *rand.Rand, a *estate.Asset, stage estate.DisposalStage, i int, note string) {
	a.DisposalStage, a.DisposalNote = stage, note
	moved := asOf.AddDate(0, 0, -30-rng.IntN(510)).Add(10 * time.Hour)
	if stage.Surplus() || (stage == estate.StageWithdrawn && i%2 == 0) {
		// The estimate held when declared: the market value then, within
		// a tenth of today's, to the nearest £5,000.
		v := roundTo(float64(*a.MarketValueGBP)*(0.9+0.2*rng.Float64()), 5000)
		a.SurplusValueGBP = &v
	}
	switch stage {
	case estate.StageSold, estate.StageTransferred:
		// Financial years 2023/24, 2024/25 and 2025/26, each 1 April to 31 March.
		start := time.Date(2023+i%3, 4, 1, 0, 0, 0, 0, time.UTC)
		on := start.AddDate(0, 0, rng.IntN(365))
		a.ReceiptDate = on.Format(time.DateOnly)
		a.DisposalTarget = on.AddDate(0, 0, rng.IntN(240)-120).Format(time.DateOnly)
		moved = on.Add(10 * time.Hour)
		switch {
		case stage == estate.StageSold:
			v := roundTo(float64(*a.SurplusValueGBP)*(0.7+0.5*rng.Float64()), 1000)
			a.ReceiptGBP = &v
		case i == 0:
			zero := int64(0) // a transfer at nil value
			a.ReceiptGBP = &zero
		case i == 2:
			v := roundTo(float64(*a.SurplusValueGBP)*0.25, 1000) // at a community discount
			a.ReceiptGBP = &v
		}
	case estate.StageWithdrawn:
	default:
		// Open: a target over the next five years, sooner the further on.
		years := map[estate.DisposalStage]int{estate.StageUnderOffer: 1, estate.StageMarketed: 2,
			estate.StageDeclaredSurplus: 3}[stage]
		if years == 0 {
			years = 5
		}
		a.DisposalTarget = asOf.AddDate(0, 0, 1+rng.IntN(365*years)).Format(time.DateOnly)
	}
	a.DisposalStageAt = &moved
}
