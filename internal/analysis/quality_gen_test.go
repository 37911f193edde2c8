package analysis

import (
	"fmt"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
)

// qualityAsOf is the moment the generated ratings' ages are measured from.
var qualityAsOf = time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)

// decorateQuality gives genAssets' assets what the quality view reads,
// deterministic for a seed: names from a few words (so nearby names are
// sometimes similar), UPRNs (some with leading zeros, some placeholders,
// some shared with another asset of any partner), twins (an asset moved
// a few metres from another with its name nearly copied), rationales and
// rating dates around the stale cut-off (some exactly on it, some
// missing). Every field is sometimes missing.
func decorateQuality(seed uint64, assets []*estate.Asset) {
	rng := rand.New(rand.NewPCG(seed, 0x51ab1e))
	places := []string{"Market", "Castle", "Bridge", "Abbey", "Station", "Church", "Mill", "Park"}
	uses := []string{"Library", "Police Station", "Clinic", "Depot", "Jobcentre", "Fire Station", "Office", "Hub"}
	times := make([]time.Time, len(assets))
	for i, a := range assets {
		a.Name = fmt.Sprintf("%s %s", places[rng.IntN(len(places))], uses[rng.IntN(len(uses))])
		switch x := rng.Float64(); {
		case x < 0.03:
			a.Name = "The " + a.Name + " of " + a.Town
		case x < 0.05:
			a.Name = a.Town + "'s " + a.Name
		}
		switch x := rng.Float64(); {
		case x < 0.15: // none
		case x < 0.17:
			a.UPRN = []string{"0", "000000000000"}[rng.IntN(2)]
		case x < 0.2:
			a.UPRN = fmt.Sprintf("%012d", 100_000_000+i)
		default:
			a.UPRN = fmt.Sprint(100_000_000 + i)
		}
		if i > 0 && rng.Float64() < 0.02 {
			other := assets[rng.IntN(i)]
			a.UPRN = other.UPRN
			if other.UPRN != "" && len(other.UPRN) <= 10 && rng.IntN(3) == 0 {
				a.UPRN = "00" + other.UPRN
			}
		}
		if i > 0 && rng.Float64() < 0.02 {
			other := assets[rng.IntN(i)]
			a.Location = north(east(other.Location, rng.Float64()*20-10), rng.Float64()*20-10)
			a.Name = other.Name + []string{"", " Annexe", ", " + other.Town}[rng.IntN(3)]
		}
		if rng.Float64() < 0.05 {
			a.GIAM2 = nil
		}
		if rating(a.RAG) == estate.RAGUnrated && rng.Float64() < 0.9 {
			continue
		}
		switch x := rng.Float64(); {
		case x < 0.1: // no rationale
		case x < 0.12:
			a.RAGRationale = "  "
		default:
			a.RAGRationale = "Reviewed by the estates board"
		}
		if rng.Float64() < 0.1 {
			continue // no date
		}
		times[i] = qualityAsOf.AddDate(0, -rng.IntN(36), -rng.IntN(28))
		if rng.Float64() < 0.05 {
			times[i] = qualityAsOf.AddDate(0, -DefaultStaleMonths, 0) // on the cut-off: not stale
		}
		a.RAGSetAt = &times[i]
	}
}

// qualityEstate is the benchmarks' million assets decorated for the
// quality view. It decorates bigEstate's own assets, whose new names and
// UPRNs the other benchmarks do not read.
var qualityEstate = sync.OnceValue(func() []*estate.Asset {
	assets := bigEstate()
	decorateQuality(1, assets)
	return assets
})
