package analysis

import (
	"cmp"
	"slices"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/register"
)

// Basis says how disposing of an asset would pay: a sale, a lease given
// up, or neither.
type Basis string

// Bases of a receipt.
const (
	// BasisFreehold: a freehold asset with a market value, sold.
	BasisFreehold Basis = "freehold"
	// BasisLeasedIn: an asset the partner rents (tenure_detail leased_in),
	// given up; it saves its annual rent and sells for nothing, whatever
	// its tenure or market value say (those are the landlord's).
	BasisLeasedIn Basis = "leased_in"
	// BasisNone: no market value, or a leasehold, licence or other
	// interest that is not leased in; no receipt is estimated.
	BasisNone Basis = "none"
)

// Receipt is what disposing of one asset is expected to raise. The three
// scenarios are expected values (already weighted by the probability of
// disposal for the asset's rating), rounded to whole pounds. The rent
// saved by leaving a leased-in asset is weighted by the same probability,
// so it adds up with receipts as an expectation too. An asset sold,
// transferred or withdrawn expects nothing: probability 0, every figure 0
// (its receipt, if any, is achieved; see Profile and Outcome).
type Receipt struct {
	AssetID        int64      `json:"id"`
	Partner        string     `json:"partner"` // the owner, to whom the receipt is attributed
	RAG            estate.RAG `json:"rag"`
	Basis          Basis      `json:"basis"`
	Probability    float64    `json:"probability"`
	LeadYears      float64    `json:"lead_years"`
	LowGBP         int64      `json:"low_gbp"`
	CentralGBP     int64      `json:"central_gbp"`
	HighGBP        int64      `json:"high_gbp"`
	RentSavedGBPPA int64      `json:"rent_saved_gbp_pa"`
}

// AssetReceipt returns the expected receipt of a with parameters p, which
// the caller has validated. It is the figure every receipts total is the
// sum of.
func AssetReceipt(a *register.Asset, p ReceiptParams) Receipt {
	m := p.model()
	return m.receipt(a)
}

func (m *model) receipt(a *register.Asset) Receipt {
	ri := RAGIndex(a.RAG)
	r := Receipt{AssetID: a.ID, Partner: a.Partner, RAG: ratings[ri], Basis: basis(a),
		Probability: m.p[ri], LeadYears: m.lead[ri]}
	if closed(a) {
		r.Probability = 0
		return r
	}
	switch r.Basis {
	case BasisLeasedIn:
		if a.AnnualRentGBP.OK {
			r.RentSavedGBPPA = pounds(float64(a.AnnualRentGBP.V) * m.p[ri])
		}
	case BasisFreehold:
		r.LowGBP, r.CentralGBP, r.HighGBP = m.sale(a, ri, low), m.sale(a, ri, central), m.sale(a, ri, high)
	}
	return r
}

// central is the central expected receipt of a, as receipt reports it.
func (m *model) central(a *register.Asset) int64 {
	if basis(a) != BasisFreehold || closed(a) {
		return 0
	}
	return m.sale(a, RAGIndex(a.RAG), central)
}

// sale is the expected receipt of a freehold asset in one scenario.
func (m *model) sale(a *register.Asset, ri, s int) int64 {
	x := float64(a.MarketValueGBP.V) * m.keep[s]
	if a.GIAM2.OK {
		x -= m.reloc * a.GIAM2.V * a.Utilisation()
	}
	return pounds(max(x, 0) * m.weight[ri])
}

func basis(a *register.Asset) Basis {
	switch {
	case a.TenureDetail == estate.DetailLeasedIn:
		return BasisLeasedIn
	case a.Tenure == estate.TenureFreehold && a.MarketValueGBP.OK:
		return BasisFreehold
	}
	return BasisNone
}

// pounds rounds to whole pounds (see whole).
func pounds(x float64) int64 { return whole(x) }

// GroupBy names the field receipts are grouped by.
type GroupBy string

// Groupings; the default is by partner.
const (
	ByPartner GroupBy = "partner"
	ByRAG     GroupBy = "rag"
	ByHolding GroupBy = "holding"
	ByUse     GroupBy = "use"
	ByTown    GroupBy = "town"
	// ByStage groups by the disposal programme's stage, none for blank.
	ByStage GroupBy = "stage"
)

// GroupBys lists every grouping.
var GroupBys = []GroupBy{ByPartner, ByRAG, ByHolding, ByUse, ByTown, ByStage}

func (g GroupBy) check(pr *estate.Problems) {
	if !slices.Contains(GroupBys, g) {
		pr.Add("group_by", "must be one of %v", GroupBys)
	}
}

func (g GroupBy) key(a *register.Asset) string {
	switch g {
	case ByRAG:
		return string(rating(a.RAG))
	case ByHolding:
		return string(a.Holding)
	case ByUse:
		return a.Use
	case ByTown:
		return a.Town
	case ByStage:
		g := programmeOf(a)
		return g.stageKey()
	}
	return a.Partner
}

// ReceiptTotals adds up receipts. Every figure is a sum of per-asset
// figures, each already rounded.
type ReceiptTotals struct {
	Assets         int   `json:"assets"`    // assets selected
	Freehold       int   `json:"freehold"`  // of which sold (basis freehold)
	LeasedIn       int   `json:"leased_in"` // of which leases given up
	LowGBP         int64 `json:"low_gbp"`
	CentralGBP     int64 `json:"central_gbp"`
	HighGBP        int64 `json:"high_gbp"`
	RentSavedGBPPA int64 `json:"rent_saved_gbp_pa"`
}

func (t *ReceiptTotals) add(r *Receipt) {
	t.Assets++
	switch r.Basis {
	case BasisFreehold:
		t.Freehold++
	case BasisLeasedIn:
		t.LeasedIn++
	}
	t.LowGBP = add(t.LowGBP, r.LowGBP)
	t.CentralGBP = add(t.CentralGBP, r.CentralGBP)
	t.HighGBP = add(t.HighGBP, r.HighGBP)
	t.RentSavedGBPPA = add(t.RentSavedGBPPA, r.RentSavedGBPPA)
}

func (t *ReceiptTotals) plus(o ReceiptTotals) {
	t.Assets += o.Assets
	t.Freehold += o.Freehold
	t.LeasedIn += o.LeasedIn
	t.LowGBP = add(t.LowGBP, o.LowGBP)
	t.CentralGBP = add(t.CentralGBP, o.CentralGBP)
	t.HighGBP = add(t.HighGBP, o.HighGBP)
	t.RentSavedGBPPA = add(t.RentSavedGBPPA, o.RentSavedGBPPA)
}

// ReceiptGroup is the totals of one value of the grouping field; Key is ""
// for assets where the field is blank.
type ReceiptGroup struct {
	Key string `json:"key"`
	ReceiptTotals
}

// ReceiptsReport is the receipts analysis with the assumptions it used.
// Total equals the sum of Groups, field by field.
type ReceiptsReport struct {
	Params  ReceiptParams    `json:"params"`
	GroupBy GroupBy          `json:"group_by"`
	Filter  estate.Selection `json:"filter"`
	Total   ReceiptTotals    `json:"total"`
	Groups  []ReceiptGroup   `json:"groups"`
}

// Receipts adds up the expected receipts of the assets f selects, grouped
// by groupBy ("" means by partner); receipts go to the owning partner.
// Groups are in rating order for ByRAG, else in key order. It returns an
// EINVALID error naming every bad parameter.
func Receipts(assets register.Assets, p ReceiptParams, f estate.Selection, groupBy GroupBy) (ReceiptsReport, error) {
	if groupBy == "" {
		groupBy = ByPartner
	}
	var pr estate.Problems
	p.check(&pr)
	checkFilter(&pr, f)
	groupBy.check(&pr)
	if err := pr.Err("The receipts query is not valid."); err != nil {
		return ReceiptsReport{}, err
	}
	m := p.model()
	all, mf := selectsAll(f), newMatcher(f)
	byKey := newSlots[ReceiptGroup]()
	for a := range assets.All() {
		if !all && !mf.match(a) {
			continue
		}
		r := m.receipt(a)
		k := groupBy.key(a)
		g := byKey.at(k)
		g.Key = k
		g.add(&r)
	}
	groups := byKey.slots
	sortGroups(groups, groupBy)
	rep := ReceiptsReport{Params: p, GroupBy: groupBy, Filter: f, Groups: groups}
	if rep.Groups == nil {
		rep.Groups = []ReceiptGroup{}
	}
	for _, g := range groups {
		rep.Total.plus(g.ReceiptTotals)
	}
	return rep, nil
}

func sortGroups(groups []ReceiptGroup, by GroupBy) {
	slices.SortFunc(groups, func(a, b ReceiptGroup) int {
		if by == ByRAG {
			return cmp.Compare(RAGIndex(estate.RAG(a.Key)), RAGIndex(estate.RAG(b.Key)))
		}
		return cmp.Compare(a.Key, b.Key)
	})
}
