package analysis

import (
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
)

// The targets (issue): with 1,000,000 assets, receipts and the trust view
// within 500 ms, co-location over the whole register within 10 s and within
// a county bbox within 200 ms. The estate is made, and held as the copy of
// the register holds it, once, outside the timing.
// These time the pure functions; internal/insight's BenchmarkInsight1M
// times the answers as served, co-location run and register reload
// included.

func BenchmarkReceipts1M(b *testing.B) {
	assets := copied(bigEstate())
	p := DefaultReceiptParams()
	for b.Loop() {
		if _, err := Receipts(assets, p, estate.Selection{}, ByPartner); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReceiptsByTown1M(b *testing.B) {
	assets := copied(bigEstate())
	p := DefaultReceiptParams()
	for b.Loop() {
		if _, err := Receipts(assets, p, estate.Selection{}, ByTown); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTrust1M(b *testing.B) {
	assets := copied(bigEstate())
	p := DefaultReceiptParams()
	coloc := &ColocationSummary{Params: DefaultColocationParams()}
	for b.Loop() {
		if _, err := Trust(assets, p, estate.Selection{}, coloc); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkColocation1M(b *testing.B) {
	benchColocation(b, estate.Selection{})
}

// BenchmarkColocationCountyBBox is a county's own run: the assets in the
// box picked from the million (ColocationUniverse), then co-location
// among them.
func BenchmarkColocationCountyBBox(b *testing.B) {
	box := worcestershire
	benchColocation(b, estate.Selection{BBox: &box})
}

// BenchmarkHubsReportCountyBBox is a county's opportunities, of the
// partner filtered on, picked from the county's run already made: what
// the server does once the run is cached.
func BenchmarkHubsReportCountyBBox(b *testing.B) {
	box := worcestershire
	h, err := FindHubs(ColocationUniverse(copied(bigEstate()), &box), DefaultColocationParams())
	if err != nil {
		b.Fatal(err)
	}
	f := estate.Selection{BBox: &box, Partners: []string{"partner-1"}}
	for b.Loop() {
		if _, err := h.Report(DefaultReceiptParams(), f); err != nil {
			b.Fatal(err)
		}
	}
}

func benchColocation(b *testing.B, f estate.Selection) {
	assets := copied(bigEstate())
	p := DefaultColocationParams()
	var rep ColocationReport
	for b.Loop() {
		var err error
		if rep, err = Colocation(assets, p, f); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(rep.Count), "opportunities")
}

func BenchmarkNearby1M(b *testing.B) {
	assets := bigEstate()
	target := assets[len(assets)/2]
	for b.Loop() {
		if _, err := Nearby(target, assets, 2000); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkColocationDenseTown is the hard case: a town's worth of estate
// packed into a few square kilometres with hubs a long walk across.
func BenchmarkColocationDenseTown(b *testing.B) {
	box := estate.BBox{MinLon: -2.25, MinLat: 52.18, MaxLon: -2.21, MaxLat: 52.205}
	assets := copied(genAssets(5, 5000, box, 10))
	p := DefaultColocationParams()
	p.DistanceM = 2000
	for b.Loop() {
		if _, err := Colocation(assets, p, estate.Selection{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkQuality1M is the data quality view of the whole register:
// the counts, the UPRNs sorted and every asset's neighbours searched.
func BenchmarkQuality1M(b *testing.B) {
	assets := copied(qualityEstate())
	p := DefaultQualityParams(qualityAsOf)
	var rep QualityReport
	for b.Loop() {
		var err error
		if rep, err = Quality(assets, p, estate.Selection{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(rep.Duplicates.Count), "flagged")
}
