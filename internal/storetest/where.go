package storetest

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
)

// The Where subject: a Selection's Where (estate.Cond, OGC API's CQL2
// filter) selects in the store exactly what estate.MatchCond selects of
// the same assets, with paging, counts and the sensitive scope as for any
// selection. Locations sit on a grid of quarter degrees and shapes on
// eighths, so points fall on boxes' and polygons' edges and every edge
// test is exact in floating point.

// whereFixture stores a small varied estate, written at 1.25 s steps so
// that stored times have fractions, and returns it as the admin reads it.
func whereFixture(t *testing.T, open Factory) (*env, []*estate.Asset) {
	c := &clock{now: time.Date(2026, 5, 9, 23, 59, 58, 0, time.UTC), step: 1250 * time.Millisecond}
	e := &env{Register: open(t, c.Now), t: t, clock: c}
	for _, id := range []string{"county", "police"} {
		must(t, e.Partners.CreatePartner(admin, &estate.Partner{ID: id, Name: "Partner " + id, Kind: estate.KindOther}))
	}
	e1 := NewAsset("county", "E1", -2, 52)
	e1.Name, e1.Town, e1.RAG, e1.LeaseExpiry, e1.GIAM2 = "Église Hall", "Worcester", estate.RAGGreen, "2027-01-31", ptr(120.5)
	e1.RAGRationale = "Shared use"
	e2 := NewAsset("county", "E2", -2.5, 52)
	e2.Name, e2.EffectiveDate, e2.GIAM2 = "église hall", "2026-05-10", nil
	e3 := NewAsset("police", "E3", -1.5, 52.5)
	e3.Name, e3.Postcode, e3.LeaseBreak, e3.UtilisationPct = "EGLISE", "WR1 2AB", "2026-05-11", ptr(0.0)
	odd := NewAsset("police", `A_1%`, -2.25, 52.25)
	odd.Name, odd.Use, odd.LandAreaHa = `Back\slash [x]*? 50% off_sale`, "a_b", ptr(0.1)
	// Its footprint reaches boxes its location does not: a Cond tests the
	// location only.
	foot := NewAsset("county", "FOOT", -1.25, 51.5)
	foot.Footprint = square(-1.25, 51.5, 0.5)
	e1.DisposalStage, e1.DisposalTarget = estate.StageDeclaredSurplus, "2027-01-31"
	e3.DisposalStage, e3.ReceiptGBP, e3.ReceiptDate = estate.StageSold, ptr[int64](1), "2026-05-09"
	secret := NewAsset("police", "SECRET", -2, 52)
	secret.Sensitive, secret.RAG, secret.RAGRationale, secret.Town = true, estate.RAGRed, "Crematorium", "Worcester"
	assets := []*estate.Asset{e1, e2, e3, odd, foot, secret}

	words := []string{"Library", "library", "Hall", "Depot", "Ünicode", "Zed", "a%b", "", ""}
	dates := []string{"", "", "2026-05-09", "2026-05-10", "2026-05-11", "2027-01-31"}
	for i := range 34 {
		a := NewAsset([]string{"county", "police"}[i%2], fmt.Sprintf("R%02d", i), -3+0.25*float64(i%9), 51.5+0.25*float64(i*7%7))
		a.Name = words[i%7] + fmt.Sprint(i%3)
		a.Town, a.Use = words[(i+2)%9], words[(i+5)%9]
		if a.RAG = estate.RAGs[i%4]; a.RAG != estate.RAGUnrated {
			a.RAGRationale = "Reason " + words[i%7]
		}
		a.Holding = []estate.Holding{"", estate.HoldingLand, estate.HoldingBuilding}[i%3]
		a.EffectiveDate, a.LeaseExpiry = dates[i%6], dates[(i+3)%6]
		a.GIAM2 = []*float64{nil, ptr(0.1), ptr(120.5), ptr(-0.0), ptr(1e6)}[i%5]
		a.UtilisationPct = []*float64{nil, ptr(50.0), ptr(100.0)}[i%3]
		a.Condition = []string{"", "A", "D"}[i%3]
		a.Sensitive = i%11 == 0
		// Some in the disposal programme, stamped at their creation.
		if i%4 == 1 {
			a.DisposalStage = []estate.DisposalStage{estate.StageUnderReview, estate.StageMarketed, estate.StageWithdrawn}[i%3]
			a.DisposalTarget = dates[(i+1)%6]
		}
		assets = append(assets, a)
	}
	for _, a := range assets {
		e.create(a) // one at a time: each its own time
	}
	// Rated later, so that updated_at and rag_set_at differ from created_at.
	for _, a := range assets[6:12] {
		_, err := e.Assets.SetAssetRAG(admin, a.ID, a.Version, estate.RAGUpdate{Rating: estate.RAGAmber, Rationale: "Reviewed"})
		must(t, err)
	}
	return e, e.find(admin, estate.AssetFilter{Page: estate.Page{Limit: estate.MaxPageSize}})
}

func testWhere(t *testing.T, open Factory) {
	e, all := whereFixture(t, open)
	t.Run("table", func(t *testing.T) {
		for _, c := range whereCases(all) {
			e.in(t).checkWhere(t, c.name, c.c, all)
		}
	})
	t.Run("random", func(t *testing.T) {
		g := newCondGen(17, all)
		valid, some := 0, 0
		for i := range 500 {
			c := g.cond(4)
			if err := (&estate.Selection{Where: c}).Validate(); err != nil {
				continue // an invalid shape drawn at random
			}
			valid++
			if n := e.in(t).checkWhere(t, fmt.Sprintf("random %d", i), c, all); n > 0 && n < len(all) {
				some++
			}
		}
		// The draw must test something: most conditions valid, and many
		// selecting some assets but not all.
		if valid < 400 || some < 150 {
			t.Errorf("%d valid conditions, %d selecting some but not all", valid, some)
		}
	})
	t.Run("paging", func(t *testing.T) { testWherePaging(t, e, all) })
	t.Run("scope", func(t *testing.T) { testWhereScope(t, e) })
	t.Run("refused", func(t *testing.T) {
		for _, c := range []estate.Cond{
			estate.CondCompare{Field: "market_value_gbp", Op: estate.OpGt, Value: 1.0},
			estate.CondLike{Field: "name", Pattern: `x\`},
		} {
			f := estate.AssetFilter{Selection: estate.Selection{Where: c}}
			_, err := e.Assets.FindAssets(admin, f)
			_, cerr := e.Assets.CountAssets(admin, f)
			for _, err := range []error{err, cerr} {
				if fs := estate.ErrorFields(err); estate.ErrorCode(err) != estate.EINVALID || len(fs) == 0 || fs[0].Field != "filter" {
					t.Errorf("%#v: %v, want invalid filter", c, err)
				}
			}
		}
	})
}

// checkWhere compares what the store selects by c, as the admin, with
// MatchCond over all, and the count with the list. It returns how many
// MatchCond selects.
func (e *env) checkWhere(t *testing.T, name string, c estate.Cond, all []*estate.Asset) int {
	t.Helper()
	f := estate.AssetFilter{Selection: estate.Selection{Where: c}, Page: estate.Page{Limit: estate.MaxPageSize}}
	got, err := e.Assets.FindAssets(admin, f)
	if err != nil {
		t.Errorf("%s: %v", name, err)
		return 0
	}
	want := []string{}
	for _, a := range all {
		if estate.MatchCond(c, a) {
			want = append(want, a.AssetCode)
		}
	}
	if g := codes(got); !reflect.DeepEqual(g, want) {
		b, _ := estate.MarshalCond(c)
		t.Errorf("%s %s: found %v, MatchCond %v", name, b, g, want)
	}
	if n, err := e.Assets.CountAssets(admin, f); err != nil || n != len(want) {
		t.Errorf("%s: count %d (%v), want %d", name, n, err, len(want))
	}
	return len(want)
}

// testWherePaging: pages of a Where, forward and back, and EachAsset,
// give what one page does.
func testWherePaging(t *testing.T, e *env, all []*estate.Asset) {
	c := estate.CondAny{estate.CondIsNull{Field: "town"}, estate.CondCompare{Field: "rag", Op: estate.OpNe, Value: "red"}}
	sel := estate.Selection{Where: c}
	whole := ids(e.find(admin, estate.AssetFilter{Selection: sel, Page: estate.Page{Limit: estate.MaxPageSize}}))
	if len(whole) < 10 {
		t.Fatalf("only %d assets to page through", len(whole))
	}
	var fwd []int64
	for after := int64(0); ; {
		p := ids(e.find(admin, estate.AssetFilter{Selection: sel, Page: estate.Page{After: after, Limit: 4}}))
		if len(p) == 0 {
			break
		}
		fwd, after = append(fwd, p...), p[len(p)-1]
	}
	if !reflect.DeepEqual(fwd, whole) {
		t.Errorf("pages forward %v, want %v", fwd, whole)
	}
	if back := ids(e.find(admin, estate.AssetFilter{Selection: sel, Page: estate.Page{Before: whole[7], Limit: 4}})); !reflect.DeepEqual(back, whole[3:7]) {
		t.Errorf("page back %v, want %v", back, whole[3:7])
	}
	var each []int64
	must(t, e.Assets.EachAsset(admin, estate.AssetFilter{Selection: sel, Page: estate.Page{After: whole[2], Limit: 5}}, func(a *estate.Asset) error {
		each = append(each, a.ID)
		return nil
	}))
	if !reflect.DeepEqual(each, whole[3:8]) {
		t.Errorf("each %v, want %v", each, whole[3:8])
	}
	if n, err := e.Assets.CountAssets(admin, estate.AssetFilter{Selection: sel, Page: estate.Page{After: whole[5], Limit: 1}}); err != nil || n != len(whole) {
		t.Errorf("count %d (%v), want %d", n, err, len(whole))
	}
}

// testWhereScope: a Where never reaches assets the reader may not see.
func testWhereScope(t *testing.T, e *env) {
	c := estate.CondCompare{Field: "town", Op: estate.OpEq, Value: "Worcester"}
	for _, v := range []struct {
		name string
		ctx  context.Context
		want []string
	}{
		{"admin", admin, []string{"E1", "SECRET"}},
		{"own viewer", As(estate.RoleViewer, "police"), []string{"E1", "SECRET"}},
		{"other partner", As(estate.RoleViewer, "county"), []string{"E1"}},
		{"public", public, []string{"E1"}},
	} {
		f := estate.AssetFilter{Selection: estate.Selection{Where: c}}
		if got := codes(e.in(t).find(v.ctx, f)); !reflect.DeepEqual(got, v.want) {
			t.Errorf("%s: %v, want %v", v.name, got, v.want)
		}
		if n, err := e.Assets.CountAssets(v.ctx, f); err != nil || n != len(v.want) {
			t.Errorf("%s: count %d (%v)", v.name, n, err)
		}
	}
}
