package analysis

import (
	"cmp"
	"math"
	"slices"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/register"
)

// OutcomeFigures sets what sales raised beside what the register
// estimated when each asset was declared surplus. The estimate of one
// sale in scenario s is
//
//	estimate_s = surplus_value_gbp × (1 − haircut_s) × (1 − fees)
//
// rounded to whole pounds: the receipts formula's price net of the sale,
// without relocation cost, probability or discounting, since the sale
// happened and receipt_gbp is the money it brought in. Ratio is
// receipt ÷ central estimate, and ValueRatio receipt ÷ surplus value (1 −
// ValueRatio is the haircut the market actually took, fees included);
// both are 0 when their divisor is.
type OutcomeFigures struct {
	Sold            int     `json:"sold"` // sales with both a surplus value and a receipt
	SurplusValueGBP int64   `json:"surplus_value_gbp"`
	LowGBP          int64   `json:"estimate_low_gbp"`
	CentralGBP      int64   `json:"estimate_central_gbp"`
	HighGBP         int64   `json:"estimate_high_gbp"`
	ReceiptGBP      int64   `json:"receipt_gbp"`
	Ratio           float64 `json:"ratio"`
	ValueRatio      float64 `json:"value_ratio"`
}

func (o *OutcomeFigures) plus(x *OutcomeFigures) {
	o.Sold += x.Sold
	o.SurplusValueGBP = add(o.SurplusValueGBP, x.SurplusValueGBP)
	o.LowGBP = add(o.LowGBP, x.LowGBP)
	o.CentralGBP = add(o.CentralGBP, x.CentralGBP)
	o.HighGBP = add(o.HighGBP, x.HighGBP)
	o.ReceiptGBP = add(o.ReceiptGBP, x.ReceiptGBP)
}

func (o *OutcomeFigures) ratios() {
	o.Ratio, o.ValueRatio = ratio(o.ReceiptGBP, o.CentralGBP), ratio(o.ReceiptGBP, o.SurplusValueGBP)
}

// ratio is a/b to four decimal places, 0 when b is 0.
func ratio(a, b int64) float64 {
	if b == 0 {
		return 0
	}
	return math.Round(float64(a)/float64(b)*1e4) / 1e4
}

// OutcomeRow is one partner's sales, or one sale.
type OutcomeRow struct {
	Partner string `json:"partner"`
	ID      int64  `json:"id,omitempty"` // a sale's asset; 0 on a partner's row
	Name    string `json:"name,omitempty"`
	OutcomeFigures
}

// OutcomeReport is estimate against outcome. Total is the sum of
// Partners and of Sales.
type OutcomeReport struct {
	Params   ReceiptParams    `json:"params"`
	Filter   estate.Selection `json:"filter"`
	Total    OutcomeFigures   `json:"total"`
	Partners []OutcomeRow     `json:"partners"`
	Sales    []OutcomeRow     `json:"sales"` // by partner, then id
	// Unestimated counts sold assets left out for want of a surplus
	// value or a receipt.
	Unestimated int `json:"unestimated"`
}

// Outcome sets each sold asset f selects (stage sold: a transfer's
// receipt is not a market price) beside its estimate. It returns an
// EINVALID error naming every bad parameter.
func Outcome(assets register.Assets, p ReceiptParams, f estate.Selection) (OutcomeReport, error) {
	var pr estate.Problems
	p.check(&pr)
	checkFilter(&pr, f)
	if err := pr.Err("The estimate against outcome query is not valid."); err != nil {
		return OutcomeReport{}, err
	}
	m := p.model()
	all, mf := selectsAll(f), newMatcher(f)
	rep := OutcomeReport{Params: p, Filter: f, Partners: []OutcomeRow{}, Sales: []OutcomeRow{}}
	byPartner := newSlots[OutcomeRow]()
	for a := range assets.All() {
		if !all && !mf.match(a) {
			continue
		}
		g := programmeOf(a)
		if g.stage != stageSold {
			continue
		}
		if !g.hasSurplus || !g.hasReceipt {
			rep.Unestimated++
			continue
		}
		v := float64(g.surplus)
		s := OutcomeRow{Partner: a.Partner, ID: a.ID, Name: a.Name, OutcomeFigures: OutcomeFigures{Sold: 1,
			SurplusValueGBP: g.surplus, ReceiptGBP: g.receipt,
			LowGBP: pounds(v * m.keep[low]), CentralGBP: pounds(v * m.keep[central]), HighGBP: pounds(v * m.keep[high])}}
		s.ratios()
		rep.Sales = append(rep.Sales, s)
		row := byPartner.at(a.Partner)
		row.Partner = a.Partner
		row.plus(&s.OutcomeFigures)
	}
	for _, i := range byName(byPartner.keys) {
		row := byPartner.slots[i]
		row.ratios()
		rep.Partners = append(rep.Partners, row)
		rep.Total.plus(&row.OutcomeFigures)
	}
	rep.Total.ratios()
	slices.SortFunc(rep.Sales, func(a, b OutcomeRow) int {
		return cmp.Or(cmp.Compare(a.Partner, b.Partner), cmp.Compare(a.ID, b.ID))
	})
	return rep, nil
}
