package service_test

import (
	"reflect"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
)

// TestImportIsRecorded checks an import that changed the register is in
// the audit trail with who ran it and its counts, while a dry run, a
// refused import and a file loaded again leave no record.
func TestImportIsRecorded(t *testing.T) {
	db := MustOpen(t)
	seedPartners(t, db, "county")
	s := newRegister(db)
	audit := services(db).Audit
	events := func() []*estate.AdminEvent {
		t.Helper()
		evs, err := audit.FindAdminEvents(adminCtx(), estate.AdminEventFilter{Entity: estate.EntityImport, EntityID: "county"})
		if err != nil {
			t.Fatal(err)
		}
		return evs
	}
	file := func() []*estate.ImportItem {
		return []*estate.ImportItem{row(newAsset("county", "C1", -2.2, 52.2)), row(newAsset("county", "C2", -2.3, 52.3))}
	}
	dry, err := importRows(t, s, "county", estate.ImportOptions{DryRun: true}, file()...)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range dry.Rows {
		if r.Outcome != estate.OutcomeInserted || r.AssetID != 0 {
			t.Errorf("dry run row %+v: an inserted row must not name an id that will never exist", r)
		}
	}
	bad := &estate.ImportItem{AssetCode: "X", Err: estate.Errorf(estate.EINVALID, "broken row")}
	if _, err := importRows(t, s, "county", estate.ImportOptions{}, append(file(), bad)...); err == nil {
		t.Fatal("an import with a wrong row was committed")
	}
	if n := len(events()); n != 0 {
		t.Fatalf("%d import records after a dry run and a refused import", n)
	}
	if _, err := importRows(t, s, "county", estate.ImportOptions{}, file()...); err != nil {
		t.Fatal(err)
	}
	evs := events()
	if len(evs) != 1 || evs[0].Action != estate.ActionImport || evs[0].Actor != estate.ActorFromContext(adminCtx()).Name {
		t.Fatalf("import records %+v", evs)
	}
	got := map[string]any{}
	for _, c := range evs[0].Changes {
		got[c.Field] = c.After
	}
	if got["rows"] != float64(2) || got["inserted"] != float64(2) || got["updated"] != float64(0) {
		t.Errorf("recorded counts %v", got)
	}
	if _, err := importRows(t, s, "county", estate.ImportOptions{}, file()...); err != nil {
		t.Fatal(err)
	}
	if n := len(events()); n != 1 {
		t.Errorf("%d import records after loading the same file again, want 1", n)
	}
}

// TestImportCreatingPartnerIsRecorded checks the partner an import makes
// is stamped and audited as the service decided: created by the actor at
// the time the import's rows are stamped with, the event holding the
// partner's fields.
func TestImportCreatingPartnerIsRecorded(t *testing.T) {
	db := MustOpen(t)
	svc := services(db)
	p := &estate.Partner{ID: "fire", Name: "Fire and Rescue", Kind: estate.KindOther}
	rep, err := svc.Imports.ImportAssetsCreatingPartner(adminCtx(), p, rowsOf(row(newAsset("fire", "F1", -2.2, 52.2))), estate.ImportOptions{})
	if err != nil || rep.Inserted != 1 {
		t.Fatalf("import: %v %+v", err, rep)
	}
	stored, err := svc.Partners.FindPartnerByID(adminCtx(), "fire")
	if err != nil {
		t.Fatal(err)
	}
	a, err := svc.Assets.FindAssetByID(adminCtx(), rep.Rows[0].AssetID)
	if err != nil {
		t.Fatal(err)
	}
	if stored.CreatedAt.IsZero() || !stored.CreatedAt.Equal(a.CreatedAt) || !stored.UpdatedAt.Equal(a.CreatedAt) {
		t.Errorf("partner stamped %v / %v, its first asset %v", stored.CreatedAt, stored.UpdatedAt, a.CreatedAt)
	}
	evs, err := svc.Audit.FindAdminEvents(adminCtx(), estate.AdminEventFilter{Entity: estate.EntityPartner, EntityID: "fire"})
	if err != nil {
		t.Fatal(err)
	}
	actor := estate.ActorFromContext(adminCtx())
	if len(evs) != 1 || evs[0].Action != estate.ActionCreate || evs[0].Actor != actor.Name || !evs[0].At.Equal(stored.CreatedAt) {
		t.Fatalf("partner events %+v", evs)
	}
	if want := estate.PartnerDiff(nil, stored); !reflect.DeepEqual(evs[0].Changes, want) {
		t.Errorf("recorded changes %+v, want %+v", evs[0].Changes, want)
	}
}
