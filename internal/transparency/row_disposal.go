package transparency

import (
	"maps"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
)

// disposalNames are the names estates teams give the disposal
// programme's columns (issue 18), normalised with normName; they join
// commonNames. "Status" alone is left out: an asset list's status is as
// often its occupancy.
var disposalNames = map[string]target{
	"stage": "disposal_stage", "disposalstage": "disposal_stage", "disposalstatus": "disposal_stage",
	"disposalprogrammestage": "disposal_stage", "programmestage": "disposal_stage",
	"surplusstatus": "disposal_stage", "salestatus": "disposal_stage",
	"targetdate": "disposal_target", "targetdisposaldate": "disposal_target",
	"disposaltargetdate": "disposal_target", "targetcompletiondate": "disposal_target",
	"targetcompletion": "disposal_target", "disposaldate": "disposal_target",
	"disposalnote": "disposal_note", "disposalnotes": "disposal_note", "disposalcomments": "disposal_note",
	"receipt": "receipt_gbp", "capitalreceipt": "receipt_gbp", "salereceipt": "receipt_gbp",
	"saleprice": "receipt_gbp", "salesprice": "receipt_gbp", "achievedreceipt": "receipt_gbp",
	"receiptdate": "receipt_date", "saledate": "receipt_date", "datesold": "receipt_date",
	"dateofsale": "receipt_date", "completiondateofsale": "receipt_date",
}

func init() { maps.Copy(commonNames, disposalNames) }

// stageWords read the words a disposal programme's stages are written
// with, normalised with normName, as the register's stages.
var stageWords = func() map[string]estate.DisposalStage {
	m := map[string]estate.DisposalStage{
		"": estate.StageNone, "notsurplus": estate.StageNone, "retained": estate.StageNone, "retain": estate.StageNone,
		"review": estate.StageUnderReview, "inreview": estate.StageUnderReview, "beingreviewed": estate.StageUnderReview,
		"surplus": estate.StageDeclaredSurplus, "declared": estate.StageDeclaredSurplus,
		"onthemarket": estate.StageMarketed, "onmarket": estate.StageMarketed, "formarket": estate.StageMarketed,
		"forsale": estate.StageMarketed, "offeraccepted": estate.StageUnderOffer, "saleagreed": estate.StageUnderOffer,
		"stc": estate.StageUnderOffer, "soldsubjecttocontract": estate.StageUnderOffer,
		"completed": estate.StageSold, "disposed": estate.StageSold,
		"communityassettransfer": estate.StageTransferred, "cat": estate.StageTransferred,
		"transfer": estate.StageTransferred, "withdrawnfromsale": estate.StageWithdrawn,
	}
	for _, s := range estate.DisposalStages {
		m[normName(string(s))] = s
	}
	return m
}()

// readDisposal reads the programme's columns. A stage it cannot read is
// the row's error, not a warning: the stage decides which moves follow,
// and guessing one would move the asset where nobody put it.
func (rr *rowReader) readDisposal() {
	a := rr.a
	if s := rr.v("disposal_stage"); s != "" {
		if st, ok := stageWords[normName(s)]; ok {
			a.DisposalStage = st
		} else {
			rr.pr.Add("disposal_stage", "%q is not a disposal stage: one of %v", shorten(s), estate.DisposalStages)
		}
	}
	if s := rr.v("disposal_stage_at"); s != "" {
		if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
			t = t.UTC()
			a.DisposalStageAt = &t
		} else {
			rr.bad("disposal_stage_at", s)
		}
	}
	rr.date("disposal_target", &a.DisposalTarget)
	a.DisposalNote = rr.text("disposal_note")
	rr.money("receipt_gbp", &a.ReceiptGBP)
	rr.date("receipt_date", &a.ReceiptDate)
	rr.money("surplus_value_gbp", &a.SurplusValueGBP)
}
