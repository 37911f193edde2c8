package postgres

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/service"
)

// BeginWrite says the snapshot changed for the partner's own assets, for
// an asset that was the partner's, and for a deleted partner; not for
// another partner's assets.
func TestImportChanged(t *testing.T) {
	ctx := context.Background()
	db, _ := mustOpen(t)
	mine, theirs := asset("county", "MINE"), asset("police", "THEIRS")
	gone := asset("county", "GONE")
	seed(t, db, []string{"county", "police", "fire"}, mine, theirs, gone)
	rename := func(a *estate.Asset) {
		t.Helper()
		b := *a
		b.Name, b.Version = b.Name+"!", a.Version+1
		ev := &estate.AuditEvent{AssetID: a.ID, Partner: a.Partner, Action: estate.ActionUpdate, Actor: "test", At: testTime, Version: b.Version}
		if err := db.UpdateAsset(ctx, service.AssetWrite{Asset: &b, Event: ev}, a.Version); err != nil {
			t.Fatal(err)
		}
		*a = b
	}
	for _, c := range []struct {
		name   string
		change func()
		want   bool
	}{
		{"nothing", func() {}, false},
		{"another partner's asset", func() { rename(theirs) }, false},
		{"a new asset of another partner", func() { seed(t, db, nil, asset("police", "NEW")) }, false},
		{"the partner's asset", func() { rename(mine) }, true},
		{"a new asset of the partner", func() { seed(t, db, nil, asset("county", "NEW")) }, true},
		{"the partner's asset deleted", func() {
			ev := &estate.AuditEvent{AssetID: gone.ID, Partner: "county", Action: estate.ActionDelete, Actor: "test", At: testTime, Version: 2}
			if err := db.DeleteAsset(ctx, ev, 1); err != nil {
				t.Fatal(err)
			}
		}, true},
		{"a partner deleted", func() {
			if err := db.DeletePartner(ctx, "fire", func(*service.PartnerRemoval) ([]*estate.AdminEvent, error) { return nil, nil }); err != nil {
				t.Fatal(err)
			}
		}, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			snap, err := db.OpenImportSnapshot(ctx, "county")
			if err != nil {
				t.Fatal(err)
			}
			defer snap.Close()
			c.change()
			w, changed, err := snap.BeginWrite(ctx, importer)
			if err != nil {
				t.Fatal(err)
			}
			w.Close()
			if changed != c.want {
				t.Errorf("changed %v, want %v", changed, c.want)
			}
		})
	}
}

// The import's write waits for a writer holding its partner's lock
// shared, and only for its own partner's.
func TestImportWaitsForPartnerWriters(t *testing.T) {
	ctx := context.Background()
	db, _ := mustOpen(t)
	seed(t, db, []string{"county", "police"})
	holder, err := db.pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Rollback(ctx)
	if err := lockPartnersShared(ctx, holder, "police", "county"); err != nil {
		t.Fatal(err)
	}
	begin := func(partner string, within time.Duration) error {
		snap, err := db.OpenImportSnapshot(ctx, partner)
		if err != nil {
			return err
		}
		defer snap.Close()
		c, cancel := context.WithTimeout(ctx, within)
		defer cancel()
		w, _, err := snap.BeginWrite(c, importer)
		if err == nil {
			w.Close()
		}
		return err
	}
	// Deadlines: a hang detector, and a wait that must happen.
	if err := begin("fire", 10*time.Second); err != nil {
		t.Errorf("import of a partner nobody writes: %v", err)
	}
	if err := begin("county", 300*time.Millisecond); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("import of a partner being written: %v, want it to wait", err)
	}
	holder.Rollback(ctx)
	if err := begin("county", 10*time.Second); err != nil {
		t.Errorf("import once the writer is done: %v", err)
	}
}
