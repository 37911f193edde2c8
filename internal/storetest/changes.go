package storetest

import (
	"slices"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
)

// testFeed writes to the register step by step and checks after each
// step that every change feed reports exactly what the step changed.
func testFeed(t *testing.T, open Factory) {
	e := newEnv(t, open, "county")
	fs := feeds(e.Register)
	if len(fs) == 0 {
		t.Skip("the store has no change feed")
	}
	a, b, s := NewAsset("county", "A", -2.2, 52.2), NewAsset("county", "B", -2.3, 52.3), NewAsset("county", "S", -2.4, 52.4)
	s.Sensitive = true
	var c int64
	steps := []struct {
		name             string
		do               func(t *testing.T)
		changed, deleted func() []int64
	}{
		{"create", func(t *testing.T) { e.in(t).create(a, b, s) }, func() []int64 { return []int64{a.ID, b.ID, s.ID} }, nil},
		{"nothing", func(t *testing.T) {}, nil, nil},
		{"update", func(t *testing.T) {
			_, err := e.Assets.UpdateAsset(admin, a.ID, 1, func(x *estate.Asset) error { x.Use = "Library"; return nil })
			must(t, err)
		}, func() []int64 { return []int64{a.ID} }, nil},
		{"rate", func(t *testing.T) {
			_, err := e.Assets.SetAssetRAG(admin, s.ID, 1, estate.RAGUpdate{Rating: estate.RAGRed, Rationale: "Custody suite"})
			must(t, err)
		}, func() []int64 { return []int64{s.ID} }, nil},
		{"refused write", func(t *testing.T) {
			_, err := e.Assets.UpdateAsset(admin, a.ID, 1, func(x *estate.Asset) error { x.Use = "Stale"; return nil })
			wantCode(t, "stale update", err, estate.EPRECONDITIONFAILED)
		}, nil, nil},
		{"import", func(t *testing.T) {
			renamed := NewAsset("county", "B", -2.3, 52.3)
			renamed.Name = "Renamed"
			rep, err := e.Imports.ImportAssets(admin, "county", Rows(Item(renamed), Item(NewAsset("county", "C", -2.5, 52.5))), estate.ImportOptions{})
			must(t, err)
			c = rep.Rows[1].AssetID
		}, func() []int64 { return []int64{b.ID, c} }, nil},
		{"delete", func(t *testing.T) { must(t, e.Assets.DeleteAsset(admin, b.ID, 2)) }, nil, func() []int64 { return []int64{b.ID} }},
	}
	since := make([]int64, len(fs))
	for i, f := range fs {
		v, err := f.version(admin)
		must(t, err)
		since[i] = v
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			st.do(t)
			changed, deleted := idsOf(st.changed), idsOf(st.deleted)
			for i, f := range fs {
				got, err := f.after(admin, since[i])
				must(t, err)
				if got.Reload || !slices.Equal(got.Changed, changed) || !slices.Equal(got.Deleted, deleted) {
					t.Errorf("%s feed after version %d: %+v, want changed %v, deleted %v", f.name, since[i], got, changed, deleted)
				}
				if moved := got.Version != since[i]; moved != (len(changed)+len(deleted) > 0) {
					t.Errorf("%s feed: version %d after %d", f.name, got.Version, since[i])
				}
				since[i] = got.Version
				v, all, err := f.all(admin)
				must(t, err)
				if live := ids(e.in(t).find(admin, estate.AssetFilter{})); v != got.Version || !slices.Equal(all, live) {
					t.Errorf("%s feed read whole: version %d, ids %v; want %d, %v", f.name, v, all, got.Version, live)
				}
			}
		})
	}
}

func idsOf(f func() []int64) []int64 {
	if f == nil {
		return nil
	}
	return f()
}
