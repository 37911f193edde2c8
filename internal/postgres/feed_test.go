package postgres

import (
	"context"
	"reflect"
	"slices"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/estate/estatetest"
	"github.com/placetrust/placetrust/internal/service"
)

// readAll is what ReadRegister gives, each asset copied.
func readAll(t *testing.T, feed estate.RegisterFeed) (int64, []*estate.Asset) {
	t.Helper()
	var all []*estate.Asset
	v, err := feed.ReadRegister(context.Background(), func(a *estate.Asset) error {
		all = append(all, a.Clone())
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return v, all
}

// The feed gives exactly estate.FeedFields, each as stored.
func TestFeedFields(t *testing.T) {
	db, _ := mustOpen(t)
	a := estatetest.Full()
	seed(t, db, []string{"county", "police"}, a)
	stored, err := db.FindAsset(context.Background(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	_, all := readAll(t, db)
	if len(all) != 1 {
		t.Fatalf("read %d assets", len(all))
	}
	want, got := reflect.ValueOf(stored).Elem(), reflect.ValueOf(all[0]).Elem()
	for i := range want.NumField() {
		name := want.Type().Field(i).Name
		w, g := want.Field(i), got.Field(i)
		if !slices.Contains(estate.FeedFields, name) {
			if !g.IsZero() {
				t.Errorf("the feed gives %s, which estate.FeedFields does not name", name)
			}
			continue
		}
		if w.IsZero() {
			t.Errorf("%s is not set in the stored asset: the test cannot tell whether the feed gives it", name)
		}
		if !reflect.DeepEqual(w.Interface(), g.Interface()) {
			t.Errorf("%s: feed %v, stored %v", name, g.Interface(), w.Interface())
		}
	}
}

// The changes after a version are the assets written after it, each
// once, the deleted ones by id; a log that asks for a reload, a log with
// a version missing, and a head behind the copy all ask for a reload.
func TestRegisterChanges(t *testing.T) {
	ctx := context.Background()
	db, _ := mustOpen(t)
	a, b, c := asset("county", "A"), asset("county", "B"), asset("police", "C")
	seed(t, db, []string{"county", "police"}, a, b, c)
	since, _ := readAll(t, db)
	if ch, err := db.RegisterChanges(ctx, since); err != nil || !reflect.DeepEqual(ch, estate.Changes{Version: since}) {
		t.Fatalf("nothing changed: %+v, %v", ch, err)
	}
	for range 2 { // changed twice, listed once
		edit(t, db, a, func(x *estate.Asset) { x.Name += "!" })
	}
	del := &estate.AuditEvent{AssetID: b.ID, Partner: b.Partner, Action: estate.ActionDelete, Actor: "test", At: testTime, Version: b.Version + 1}
	if err := db.DeleteAsset(ctx, del, b.Version); err != nil {
		t.Fatal(err)
	}
	ch, err := db.RegisterChanges(ctx, since)
	if err != nil {
		t.Fatal(err)
	}
	head, all := readAll(t, db)
	if ch.Version != head || head != since+3 || ch.Reload || len(ch.Changed) != 1 || !reflect.DeepEqual(ch.Changed[0], all[0]) ||
		ch.Changed[0].Name != "A!!" || !slices.Equal(ch.Deleted, []int64{b.ID}) {
		t.Errorf("changes %+v (head %d, since %d); want %+v changed and %d deleted", ch, head, since, all[0], b.ID)
	}
	if ch, err := db.RegisterChanges(ctx, head+5); err != nil || !ch.Reload || ch.Version != head {
		t.Errorf("a copy ahead of the register: %+v, %v; want a reload at %d", ch, err, head)
	}

	// A version whose log row went (the log pruned) cannot be patched over.
	if _, err := db.pool.Exec(ctx, `DELETE FROM register_log WHERE version = $1`, since+1); err != nil {
		t.Fatal(err)
	}
	if ch, err := db.RegisterChanges(ctx, since); err != nil || !ch.Reload || ch.Version != head {
		t.Errorf("a version missing from the log: %+v, %v; want a reload at %d", ch, err, head)
	}
	if ch, err := db.RegisterChanges(ctx, since+1); err != nil || ch.Reload || len(ch.Changed) != 1 {
		t.Errorf("after the missing version: %+v, %v; want a patch", ch, err)
	}
	tx, err := db.pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := bumpRegister(ctx, tx, make([]int64, maxLoggedIDs+1)); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	if ch, err := db.RegisterChanges(ctx, head); err != nil || !ch.Reload || ch.Version != head+1 {
		t.Errorf("after a version logged as a reload: %+v, %v", ch, err)
	}
}

// edit changes a through the store as the service would, keeping a's
// version current.
func edit(t *testing.T, db *DB, a *estate.Asset, change func(*estate.Asset)) {
	t.Helper()
	b := a.Clone()
	change(b)
	b.Version = a.Version + 1
	ev := &estate.AuditEvent{AssetID: a.ID, Partner: a.Partner, Action: estate.ActionUpdate, Actor: "test", At: testTime, Version: b.Version}
	if err := db.UpdateAsset(context.Background(), service.AssetWrite{Asset: b, Event: ev}, a.Version); err != nil {
		t.Fatal(err)
	}
	*a = *b
}
