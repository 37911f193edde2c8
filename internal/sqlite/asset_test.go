package sqlite_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/sqlite"
)

func TestAssetLifecycle(t *testing.T) {
	db := MustOpen(t)
	seedPartners(t, db, "county", "police")
	s := sqlite.AssetsOf(db)
	ctx := adminCtx()

	a := newAsset("county", "C1", -2.22, 52.19)
	a.Tags = []string{"Surplus", "vacant", "surplus"}
	a.Occupiers = []estate.Occupier{{Partner: "police", AreaM2: ptr(120.0)}}
	a.Footprint = estate.MultiPolygon{{{
		{Lon: -2.221, Lat: 52.189}, {Lon: -2.219, Lat: 52.189}, {Lon: -2.219, Lat: 52.191}, {Lon: -2.221, Lat: 52.189},
	}}}
	if err := s.CreateAsset(ctx, a); err != nil {
		t.Fatal(err)
	}
	if a.ID == 0 || a.Version != 1 {
		t.Fatalf("id %d version %d", a.ID, a.Version)
	}
	got, err := s.FindAssetByID(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Tags, []string{"surplus", "vacant"}) {
		t.Errorf("tags %v", got.Tags)
	}
	if !reflect.DeepEqual(got, a) {
		t.Errorf("read back differs:\n got %+v\nwant %+v", got, a)
	}

	// Stale and missing versions are refused and change nothing.
	_, err = s.UpdateAsset(ctx, a.ID, 0, func(x *estate.Asset) error { x.Name = "X"; return nil })
	if code := estate.ErrorCode(err); code != estate.EPRECONDITIONNEEDED {
		t.Errorf("no version: %v", err)
	}
	_, err = s.UpdateAsset(ctx, a.ID, 7, func(x *estate.Asset) error { x.Name = "X"; return nil })
	if code := estate.ErrorCode(err); code != estate.EPRECONDITIONFAILED {
		t.Errorf("stale version: %v", err)
	}
	upd, err := s.UpdateAsset(ctx, a.ID, 1, func(x *estate.Asset) error { x.Name = "Renamed"; return nil })
	if err != nil || upd.Version != 2 || upd.Name != "Renamed" {
		t.Fatalf("update: %v %+v", err, upd)
	}
	rated, err := s.SetAssetRAG(ctx, a.ID, 2, estate.RAGUpdate{Rating: estate.RAGGreen, Rationale: "Surplus since 2025"})
	if err != nil || rated.RAG != estate.RAGGreen || rated.RAGSetBy != "test-admin" || rated.RAGSetAt == nil {
		t.Fatalf("rag: %v %+v", err, rated)
	}
	if err := s.DeleteAsset(ctx, a.ID, 3); err != nil {
		t.Fatal(err)
	}
	if _, err := s.FindAssetByID(ctx, a.ID); estate.ErrorCode(err) != estate.ENOTFOUND {
		t.Errorf("after delete: %v", err)
	}
	hist, err := s.FindAssetHistory(ctx, a.ID, estate.HistoryFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var actions []estate.AuditAction
	for _, ev := range hist {
		actions = append(actions, ev.Action)
	}
	want := []estate.AuditAction{estate.ActionDelete, estate.ActionRAG, estate.ActionUpdate, estate.ActionCreate}
	if !reflect.DeepEqual(actions, want) {
		t.Errorf("history %v, want %v", actions, want)
	}
	if c := hist[2].Changes; len(c) != 1 || c[0].Field != "name" || c[0].Before != "Asset C1" || c[0].After != "Renamed" {
		t.Errorf("update changes %+v", c)
	}
	for _, table := range []string{"assets", "assets_rtree", "asset_tags", "asset_occupiers"} {
		if n := count(t, db, table); n != 0 {
			t.Errorf("%s has %d rows after delete", table, n)
		}
	}
}

func TestAuditIsAppendOnly(t *testing.T) {
	db := MustOpen(t)
	seedPartners(t, db, "county")
	s := sqlite.AssetsOf(db)
	if err := s.CreateAsset(adminCtx(), newAsset("county", "C1", -2.2, 52.2)); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`UPDATE audit_events SET actor = 'mallory'`, `DELETE FROM audit_events`} {
		if err := sqlite.Exec(context.Background(), db, q); err == nil {
			t.Errorf("%s succeeded", q)
		}
	}
	if n := count(t, db, "audit_events"); n != 1 {
		t.Errorf("audit rows %d", n)
	}
}
