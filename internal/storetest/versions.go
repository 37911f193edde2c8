package storetest

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
)

// writes are the three changes of an existing asset, each held to
// If-Match; ctx acts, v is the version the caller says it changes.
var writes = []struct {
	name string
	do   func(r *Register, ctx context.Context, id, v int64) error
}{
	{"update", func(r *Register, ctx context.Context, id, v int64) error {
		_, err := r.Assets.UpdateAsset(ctx, id, v, func(a *estate.Asset) error { a.Name += " changed"; return nil })
		return err
	}},
	{"rate", func(r *Register, ctx context.Context, id, v int64) error {
		_, err := r.Assets.SetAssetRAG(ctx, id, v, estate.RAGUpdate{Rating: estate.RAGAmber, Rationale: "Under review"})
		return err
	}},
	{"delete", func(r *Register, ctx context.Context, id, v int64) error { return r.Assets.DeleteAsset(ctx, id, v) }},
}

func testIfMatch(t *testing.T, open Factory) {
	e := newEnv(t, open, "county")
	a := NewAsset("county", "C1", -2.2, 52.2)
	e.create(a)
	_, err := e.Assets.UpdateAsset(admin, a.ID, 1, func(x *estate.Asset) error { x.Use = "Office"; return nil })
	must(t, err)
	const current = 2
	versions := []struct {
		name string
		v    int64
		code string
	}{
		{"missing", 0, estate.EPRECONDITIONNEEDED},
		{"stale", current - 1, estate.EPRECONDITIONFAILED},
		{"ahead", current + 1, estate.EPRECONDITIONFAILED},
		// A weak ETag is read as a negative version: it never matches.
		{"negative", -current, estate.EPRECONDITIONFAILED},
	}
	var cases []refusal
	for _, w := range writes {
		for _, v := range versions {
			cases = append(cases, refusal{w.name + " " + v.name, func() error { return w.do(e.Register, admin, a.ID, v.v) }, v.code})
		}
	}
	e.refuse(cases)
	t.Run("refusal names the current version", func(t *testing.T) {
		for _, w := range writes {
			var pe *estate.Error
			if err := w.do(e.Register, admin, a.ID, current-1); !errors.As(err, &pe) || pe.Version != current {
				t.Errorf("%s with a stale version: %v, want one naming version %d", w.name, err, current)
			}
		}
	})
	t.Run("current version", func(t *testing.T) {
		for i, w := range writes {
			must(t, w.do(e.Register, admin, a.ID, int64(current+i)))
		}
	})
}

func testHistory(t *testing.T, open Factory) {
	e := newEnv(t, open, "county", "police")
	editor := As(estate.RoleEditor, "county")
	a := NewAsset("county", "C1", -2.2, 52.2)
	must(t, e.Assets.CreateAsset(editor, a))
	for i, w := range writes {
		ctx := editor
		if w.name == "delete" { // so the history holds both kinds of actor
			ctx = admin
		}
		must(t, w.do(e.Register, ctx, a.ID, int64(i+1)))
	}
	hist := e.history(admin, a.ID)

	t.Run("every change, newest first", func(t *testing.T) {
		want := []estate.AuditAction{estate.ActionDelete, estate.ActionRAG, estate.ActionUpdate, estate.ActionCreate}
		if got := actions(hist); !reflect.DeepEqual(got, want) {
			t.Fatalf("history %v, want %v", got, want)
		}
		for i, ev := range hist {
			if ev.AssetID != a.ID || ev.Partner != "county" || ev.Version != int64(4-i) ||
				(i > 0 && !ev.At.Before(hist[i-1].At)) || (i > 0 && ev.ID >= hist[i-1].ID) {
				t.Errorf("event %d: %+v", i, ev)
			}
		}
		if c := hist[2].Changes; len(c) != 1 || c[0].Field != "name" || c[0].Before != "Asset C1" || c[0].After != "Asset C1 changed" {
			t.Errorf("update's changes %+v", c)
		}
		if ev := hist[1]; ev.Actor != "county-editor" || ev.ActorPartner != "county" {
			t.Errorf("rating's actor %q for %q", ev.Actor, ev.ActorPartner)
		}
		if ev := hist[0]; ev.Actor != "admin" || len(ev.Changes) == 0 || ev.Changes[0].After != nil {
			t.Errorf("deletion: %+v", ev)
		}
	})
	t.Run("a deleted asset's history to another partner", func(t *testing.T) {
		got := e.in(t).history(As(estate.RoleViewer, "police"), a.ID)
		if len(got) != 4 || got[1].Actor != "county" || got[0].Actor != estate.NoPartnerActor {
			t.Errorf("actors not the partners they acted for: %+v", got)
		}
	})
	t.Run("paging", func(t *testing.T) {
		got, err := e.Assets.FindAssetHistory(admin, a.ID, estate.HistoryFilter{Before: hist[1].ID, Limit: 1})
		if err != nil || len(got) != 1 || !reflect.DeepEqual(got[0], hist[2]) {
			t.Errorf("page before event %d: %+v (%v)", hist[1].ID, got, err)
		}
	})
	t.Run("an asset that never was", func(t *testing.T) {
		_, err := e.Assets.FindAssetHistory(admin, a.ID+1000, estate.HistoryFilter{})
		wantCode(t, "history", err, estate.ENOTFOUND)
	})
}

func testIDs(t *testing.T, open Factory) {
	e := newEnv(t, open, "county")
	gone := NewAsset("county", "GONE", -2.2, 52.2)
	e.create(NewAsset("county", "KEEP", -2.21, 52.21), gone)
	must(t, e.Assets.DeleteAsset(admin, gone.ID, 1))
	highest := gone.ID

	bad := NewAsset("county", "BAD", -2.2, 52.2)
	bad.Name = ""
	rep, err := e.Imports.ImportAssets(admin, "county", Rows(Item(NewAsset("county", "A", -2.2, 52.2)), Item(bad)), estate.ImportOptions{})
	wantCode(t, "import with a wrong row", err, estate.EINVALID)
	if rep == nil {
		t.Fatal("import with a wrong row: no report")
	}
	for _, r := range rep.Rows {
		highest = max(highest, r.AssetID)
	}
	rep, err = e.Imports.ImportAssets(admin, "county", Rows(Item(NewAsset("county", "D", -2.2, 52.2))), estate.ImportOptions{DryRun: true})
	must(t, err)
	if id := rep.Rows[0].AssetID; id != 0 {
		t.Errorf("a dry run reported id %d for a row it never wrote", id)
	}

	// Each way of making an asset gives an id above every one given or
	// shown before, and the deleted asset's history stays its own.
	makers := []struct {
		name string
		make func(a *estate.Asset) (int64, error)
	}{
		{"create", func(a *estate.Asset) (int64, error) {
			err := e.Assets.CreateAsset(admin, a)
			return a.ID, err
		}},
		{"import", func(a *estate.Asset) (int64, error) {
			rep, err := e.Imports.ImportAssets(admin, "county", Rows(Item(a)), estate.ImportOptions{})
			if err != nil {
				return 0, err
			}
			return rep.Rows[0].AssetID, nil
		}},
	}
	for _, m := range makers {
		t.Run(m.name, func(t *testing.T) {
			id, err := m.make(NewAsset("county", "NEW-"+m.name, -2.2, 52.2))
			must(t, err)
			if id <= highest {
				t.Errorf("%s gave id %d, at or below %d, given before", m.name, id, highest)
			}
			highest = id
		})
	}
	if h := e.history(admin, gone.ID); !reflect.DeepEqual(actions(h), []estate.AuditAction{estate.ActionDelete, estate.ActionCreate}) || h[0].Partner != "county" {
		t.Errorf("deleted asset's history: %+v", h)
	}
}
