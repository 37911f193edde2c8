package service_test

import (
	"context"
	"reflect"
	"slices"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/sqlite/sqlitetest"
)

// TestImportMapping checks a partner's saved mapping is kept, replaced
// and forgotten, each change audited on the partner and a save of the
// same mapping changing nothing; that only the partner's editors and
// admins change it and only its own tokens and admins read it; and that
// deleting the partner takes its mapping, in the audit trail too.
func TestImportMapping(t *testing.T) {
	db := MustOpen(t)
	seedPartners(t, db, "fire", "police")
	svc, audit := services(db).ImportMappings, services(db).Audit
	as := func(role estate.Role, partner string) context.Context {
		return estate.NewContextWithActor(context.Background(), estate.Actor{Name: "officer", Role: role, Partner: partner})
	}
	editor := as(estate.RoleEditor, "fire")

	if _, err := svc.FindImportMapping(editor, "fire"); estate.ErrorCode(err) != estate.ENOTFOUND {
		t.Fatalf("before any is saved: %v", err)
	}
	m := &estate.ImportMapping{Partner: "fire", Map: []string{"AssetCode=E_CODE", "GeoX=E", "GeoY=N"}, Delimiter: ";"}
	if err := svc.SetImportMapping(editor, m); err != nil {
		t.Fatal(err)
	}
	saved := m.UpdatedAt
	if m.UpdatedBy != "officer" || saved.IsZero() {
		t.Errorf("saved by %q at %v", m.UpdatedBy, saved)
	}
	got, err := svc.FindImportMapping(as(estate.RoleViewer, "fire"), "fire")
	if err != nil || !reflect.DeepEqual(got, m) {
		t.Fatalf("read back %+v (%v), want %+v", got, err, m)
	}
	// The same mapping again changes nothing, not even the date.
	again := &estate.ImportMapping{Partner: "fire", Map: []string{"AssetCode=E_CODE", "GeoX=E", "GeoY=N"}, Delimiter: ";"}
	if err := svc.SetImportMapping(adminCtx(), again); err != nil || !again.UpdatedAt.Equal(saved) || again.UpdatedBy != "officer" {
		t.Errorf("saved again: %v, at %v by %q", err, again.UpdatedAt, again.UpdatedBy)
	}
	m2 := &estate.ImportMapping{Partner: "fire", Map: []string{"AssetCode=E_CODE+STATION_NAME"}}
	if err := svc.SetImportMapping(adminCtx(), m2); err != nil {
		t.Fatal(err)
	}

	before := count(t, db, "admin_events")
	for _, tt := range []struct {
		name string
		ctx  context.Context
		m    *estate.ImportMapping
		code string
	}{
		{"another partner's editor", as(estate.RoleEditor, "police"), &estate.ImportMapping{Partner: "fire", Map: []string{"GeoX=X"}}, estate.EFORBIDDEN},
		{"the partner's viewer", as(estate.RoleViewer, "fire"), &estate.ImportMapping{Partner: "fire", Map: []string{"GeoX=X"}}, estate.EFORBIDDEN},
		{"the public", context.Background(), &estate.ImportMapping{Partner: "fire", Map: []string{"GeoX=X"}}, estate.EUNAUTHORIZED},
		{"empty", editor, &estate.ImportMapping{Partner: "fire"}, estate.EINVALID},
		{"a line break", editor, &estate.ImportMapping{Partner: "fire", Map: []string{"Use='a\nb'"}}, estate.EINVALID},
		{"a quote for delimiter", editor, &estate.ImportMapping{Partner: "fire", Map: []string{"GeoX=X"}, Delimiter: `"`}, estate.EINVALID},
		{"two characters for delimiter", editor, &estate.ImportMapping{Partner: "fire", Map: []string{"GeoX=X"}, Delimiter: ";;"}, estate.EINVALID},
		{"no such partner", adminCtx(), &estate.ImportMapping{Partner: "nobody", Map: []string{"GeoX=X"}}, estate.ENOTFOUND},
	} {
		if err := svc.SetImportMapping(tt.ctx, tt.m); estate.ErrorCode(err) != tt.code {
			t.Errorf("%s: %v, want %s", tt.name, err, tt.code)
		}
	}
	if _, err := svc.FindImportMapping(as(estate.RoleViewer, "police"), "fire"); estate.ErrorCode(err) != estate.EFORBIDDEN {
		t.Errorf("another partner reads: %v", err)
	}
	if err := svc.DeleteImportMapping(as(estate.RoleViewer, "fire"), "fire"); estate.ErrorCode(err) != estate.EFORBIDDEN {
		t.Errorf("a viewer clears: %v", err)
	}
	if got, err := svc.FindImportMapping(editor, "fire"); err != nil || !reflect.DeepEqual(got.Map, m2.Map) || got.Delimiter != "" {
		t.Errorf("after refused changes: %+v, %v", got, err)
	}
	if n := count(t, db, "admin_events"); n != before {
		t.Errorf("refused changes recorded %d events", n-before)
	}

	if err := svc.DeleteImportMapping(editor, "fire"); err != nil {
		t.Fatal(err)
	}
	if err := svc.DeleteImportMapping(editor, "fire"); estate.ErrorCode(err) != estate.ENOTFOUND {
		t.Errorf("cleared twice: %v", err)
	}
	if err := svc.SetImportMapping(editor, &estate.ImportMapping{Partner: "fire", Map: []string{"GeoX=X"}}); err != nil {
		t.Fatal(err)
	}
	if err := services(db).Partners.DeletePartner(adminCtx(), "fire"); err != nil {
		t.Fatal(err)
	}
	if n := count(t, db, "import_mappings"); n != 0 {
		t.Errorf("%d mappings outlive their partner", n)
	}

	evs, err := audit.FindAdminEvents(adminCtx(), estate.AdminEventFilter{Entity: estate.EntityPartner, EntityID: "fire"})
	if err != nil {
		t.Fatal(err)
	}
	type step struct {
		action        estate.AuditAction
		actor         string
		before, after any
	}
	var steps []step
	for _, ev := range slices.Backward(evs) {
		if i := slices.IndexFunc(ev.Changes, func(c estate.Change) bool { return c.Field == "import_mapping" }); i >= 0 {
			steps = append(steps, step{ev.Action, ev.Actor, ev.Changes[i].Before, ev.Changes[i].After})
		}
	}
	first := map[string]any{"map": []any{"AssetCode=E_CODE", "GeoX=E", "GeoY=N"}, "delimiter": ";"}
	second := map[string]any{"map": []any{"AssetCode=E_CODE+STATION_NAME"}}
	third := map[string]any{"map": []any{"GeoX=X"}}
	want := []step{
		{estate.ActionUpdate, "officer", nil, first},
		{estate.ActionUpdate, "test-admin", first, second},
		{estate.ActionUpdate, "officer", second, nil},
		{estate.ActionUpdate, "officer", nil, third},
		{estate.ActionUpdate, "test-admin", third, nil}, // with the partner
	}
	if !reflect.DeepEqual(steps, want) {
		t.Errorf("audit:\n got %v\nwant %v", steps, want)
	}
	if err := sqlitetest.Check(context.Background(), db); err != nil {
		t.Error(err)
	}
}
