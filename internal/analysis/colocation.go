package analysis

import (
	"cmp"
	"slices"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/register"
)

// Bounds and defaults of the co-location parameters.
const (
	DefaultDistanceM   = 400
	MaxDistanceM       = 5000 // beyond a walk between buildings, a hub is no longer "co-location"
	DefaultMinPartners = 2
	MaxMinPartners     = 100
	DefaultDensify     = 0.8
)

// ColocationParams are the assumptions of the co-location analysis
// (DESIGN 5.2). JSON names are the query parameter names; the receipt
// parameters are embedded (flattened in JSON) because each opportunity
// reports the central receipt of the assets it frees. Ranges, checked by
// Validate: distance in [0, MaxDistanceM] metres; min_partners in
// [2, MaxMinPartners]; densify in (0, 1].
type ColocationParams struct {
	// DistanceM is the furthest a member may be from its hub, great-circle
	// metres, limit included; default 400.
	DistanceM float64 `json:"distance"`
	// MinPartners is the fewest distinct partners, the hub's owner
	// included, that make an opportunity; default 2.
	MinPartners int `json:"min_partners"`
	// Densify is the share of the floor area a moved asset uses now that
	// it needs in the hub; default 0.8.
	Densify float64 `json:"densify"`
	ReceiptParams
}

// DefaultColocationParams returns the DESIGN 5.2 defaults.
func DefaultColocationParams() ColocationParams {
	return ColocationParams{DistanceM: DefaultDistanceM, MinPartners: DefaultMinPartners,
		Densify: DefaultDensify, ReceiptParams: DefaultReceiptParams()}
}

// Validate returns an EINVALID error naming every parameter out of range,
// or nil.
func (p ColocationParams) Validate() error { return p.ValidateGiven(nil) }

// ValidateGiven is Validate blaming order errors as
// ReceiptParams.ValidateGiven does.
func (p ColocationParams) ValidateGiven(given func(name string) bool) error {
	var pr estate.Problems
	p.checkGiven(&pr, given)
	return pr.Err("The co-location parameters are not valid.")
}

func (p ColocationParams) check(pr *estate.Problems) { p.checkGiven(pr, nil) }

func (p ColocationParams) checkGiven(pr *estate.Problems, given func(string) bool) {
	p.checkShape(pr)
	p.ReceiptParams.checkGiven(pr, given)
}

// checkShape checks the parameters that decide who moves where.
func (p ColocationParams) checkShape(pr *estate.Problems) {
	inRange(pr, "distance", p.DistanceM, 0, MaxDistanceM)
	if p.MinPartners < 2 || p.MinPartners > MaxMinPartners {
		pr.Add("min_partners", "must be between 2 and %d", MaxMinPartners)
	}
	if !(p.Densify > 0 && p.Densify <= 1) {
		pr.Add("densify", "must be more than 0 and at most 1")
	}
}

// Hub is the building an opportunity gathers partners into.
type Hub struct {
	ID       int64        `json:"id"`
	Partner  string       `json:"partner"`
	Name     string       `json:"name"`
	RAG      estate.RAG   `json:"rag"`
	Location estate.Point `json:"-"` // for the GeoJSON geometry the HTTP layer writes
}

// Member is an asset that would move into a hub.
type Member struct {
	ID                int64        `json:"id"`
	Partner           string       `json:"partner"`
	Name              string       `json:"name"`
	RAG               estate.RAG   `json:"rag"`
	DistanceM         float64      `json:"distance_m"` // great-circle from the hub, to the millimetre
	NeedM2            float64      `json:"need_m2"`    // gia × utilisation × densify
	AnnualSavingGBP   int64        `json:"annual_saving_gbp"`
	CentralReceiptGBP int64        `json:"central_receipt_gbp"`
	Location          estate.Point `json:"-"`
}

// Opportunity is one hub and the other partners' buildings that would move
// into it, nearest first.
type Opportunity struct {
	Hub            Hub      `json:"hub"`
	Members        []Member `json:"members"`
	Partners       []string `json:"partners"` // distinct, sorted, the hub's owner included
	SpaceOfferedM2 float64  `json:"space_offered_m2"`
	SpaceUsedM2    float64  `json:"space_used_m2"`
	// AnnualSavingGBP is the running costs of the members plus the rent of
	// leased-in ones: what moving saves if it happens, so it is not
	// weighted by a probability.
	AnnualSavingGBP int64 `json:"annual_saving_gbp"`
	// CentralReceiptGBP is the members' central expected receipts as the
	// receipts analysis reports them (freehold members only), so the two
	// analyses reconcile.
	CentralReceiptGBP int64 `json:"central_receipt_gbp"`
}

// ColocationSummary is the co-location figures the trust view shows, with
// the parameters and filter that produced them.
type ColocationSummary struct {
	Params            ColocationParams `json:"params"`
	Filter            estate.Selection `json:"filter"`
	Count             int              `json:"count"`
	AnnualSavingGBP   int64            `json:"annual_saving_gbp"`
	CentralReceiptGBP int64            `json:"central_receipt_gbp"`
	// RegisterVersion and Stale are set by callers that know the register
	// (internal/insight): the version the run describes, and whether the
	// register has changed since, so a figure served from an older run
	// says so.
	RegisterVersion int64 `json:"register_version,omitempty"`
	Stale           bool  `json:"stale"`
}

// ColocationReport is the co-location analysis: the summary and the
// opportunities, largest annual saving first (ties by hub id).
type ColocationReport struct {
	ColocationSummary
	Opportunities []Opportunity `json:"opportunities"`
}

// Colocation finds hub opportunities among the assets located in f's
// bbox, or all assets without one (ColocationUniverse), and reports
// those the rest of f selects (see Hubs.Report). It is FindHubs then
// Report: callers asking many questions of one register should keep the
// Hubs. It returns an EINVALID error naming each bad parameter.
func Colocation(assets register.Assets, p ColocationParams, f estate.Selection) (ColocationReport, error) {
	var pr estate.Problems
	p.check(&pr)
	checkFilter(&pr, f)
	if err := pr.Err("The co-location query is not valid."); err != nil {
		return ColocationReport{}, err
	}
	h, err := FindHubs(ColocationUniverse(assets, f.BBox), p)
	if err != nil {
		return ColocationReport{}, err
	}
	return h.Report(p.ReceiptParams, f)
}

// ColocationUniverse returns the assets a co-location run with bbox box
// considers: those located in it, edges included, or all of them when box
// is nil (register.Assets.In). A bbox is a place's own what-if (what could the county do
// among its own buildings), so an asset outside it takes part neither as
// hub nor as member; the other filters only pick opportunities from the
// run, since cutting the register by partner or rating would break the
// very pairs co-location is looking for. The order of assets is kept.
func ColocationUniverse(assets register.Assets, box *estate.BBox) register.Rows {
	return assets.In(box)
}

// Hubs is a co-location run over every asset given, before any filter or
// receipt pricing. The greedy choice depends on every asset of the run (a
// hub of another partner can take a member first, and so change what the
// next hub can have), so one run serves every filter but the bbox, which
// chooses the run's assets (ColocationUniverse), and the receipt
// assumptions, which do not change who moves where, are applied after.
type Hubs struct {
	params ColocationParams // receipt assumptions unused
	found  []found          // largest annual saving first, ties by hub id
	snap   *register.Snapshot
}

// found is one opportunity of a run, its receipts unpriced, with the
// rows of the assets it gathers.
type found struct {
	o       Opportunity
	hub     int32
	members []int32
}

// FindHubs runs the co-location analysis over all assets. Only distance,
// min_partners and densify of p matter; an EINVALID error names each of
// them out of range.
//
// A hub is a building (holding building or land_and_building) with a known
// floor area above zero that is not rated green; it offers gia × (1 −
// utilisation). A movable asset is a building with a floor area above zero
// rated green or amber; it needs gia × utilisation × densify. Unknown
// utilisation counts as full (estate.Asset.Utilisation). Members of a hub
// are other partners' movable assets within the distance, taken nearest
// first (ties by id); one whose need does not fit the space left is skipped
// and the next nearest is tried, because a smaller neighbour further away
// may still fit and leaving the space empty helps nobody. A hub with at
// least min_partners partners is an opportunity.
//
// Opportunities are chosen greedily: the largest annual saving (ties by
// lowest hub id) with what is still free, then the next, until none is
// left; an asset is in at most one, as hub or member. Taking assets can
// make a neighbouring hub's saving rise as well as fall (a freed neighbour
// may now fit), so after each pick every hub that had a taken asset among
// its members is re-evaluated exactly, not lazily (a taken asset a hub had
// skipped for want of space changes nothing); the result equals
// recomputing every hub after every pick. Asset ids must be unique; the
// order of assets does not matter.
func FindHubs(assets register.Rows, p ColocationParams) (*Hubs, error) {
	return findHubs(assets, p, nil)
}

func findHubs(assets register.Rows, p ColocationParams, rag func(*register.Asset) estate.RAG) (*Hubs, error) {
	var pr estate.Problems
	p.checkShape(&pr)
	if err := pr.Err("The co-location parameters are not valid."); err != nil {
		return nil, err
	}
	p.ReceiptParams = ReceiptParams{}
	fs := newColocator(assets, p, rag).run()
	sortFound(fs)
	return &Hubs{params: p, found: fs, snap: assets.Snapshot}, nil
}

// Report returns the opportunities of the run that f selects, with the
// members' central receipts priced with p. An opportunity is selected
// when its hub or any of its members matches f, so a partner filter
// finds the hubs that partner could move into as well as its own. The
// figures are those of the whole run: a filter picks opportunities, it
// does not re-run the analysis on part of the run's assets. (f's bbox
// should be the one the run's assets were chosen with: then every asset
// of the run matches it.) It returns an EINVALID error naming each bad
// parameter.
func (h *Hubs) Report(p ReceiptParams, f estate.Selection) (ColocationReport, error) {
	return h.report(p, f, true)
}

// Summary is Report without the opportunities, for the trust view: it
// copies nothing.
func (h *Hubs) Summary(p ReceiptParams, f estate.Selection) (ColocationSummary, error) {
	rep, err := h.report(p, f, false)
	return rep.ColocationSummary, err
}

func (h *Hubs) report(p ReceiptParams, f estate.Selection, list bool) (ColocationReport, error) {
	return h.reportPriced(p, f, list, nil)
}

// reportPriced is report with each member's central receipt priced by
// price from the fully read asset, nil for the receipts analysis's.
func (h *Hubs) reportPriced(p ReceiptParams, f estate.Selection, list bool, price func(*register.Asset) int64) (ColocationReport, error) {
	var pr estate.Problems
	p.check(&pr)
	checkFilter(&pr, f)
	if err := pr.Err("The co-location query is not valid."); err != nil {
		return ColocationReport{}, err
	}
	cp := h.params
	cp.ReceiptParams = p
	m := p.model()
	rep := ColocationReport{ColocationSummary: ColocationSummary{Params: cp, Filter: f}, Opportunities: []Opportunity{}}
	all, mf := selectsAll(f), newMatcher(f)
	var a register.Asset
	matches := func(row int32) bool { return mf.matchRow(h.snap, row, &a) }
	for i := range h.found {
		fd := &h.found[i]
		if !all && !matches(fd.hub) && !slices.ContainsFunc(fd.members, matches) {
			continue
		}
		var o Opportunity
		if list {
			o = fd.o
			o.Members = slices.Clone(fd.o.Members)
			o.Partners = slices.Clone(fd.o.Partners)
		}
		for j, row := range fd.members {
			var r int64
			if price == nil {
				h.snap.ReadFigures(row, &a)
				r = m.central(&a)
			} else {
				h.snap.Read(row, &a)
				r = price(&a)
			}
			o.CentralReceiptGBP = add(o.CentralReceiptGBP, r)
			if list {
				o.Members[j].CentralReceiptGBP = r
			}
		}
		rep.Count++
		rep.AnnualSavingGBP = add(rep.AnnualSavingGBP, fd.o.AnnualSavingGBP)
		rep.CentralReceiptGBP = add(rep.CentralReceiptGBP, o.CentralReceiptGBP)
		if list {
			rep.Opportunities = append(rep.Opportunities, o)
		}
	}
	return rep, nil
}

// sortFound orders by annual saving, largest first, ties by hub id.
// Picks are not always in that order: a pick can free space that raises
// a later hub's saving above an earlier one's.
func sortFound(fs []found) {
	slices.SortFunc(fs, func(a, b found) int {
		if a.o.AnnualSavingGBP != b.o.AnnualSavingGBP {
			return cmp.Compare(b.o.AnnualSavingGBP, a.o.AnnualSavingGBP)
		}
		return cmp.Compare(a.o.Hub.ID, b.o.Hub.ID)
	})
}

// isBuilding reports whether a has floor space to share or to move.
func isBuilding(a *register.Asset) bool {
	return (a.Holding == estate.HoldingBuilding || a.Holding == estate.HoldingLandAndBuilding) &&
		a.GIAM2.OK && a.GIAM2.V > 0
}

// annualSaving is what moving a out saves a year: its running cost plus
// its rent when leased in; unknown figures count as nothing.
func annualSaving(a *register.Asset) int64 {
	var s int64
	if a.RunningCostGBPPA.OK {
		s = add(s, a.RunningCostGBPPA.V)
	}
	if a.TenureDetail == estate.DetailLeasedIn && a.AnnualRentGBP.OK {
		s = add(s, a.AnnualRentGBP.V)
	}
	return s
}
