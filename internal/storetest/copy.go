package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/service"
)

// CopyStore is a store a register can be copied from and into
// (service.CopyRegister).
type CopyStore interface {
	service.Store
	service.RegisterDumper
	service.RegisterLoader
}

// CopyEnd is one fresh, empty store for the copy tests.
type CopyEnd struct {
	Store CopyStore
	// Check runs the engine's own checks of its database (SQLite's
	// sqlitetest.Check), after every copy into it; nil for none.
	Check func(ctx context.Context) error
}

// CopyFactory opens a fresh, empty store whose writes are stamped with
// now, closed when t ends.
type CopyFactory func(t testing.TB, now func() time.Time) CopyEnd

// RunCopy holds stores to service.CopyRegister: a register is built in
// the first store the factories make, copied into the second, that copy
// into the third, and so on (SQLite, PostgreSQL, SQLite), and each copy
// must hold what the first does, as the services read it and record for
// record, and go on from it giving ids above every one it gave. Then the
// refusals, between the first two factories: a target that is not empty,
// a copy that fails verification and a source failing mid-read each leave
// the target as it was. Give at least two factories.
func RunCopy(t *testing.T, factories ...CopyFactory) {
	if len(factories) < 2 {
		t.Fatal("storetest: RunCopy needs a source and a target")
	}
	t.Run("Chain", func(t *testing.T) { testCopyChain(t, factories) })
	t.Run("Refusals", func(t *testing.T) { testCopyRefusals(t, factories[0], factories[1]) })
}

// copyEnv is one store of a copy test, its services and its clock.
type copyEnv struct {
	CopyEnd
	svc *service.Services
}

func openCopyEnv(t testing.TB, open CopyFactory) *copyEnv {
	c := &clock{now: time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)}
	end := open(t, c.Now)
	return &copyEnv{CopyEnd: end, svc: service.New(end.Store, service.Options{ServiceArea: estate.GreatBritain, Now: c.Now})}
}

func testCopyChain(t *testing.T, factories []CopyFactory) {
	ctx := context.Background()
	src := openCopyEnv(t, factories[0])
	reg := buildCopiedRegister(t, src.svc)
	want, err := service.DigestRegister(ctx, src.Store)
	must(t, err)
	if want.NextAssetID <= reg.highest {
		t.Fatalf("the source would give id %d, at or below %d, given before", want.NextAssetID, reg.highest)
	}
	for id := range historyIDs(t, src.Store) {
		if id >= reg.highest {
			t.Fatalf("asset %d is in the trail; the test needs ids retired past it (%d) to carry", id, reg.highest)
		}
	}
	from := src
	var to *copyEnv
	for i, open := range factories[1:] {
		to = openCopyEnv(t, open)
		rep, err := service.CopyRegister(ctx, from.Store, to.Store)
		if err != nil {
			t.Fatalf("copy %d: %v", i+1, err)
		}
		if !rep.Verified || rep.NextAssetID != want.NextAssetID || !equalKinds(rep.Kinds, want.Kinds) {
			t.Errorf("copy %d reported %+v, want %+v", i+1, rep, want)
		}
		if to.Check != nil {
			must(t, to.Check(ctx))
		}
		got, err := service.DigestRegister(ctx, to.Store)
		must(t, err)
		if got.NextAssetID != want.NextAssetID || !equalKinds(got.Kinds, want.Kinds) {
			t.Errorf("copy %d read back: %+v, want %+v", i+1, got, want)
		}
		compareRegisters(t, src, to)
		from = to
	}
	goesOn(t, reg, want, src, to)
}

func equalKinds(a, b []service.KindDigest) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return len(a) > 0
}

// goesOn checks the copy carries on where the source left off: new ids
// above every one the source gave, its tokens' secrets still working.
func goesOn(t *testing.T, reg *copiedRegister, want service.RegisterDigest, src, dst *copyEnv) {
	t.Helper()
	from, to := src.svc, dst.svc
	var maxEvent, maxAdmin, maxToken, maxScenario int64
	must(t, src.Store.DumpRegister(context.Background(), func(d *service.RegisterDump) error {
		for ev, err := range d.AssetEvents {
			if err != nil {
				return err
			}
			maxEvent = max(maxEvent, ev.ID)
		}
		for ev, err := range d.AdminEvents {
			if err != nil {
				return err
			}
			maxAdmin = max(maxAdmin, ev.ID)
		}
		for sc, err := range d.Scenarios {
			if err != nil {
				return err
			}
			maxScenario = max(maxScenario, sc.ID)
		}
		for tok, err := range d.Tokens {
			if err != nil {
				return err
			}
			maxToken = max(maxToken, tok.Token.ID)
		}
		return nil
	}))

	a := NewAsset("bulk", "AFTER-COPY", -2.2, 52.2)
	must(t, to.Assets.CreateAsset(admin, a))
	if a.ID < want.NextAssetID || a.ID <= reg.highest {
		t.Errorf("the copy gave id %d; the source would give %d and had given up to %d", a.ID, want.NextAssetID, reg.highest)
	}
	h, err := to.Assets.FindAssetHistory(admin, a.ID, estate.HistoryFilter{})
	must(t, err)
	if len(h) != 1 || h[0].ID <= maxEvent {
		t.Errorf("the new asset's events: %+v, want one with an id above %d", h, maxEvent)
	}
	_, err = to.Tokens.CreateToken(admin, &estate.Token{Name: "after-copy", Role: estate.RoleViewer, Partner: "bulk"})
	must(t, err)
	after, err := to.Tokens.FindTokens(admin)
	must(t, err)
	if after[0].Name != "after-copy" || after[0].ID <= maxToken {
		t.Errorf("new token %+v, want an id above %d", after[0], maxToken)
	}
	green := estate.RAGGreen
	sc := &estate.Scenario{Name: "After the copy", Rules: []estate.ScenarioRule{{Tags: []string{"surplus"}, RAG: &green}}}
	must(t, to.Scenarios.CreateScenario(As(estate.RoleEditor, "bulk"), sc))
	if sc.ID <= maxScenario {
		t.Errorf("new scenario %d, not above the source's %d", sc.ID, maxScenario)
	}
	events, err := to.Audit.FindAdminEvents(admin, estate.AdminEventFilter{Limit: 1})
	must(t, err)
	if events[0].ID <= maxAdmin {
		t.Errorf("new admin event %d, not above the source's %d", events[0].ID, maxAdmin)
	}
	if tok, err := to.Tokens.Authenticate(context.Background(), reg.live); err != nil || tok.Name != "copy-editor" {
		t.Errorf("a token made on the source: %+v, %v", tok, err)
	}
	if _, err := to.Tokens.Authenticate(context.Background(), reg.revoked); estate.ErrorCode(err) != estate.EUNAUTHORIZED {
		t.Errorf("a token revoked on the source: %v, want refused", err)
	}
	// The copy keeps who occupies what: an occupier cannot be deleted.
	occ := estate.AssetFilter{Selection: estate.Selection{Tags: []string{"copied-hub"}}}
	hubs, err := to.Assets.FindAssets(admin, occ)
	must(t, err)
	if len(hubs) != 1 || len(hubs[0].Occupiers) != 1 {
		t.Fatalf("the hub on the copy: %+v", hubs)
	}
	if err := to.Partners.DeletePartner(admin, hubs[0].Occupiers[0].Partner); estate.ErrorCode(err) != estate.ECONFLICT {
		t.Errorf("deleting the hub's occupier on the copy: %v, want ECONFLICT", err)
	}
	// The source is untouched by all this.
	if _, err := from.Assets.FindAssetByID(admin, a.ID); estate.ErrorCode(err) != estate.ENOTFOUND {
		t.Errorf("the asset made on the copy is in the source: %v", err)
	}
}
