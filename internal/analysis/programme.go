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

// closed reports whether a's disposal is over or off: sold or transferred
// (its receipt, if any, is achieved, not expected) or withdrawn (taken off
// the programme: not for disposal, probability 0). Every expected figure
// (receipts, the trust view, the year profile, scenarios, hubs) leaves
// a closed asset out, so they all agree.
func closed(a *register.Asset) bool {
	switch string(a.DisposalStage) {
	case stageSold, stageTransferred, stageWithdrawn:
		return true
	}
	return false
}

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

// StageRow is the assets at one stage of the programme.
type StageRow struct {
	Stage           string `json:"stage"`
	Assets          int    `json:"assets"`
	MarketValueGBP  int64  `json:"market_value_gbp"`  // as the register holds it now
	SurplusValueGBP int64  `json:"surplus_value_gbp"` // held when declared surplus
	ReceiptGBP      int64  `json:"receipt_gbp"`       // achieved
}

// Stages counts the assets f selects at each stage of the programme, in
// the programme's order, every stage listed. It returns an EINVALID error
// naming each bad filter member.
func Stages(assets register.Assets, f estate.Selection) ([]StageRow, error) {
	var pr estate.Problems
	checkFilter(&pr, f)
	if err := pr.Err("The programme query is not valid."); err != nil {
		return nil, err
	}
	rows := make([]StageRow, len(estate.DisposalStages))
	index := map[estate.DisposalStage]int{}
	for i, s := range estate.DisposalStages {
		rows[i].Stage, index[s] = string(s), i
	}
	all, mf := selectsAll(f), newMatcher(f)
	for a := range assets.All() {
		if !all && !mf.match(a) {
			continue
		}
		i, ok := index[a.DisposalStage]
		if !ok {
			i = 0 // unknown reads as none, as a blank does
		}
		r := &rows[i]
		r.Assets++
		if a.MarketValueGBP.OK {
			r.MarketValueGBP = add(r.MarketValueGBP, a.MarketValueGBP.V)
		}
		if a.SurplusValueGBP.OK {
			r.SurplusValueGBP = add(r.SurplusValueGBP, a.SurplusValueGBP.V)
		}
		if a.ReceiptGBP.OK {
			r.ReceiptGBP = add(r.ReceiptGBP, a.ReceiptGBP.V)
		}
	}
	return rows, nil
}
