package storetest

import (
	"reflect"
	"sync"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
)

// together runs each function in its own goroutine, released at once,
// and returns their errors in order.
func together(fns ...func() error) []error {
	errs := make([]error, len(fns))
	var start, done sync.WaitGroup
	start.Add(1)
	for i, fn := range fns {
		done.Add(1)
		go func() {
			defer done.Done()
			start.Wait()
			errs[i] = fn()
		}()
	}
	start.Done()
	done.Wait()
	return errs
}

func testConcurrency(t *testing.T, open Factory) {
	e := newEnv(t, open, "county")
	editor := As(estate.RoleEditor, "county")
	t.Run("same If-Match", func(t *testing.T) {
		for _, w := range writes[:2] { // two deletes cannot both find the asset
			for range 5 {
				a := NewAsset("county", "RACE", -2.2, 52.2)
				must(t, e.Assets.CreateAsset(admin, a))
				do := func() error { return w.do(e.Register, editor, a.ID, 1) }
				errs := together(do, do)
				won := 0
				for _, err := range errs {
					if err == nil {
						won++
					} else {
						wantCode(t, w.name+" that lost", err, estate.EPRECONDITIONFAILED)
					}
				}
				if got := e.in(t).get(admin, a.ID); won != 1 || got.Version != 2 {
					t.Fatalf("%s twice at version 1: %d won, version %d", w.name, won, got.Version)
				}
				must(t, e.Assets.DeleteAsset(admin, a.ID, 2))
			}
		}
	})
	t.Run("no lost update", func(t *testing.T) {
		const writers, each = 6, 8
		a := NewAsset("county", "COUNTER", -2.2, 52.2)
		a.GIAM2 = ptr(0.0)
		must(t, e.Assets.CreateAsset(admin, a))
		increment := func() error {
			for range each {
				for {
					cur, err := e.Assets.FindAssetByID(editor, a.ID)
					if err != nil {
						return err
					}
					_, err = e.Assets.UpdateAsset(editor, a.ID, cur.Version, func(x *estate.Asset) error { *x.GIAM2++; return nil })
					if estate.ErrorCode(err) != estate.EPRECONDITIONFAILED {
						if err != nil {
							return err
						}
						break
					}
				}
			}
			return nil
		}
		var fns []func() error
		for range writers {
			fns = append(fns, increment)
		}
		for _, err := range together(fns...) {
			must(t, err)
		}
		got := e.in(t).get(admin, a.ID)
		if *got.GIAM2 != writers*each || got.Version != writers*each+1 || len(e.in(t).history(admin, a.ID)) != writers*each+1 {
			t.Errorf("after %d increments: gia %v, version %d", writers*each, *got.GIAM2, got.Version)
		}
	})
	t.Run("parallel creates", func(t *testing.T) {
		var fns []func() error
		for i := range 8 {
			fns = append(fns, func() error {
				return e.Assets.CreateAsset(editor, NewAsset("county", "PAR-"+string(rune('a'+i)), -2.2, 52.2))
			})
		}
		for _, err := range together(fns...) {
			must(t, err)
		}
		got := e.in(t).find(admin, estate.AssetFilter{Selection: estate.Selection{Q: "par-"}})
		if len(got) != 8 {
			t.Errorf("parallel creates made %d assets", len(got))
		}
	})
}

func testReopen(t *testing.T, open Factory) {
	e := newEnv(t, open, "county")
	if e.Reopen == nil {
		t.Skip("the store keeps nothing beyond the process")
	}
	a := NewAsset("county", "A", -2.2, 52.2)
	e.create(a)
	updated, err := e.Assets.UpdateAsset(admin, a.ID, 1, func(x *estate.Asset) error { x.Name = "Committed"; return nil })
	must(t, err)
	hist := e.history(admin, a.ID)

	again := &env{Register: e.Reopen(t), t: t, clock: e.clock}
	if got := again.get(admin, a.ID); !reflect.DeepEqual(got, updated) {
		t.Errorf("after reopening:\n got %+v\nwant %+v", got, updated)
	}
	if got := again.history(admin, a.ID); !reflect.DeepEqual(got, hist) {
		t.Errorf("history after reopening: %+v, want %+v", got, hist)
	}
	b := NewAsset("county", "B", -2.3, 52.3)
	again.create(b)
	if b.ID <= a.ID {
		t.Errorf("after reopening a new asset got id %d, at or below %d", b.ID, a.ID)
	}
}
