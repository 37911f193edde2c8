package register

import (
	"time"

	"github.com/placetrust/placetrust/internal/estate"
)

// programme is a row's disposal programme (estate/disposal.go), held
// apart from the columns: most assets are in none, so a row costs only
// its index into columns.progs, whose first entry is the empty one
// (stage none, nothing known). Free of pointers, as the columns are.
type programme struct {
	stageAt           int64 // Unix nanoseconds, with hasStageAt
	receipt, surplus  int64 // whole pounds, with hasReceipt, hasSurplus
	target, receiptOn int32 // days since 1970-01-01, noDate for none
	stage             uint8 // into dict.enums
	flags             uint8
}

// Bits of programme.flags.
const (
	hasStageAt uint8 = 1 << iota
	hasReceipt
	hasSurplus
)

// noDate marks a programme date the asset does not have.
const noDate = -1 << 31

const day = 24 * 60 * 60

// days reads a YYYY-MM-DD date as days since 1970-01-01; noDate for
// blank text, or text that is not a date (which validation never stores).
func days(s string) int32 {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return noDate
	}
	return int32(t.Unix() / day) // dates are midnight UTC: exact
}

func dateOf(d int32) string {
	if d == noDate {
		return ""
	}
	return time.Unix(int64(d)*day, 0).UTC().Format(time.DateOnly)
}

// inProgramme reports whether a has anything of a programme to hold.
func inProgramme(a *Asset) bool {
	return a.DisposalStage != estate.StageNone || !a.DisposalStageAt.IsZero() || a.DisposalTarget != "" ||
		a.ReceiptGBP.OK || a.ReceiptDate != "" || a.SurplusValueGBP.OK
}

// appendProgramme adds a's programme and returns its index, 0 for none.
func (b *builder) appendProgramme(a *Asset) (uint32, error) {
	if !inProgramme(a) {
		return 0, nil
	}
	stage, err := b.dict.enum(string(a.DisposalStage))
	if err != nil {
		return 0, err
	}
	p := programme{stage: stage, target: days(a.DisposalTarget), receiptOn: days(a.ReceiptDate),
		receipt: a.ReceiptGBP.V, surplus: a.SurplusValueGBP.V}
	if !a.DisposalStageAt.IsZero() {
		p.stageAt, p.flags = a.DisposalStageAt.UnixNano(), hasStageAt
	}
	if a.ReceiptGBP.OK {
		p.flags |= hasReceipt
	}
	if a.SurplusValueGBP.OK {
		p.flags |= hasSurplus
	}
	c := &b.cols
	if len(c.progs) == 0 {
		c.progs = append(c.progs, programme{}) // the empty one, index 0
	}
	c.progs = append(c.progs, p)
	return uint32(len(c.progs) - 1), nil
}

// readProgramme fills a's programme fields from row.
func (s *Snapshot) readProgramme(row int32, a *Asset) {
	i := s.cols.prog[row]
	if i == 0 {
		a.DisposalStage = estate.StageNone
		return
	}
	p := &s.cols.progs[i]
	a.DisposalStage = estate.DisposalStage(s.enums[p.stage])
	if p.flags&hasStageAt != 0 {
		a.DisposalStageAt = time.Unix(0, p.stageAt).UTC()
	}
	a.DisposalTarget, a.ReceiptDate = dateOf(p.target), dateOf(p.receiptOn)
	a.ReceiptGBP = Known[int64]{p.receipt, p.flags&hasReceipt != 0}
	a.SurplusValueGBP = Known[int64]{p.surplus, p.flags&hasSurplus != 0}
}

// DisposalStage is the programme stage of row: none for most.
func (s *Snapshot) DisposalStage(row int32) estate.DisposalStage {
	if i := s.cols.prog[row]; i != 0 {
		return estate.DisposalStage(s.enums[s.cols.progs[i].stage])
	}
	return estate.StageNone
}
