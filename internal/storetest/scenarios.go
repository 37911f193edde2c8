package storetest

import (
	"slices"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
)

// testScenarios holds saved scenarios: saved by a partner's editor,
// seen by its staff and those it is shared with, changed only by its
// editors at the version they read, names unique per partner, and no
// asset touched by any of it.
func testScenarios(t *testing.T, open Factory) {
	e := newEnv(t, open, "county", "police", "nhs")
	if e.Scenarios == nil {
		t.Skip("no scenario store")
	}
	a := NewAsset("county", "LIB1", -2.22, 52.19)
	must(t, e.Assets.CreateAsset(admin, a))
	countyEd, policeView, nhsView := As(estate.RoleEditor, "county"), As(estate.RoleViewer, "police"), As(estate.RoleViewer, "nhs")
	green := estate.RAGGreen
	sc := &estate.Scenario{Name: "Amber libraries go green", SharedWith: []string{"police"},
		Rules:  []estate.ScenarioRule{{Uses: []string{"library"}, RAGs: []estate.RAG{estate.RAGAmber}, RAG: &green}},
		Params: map[string]float64{"p_amber": 0.6}}
	must(t, e.Scenarios.CreateScenario(countyEd, sc))
	if sc.ID == 0 || sc.Version != 1 || sc.Partner != "county" {
		t.Fatalf("created %+v", sc)
	}

	t.Run("read back", func(t *testing.T) {
		got, err := e.Scenarios.FindScenario(policeView, sc.ID)
		must(t, err)
		if got.Name != sc.Name || !slices.Equal(got.SharedWith, []string{"police"}) || len(got.Rules) != 1 ||
			*got.Rules[0].RAG != green || got.Params["p_amber"] != 0.6 || !got.CreatedAt.Equal(sc.CreatedAt) {
			t.Errorf("read %+v, saved %+v", got, sc)
		}
		if _, err := e.Scenarios.FindScenario(nhsView, sc.ID); estate.ErrorCode(err) != estate.ENOTFOUND {
			t.Errorf("not shared with nhs: %v", err)
		}
		if _, err := e.Scenarios.FindScenario(public, sc.ID); estate.ErrorCode(err) != estate.EUNAUTHORIZED {
			t.Errorf("public: %v", err)
		}
	})

	t.Run("lists follow the actor", func(t *testing.T) {
		mine := &estate.Scenario{Name: "Police station closes in 2028",
			Rules: []estate.ScenarioRule{{Partners: []string{"police"}, Target: "2028-09-30"}}}
		must(t, e.Scenarios.CreateScenario(As(estate.RoleEditor, "police"), mine))
		for _, c := range []struct {
			name string
			as   []any
			want []int64
		}{
			{"admin", nil, []int64{sc.ID, mine.ID}},
			{"police", nil, []int64{sc.ID, mine.ID}},
			{"nhs", nil, nil},
			{"county", nil, []int64{sc.ID}},
		} {
			ctx := admin
			if c.name != "admin" {
				ctx = As(estate.RoleViewer, c.name)
			}
			list, err := e.Scenarios.FindScenarios(ctx)
			must(t, err)
			var ids []int64
			for _, s := range list {
				ids = append(ids, s.ID)
			}
			if !slices.Equal(ids, c.want) {
				t.Errorf("%s sees %v, want %v", c.name, ids, c.want)
			}
		}
		dup := &estate.Scenario{Name: mine.Name, Rules: mine.Rules}
		err := e.Scenarios.CreateScenario(As(estate.RoleEditor, "police"), dup)
		wantFields(t, err, estate.ECONFLICT, "name")
		// Another partner may use the same name.
		must(t, e.Scenarios.CreateScenario(As(estate.RoleEditor, "nhs"), &estate.Scenario{Name: mine.Name, Rules: mine.Rules}))
	})

	t.Run("changes", func(t *testing.T) {
		cur, err := e.Scenarios.FindScenario(countyEd, sc.ID)
		must(t, err)
		upd := *cur
		upd.Description, upd.SharedWith = "Shared with nhs now", []string{"nhs"}
		if err := e.Scenarios.UpdateScenario(policeView, &upd, cur.Version); estate.ErrorCode(err) != estate.EFORBIDDEN {
			t.Errorf("a viewer it is shared with changes it: %v", err)
		}
		if err := e.Scenarios.UpdateScenario(countyEd, &upd, 0); estate.ErrorCode(err) != estate.EPRECONDITIONNEEDED {
			t.Errorf("without a version: %v", err)
		}
		must(t, e.Scenarios.UpdateScenario(countyEd, &upd, cur.Version))
		if upd.Version != cur.Version+1 || upd.Partner != "county" {
			t.Errorf("updated %+v", upd)
		}
		stale := *cur
		stale.Description = "lost update"
		if err := e.Scenarios.UpdateScenario(countyEd, &stale, cur.Version); estate.ErrorCode(err) != estate.EPRECONDITIONFAILED {
			t.Errorf("stale update: %v", err)
		}
		if _, err := e.Scenarios.FindScenario(policeView, sc.ID); estate.ErrorCode(err) != estate.ENOTFOUND {
			t.Errorf("no longer shared with police: %v", err)
		}
		bad := upd
		bad.Rules = []estate.ScenarioRule{{Uses: []string{"library"}}}
		err = e.Scenarios.UpdateScenario(countyEd, &bad, upd.Version)
		wantFields(t, err, estate.EINVALID, "rules[0].set_rag")
		if err := e.Scenarios.DeleteScenario(countyEd, sc.ID, cur.Version); estate.ErrorCode(err) != estate.EPRECONDITIONFAILED {
			t.Errorf("stale delete: %v", err)
		}
		must(t, e.Scenarios.DeleteScenario(countyEd, sc.ID, upd.Version))
		if _, err := e.Scenarios.FindScenario(admin, sc.ID); estate.ErrorCode(err) != estate.ENOTFOUND {
			t.Errorf("deleted: %v", err)
		}
	})

	// A link to a deleted scenario must never open another one.
	t.Run("ids are never given twice", func(t *testing.T) {
		x := &estate.Scenario{Name: "Gone soon", Rules: sc.Rules}
		must(t, e.Scenarios.CreateScenario(countyEd, x))
		must(t, e.Scenarios.DeleteScenario(countyEd, x.ID, x.Version))
		y := &estate.Scenario{Name: "After it", Rules: sc.Rules}
		must(t, e.Scenarios.CreateScenario(countyEd, y))
		if y.ID <= x.ID {
			t.Errorf("the newest scenario's id %d given again as %d", x.ID, y.ID)
		}
	})

	t.Run("refusals", func(t *testing.T) {
		err := e.Scenarios.CreateScenario(policeView, &estate.Scenario{Name: "x", Rules: []estate.ScenarioRule{{Target: "2028-01-01"}}})
		if estate.ErrorCode(err) != estate.EFORBIDDEN {
			t.Errorf("a viewer saves: %v", err)
		}
		err = e.Scenarios.CreateScenario(admin, &estate.Scenario{Partner: "nobody", Name: "x"})
		wantFields(t, err, estate.EINVALID, "partner")
		err = e.Scenarios.CreateScenario(countyEd, &estate.Scenario{Name: "", SharedWith: []string{"county"}})
		wantFields(t, err, estate.EINVALID, "name", "shared_with")
	})

	// Saving, changing and deleting scenarios touched no asset.
	got, err := e.Assets.FindAssetByID(admin, a.ID)
	must(t, err)
	if got.Version != a.Version || got.RAG != a.RAG {
		t.Errorf("asset changed: version %d rag %s, was %d %s", got.Version, got.RAG, a.Version, a.RAG)
	}
}

// wantFields checks err's code and that it names exactly fields.
func wantFields(t *testing.T, err error, code string, fields ...string) {
	t.Helper()
	if estate.ErrorCode(err) != code {
		t.Fatalf("error %v: want %s", err, code)
	}
	var got []string
	for _, f := range estate.ErrorFields(err) {
		got = append(got, f.Field)
	}
	slices.Sort(got)
	got = slices.Compact(got)
	if !slices.Equal(got, fields) {
		t.Errorf("fields %v, want %v", got, fields)
	}
}
