package analysis

import (
	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/register"
)

// prog is what the year profile and estimate-against-outcome read of an
// asset's disposal programme, read from the copy in one place.
type prog struct {
	stage       string // estate.DisposalStage; "" is none
	target      string // YYYY-MM-DD target completion, "" for none
	receipt     int64  // achieved, when hasReceipt
	hasReceipt  bool
	receiptDate string // YYYY-MM-DD
	surplus     int64  // market value held when declared surplus, when hasSurplus
	hasSurplus  bool
}

// Stages of the disposal programme as the analyses read them.
const (
	stageNone        = string(estate.StageNone)
	stageSold        = string(estate.StageSold)
	stageTransferred = string(estate.StageTransferred)
	stageWithdrawn   = string(estate.StageWithdrawn)
)

// achieved reports whether the disposal has completed: its receipt, if
// any, is money in, not an expectation.
func (p *prog) achieved() bool { return p.stage == stageSold || p.stage == stageTransferred }

// stageKey is the stage as a grouping key, none for blank.
func (p *prog) stageKey() string {
	if p.stage == "" {
		return stageNone
	}
	return p.stage
}

// programmeOf is a's programme as the copy holds it.
func programmeOf(a *register.Asset) prog {
	return prog{stage: string(a.DisposalStage), target: a.DisposalTarget,
		receipt: a.ReceiptGBP.V, hasReceipt: a.ReceiptGBP.OK, receiptDate: a.ReceiptDate,
		surplus: a.SurplusValueGBP.V, hasSurplus: a.SurplusValueGBP.OK}
}
