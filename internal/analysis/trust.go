package analysis

import (
	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/register"
)

// TrustTotals adds up assets. Unknown figures count as nothing; floor area
// is rounded to whole square metres per asset, like money to whole pounds,
// so every total is an exact sum (money.go says why int64 and what
// happens past it).
type TrustTotals struct {
	Assets            int   `json:"assets"`
	GIAM2             int64 `json:"gia_m2"`
	MarketValueGBP    int64 `json:"market_value_gbp"`
	RunningCostGBPPA  int64 `json:"running_cost_gbp_pa"`
	CentralReceiptGBP int64 `json:"central_receipt_gbp"` // expected, as in the receipts analysis (closed disposals expect nothing)
}

func (t *TrustTotals) plus(o TrustTotals) {
	t.Assets += o.Assets
	t.GIAM2 = add(t.GIAM2, o.GIAM2)
	t.MarketValueGBP = add(t.MarketValueGBP, o.MarketValueGBP)
	t.RunningCostGBPPA = add(t.RunningCostGBPPA, o.RunningCostGBPPA)
	t.CentralReceiptGBP = add(t.CentralReceiptGBP, o.CentralReceiptGBP)
}

// TrustRow is the totals of one partner, one rating, or one partner and
// rating; the field not grouped on is empty.
type TrustRow struct {
	Partner string     `json:"partner,omitempty"`
	RAG     estate.RAG `json:"rag,omitempty"`
	TrustTotals
}

// TrustView is what the property trust holds (DESIGN 5.3), with the
// parameters and filter used. Total equals the sum of Partners, of RAGs
// and of Cells.
type TrustView struct {
	Params   ReceiptParams    `json:"params"`
	Filter   estate.Selection `json:"filter"`
	Total    TrustTotals      `json:"total"`
	Partners []TrustRow       `json:"partners"` // by partner id
	RAGs     []TrustRow       `json:"rags"`     // red, amber, green, unrated; every rating listed
	Cells    []TrustRow       `json:"cells"`    // partner × rating, non-empty only
	// Colocation is the summary of a co-location run, nil when none was
	// given.
	Colocation *ColocationSummary `json:"colocation,omitempty"`
	// RegisterVersion is the register version the totals describe, set
	// by callers that know it (internal/insight); Colocation carries its
	// own, which may be older.
	RegisterVersion int64 `json:"register_version,omitempty"`
}

// Trust adds up the assets f selects by partner × rating. Co-location is
// too slow to rerun for every trust view, so the caller passes the summary
// of a run (Hubs.Summary, ideally with the same receipt assumptions and
// filter; the summary echoes its own) or nil. It returns an EINVALID error
// naming each bad parameter.
func Trust(assets register.Assets, p ReceiptParams, f estate.Selection, coloc *ColocationSummary) (TrustView, error) {
	var pr estate.Problems
	p.check(&pr)
	checkFilter(&pr, f)
	if err := pr.Err("The trust view query is not valid."); err != nil {
		return TrustView{}, err
	}
	m := p.model()
	all, mf := selectsAll(f), newMatcher(f)
	// One array of four ratings per partner.
	cells := newSlots[[4]TrustTotals]()
	for a := range assets.All() {
		if !all && !mf.match(a) {
			continue
		}
		ri := RAGIndex(a.RAG)
		t := &cells.at(a.Partner)[ri]
		t.Assets++
		if a.GIAM2.OK {
			t.GIAM2 = add(t.GIAM2, whole(a.GIAM2.V))
		}
		if a.MarketValueGBP.OK {
			t.MarketValueGBP = add(t.MarketValueGBP, a.MarketValueGBP.V)
		}
		if a.RunningCostGBPPA.OK {
			t.RunningCostGBPPA = add(t.RunningCostGBPPA, a.RunningCostGBPPA.V)
		}
		if basis(a) == BasisFreehold && !closed(a) {
			t.CentralReceiptGBP = add(t.CentralReceiptGBP, m.sale(a, ri, central))
		}
	}
	return trustView(p, f, coloc, cells.keys, cells.slots), nil
}

// trustView turns the partner × rating cells into rows and totals.
func trustView(p ReceiptParams, f estate.Selection, coloc *ColocationSummary, partners []string, cells [][4]TrustTotals) TrustView {
	order := byName(partners)
	v := TrustView{Params: p, Filter: f, Colocation: coloc,
		Partners: []TrustRow{}, RAGs: make([]TrustRow, len(ratings)), Cells: []TrustRow{}}
	for ri, r := range ratings {
		v.RAGs[ri].RAG = r
	}
	for _, i := range order {
		row := TrustRow{Partner: partners[i]}
		for ri, t := range cells[i] {
			if t.Assets == 0 {
				continue
			}
			v.Cells = append(v.Cells, TrustRow{Partner: partners[i], RAG: ratings[ri], TrustTotals: t})
			row.plus(t)
			v.RAGs[ri].plus(t)
		}
		v.Partners = append(v.Partners, row)
		v.Total.plus(row.TrustTotals)
	}
	return v
}
