package register

import (
	"strings"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
)

// Asset is one asset as the copy holds it: the fields the tiles and the
// analyses read (estate.FeedFields), and nothing else, so an analysis
// that wants another field does not compile until the copy holds it. It
// is a value read from the copy's columns (Assets.Read); its strings and
// Tags are shared with the copy and must not be changed.
type Asset struct {
	// Row is where the asset is in its snapshot (Assets.Read).
	Row          int32
	ID           int64
	Partner      string
	AssetCode    string
	UPRN         string
	Name         string
	StreetName   string
	Town         string
	Postcode     string
	Use          string
	Holding      estate.Holding
	Location     estate.Point
	Tenure       estate.Tenure
	TenureDetail estate.TenureDetail
	// Money in whole pounds, exact.
	AnnualRentGBP    Known[int64]
	MarketValueGBP   Known[int64]
	RunningCostGBPPA Known[int64]
	GIAM2            Known[float64]
	UtilisationPct   Known[float64]
	RAG              estate.RAG
	// HasRationale is whether the rating's rationale says anything (is
	// more than blanks): the text itself is not held, as no analysis reads
	// it.
	HasRationale bool
	// RAGSetAt is when the rating was set, zero when not known.
	RAGSetAt  time.Time
	Tags      []string
	Sensitive bool

	// The disposal programme (estate/disposal.go): a blank stage reads
	// as none, zero times and blank dates (YYYY-MM-DD) are not known.
	DisposalStage   estate.DisposalStage
	DisposalStageAt time.Time
	DisposalTarget  string
	ReceiptGBP      Known[int64]
	ReceiptDate     string
	SurplusValueGBP Known[int64]
}

// Known is a figure the register may not know.
type Known[T int64 | float64] struct {
	V  T
	OK bool
}

// From returns a as the copy holds it. It is the one place an
// estate.Asset's fields enter the copy: what it does not copy, no reader
// can see (TestFromKeepsFeedFields holds it to estate.FeedFields).
func From(a *estate.Asset) Asset {
	r := Asset{ID: a.ID, Partner: a.Partner, AssetCode: a.AssetCode, UPRN: a.UPRN, Name: a.Name,
		StreetName: a.StreetName, Town: a.Town, Postcode: a.Postcode, Use: a.Use, Holding: a.Holding,
		Location: a.Location, Tenure: a.Tenure, TenureDetail: a.TenureDetail,
		AnnualRentGBP: known(a.AnnualRentGBP), MarketValueGBP: known(a.MarketValueGBP),
		RunningCostGBPPA: known(a.RunningCostGBPPA), GIAM2: known(a.GIAM2), UtilisationPct: known(a.UtilisationPct),
		RAG: a.RAG, HasRationale: strings.TrimSpace(a.RAGRationale) != "", Tags: a.Tags, Sensitive: a.Sensitive,
		DisposalStage: a.DisposalStage, DisposalTarget: a.DisposalTarget, ReceiptGBP: known(a.ReceiptGBP),
		ReceiptDate: a.ReceiptDate, SurplusValueGBP: known(a.SurplusValueGBP)}
	if r.DisposalStage == "" {
		r.DisposalStage = estate.StageNone
	}
	if a.DisposalStageAt != nil {
		r.DisposalStageAt = time.Unix(0, clampNano(*a.DisposalStageAt)).UTC()
	}
	if a.RAGSetAt != nil {
		// Held as UnixNano, which spans 1678 to 2262: a date beyond is
		// held at the end nearest it, which changes no answer for a
		// cut-off between.
		r.RAGSetAt = time.Unix(0, clampNano(*a.RAGSetAt)).UTC()
	}
	return r
}

var minNano, maxNano = time.Unix(0, -1<<63), time.Unix(0, 1<<63-1)

func clampNano(t time.Time) int64 {
	switch {
	case t.Before(minNano):
		return minNano.UnixNano()
	case t.After(maxNano):
		return maxNano.UnixNano()
	}
	return t.UnixNano()
}

func known[T int64 | float64](p *T) Known[T] {
	if p == nil {
		return Known[T]{}
	}
	return Known[T]{V: *p, OK: true}
}

// Utilisation is the share of the floor area in use, 0 to 1; unknown
// counts as full (as estate.Asset.Utilisation).
func (a *Asset) Utilisation() float64 {
	if !a.UtilisationPct.OK {
		return 1
	}
	return a.UtilisationPct.V / 100
}

// MatchesQ is estate.Asset.MatchesQ over the copy's fields.
func (a *Asset) MatchesQ(folded string) bool {
	return estate.MatchesQ(folded, a.Name, a.StreetName, a.Town, a.Postcode, a.Use, a.AssetCode)
}
