package sqlite_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/sqlite"
	"github.com/placetrust/placetrust/internal/sqlite/sqlitetest"
)

func changed(evs []*estate.AdminEvent, i int, field string) (before, after any, ok bool) {
	for _, c := range evs[i].Changes {
		if c.Field == field {
			return c.Before, c.After, true
		}
	}
	return nil, nil, false
}

// TestAdminEvents checks every partner and token write leaves one audit
// event with actor, time and before/after, that deleting a partner
// revokes its tokens (audited) rather than erasing them, and that a
// refused write records nothing.
func TestAdminEvents(t *testing.T) {
	db := MustOpen(t)
	ctx := adminCtx()
	ps, ts, audit := sqlite.NewServices(db).Partners, sqlite.NewServices(db).Tokens, sqlite.NewServices(db).Audit
	seedPartners(t, db, "county", "gone")
	if _, err := ps.UpdatePartner(ctx, "county", estate.PartnerUpdate{Name: ptr("Worcestershire")}); err != nil {
		t.Fatal(err)
	}
	// An update that changes nothing records nothing.
	if _, err := ps.UpdatePartner(ctx, "county", estate.PartnerUpdate{Name: ptr("Worcestershire")}); err != nil {
		t.Fatal(err)
	}
	live := &estate.Token{Name: "gone-editor", Role: estate.RoleEditor, Partner: "gone"}
	if _, err := ts.CreateToken(ctx, live); err != nil {
		t.Fatal(err)
	}
	old := &estate.Token{Name: "gone-viewer", Role: estate.RoleViewer, Partner: "gone"}
	if _, err := ts.CreateToken(ctx, old); err != nil {
		t.Fatal(err)
	}
	if err := ts.RevokeToken(ctx, old.ID); err != nil {
		t.Fatal(err)
	}
	if err := ts.RevokeToken(ctx, old.ID); err != nil { // twice: no second event
		t.Fatal(err)
	}
	if err := ps.DeletePartner(ctx, "gone"); err != nil {
		t.Fatal(err)
	}

	evs, err := audit.FindAdminEvents(ctx, estate.AdminEventFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, ev := range evs {
		got = append(got, ev.Entity+":"+ev.EntityID+":"+string(ev.Action))
		if ev.Actor != admin.Name || ev.At.IsZero() || len(ev.Changes) == 0 {
			t.Errorf("incomplete event %+v", ev)
		}
	}
	liveID, oldID := itoa(live.ID), itoa(old.ID)
	want := []string{"partner:gone:delete", "token:" + liveID + ":revoke", "token:" + oldID + ":revoke",
		"token:" + oldID + ":create", "token:" + liveID + ":create", "partner:county:update",
		"partner:gone:create", "partner:county:create"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("events newest first:\n got %v\nwant %v", got, want)
	}
	if b, a, _ := changed(evs, 5, "name"); b != "county" || a != "Worcestershire" {
		t.Errorf("partner update name %v -> %v", b, a)
	}
	if b, a, ok := changed(evs, 0, "kind"); !ok || b != "other" || a != nil {
		t.Errorf("partner delete kind %v -> %v", b, a)
	}
	if _, a, ok := changed(evs, 4, "role"); !ok || a != "editor" {
		t.Errorf("token create role %v", a)
	}
	for _, c := range evs[4].Changes {
		if strings.Contains(c.Field, "hash") || strings.Contains(c.Field, "secret") {
			t.Errorf("token event records %s", c.Field)
		}
	}
	// The deleted partner's tokens are kept, revoked, and no longer work.
	tokens, err := ts.FindTokens(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(tokens) != 2 {
		t.Fatalf("%d tokens after deleting their partner, want 2 (revoked)", len(tokens))
	}
	for _, tk := range tokens {
		if tk.RevokedAt == nil {
			t.Errorf("token %s of a deleted partner is live", tk.Name)
		}
	}
	if err := sqlitetest.Check(context.Background(), db); err != nil {
		t.Error(err)
	}

	// Filters: one partner's events only.
	evs, err = audit.FindAdminEvents(ctx, estate.AdminEventFilter{Entity: estate.EntityPartner, EntityID: "county", Limit: 1})
	if err != nil || len(evs) != 1 || evs[0].Action != estate.ActionUpdate {
		t.Fatalf("county's newest event: %v %v", evs, err)
	}
	evs, err = audit.FindAdminEvents(ctx, estate.AdminEventFilter{Entity: estate.EntityPartner, EntityID: "county", Before: evs[0].ID})
	if err != nil || len(evs) != 1 || evs[0].Action != estate.ActionCreate {
		t.Fatalf("county's older events: %v %v", evs, err)
	}
	for _, f := range []estate.AdminEventFilter{{Entity: "asset"}, {EntityID: "county"}, {Limit: 5000}} {
		if _, err := audit.FindAdminEvents(ctx, f); estate.ErrorCode(err) != estate.EINVALID {
			t.Errorf("filter %+v: %v", f, err)
		}
	}

	// Refused writes record nothing; only admins read the trail.
	before := count(t, db, "admin_events")
	editor := estate.NewContextWithActor(context.Background(), estate.Actor{Name: "e", Role: estate.RoleEditor, Partner: "county"})
	if err := ps.CreatePartner(editor, &estate.Partner{ID: "x", Name: "X", Kind: estate.KindOther}); estate.ErrorCode(err) != estate.EFORBIDDEN {
		t.Errorf("editor created a partner: %v", err)
	}
	if _, err := ts.CreateToken(ctx, &estate.Token{Name: "bad", Role: estate.RoleEditor, Partner: "nobody"}); estate.ErrorCode(err) != estate.EINVALID {
		t.Errorf("token for an unknown partner: %v", err)
	}
	if err := sqlite.AssetsOf(db).CreateAsset(ctx, newAsset("county", "A1", -2.2, 52.2)); err != nil {
		t.Fatal(err)
	}
	if err := ps.DeletePartner(ctx, "county"); estate.ErrorCode(err) != estate.ECONFLICT {
		t.Errorf("deleting a partner with assets: %v", err)
	}
	if after := count(t, db, "admin_events"); after != before {
		t.Errorf("refused writes recorded %d events", after-before)
	}
	if _, err := audit.FindAdminEvents(editor, estate.AdminEventFilter{}); estate.ErrorCode(err) != estate.EFORBIDDEN {
		t.Errorf("an editor read the admin trail: %v", err)
	}
}

// TestAdminEventsAppendOnly checks the trail cannot be changed.
func TestAdminEventsAppendOnly(t *testing.T) {
	db := MustOpen(t)
	seedPartners(t, db, "county")
	for _, q := range []string{`UPDATE admin_events SET actor = 'someone else'`, `DELETE FROM admin_events`} {
		if err := sqlite.Exec(context.Background(), db, q); err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: %v", q, err)
		}
	}
}

func itoa(v int64) string { return strconv.FormatInt(v, 10) }
