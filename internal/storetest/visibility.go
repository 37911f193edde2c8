package storetest

import (
	"context"
	"slices"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
)

// viewers are the kinds of reader of county's assets, and what each may
// see of them: its sensitive assets, who changed them and their notes,
// and money.
var viewers = []struct {
	name                    string
	ctx                     context.Context
	sensitive, people, cash bool
}{
	{"admin", admin, true, true, true},
	{"own viewer", As(estate.RoleViewer, "county"), true, true, true},
	{"other partner's editor", As(estate.RoleEditor, "police"), false, false, true},
	{"public", public, false, false, false},
}

func testVisibility(t *testing.T, open Factory) {
	e := newEnv(t, open, "county", "police")
	plain, secret, gone := NewAsset("county", "PLAIN", -2.2, 52.2), NewAsset("county", "SECRET", -2.21, 52.21), NewAsset("county", "GONE", -2.22, 52.22)
	plain.Notes = "Keys with the caretaker"
	secret.Sensitive, gone.Sensitive = true, true
	e.create(plain, secret, gone)
	_, err := e.Assets.SetAssetRAG(As(estate.RoleEditor, "county"), plain.ID, 1, estate.RAGUpdate{Rating: estate.RAGAmber, Rationale: "Under review"})
	must(t, err)
	must(t, e.Assets.DeleteAsset(admin, gone.ID, 1))

	for _, v := range viewers {
		t.Run(v.name, func(t *testing.T) {
			s := e.in(t)
			found := codes(s.find(v.ctx, estate.AssetFilter{}))
			if want := v.sensitive; slices.Contains(found, "SECRET") != want || !slices.Contains(found, "PLAIN") {
				t.Errorf("list %v: sensitive shown %v, want %v", found, !want, want)
			}
			n, err := e.Assets.CountAssets(v.ctx, estate.AssetFilter{})
			if err != nil || n != len(found) {
				t.Errorf("count %d (%v), list %d", n, err, len(found))
			}
			hidden := ""
			if !v.sensitive {
				hidden = estate.ENOTFOUND
			}
			_, err = e.Assets.FindAssetByID(v.ctx, secret.ID)
			wantCode(t, "sensitive asset", err, hidden)
			for _, id := range []int64{secret.ID, gone.ID} {
				_, err = e.Assets.FindAssetHistory(v.ctx, id, estate.HistoryFilter{})
				wantCode(t, "sensitive asset's history", err, hidden)
			}

			// Ratings are set by the partner's editor: others see the
			// partner in place of the person.
			wantNotes, wantSetBy, wantActor := "", "county", "county"
			if v.people {
				wantNotes, wantSetBy, wantActor = plain.Notes, "county-editor (county)", "county-editor"
			}
			read, listed := s.get(v.ctx, plain.ID), s.find(v.ctx, estate.AssetFilter{Selection: estate.Selection{IDs: []int64{plain.ID}}})[0]
			for _, got := range []*estate.Asset{read, listed} {
				if got.Notes != wantNotes || got.RAGSetBy != wantSetBy || (got.MarketValueGBP != nil) != v.cash {
					t.Errorf("notes %q, rag_set_by %q, market value %v", got.Notes, got.RAGSetBy, got.MarketValueGBP)
				}
			}
			for _, ev := range s.history(v.ctx, plain.ID) {
				if ev.Action == estate.ActionRAG && ev.Actor != wantActor {
					t.Errorf("rating's actor %q, want %q", ev.Actor, wantActor)
				}
				for _, c := range ev.Changes {
					if !v.people && estate.IsPeopleOrNotesField(c.Field) || !v.cash && estate.IsMoneyField(c.Field) {
						t.Errorf("%s event shows %s", ev.Action, c.Field)
					}
				}
			}
		})
	}
}

func testAccess(t *testing.T, open Factory) {
	e := newEnv(t, open, "county", "police")
	a, secret := NewAsset("county", "C1", -2.2, 52.2), NewAsset("county", "SECRET", -2.21, 52.21)
	secret.Sensitive = true
	e.create(a, secret)
	actors := []struct {
		name string
		ctx  context.Context
		code string
	}{
		{"viewer", As(estate.RoleViewer, "county"), estate.EFORBIDDEN},
		{"other partner's editor", As(estate.RoleEditor, "police"), estate.EFORBIDDEN},
		{"public", public, denied},
	}
	var cases []refusal
	for _, who := range actors {
		cases = append(cases, refusal{"create by " + who.name, func() error {
			return e.Assets.CreateAsset(who.ctx, NewAsset("county", "NEW", -2.2, 52.2))
		}, who.code})
		for _, w := range writes {
			cases = append(cases, refusal{w.name + " by " + who.name, func() error { return w.do(e.Register, who.ctx, a.ID, 1) }, who.code})
		}
	}
	police := As(estate.RoleEditor, "police")
	cases = append(cases,
		refusal{"another partner's sensitive asset", func() error { return e.Assets.DeleteAsset(police, secret.ID, 1) }, estate.ENOTFOUND},
		refusal{"give an asset away", func() error {
			_, err := e.Assets.UpdateAsset(As(estate.RoleEditor, "county"), a.ID, 1, func(x *estate.Asset) error { x.Partner = "police"; return nil })
			return err
		}, estate.EFORBIDDEN},
	)
	e.refuse(cases)
	t.Run("own partner's editor", func(t *testing.T) {
		editor := As(estate.RoleEditor, "county")
		must(t, e.Assets.CreateAsset(editor, NewAsset("county", "NEW", -2.2, 52.2)))
		for i, w := range writes {
			must(t, w.do(e.Register, editor, a.ID, int64(i+1)))
		}
	})
}
