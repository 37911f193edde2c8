package estate_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
)

// allowedMoves is issue 18's table, written out again rather than read
// from the code, so a change to either fails here.
var allowedMoves = map[estate.DisposalStage][]estate.DisposalStage{
	"none":             {"under_review", "declared_surplus"},
	"under_review":     {"declared_surplus", "none", "withdrawn"},
	"declared_surplus": {"marketed", "transferred", "withdrawn"},
	"marketed":         {"under_offer", "withdrawn", "declared_surplus"},
	"under_offer":      {"sold", "marketed", "withdrawn"},
	"withdrawn":        {"under_review", "none"},
	"sold":             nil,
	"transferred":      nil,
}

var moveNow = time.Date(2026, 4, 1, 9, 0, 0, 0, time.UTC)

// atStage is a valid asset at stage, with the receipt a final stage needs.
func atStage(stage estate.DisposalStage) *estate.Asset {
	a := &estate.Asset{Partner: "county", AssetCode: "A1", Name: "Old library", Holding: estate.HoldingBuilding,
		Location: estate.Point{Lon: -2.22, Lat: 52.19}, Tenure: estate.TenureFreehold, TenureDetail: estate.DetailVacant,
		MarketValueGBP: importPtr[int64](400_000), DisposalStage: stage}
	arrive(a, stage)
	a.Normalize()
	return a
}

// arrive gives a what entering stage asks for: a receipt when sold, a
// date when transferred, and neither otherwise.
func arrive(a *estate.Asset, stage estate.DisposalStage) {
	a.DisposalStage, a.ReceiptGBP, a.ReceiptDate = stage, nil, ""
	switch stage {
	case estate.StageSold:
		a.ReceiptGBP, a.ReceiptDate = importPtr[int64](455_000), "2026-03-31"
	case estate.StageTransferred:
		a.ReceiptDate = "2026-03-31"
	}
}

// TestDisposalMoves tries every move between two stages: the allowed ones
// pass the rules and the stamp, every other is refused naming
// disposal_stage, and a final stage says it is final.
func TestDisposalMoves(t *testing.T) {
	if len(allowedMoves) != len(estate.DisposalStages) {
		t.Fatalf("the table has %d stages, the domain %d", len(allowedMoves), len(estate.DisposalStages))
	}
	for _, from := range estate.DisposalStages {
		for _, to := range estate.DisposalStages {
			if from == to {
				continue
			}
			before := atStage(from)
			after := before.Clone()
			arrive(after, to)
			estate.StampDisposal(before, after, moveNow)
			err := after.Validate()
			if err == nil {
				err = estate.CheckDisposal(before, after, moveNow)
			}
			want := slices.Contains(allowedMoves[from], to)
			if got := estate.CanMoveDisposal(from, to); got != want {
				t.Errorf("CanMoveDisposal(%s, %s) = %v", from, to, got)
			}
			switch {
			case want && err != nil:
				t.Errorf("%s -> %s refused: %v", from, to, err)
			case !want && err == nil:
				t.Errorf("%s -> %s allowed", from, to)
			case !want:
				if f := estate.ErrorFields(err); estate.ErrorCode(err) != estate.EINVALID || len(f) != 1 || f[0].Field != "disposal_stage" {
					t.Errorf("%s -> %s: %s %+v, want EINVALID naming disposal_stage", from, to, estate.ErrorCode(err), f)
				}
				if from.Final() && !strings.Contains(estate.ProblemText(err), "final") {
					t.Errorf("%s -> %s: %q does not say %s is final", from, to, estate.ProblemText(err), from)
				}
			case after.DisposalStageAt == nil || !after.DisposalStageAt.Equal(moveNow):
				t.Errorf("%s -> %s: disposal_stage_at %v, want %v", from, to, after.DisposalStageAt, moveNow)
			}
		}
		if got := estate.DisposalMoves(from); !slices.Equal(sorted(got), sorted(allowedMoves[from])) {
			t.Errorf("DisposalMoves(%s) = %v", from, got)
		}
	}
}

func sorted(s []estate.DisposalStage) []estate.DisposalStage {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

// TestDisposalReceipts: a sale needs its receipt and date, a transfer its
// date, nothing else has either, and a receipt is not dated tomorrow;
// each refusal names its field.
func TestDisposalReceipts(t *testing.T) {
	cases := []struct {
		name  string
		edit  func(*estate.Asset)
		field string
	}{
		{"sold without receipt", func(a *estate.Asset) { arrive(a, "sold"); a.ReceiptGBP = nil }, "receipt_gbp"},
		{"sold without date", func(a *estate.Asset) { arrive(a, "sold"); a.ReceiptDate = "" }, "receipt_date"},
		{"transferred without date", func(a *estate.Asset) { arrive(a, "transferred"); a.ReceiptDate = "" }, "receipt_date"},
		{"receipt while marketed", func(a *estate.Asset) { a.ReceiptGBP = importPtr[int64](1) }, "receipt_gbp"},
		{"receipt date while marketed", func(a *estate.Asset) { a.ReceiptDate = "2026-01-01" }, "receipt_date"},
		{"negative receipt", func(a *estate.Asset) { arrive(a, "sold"); *a.ReceiptGBP = -1 }, "receipt_gbp"},
		{"receipt date not a date", func(a *estate.Asset) { arrive(a, "sold"); a.ReceiptDate = "31/03/2026" }, "receipt_date"},
		{"receipt tomorrow", func(a *estate.Asset) { arrive(a, "sold"); a.ReceiptDate = "2026-04-02" }, "receipt_date"},
		{"target not a date", func(a *estate.Asset) { a.DisposalTarget = "soon" }, "disposal_target"},
		{"unknown stage", func(a *estate.Asset) { a.DisposalStage = "demolished" }, "disposal_stage"},
	}
	for _, c := range cases {
		before := atStage(estate.StageUnderOffer)
		after := before.Clone()
		c.edit(after)
		err := after.Validate()
		if err == nil {
			err = estate.CheckDisposal(before, after, moveNow)
		}
		f := estate.ErrorFields(err)
		if estate.ErrorCode(err) != estate.EINVALID || len(f) != 1 || f[0].Field != c.field {
			t.Errorf("%s: %v %+v, want EINVALID naming %s", c.name, err, f, c.field)
		}
	}
	// A transfer may raise nothing, or something; a sale today is not in
	// the future, however late in UK time.
	for _, receipt := range []*int64{nil, importPtr[int64](0), importPtr[int64](1)} {
		a := atStage(estate.StageDeclaredSurplus)
		arrive(a, "transferred")
		a.ReceiptGBP = receipt
		if err := a.Validate(); err != nil {
			t.Errorf("transfer with receipt %v: %v", receipt, err)
		}
	}
	late := time.Date(2026, 7, 1, 23, 30, 0, 0, time.UTC) // 00:30 on 2 July in London
	a := atStage(estate.StageUnderOffer)
	b := a.Clone()
	arrive(b, "sold")
	b.ReceiptDate = "2026-07-02"
	if err := estate.CheckDisposal(a, b, late); err != nil {
		t.Errorf("a receipt dated today in London: %v", err)
	}
}

// TestStampDisposal: entering declared_surplus records the market value
// as the estimate; going back from marketed keeps the first; a change
// that leaves the stage alone keeps the server fields, whatever it sent.
func TestStampDisposal(t *testing.T) {
	before := atStage(estate.StageUnderReview)
	after := before.Clone()
	after.DisposalStage = estate.StageDeclaredSurplus
	estate.StampDisposal(before, after, moveNow)
	if after.SurplusValueGBP == nil || *after.SurplusValueGBP != 400_000 || !after.DisposalStageAt.Equal(moveNow) {
		t.Fatalf("declared: surplus %v at %v", after.SurplusValueGBP, after.DisposalStageAt)
	}
	marketed := after.Clone()
	marketed.DisposalStage, marketed.MarketValueGBP = estate.StageMarketed, importPtr[int64](500_000)
	estate.StampDisposal(after, marketed, moveNow.Add(time.Hour))
	back := marketed.Clone()
	back.DisposalStage = estate.StageDeclaredSurplus
	estate.StampDisposal(marketed, back, moveNow.Add(2*time.Hour))
	if *back.SurplusValueGBP != 400_000 || !back.DisposalStageAt.Equal(moveNow.Add(2*time.Hour)) {
		t.Errorf("back to declared: surplus %v at %v", *back.SurplusValueGBP, back.DisposalStageAt)
	}
	edit := back.Clone()
	edit.Name, edit.SurplusValueGBP, edit.DisposalStageAt = "Renamed", importPtr[int64](1), nil
	estate.StampDisposal(back, edit, moveNow.Add(3*time.Hour))
	if *edit.SurplusValueGBP != 400_000 || !edit.DisposalStageAt.Equal(moveNow.Add(2*time.Hour)) {
		t.Errorf("an edit changed the server fields: surplus %v at %v", *edit.SurplusValueGBP, edit.DisposalStageAt)
	}
	// A new asset arriving at a stage gets now and its market value
	// unless it says otherwise; at none it gets neither.
	n := atStage(estate.StageMarketed)
	estate.StampDisposal(nil, n, moveNow)
	if !n.DisposalStageAt.Equal(moveNow) || *n.SurplusValueGBP != 400_000 {
		t.Errorf("new marketed asset: surplus %v at %v", n.SurplusValueGBP, n.DisposalStageAt)
	}
	n = atStage("")
	estate.StampDisposal(nil, n, moveNow)
	if n.DisposalStage != estate.StageNone || n.DisposalStageAt != nil || n.SurplusValueGBP != nil {
		t.Errorf("new asset at none: %s surplus %v at %v", n.DisposalStage, n.SurplusValueGBP, n.DisposalStageAt)
	}
}
