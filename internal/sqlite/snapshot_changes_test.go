package sqlite_test

import (
	"reflect"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/sqlite"
)

// TestFindAssetChanges: the changes since a version are the assets
// created, changed and deleted after it, read as FindAllAssets reads
// them, and nothing when nothing changed.
func TestFindAssetChanges(t *testing.T) {
	db := MustOpen(t)
	seedPartners(t, db, "a", "b")
	s := sqlite.AssetsOf(db)
	ctx := adminCtx()
	var made []*estate.Asset
	for i, p := range []string{"a", "b", "a", "b"} {
		a := newAsset(p, string(rune('A'+i)), -2.2+float64(i)*0.01, 52.19)
		a.UPRN = "00012345678" + string(rune('0'+i))
		if err := s.CreateAsset(ctx, a); err != nil {
			t.Fatal(err)
		}
		made = append(made, a)
	}
	since, err := s.RegisterVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if v, changed, deleted, err := s.FindAssetChanges(ctx, since); err != nil || v != since || changed != nil || deleted != nil {
		t.Fatalf("nothing changed: version %d (want %d), %d changed, %v deleted, %v", v, since, len(changed), deleted, err)
	}
	if _, err := s.SetAssetRAG(ctx, made[2].ID, made[2].Version, estate.RAGUpdate{Rating: estate.RAGGreen, Rationale: "Surplus"}); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteAsset(ctx, made[1].ID, made[1].Version); err != nil {
		t.Fatal(err)
	}
	born := newAsset("b", "E", -2.1, 52.2)
	if err := s.CreateAsset(ctx, born); err != nil {
		t.Fatal(err)
	}
	// Changed twice: listed once.
	if _, err := s.UpdateAsset(ctx, born.ID, born.Version, func(a *estate.Asset) error { a.Name = "Renamed"; return nil }); err != nil {
		t.Fatal(err)
	}
	v, changed, deleted, err := s.FindAssetChanges(ctx, since)
	if err != nil {
		t.Fatal(err)
	}
	head, all, err := s.FindAllAssets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var want []*estate.Asset
	for _, a := range all {
		if a.ID == made[2].ID || a.ID == born.ID {
			want = append(want, a)
		}
	}
	if v != head || v <= since || !reflect.DeepEqual(changed, want) || !reflect.DeepEqual(deleted, []int64{made[1].ID}) {
		t.Errorf("version %d (head %d, since %d), changed %+v, deleted %v; want changed %+v and deleted %d",
			v, head, since, changed, deleted, want, made[1].ID)
	}
	if len(changed) == 2 && (changed[0].RAG != estate.RAGGreen || changed[1].Name != "Renamed") {
		t.Errorf("changes not current: %+v", changed)
	}
	// The data quality view reads the UPRN and the rating's reason and
	// date from the copy.
	if len(changed) == 2 {
		if r := changed[0]; r.UPRN != made[2].UPRN || r.RAGRationale != "Surplus" || r.RAGSetAt == nil || r.RAGSetAt.IsZero() {
			t.Errorf("rated asset in the copy: uprn %q, rationale %q, set at %v", r.UPRN, r.RAGRationale, r.RAGSetAt)
		}
	}
	for _, a := range all {
		if (a.RAGSetAt != nil) != (a.RAG != estate.RAGUnrated) {
			t.Errorf("asset %d rated %s, set at %v", a.ID, a.RAG, a.RAGSetAt)
		}
	}
	// A copy newer than the register cannot be patched.
	if _, _, _, err := s.FindAssetChanges(ctx, head+10); estate.ErrorCode(err) != estate.ECONFLICT {
		t.Errorf("a copy ahead of the register: %v, want %s", err, estate.ECONFLICT)
	}
	// The tiles' patch shares the check: their copy reloads too.
	if _, _, _, err := s.FindAssetPointChanges(ctx, head+10); estate.ErrorCode(err) != estate.ECONFLICT {
		t.Errorf("a point copy ahead of the register: %v, want %s", err, estate.ECONFLICT)
	}
}
