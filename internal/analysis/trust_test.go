package analysis

import (
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
)

func TestTrust(t *testing.T) {
	at := worcester
	assets := []*estate.Asset{
		// central (1e6×0.882 − 300×500×0.8)/1.035×0.9 = 662608.70
		building(1, "b", estate.RAGGreen, at, 500.4, 80, value(1_000_000), running(10_000),
			func(a *estate.Asset) { a.GIAM2 = f64p(500) }),
		building(2, "b", estate.RAGGreen, at, 120.5, 80, running(5_000)),
		// amber: (1e6×0.882 − 300×1000×0.5)/1.035³×0.5 = 330111.03
		building(3, "a", estate.RAGAmber, at, 1000, 50, value(1_000_000)),
		building(4, "a", estate.RAGRed, at, 99.4, 50, value(7_000_000), running(1)),
		building(5, "a", "", at, 0, 0, leasedIn(9_000), func(a *estate.Asset) { a.GIAM2 = nil }),
		building(6, "c", estate.RAGGreen, east(at, 100_000), 1, 1, value(1)),
	}
	box := estate.AroundBBox(at, 1000)
	coloc := &ColocationSummary{Params: DefaultColocationParams(), Count: 3, AnnualSavingGBP: 123}
	v, err := Trust(copied(assets), DefaultReceiptParams(), estate.Selection{BBox: &box}, coloc)
	if err != nil {
		t.Fatal(err)
	}
	want := TrustTotals{Assets: 5, GIAM2: 500 + 121 + 1000 + 99, MarketValueGBP: 9_000_000,
		RunningCostGBPPA: 15_001, CentralReceiptGBP: 662_609 + 330_111}
	if v.Total != want {
		t.Errorf("total %+v, want %+v", v.Total, want)
	}
	if len(v.Partners) != 2 || v.Partners[0].Partner != "a" || v.Partners[0].Assets != 3 ||
		v.Partners[1].CentralReceiptGBP != 662_609 {
		t.Errorf("partners %+v", v.Partners)
	}
	wantCells := []TrustRow{
		{Partner: "a", RAG: estate.RAGRed, TrustTotals: TrustTotals{1, 99, 7_000_000, 1, 0}},
		{Partner: "a", RAG: estate.RAGAmber, TrustTotals: TrustTotals{1, 1000, 1_000_000, 0, 330_111}},
		{Partner: "a", RAG: estate.RAGUnrated, TrustTotals: TrustTotals{1, 0, 0, 0, 0}},
		{Partner: "b", RAG: estate.RAGGreen, TrustTotals: TrustTotals{2, 621, 1_000_000, 15_000, 662_609}},
	}
	if len(v.Cells) != len(wantCells) {
		t.Fatalf("cells %+v", v.Cells)
	}
	for i := range wantCells {
		if v.Cells[i] != wantCells[i] {
			t.Errorf("cell %d = %+v, want %+v", i, v.Cells[i], wantCells[i])
		}
	}
	if len(v.RAGs) != 4 || v.RAGs[2].RAG != estate.RAGGreen || v.RAGs[2].Assets != 2 || v.RAGs[3].Assets != 1 {
		t.Errorf("rags %+v", v.RAGs)
	}
	if v.Colocation != coloc || v.Filter.BBox == nil || v.Params != DefaultReceiptParams() {
		t.Errorf("echo %+v", v)
	}

	p := DefaultReceiptParams()
	p.DiscountRate = 2
	_, err = Trust(copied(assets), p, estate.Selection{Partners: []string{"Not A Slug"}}, nil)
	wantInvalid(t, err, "discount_rate", "partner")
}
