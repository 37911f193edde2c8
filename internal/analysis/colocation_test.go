package analysis

import (
	"math"
	"reflect"
	"slices"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
)

// shape is the part of an opportunity the hand-worked cases pin down.
type shape struct {
	hub     int64
	members []int64
}

func shapes(opps []Opportunity) []shape {
	out := []shape{}
	for _, o := range opps {
		s := shape{hub: o.Hub.ID, members: []int64{}}
		for _, m := range o.Members {
			s.members = append(s.members, m.ID)
		}
		out = append(out, s)
	}
	return out
}

func sameShapes(a, b []shape) bool {
	return slices.EqualFunc(a, b, func(x, y shape) bool { return x.hub == y.hub && slices.Equal(x.members, y.members) })
}

func colocate(t *testing.T, assets []*estate.Asset, p ColocationParams) ColocationReport {
	t.Helper()
	rep, err := Colocation(copied(assets), p, estate.Selection{})
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// TestColocationDistanceLimit: a movable exactly at the distance limit
// joins; one a hair beyond does not.
func TestColocationDistanceLimit(t *testing.T) {
	hub := building(1, "a", estate.RAGRed, worcester, 1000, 50)
	m := building(2, "b", estate.RAGGreen, east(north(worcester, 300), 250), 100, 100, running(5000))
	limit := estate.Distance(hub.Location, m.Location)
	p := DefaultColocationParams()
	p.DistanceM = limit
	rep := colocate(t, []*estate.Asset{hub, m}, p)
	if want := []shape{{1, []int64{2}}}; !sameShapes(shapes(rep.Opportunities), want) {
		t.Fatalf("at the limit: got %v, want %v", shapes(rep.Opportunities), want)
	}
	if d := rep.Opportunities[0].Members[0].DistanceM; d > limit || d < limit-0.0005 {
		t.Errorf("distance %v, want %v to the millimetre, not above", d, limit)
	}
	p.DistanceM = math.Nextafter(limit, 0)
	if rep := colocate(t, []*estate.Asset{hub, m}, p); rep.Count != 0 {
		t.Errorf("just beyond the limit: got %v", shapes(rep.Opportunities))
	}
}

// TestColocationSpareFitsAllButOne: the hub offers 1000 × (1 − 0.5) = 500
// m²; the members, nearest first, need 200×0.8 = 160, 250×0.8 = 200, then
// 300×0.8 = 240, which does not fit the 140 left and is skipped, then
// 175×0.8 = 140, which fills the hub exactly.
func TestColocationSpareFitsAllButOne(t *testing.T) {
	hub := building(1, "a", estate.RAGAmber, worcester, 1000, 50, running(99_000))
	assets := []*estate.Asset{
		hub,
		building(2, "b", estate.RAGGreen, north(worcester, 100), 200, 100, running(10_000), value(1_000_000)),
		building(3, "c", estate.RAGAmber, north(worcester, 150), 250, 100, running(20_000), value(0)),
		building(4, "d", estate.RAGGreen, north(worcester, 200), 300, 100, running(30_000)),
		building(5, "e", estate.RAGGreen, north(worcester, 250), 175, 100, running(1_000), leasedIn(5_000)),
	}
	rep := colocate(t, assets, DefaultColocationParams())
	if want := []shape{{1, []int64{2, 3, 5}}}; !sameShapes(shapes(rep.Opportunities), want) {
		t.Fatalf("got %v, want %v", shapes(rep.Opportunities), want)
	}
	o := rep.Opportunities[0]
	if o.SpaceOfferedM2 != 500 || o.SpaceUsedM2 != 500 {
		t.Errorf("space offered %v used %v, want 500 and 500", o.SpaceOfferedM2, o.SpaceUsedM2)
	}
	// running costs 10000 + 20000 + 1000 and the leased-in rent 5000
	if o.AnnualSavingGBP != 36_000 || rep.AnnualSavingGBP != 36_000 {
		t.Errorf("saving %d (report %d), want 36000", o.AnnualSavingGBP, rep.AnnualSavingGBP)
	}
	// only asset 2 sells: (1e6×0.882 − 300×200×1) / 1.035 × 0.9 = 714782.61;
	// the zero-value asset raises nothing, the leased-in one is not ours
	if o.CentralReceiptGBP != 714_783 || o.Members[0].CentralReceiptGBP != 714_783 {
		t.Errorf("central receipt %d, want 714783", o.CentralReceiptGBP)
	}
	if !slices.Equal(o.Partners, []string{"a", "b", "c", "e"}) {
		t.Errorf("partners %v", o.Partners)
	}
	if o.Members[2].NeedM2 != 140 || o.Members[0].Partner != "b" || o.Hub.Partner != "a" {
		t.Errorf("members %+v", o.Members)
	}
}

// TestColocationWhoTakesPart covers each rule of who may be a hub and who
// may move: the only opportunity is hub 1 with members 4 (amber) and 6
// (green).
func TestColocationWhoTakesPart(t *testing.T) {
	at := worcester
	assets := []*estate.Asset{
		building(1, "a", estate.RAGUnrated, at, 2000, 10),                        // hub: unrated building
		building(2, "a", estate.RAGGreen, north(at, 10), 100, 100, running(1)),   // same partner: stays
		building(3, "b", estate.RAGRed, north(at, 20), 100, 100, running(1)),     // red: stays
		building(4, "c", estate.RAGAmber, north(at, 30), 100, 100, running(1)),   // moves
		building(5, "d", estate.RAGUnrated, north(at, 40), 100, 100, running(1)), // unrated: stays
		building(6, "e", estate.RAGGreen, north(at, 50), 100, 100, running(1)),   // moves
		building(7, "f", estate.RAGGreen, north(at, 60), 100, 100, running(1), func(a *estate.Asset) { a.Holding = estate.HoldingLand }),
		building(8, "g", estate.RAGGreen, north(at, 70), 100, 100, func(a *estate.Asset) { a.GIAM2 = nil }),
		building(9, "h", estate.RAGGreen, north(at, 500), 100, 100, running(1)),                            // too far
		building(10, "i", estate.RAGGreen, east(at, 5000), 100, 100, running(1)),                           // too far, and
		building(11, "j", estate.RAGGreen, east(at, 5010), 100, 100, running(1)),                           // a green "hub" is none
		building(12, "k", estate.RAGRed, east(at, 10000), 100, 0, func(a *estate.Asset) { a.GIAM2 = nil }), // no floor area: no hub
		building(13, "l", estate.RAGGreen, east(at, 10010), 100, 100, running(1)),
	}
	rep := colocate(t, assets, DefaultColocationParams())
	if want := []shape{{1, []int64{4, 6}}}; !sameShapes(shapes(rep.Opportunities), want) {
		t.Errorf("got %v, want %v", shapes(rep.Opportunities), want)
	}
}

// TestColocationZeroDistance: distance 0 pairs only buildings at the same
// point.
func TestColocationZeroDistance(t *testing.T) {
	assets := []*estate.Asset{
		building(1, "a", estate.RAGRed, worcester, 1000, 0),
		building(2, "b", estate.RAGGreen, worcester, 100, 100),
		building(3, "c", estate.RAGGreen, north(worcester, 1), 100, 100),
	}
	p := DefaultColocationParams()
	p.DistanceM = 0
	if got, want := shapes(colocate(t, assets, p).Opportunities), []shape{{1, []int64{2}}}; !sameShapes(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestColocationMinPartners(t *testing.T) {
	assets := []*estate.Asset{
		building(1, "a", estate.RAGRed, worcester, 1000, 0),
		building(2, "b", estate.RAGGreen, north(worcester, 10), 100, 100),
		building(3, "b", estate.RAGGreen, north(worcester, 20), 100, 100),
	}
	p := DefaultColocationParams()
	p.MinPartners = 3
	if rep := colocate(t, assets, p); rep.Count != 0 {
		t.Errorf("two partners with min 3: got %v", shapes(rep.Opportunities))
	}
	assets = append(assets, building(4, "c", estate.RAGGreen, north(worcester, 30), 100, 100))
	rep := colocate(t, assets, p)
	if got, want := shapes(rep.Opportunities), []shape{{1, []int64{2, 3, 4}}}; !sameShapes(got, want) {
		t.Errorf("three partners: got %v, want %v", got, want)
	}
	if !slices.Equal(rep.Opportunities[0].Partners, []string{"a", "b", "c"}) {
		t.Errorf("partners %v", rep.Opportunities[0].Partners)
	}
}

// TestColocationGreedy: hub 1 could take 3 alone (saving 1000), hub 2 could
// take 3 and 4 (11000): hub 2 wins and hub 1 is left with nothing. Hub 5's
// nearest movable 6 (need 90 of its 100, saving 1) blocks 7 (need 50,
// saving 50000); once hub 8 takes 6 with 9 (61000), hub 5 takes 7: taking
// assets can raise a neighbour's saving, so re-evaluation must be exact.
func TestColocationGreedy(t *testing.T) {
	at, far := worcester, east(worcester, 20_000)
	assets := []*estate.Asset{
		building(1, "a", estate.RAGRed, at, 1000, 0),
		building(2, "b", estate.RAGRed, north(at, 600), 1000, 0),
		building(3, "c", estate.RAGGreen, north(at, 300), 100, 100, running(1000)),
		building(4, "d", estate.RAGGreen, north(at, 800), 100, 100, running(10_000)),

		building(5, "a", estate.RAGRed, far, 200, 50),
		building(6, "b", estate.RAGGreen, north(far, 50), 112.5, 100, running(1)),
		building(7, "c", estate.RAGGreen, north(far, -100), 62.5, 100, running(50_000)),
		building(8, "d", estate.RAGRed, north(far, 400), 1000, 0),
		building(9, "e", estate.RAGGreen, north(far, 450), 100, 100, running(60_000)),
	}
	rep := colocate(t, assets, DefaultColocationParams())
	want := []shape{{8, []int64{9, 6}}, {5, []int64{7}}, {2, []int64{4, 3}}}
	if got := shapes(rep.Opportunities); !sameShapes(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	if rep.Count != 3 || rep.AnnualSavingGBP != 60_001+50_000+11_000 {
		t.Errorf("summary %+v", rep.ColocationSummary)
	}
}

// TestColocationAmberOnce: an amber building may be a hub or may move, but
// is in one opportunity only.
func TestColocationAmberOnce(t *testing.T) {
	assets := []*estate.Asset{
		building(1, "a", estate.RAGAmber, worcester, 1000, 50, running(100_000)),
		building(2, "b", estate.RAGRed, north(worcester, 100), 5000, 0),
		building(3, "c", estate.RAGGreen, north(worcester, 50), 100, 100, running(1000)),
	}
	// Hub 2 can take 1 and 3 (101000), hub 1 only 3 (1000).
	rep := colocate(t, assets, DefaultColocationParams())
	if got, want := shapes(rep.Opportunities), []shape{{2, []int64{3, 1}}}; !sameShapes(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

// TestColocationFilter: a bbox chooses the assets of the run; the other
// filters pick the opportunities whose hub or any member they select,
// from a run over every asset in the box; they do not drop assets from
// the run, which would break every pair they cut.
func TestColocationFilter(t *testing.T) {
	far := east(worcester, 20_000)
	assets := []*estate.Asset{
		building(1, "a", estate.RAGRed, worcester, 1000, 0),
		building(2, "b", estate.RAGGreen, north(worcester, 100), 100, 100, running(10)),
		building(3, "c", estate.RAGGreen, north(worcester, 300), 100, 100, running(10), value(1_000_000)),
		building(4, "d", estate.RAGAmber, far, 1000, 0),
		building(5, "a", estate.RAGGreen, north(far, 50), 100, 100, running(1),
			func(a *estate.Asset) { a.Name = "Pershore Asset 5" }),
	}
	box := estate.BBox{MinLon: -3, MinLat: 52, MaxLon: -2, MaxLat: north(worcester, 200).Lat}
	onlyMember := estate.AroundBBox(north(worcester, 300), 10)
	hubA := []shape{{1, []int64{2, 3}}}
	both := []shape{{1, []int64{2, 3}}, {4, []int64{5}}}
	for _, tt := range []struct {
		name string
		f    estate.Selection
		want []shape
	}{
		{"none", estate.Selection{}, both},
		{"box round the hub and one member", estate.Selection{BBox: &box}, []shape{{1, []int64{2}}}},
		{"box round one member only", estate.Selection{BBox: &onlyMember}, nil},
		{"box and a member's partner", estate.Selection{BBox: &box, Partners: []string{"b"}}, []shape{{1, []int64{2}}}},
		{"box and a partner cut off by it", estate.Selection{BBox: &box, Partners: []string{"c"}}, nil},
		{"a member's partner", estate.Selection{Partners: []string{"c"}}, hubA},
		{"partner with a hub and a member", estate.Selection{Partners: []string{"a"}}, both},
		{"hub rating", estate.Selection{RAGs: []estate.RAG{estate.RAGAmber}}, []shape{{4, []int64{5}}}},
		{"nobody", estate.Selection{Partners: []string{"z"}}, nil},
		{"text in a member's name", estate.Selection{Q: "ASSET 5"}, []shape{{4, []int64{5}}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := Colocation(copied(assets), DefaultColocationParams(), tt.f)
			if err != nil {
				t.Fatal(err)
			}
			if got := shapes(rep.Opportunities); !sameShapes(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
			if rep.Count != len(tt.want) {
				t.Errorf("count %d, want %d", rep.Count, len(tt.want))
			}
			if !reflect.DeepEqual(rep.Filter, tt.f) {
				t.Errorf("filter not echoed: %+v", rep.Filter)
			}
		})
	}
}

// TestColocationBBoxUniverse: a bbox is a place's own what-if. Across
// the register a hub outside the box takes the member inside it first;
// within the box, that member goes to the box's own hub.
func TestColocationBBoxUniverse(t *testing.T) {
	assets := []*estate.Asset{
		building(10, "a", estate.RAGRed, worcester, 200, 50),                                // spare 100
		building(11, "c", estate.RAGRed, east(worcester, 300), 2000, 50),                    // outside the box
		building(12, "b", estate.RAGGreen, east(worcester, 150), 100, 100, running(10_000)), // need 80
		building(13, "d", estate.RAGGreen, east(worcester, 350), 100, 100, running(10_000)), // outside the box
	}
	box := estate.BBox{MinLon: worcester.Lon - 0.01, MinLat: worcester.Lat - 0.01,
		MaxLon: east(worcester, 200).Lon, MaxLat: worcester.Lat + 0.01}
	for _, tt := range []struct {
		name string
		f    estate.Selection
		want []shape
	}{
		{"whole register", estate.Selection{}, []shape{{11, []int64{13, 12}}}},
		{"the box's partner, whole register", estate.Selection{Partners: []string{"a"}}, nil},
		{"the box", estate.Selection{BBox: &box}, []shape{{10, []int64{12}}}},
		{"the box's partner in the box", estate.Selection{BBox: &box, Partners: []string{"a"}}, []shape{{10, []int64{12}}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := Colocation(copied(assets), DefaultColocationParams(), tt.f)
			if err != nil {
				t.Fatal(err)
			}
			if got := shapes(rep.Opportunities); !sameShapes(got, tt.want) || rep.Count != len(tt.want) {
				t.Errorf("got %v (count %d), want %v", got, rep.Count, tt.want)
			}
		})
	}
	if got := ColocationUniverse(copied(assets), &box); got.Len() != 2 || got.ID(got.Row(0)) != 10 || got.ID(got.Row(1)) != 12 {
		t.Errorf("universe of the box: %d assets", got.Len())
	}
}

// TestHubsReprice: one run, priced with other receipt assumptions, keeps
// who moves where and changes only the receipts, as a fresh run would.
func TestHubsReprice(t *testing.T) {
	assets := genAssets(7, 2000, county, 6)
	h, err := FindHubs(copied(assets).In(nil), DefaultColocationParams())
	if err != nil {
		t.Fatal(err)
	}
	p := DefaultColocationParams()
	p.PGreen, p.HaircutCentral = 0.6, 0.2
	got, err := h.Report(p.ReceiptParams, estate.Selection{})
	if err != nil {
		t.Fatal(err)
	}
	want, err := Colocation(copied(assets), p, estate.Selection{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) || got.Count == 0 {
		t.Errorf("repriced run differs from a fresh one (%d and %d opportunities)", got.Count, want.Count)
	}
	def, _ := h.Report(DefaultReceiptParams(), estate.Selection{})
	if def.CentralReceiptGBP == got.CentralReceiptGBP {
		t.Errorf("central receipt %d whatever the assumptions", def.CentralReceiptGBP)
	}
	sum, err := h.Summary(p.ReceiptParams, estate.Selection{Partners: []string{"partner-1"}})
	if err != nil {
		t.Fatal(err)
	}
	rep, _ := h.Report(p.ReceiptParams, estate.Selection{Partners: []string{"partner-1"}})
	if !reflect.DeepEqual(sum, rep.ColocationSummary) || sum.Count == 0 || sum.Count >= got.Count {
		t.Errorf("summary %+v, report %+v of %d", sum, rep.ColocationSummary, got.Count)
	}
	if _, err := FindHubs(copied(assets).In(nil), ColocationParams{DistanceM: -1, MinPartners: 2, Densify: 1}); err == nil {
		t.Error("negative distance accepted")
	}
}

func TestColocationEmpty(t *testing.T) {
	rep := colocate(t, nil, DefaultColocationParams())
	if rep.Count != 0 || rep.Opportunities == nil {
		t.Errorf("got %+v, want an empty, non-nil list", rep)
	}
}
