package analysis

import (
	"cmp"
	"math"
	"slices"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/register"
)

// YearFigures is what one financial year holds: the open disposals
// expected to complete in it (expected values, as the receipts analysis
// prices them) and the receipts achieved in it (money in: neither
// weighted by a probability nor discounted).
type YearFigures struct {
	Year        string `json:"year"`   // "2027-28"; "" for a row's total
	Assets      int    `json:"assets"` // open freehold disposals placed in the year
	LowGBP      int64  `json:"low_gbp"`
	CentralGBP  int64  `json:"central_gbp"`
	HighGBP     int64  `json:"high_gbp"`
	Achieved    int    `json:"achieved"` // sold or transferred with a receipt dated in the year
	AchievedGBP int64  `json:"achieved_gbp"`
}

func (y *YearFigures) plus(o *YearFigures) {
	y.Assets += o.Assets
	y.LowGBP = add(y.LowGBP, o.LowGBP)
	y.CentralGBP = add(y.CentralGBP, o.CentralGBP)
	y.HighGBP = add(y.HighGBP, o.HighGBP)
	y.Achieved += o.Achieved
	y.AchievedGBP = add(y.AchievedGBP, o.AchievedGBP)
}

// ProfileGroup is one value of the grouping field: its figures year by
// year (aligned with YearProfile.Years) and over all years.
type ProfileGroup struct {
	Key   string        `json:"key"`
	Total YearFigures   `json:"total"`
	Years []YearFigures `json:"years"`
}

// YearProfile is receipts by UK financial year (DESIGN 5.1 with dates).
// Years lists every year any figure falls in, in order, and every row's
// Years is aligned with it; Total is the sum of Groups, year by year.
type YearProfile struct {
	Params  ReceiptParams    `json:"params"`
	AsAt    string           `json:"as_at"` // the valuation date
	GroupBy GroupBy          `json:"group_by"`
	Filter  estate.Selection `json:"filter"`
	Years   []string         `json:"years"`
	Total   ProfileGroup     `json:"total"`
	Groups  []ProfileGroup   `json:"groups"`
	// Withdrawn counts assets left out of every figure: withdrawn from
	// disposal. Overdue counts open disposals whose target date is before
	// the valuation date: placed in the valuation date's year, undiscounted.
	// Undated counts achieved disposals without a readable receipt date,
	// left out.
	Withdrawn int `json:"withdrawn"`
	Overdue   int `json:"overdue"`
	Undated   int `json:"undated"`
	// Dated counts the open disposals of Total.Total.Assets placed by
	// their target date (Overdue ones included): discounted to that date, not over their rating's
	// lead time as the receipts analysis and the trust view price them.
	// Without any, Total's low, central and high equal those of Receipts
	// for the same assets and parameters.
	Dated int `json:"dated"`
}

// plan is how one open asset is priced and placed: its rating (model
// index), probability, lead years and target date, the register's or a
// scenario's.
type plan struct {
	ri     int
	p      float64
	lead   float64
	custom bool   // p or lead differ from the rating's defaults
	target string // YYYY-MM-DD, "" for none
}

// profiler places assets in years; made once for a set of parameters.
type profiler struct {
	m        model
	p        ReceiptParams
	asAt     time.Time
	asAtFY   int
	leadFY   [4]int // the year an undated disposal of each rating lands in
	cols     map[int]int
	years    []int
	lastYear [2]int
	lastCol  [2]int // -1 until used
	overdue  int
	undated  int
	withdrew int
	dated    int
}

func newProfiler(p ReceiptParams, asAt time.Time) *profiler {
	pf := &profiler{m: p.model(), p: p, asAt: asAt, asAtFY: FinancialYear(asAt), cols: map[int]int{}, lastCol: [2]int{-1, -1}}
	for ri := range pf.leadFY {
		pf.leadFY[ri] = FinancialYear(afterYears(asAt, pf.m.lead[ri]))
	}
	return pf
}

// col is year y's column, added on first use; most assets fall in a
// few years, so the last two asked are remembered.
func (pf *profiler) col(y int) int {
	if y == pf.lastYear[0] && pf.lastCol[0] >= 0 {
		return pf.lastCol[0]
	}
	if y == pf.lastYear[1] && pf.lastCol[1] >= 0 {
		pf.lastYear[0], pf.lastYear[1] = pf.lastYear[1], pf.lastYear[0]
		pf.lastCol[0], pf.lastCol[1] = pf.lastCol[1], pf.lastCol[0]
		return pf.lastCol[0]
	}
	c := pf.colOf(y)
	pf.lastYear[1], pf.lastCol[1] = pf.lastYear[0], pf.lastCol[0]
	pf.lastYear[0], pf.lastCol[0] = y, c
	return c
}

func (pf *profiler) colOf(y int) int {
	c, ok := pf.cols[y]
	if !ok {
		c = len(pf.years)
		pf.cols[y] = c
		pf.years = append(pf.years, y)
	}
	return c
}

// defaultPlan is the register's plan for a: its rating's probability and
// lead time, its own target date.
func (pf *profiler) defaultPlan(a *register.Asset, g *prog) plan {
	ri := RAGIndex(a.RAG)
	return plan{ri: ri, p: pf.m.p[ri], lead: pf.m.lead[ri], target: g.target}
}

// place adds asset a, with programme g and plan pl, to the year figures
// of row (grown as years appear). It returns the year's column and
// whether a figure was added.
func (pf *profiler) place(a *register.Asset, g *prog, pl *plan, row *[]YearFigures) {
	switch {
	case g.stage == stageWithdrawn:
		pf.withdrew++
		return
	case g.achieved():
		if !g.hasReceipt {
			return
		}
		d, ok := ParseDate(g.receiptDate)
		if !ok {
			pf.undated++
			return
		}
		y := at(row, pf.col(FinancialYear(d)))
		y.Achieved++
		y.AchievedGBP = add(y.AchievedGBP, g.receipt)
		return
	case basis(a) != BasisFreehold || pl.p == 0:
		// No sale, or none expected (red and unrated by default).
		return
	}
	year, weight := pf.when(pl)
	y := at(row, pf.col(year))
	y.Assets++
	y.LowGBP = add(y.LowGBP, pf.sale(a, low, weight))
	y.CentralGBP = add(y.CentralGBP, pf.sale(a, central, weight))
	y.HighGBP = add(y.HighGBP, pf.sale(a, high, weight))
}

// when is the year an open disposal lands in and its weight, probability
// over discount. A target date places it, and discounts it by the years
// from the valuation date to the target (none when overdue); without one
// it lands lead years after the valuation date, discounted by the lead
// years, exactly as the receipts analysis weights it.
func (pf *profiler) when(pl *plan) (int, float64) {
	if pl.target != "" {
		if d, ok := ParseDate(pl.target); ok {
			pf.dated++
			if d.Before(pf.asAt) {
				pf.overdue++
				return pf.asAtFY, pl.p
			}
			return FinancialYear(d), pl.p / math.Pow(1+pf.p.DiscountRate, yearsBetween(pf.asAt, d))
		}
	}
	if !pl.custom {
		return pf.leadFY[pl.ri], pf.m.weight[pl.ri]
	}
	return FinancialYear(afterYears(pf.asAt, pl.lead)), pl.p / math.Pow(1+pf.p.DiscountRate, pl.lead)
}

// sale is m.sale with a weight of the caller's.
func (pf *profiler) sale(a *register.Asset, s int, weight float64) int64 {
	x := float64(a.MarketValueGBP.V) * pf.m.keep[s]
	if a.GIAM2.OK {
		x -= pf.m.reloc * a.GIAM2.V * a.Utilisation()
	}
	return pounds(max(x, 0) * weight)
}

// at is column c of row, grown to hold it.
func at(row *[]YearFigures, c int) *YearFigures {
	for len(*row) <= c {
		*row = append(*row, YearFigures{})
	}
	return &(*row)[c]
}

// finish orders the columns by year, labels them and totals the groups.
func (pf *profiler) finish(groups []ProfileGroup) ([]string, ProfileGroup, []ProfileGroup) {
	order := make([]int, len(pf.years))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(pf.years[a], pf.years[b]) })
	labels := make([]string, len(order))
	for i, c := range order {
		labels[i] = FYLabel(pf.years[c])
	}
	total := ProfileGroup{Years: make([]YearFigures, len(order))}
	for gi := range groups {
		g := &groups[gi]
		sorted := make([]YearFigures, len(order))
		for i, c := range order {
			if c < len(g.Years) {
				sorted[i] = g.Years[c]
			}
			sorted[i].Year = labels[i]
			g.Total.plus(&sorted[i])
			total.Years[i].plus(&sorted[i])
		}
		g.Years = sorted
		total.Total.plus(&g.Total)
	}
	for i := range total.Years {
		total.Years[i].Year = labels[i]
	}
	return labels, total, groups
}

// Profile places the expected and achieved receipts of the assets f
// selects in UK financial years, as at the valuation date asAt
// (YYYY-MM-DD), grouped by groupBy ("" is by partner, ByStage by the
// programme's stage). An open freehold asset (any stage but sold,
// transferred and withdrawn) with a probability above 0 is priced as the
// receipts analysis prices it and placed in the year of its target date
// (discounted to it), or else lead years (of its rating) after asAt;
// withdrawn assets are left out; sold and transferred ones count their
// achieved receipt in the year of its date. It returns an EINVALID
// error naming every bad parameter.
func Profile(assets register.Assets, p ReceiptParams, asAt string, f estate.Selection, groupBy GroupBy) (YearProfile, error) {
	return profileWith(assets, p, asAt, f, groupBy, nil)
}

func profileWith(assets register.Assets, p ReceiptParams, asAt string, f estate.Selection, groupBy GroupBy, sc *compiled) (YearProfile, error) {
	out, err := profiles(assets, p, asAt, f, groupBy, []*compiled{sc})
	if err != nil {
		return YearProfile{}, err
	}
	return out[0], nil
}

// profiles makes one profile for each scenario of sides (nil for the
// register as it is) in one pass over the assets, which is most of the
// cost at a million.
func profiles(assets register.Assets, p ReceiptParams, asAt string, f estate.Selection, groupBy GroupBy, sides []*compiled) ([]YearProfile, error) {
	if groupBy == "" {
		groupBy = ByPartner
	}
	var pr estate.Problems
	p.check(&pr)
	checkFilter(&pr, f)
	groupBy.check(&pr)
	d := checkAsAt(&pr, asAt)
	if err := pr.Err("The receipts profile query is not valid."); err != nil {
		return nil, err
	}
	pfs := make([]*profiler, len(sides))
	for i := range pfs {
		pfs[i] = newProfiler(p, d)
	}
	all, mf := selectsAll(f), newMatcher(f)
	// One slot per group holds every side's row.
	byKey := newSlots[[]ProfileGroup]()
	for a := range assets.All() {
		if !all && !mf.match(a) {
			continue
		}
		g := programmeOf(a)
		k := groupBy.key(a)
		rows := byKey.at(k)
		if *rows == nil {
			*rows = make([]ProfileGroup, len(sides))
		}
		for i, sc := range sides {
			pf := pfs[i]
			pl := pf.defaultPlan(a, &g)
			sc.apply(pf, a, &pl)
			row := &(*rows)[i]
			row.Key = k
			pf.place(a, &g, &pl, &row.Years)
		}
	}
	out := make([]YearProfile, len(sides))
	for i, pf := range pfs {
		groups := make([]ProfileGroup, len(byKey.slots))
		for j, rows := range byKey.slots {
			groups[j] = rows[i]
		}
		slices.SortFunc(groups, func(a, b ProfileGroup) int {
			if groupBy == ByRAG {
				return cmp.Compare(RAGIndex(estate.RAG(a.Key)), RAGIndex(estate.RAG(b.Key)))
			}
			return cmp.Compare(a.Key, b.Key)
		})
		years, total, groups := pf.finish(groups)
		out[i] = YearProfile{Params: p, AsAt: d.Format(DateLayout), GroupBy: groupBy, Filter: f, Years: years,
			Total: total, Groups: groups, Withdrawn: pf.withdrew, Overdue: pf.overdue, Undated: pf.undated, Dated: pf.dated}
	}
	return out, nil
}

// checkAsAt reads the valuation date, naming as_at when it is not one.
func checkAsAt(pr *estate.Problems, asAt string) time.Time {
	d, ok := ParseDate(asAt)
	if !ok {
		pr.Add("as_at", "must be a date, YYYY-MM-DD")
	}
	return d
}
