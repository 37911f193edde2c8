package analysis

import (
	"encoding/json"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
)

// TestAssetReceipt works the DESIGN 5.1 formula by hand with the defaults:
// keep factors (1−h)(1−fees) are 0.735 low, 0.882 central, 0.98 high; the
// discount is 1.035 for green (1 year) and 1.035³ = 1.108717875 for amber.
func TestAssetReceipt(t *testing.T) {
	at := worcester
	tests := []struct {
		name               string
		a                  *estate.Asset
		basis              Basis
		low, central, high int64
		rentSaved          int64
	}{
		// (1e6×0.882 − 300×500×0.8) / 1.035 × 0.9 = 762000/1.035×0.9 = 662608.70
		// low 615000/1.035×0.9 = 534782.61; high 860000/1.035×0.9 = 747826.09
		{"green freehold", building(1, "a", estate.RAGGreen, at, 500, 80, value(1_000_000)),
			BasisFreehold, 534783, 662609, 747826, 0},
		// 762000 / 1.108717875 × 0.5 = 343640.17; low 615000/… ×0.5 = 277347.38;
		// high 860000/… ×0.5 = 387835.36
		{"amber freehold", building(2, "a", estate.RAGAmber, at, 500, 80, value(1_000_000)),
			BasisFreehold, 277347, 343640, 387835, 0},
		{"red freehold: p 0", building(3, "a", estate.RAGRed, at, 500, 80, value(1_000_000)),
			BasisFreehold, 0, 0, 0, 0},
		{"unrated freehold: p 0", building(4, "a", estate.RAGUnrated, at, 500, 80, value(1_000_000)),
			BasisFreehold, 0, 0, 0, 0},
		{"blank rating counts as unrated", building(5, "a", "", at, 500, 80, value(1_000_000)),
			BasisFreehold, 0, 0, 0, 0},
		// relocation 300×100×1 = 30000 exceeds every net price: max(pv,0) = 0
		{"zero value", building(6, "a", estate.RAGGreen, at, 100, 100, value(0)),
			BasisFreehold, 0, 0, 0, 0},
		// low 150000×0.735 = 110250 < 120000 relocation: 0; central (132300−120000)/1.035×0.9
		// = 10695.65; high (147000−120000)/1.035×0.9 = 23478.26
		{"relocation eats the low case", building(7, "a", estate.RAGGreen, at, 400, 100, value(150_000)),
			BasisFreehold, 0, 10696, 23478, 0},
		// unknown utilisation is full: relocation 300×500×1 = 150000;
		// central 732000/1.035×0.9 = 636521.74
		{"unknown utilisation", building(8, "a", estate.RAGGreen, at, 500, 0, value(1_000_000),
			func(a *estate.Asset) { a.UtilisationPct = nil }),
			BasisFreehold, 508696, 636522, 721739, 0},
		// no floor area, no relocation: central 882000/1.035×0.9 = 766956.52
		{"unknown floor area", building(9, "a", estate.RAGGreen, at, 0, 80, value(1_000_000),
			func(a *estate.Asset) { a.GIAM2 = nil }),
			BasisFreehold, 639130, 766957, 852174, 0},
		// rent 50000 × 0.9; the landlord's market value is ignored
		{"leased-in green", building(10, "a", estate.RAGGreen, at, 500, 80, value(2_000_000), leasedIn(50_000)),
			BasisLeasedIn, 0, 0, 0, 45000},
		// 30001 × 0.5 = 15000.5, rounded half away from zero
		{"leased-in amber rounds half up", building(11, "a", estate.RAGAmber, at, 500, 80, leasedIn(30_001)),
			BasisLeasedIn, 0, 0, 0, 15001},
		{"leased-in red", building(12, "a", estate.RAGRed, at, 500, 80, leasedIn(30_000)),
			BasisLeasedIn, 0, 0, 0, 0},
		{"leased-in, rent unknown", building(13, "a", estate.RAGGreen, at, 500, 80, leasedIn(0),
			func(a *estate.Asset) { a.AnnualRentGBP = nil }),
			BasisLeasedIn, 0, 0, 0, 0},
		{"freehold marked leased in: leased in wins", building(14, "a", estate.RAGGreen, at, 500, 80,
			value(1_000_000), func(a *estate.Asset) {
				a.TenureDetail, a.AnnualRentGBP = estate.DetailLeasedIn, i64p(10_000)
			}), BasisLeasedIn, 0, 0, 0, 9000},
		{"leasehold occupied", building(15, "a", estate.RAGGreen, at, 500, 80, value(1_000_000),
			func(a *estate.Asset) { a.Tenure = estate.TenureLeasehold }), BasisNone, 0, 0, 0, 0},
		{"no market value", building(16, "a", estate.RAGGreen, at, 500, 80), BasisNone, 0, 0, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := AssetReceipt(copiedOne(tt.a), DefaultReceiptParams())
			if r.Basis != tt.basis || r.LowGBP != tt.low || r.CentralGBP != tt.central ||
				r.HighGBP != tt.high || r.RentSavedGBPPA != tt.rentSaved {
				t.Errorf("got %s %d/%d/%d rent %d, want %s %d/%d/%d rent %d", r.Basis,
					r.LowGBP, r.CentralGBP, r.HighGBP, r.RentSavedGBPPA,
					tt.basis, tt.low, tt.central, tt.high, tt.rentSaved)
			}
			if r.AssetID != tt.a.ID || r.Partner != tt.a.Partner {
				t.Errorf("receipt of %d/%s, want %d/%s", r.AssetID, r.Partner, tt.a.ID, tt.a.Partner)
			}
		})
	}
}

// TestAssetReceiptCustomParams: with no haircut, fees, relocation or
// discount and certainty, the receipt is the market value itself.
func TestAssetReceiptCustomParams(t *testing.T) {
	p := ReceiptParams{PGreen: 1, PAmber: 1, PRed: 1, PUnrated: 1, LeadYearsGreen: 2, LeadYearsAmber: 2,
		LeadYearsRed: 2, LeadYearsUnrated: 2}
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	a := building(1, "a", estate.RAGRed, worcester, 500, 80, value(1_234_567))
	if r := AssetReceipt(copiedOne(a), p); r.LowGBP != 1_234_567 || r.HighGBP != 1_234_567 || r.Probability != 1 {
		t.Errorf("got %+v, want the market value in every scenario", r)
	}
	// 10% a year over 2 years: 1e6 / 1.21 = 826446.28
	p.DiscountRate = 0.1
	a.MarketValueGBP = i64p(1_000_000)
	if r := AssetReceipt(copiedOne(a), p); r.CentralGBP != 826446 || r.LeadYears != 2 {
		t.Errorf("discounted: got %+v, want central 826446", r)
	}
}

func TestReceiptParamsValidate(t *testing.T) {
	if err := DefaultReceiptParams().Validate(); err != nil {
		t.Fatalf("defaults: %v", err)
	}
	tests := []struct {
		name   string
		change func(*ReceiptParams)
		fields []string
	}{
		{"p above 1", func(p *ReceiptParams) { p.PGreen = 1.1 }, []string{"p_green"}},
		{"negative p", func(p *ReceiptParams) { p.PUnrated = -0.1 }, []string{"p_unrated"}},
		{"haircut above 1", func(p *ReceiptParams) { p.HaircutLow = 1.5 }, []string{"haircut_low"}},
		{"fees above 1", func(p *ReceiptParams) { p.Fees = 2 }, []string{"fees"}},
		{"discount above 1", func(p *ReceiptParams) { p.DiscountRate = 1.01 }, []string{"discount_rate"}},
		{"negative discount", func(p *ReceiptParams) { p.DiscountRate = -0.01 }, []string{"discount_rate"}},
		{"relocation too high", func(p *ReceiptParams) { p.RelocationPerM2 = 1e6 }, []string{"relocation_per_m2"}},
		{"negative relocation", func(p *ReceiptParams) { p.RelocationPerM2 = -1 }, []string{"relocation_per_m2"}},
		{"lead years too long", func(p *ReceiptParams) { p.LeadYearsUnrated = 51 }, []string{"lead_years_unrated"}},
		{"amber more likely than green", func(p *ReceiptParams) { p.PAmber = 0.95 }, []string{"p_amber"}},
		{"red more likely than amber", func(p *ReceiptParams) { p.PRed = 0.6 }, []string{"p_red"}},
		{"green slower than amber", func(p *ReceiptParams) { p.LeadYearsGreen = 4 }, []string{"lead_years_green"}},
		{"amber slower than red", func(p *ReceiptParams) { p.LeadYearsAmber = 6 }, []string{"lead_years_amber"}},
		{"scenarios out of order", func(p *ReceiptParams) { p.HaircutHigh = 0.2 }, []string{"haircut_high"}},
		{"NaN", func(p *ReceiptParams) { p.Fees = math.NaN() }, []string{"fees"}},
		{"several", func(p *ReceiptParams) { p.Fees, p.PRed = -1, 2 }, []string{"fees", "p_red"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := DefaultReceiptParams()
			tt.change(&p)
			wantInvalid(t, p.Validate(), tt.fields...)
		})
	}
}

func TestReceiptsGrouping(t *testing.T) {
	at := worcester
	assets := []*estate.Asset{
		building(1, "a", estate.RAGGreen, at, 500, 80, value(1_000_000), func(a *estate.Asset) { a.Town = "Worcester" }),
		building(2, "b", estate.RAGAmber, at, 500, 80, value(1_000_000), func(a *estate.Asset) { a.Town = "Malvern" }),
		building(3, "a", estate.RAGGreen, at, 500, 80, leasedIn(50_000), func(a *estate.Asset) { a.Town = "Malvern" }),
		building(4, "b", estate.RAGRed, east(at, 50_000), 500, 80, value(9_000_000)),
	}
	rep, err := Receipts(copied(assets), DefaultReceiptParams(), estate.Selection{}, "")
	if err != nil {
		t.Fatal(err)
	}
	if rep.GroupBy != ByPartner || len(rep.Groups) != 2 {
		t.Fatalf("got %+v, want two partner groups", rep)
	}
	a, b := rep.Groups[0], rep.Groups[1]
	if a.Key != "a" || a.CentralGBP != 662609 || a.RentSavedGBPPA != 45000 || a.Assets != 2 || a.LeasedIn != 1 {
		t.Errorf("partner a: %+v", a)
	}
	if b.Key != "b" || b.CentralGBP != 343640 || b.Assets != 2 || b.Freehold != 2 {
		t.Errorf("partner b: %+v", b)
	}
	if rep.Total.CentralGBP != 662609+343640 || rep.Total.LowGBP != 534783+277347 ||
		rep.Total.RentSavedGBPPA != 45000 || rep.Total.Assets != 4 {
		t.Errorf("total: %+v", rep.Total)
	}

	byRAG, err := Receipts(copied(assets), DefaultReceiptParams(), estate.Selection{}, ByRAG)
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, g := range byRAG.Groups {
		keys = append(keys, g.Key)
	}
	if want := []string{"red", "amber", "green"}; !slices.Equal(keys, want) {
		t.Errorf("rag groups %v, want %v in rating order", keys, want)
	}

	town, err := Receipts(copied(assets), DefaultReceiptParams(), estate.Selection{RAGs: []estate.RAG{estate.RAGGreen}}, ByTown)
	if err != nil {
		t.Fatal(err)
	}
	if len(town.Groups) != 2 || town.Groups[0].Key != "Malvern" || town.Groups[0].RentSavedGBPPA != 45000 ||
		town.Groups[1].CentralGBP != 662609 {
		t.Errorf("green by town: %+v", town.Groups)
	}

	box := estate.AroundBBox(at, 1000)
	inBox, err := Receipts(copied(assets), DefaultReceiptParams(), estate.Selection{BBox: &box, Partners: []string{"b"}}, ByPartner)
	if err != nil {
		t.Fatal(err)
	}
	if inBox.Total.Assets != 1 || inBox.Total.CentralGBP != 343640 {
		t.Errorf("partner b in the box: %+v", inBox.Total)
	}
}

func TestReceiptsInvalid(t *testing.T) {
	p := DefaultReceiptParams()
	p.HaircutCentral = 1.2
	_, err := Receipts(copied(nil), p, estate.Selection{RAGs: []estate.RAG{"blue"}}, "county")
	// haircut_central is also above haircut_low: one field, two reasons
	wantInvalid(t, err, "haircut_central", "rag", "group_by")
}

// TestReceiptsEcho checks a report carries what a finance lead needs to
// rerun it: the parameters and the filter, under the query names.
func TestReceiptsEcho(t *testing.T) {
	box := estate.BBox{MinLon: -3, MinLat: 52, MaxLon: -2, MaxLat: 53}
	rep, err := Receipts(copied(nil), DefaultReceiptParams(), estate.Selection{BBox: &box, Tags: []string{"surplus"}}, ByTown)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	var back struct {
		Params  ReceiptParams    `json:"params"`
		GroupBy GroupBy          `json:"group_by"`
		Filter  estate.Selection `json:"filter"`
		Groups  []any            `json:"groups"`
	}
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back.Params != DefaultReceiptParams() || back.GroupBy != ByTown || *back.Filter.BBox != box ||
		!slices.Equal(back.Filter.Tags, []string{"surplus"}) || back.Groups == nil {
		t.Errorf("echo lost something: %s", b)
	}
	want := `"params":{"p_green":0.9,"p_amber":0.5,"p_red":0,"p_unrated":0,"haircut_low":0.25,` +
		`"haircut_central":0.1,"haircut_high":0,"fees":0.02,"relocation_per_m2":300,"lead_years_green":1,` +
		`"lead_years_amber":3,"lead_years_red":5,"lead_years_unrated":5,"discount_rate":0.035}`
	if !strings.Contains(string(b), want) || !strings.Contains(string(b), `"filter":{"bbox":[-3,52,-2,53],"tag":["surplus"]}`) {
		t.Errorf("echo is %s", b)
	}
}

// TestScenarioOntoDefaults shows how a JSON scenario is read: fields left
// out keep their defaults.
func TestScenarioOntoDefaults(t *testing.T) {
	p := DefaultColocationParams()
	if err := json.Unmarshal([]byte(`{"distance":250,"p_green":0.8}`), &p); err != nil {
		t.Fatal(err)
	}
	if p.DistanceM != 250 || p.PGreen != 0.8 || p.PAmber != 0.5 || p.Densify != 0.8 || p.MinPartners != 2 {
		t.Errorf("got %+v", p)
	}
	var f estate.Selection
	wantInvalid(t, json.Unmarshal([]byte(`{"bbox":[1,2,3]}`), &f), "bbox")
}
