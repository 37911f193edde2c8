package estate

import (
	"slices"
	"time"
)

// DisposalStage is where an asset stands in its partner's disposal
// programme (issue 18).
type DisposalStage string

// Disposal stages. Sold and transferred (a community asset transfer, say)
// are final; under_review to under_offer are the open ones.
const (
	StageNone            DisposalStage = "none"
	StageUnderReview     DisposalStage = "under_review"
	StageDeclaredSurplus DisposalStage = "declared_surplus"
	StageMarketed        DisposalStage = "marketed"
	StageUnderOffer      DisposalStage = "under_offer"
	StageSold            DisposalStage = "sold"
	StageTransferred     DisposalStage = "transferred"
	StageWithdrawn       DisposalStage = "withdrawn"
)

// DisposalStages lists every stage, in the programme's order.
var DisposalStages = []DisposalStage{StageNone, StageUnderReview, StageDeclaredSurplus, StageMarketed,
	StageUnderOffer, StageSold, StageTransferred, StageWithdrawn}

// disposalMoves are the moves each stage allows. Any open stage may also
// be withdrawn; the final ones allow none.
var disposalMoves = map[DisposalStage][]DisposalStage{
	StageNone:            {StageUnderReview, StageDeclaredSurplus},
	StageUnderReview:     {StageDeclaredSurplus, StageNone, StageWithdrawn},
	StageDeclaredSurplus: {StageMarketed, StageTransferred, StageWithdrawn},
	StageMarketed:        {StageUnderOffer, StageWithdrawn, StageDeclaredSurplus},
	StageUnderOffer:      {StageSold, StageMarketed, StageWithdrawn},
	StageWithdrawn:       {StageUnderReview, StageNone},
}

// Valid reports whether s is a known stage.
func (s DisposalStage) Valid() bool { return oneOf(s, DisposalStages) }

// Open reports whether s is a stage of a disposal under way.
func (s DisposalStage) Open() bool {
	switch s {
	case StageUnderReview, StageDeclaredSurplus, StageMarketed, StageUnderOffer:
		return true
	}
	return false
}

// Final reports whether s ends the programme: sold or transferred.
func (s DisposalStage) Final() bool { return s == StageSold || s == StageTransferred }

// Surplus reports whether an asset at s has been declared surplus: the
// stages from declared_surplus on, final ones included.
func (s DisposalStage) Surplus() bool {
	switch s {
	case StageDeclaredSurplus, StageMarketed, StageUnderOffer, StageSold, StageTransferred:
		return true
	}
	return false
}

// stageOf reads a blank stage as none.
func stageOf(s DisposalStage) DisposalStage {
	if s == "" {
		return StageNone
	}
	return s
}

// DisposalMoves lists the stages an asset at from may move to, for the
// map's select; none for a final stage.
func DisposalMoves(from DisposalStage) []DisposalStage {
	return slices.Clone(disposalMoves[stageOf(from)])
}

// CanMoveDisposal reports whether the programme allows the move.
func CanMoveDisposal(from, to DisposalStage) bool {
	return slices.Contains(disposalMoves[stageOf(from)], stageOf(to))
}

// checkDisposalFields checks the programme's fields agree with each
// other, whatever the move: a receipt only on a sold or transferred
// asset, a sale with its receipt and date, a transfer with its date.
// Validate runs it, so no write path stores an asset that breaks it.
func checkDisposalFields(pr *Problems, a *Asset) {
	enumField(pr, "disposal_stage", a.DisposalStage, DisposalStages, true)
	dateField(pr, "disposal_target", a.DisposalTarget)
	noteField(pr, "disposal_note", a.DisposalNote, false, 4000)
	moneyField(pr, "receipt_gbp", a.ReceiptGBP)
	dateField(pr, "receipt_date", a.ReceiptDate)
	moneyField(pr, "surplus_value_gbp", a.SurplusValueGBP)
	switch stageOf(a.DisposalStage) {
	case StageSold:
		if a.ReceiptGBP == nil {
			pr.Add("receipt_gbp", "is required when disposal_stage is sold: what the sale raised, whole pounds")
		}
		if a.ReceiptDate == "" {
			pr.Add("receipt_date", "is required when disposal_stage is sold: when the receipt arrived")
		}
	case StageTransferred:
		if a.ReceiptDate == "" {
			pr.Add("receipt_date", "is required when disposal_stage is transferred: when the transfer completed")
		}
	default:
		if a.ReceiptGBP != nil {
			pr.Add("receipt_gbp", "only a sold or transferred asset has a receipt (disposal_stage is %s)", stageOf(a.DisposalStage))
		}
		if a.ReceiptDate != "" {
			pr.Add("receipt_date", "only a sold or transferred asset has a receipt date (disposal_stage is %s)", stageOf(a.DisposalStage))
		}
	}
}

// CheckDisposal checks the programme's move from before (nil for a new
// asset, which may arrive at any stage: a file records where a programme
// already stands) to a, at now: the move must be one the stage allows,
// and a receipt may not be dated after today. EINVALID naming the field.
// The fields' agreement with each other is Validate's.
func CheckDisposal(before, a *Asset, now time.Time) error {
	var pr Problems
	from, to := StageNone, stageOf(a.DisposalStage)
	if before != nil {
		from = stageOf(before.DisposalStage)
	}
	if before != nil && from != to {
		switch {
		case from.Final():
			pr.Add("disposal_stage", "the asset is %s, which is final: it cannot move to %s", from, to)
		case !CanMoveDisposal(from, to):
			pr.Add("disposal_stage", "cannot move from %s to %s: from %s the programme allows %v", from, to, from, disposalMoves[from])
		}
	}
	if a.ReceiptDate != "" && (before == nil || a.ReceiptDate != before.ReceiptDate) {
		if today := londonDate(now); a.ReceiptDate > today {
			pr.Add("receipt_date", "%s is in the future (today is %s): record a receipt when it arrives", a.ReceiptDate, today)
		}
	}
	return pr.Err("The disposal programme does not allow this change.")
}

// StampDisposal sets the programme's server fields of a, changed from
// before (nil for a new asset) at now: disposal_stage_at when the stage
// moves, and surplus_value_gbp, the market value the register held, when
// the asset is declared surplus. Moving back from marketed to
// declared_surplus is not a new declaration and keeps the first estimate.
// Otherwise they stay as before had them, whatever a client sent. A new
// asset keeps what it comes with (a copy, or the demo's history), and
// gets now and its market value where it lacks them.
func StampDisposal(before, a *Asset, now time.Time) {
	to := stageOf(a.DisposalStage)
	if before == nil {
		if to != StageNone && a.DisposalStageAt == nil {
			a.DisposalStageAt = &now
		}
		if to.Surplus() && a.SurplusValueGBP == nil {
			a.SurplusValueGBP = clonePtr(a.MarketValueGBP)
		}
		return
	}
	from := stageOf(before.DisposalStage)
	a.DisposalStageAt, a.SurplusValueGBP = clonePtr(before.DisposalStageAt), clonePtr(before.SurplusValueGBP)
	if from == to {
		return
	}
	a.DisposalStageAt = &now
	if to == StageDeclaredSurplus && !from.Surplus() {
		a.SurplusValueGBP = clonePtr(a.MarketValueGBP)
	}
}

// london is the register's calendar: UK public bodies date receipts in
// UK time. Without the time zone database it is UTC, an hour out at most.
var london = func() *time.Location {
	if l, err := time.LoadLocation("Europe/London"); err == nil {
		return l
	}
	return time.UTC
}()

func londonDate(t time.Time) string { return t.In(london).Format(time.DateOnly) }
