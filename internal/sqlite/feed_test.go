package sqlite_test

import (
	"context"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/sqlite"
)

// readAll is what ReadRegister gives, each asset copied.
func readAll(t *testing.T, s estate.RegisterFeed) (int64, []*estate.Asset) {
	t.Helper()
	var all []*estate.Asset
	v, err := s.ReadRegister(context.Background(), func(a *estate.Asset) error {
		all = append(all, a.Clone())
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return v, all
}

// TestRegisterChanges: the changes since a version are the assets
// created, changed and deleted after it, read as ReadRegister reads them,
// and nothing when nothing changed; a copy ahead of the register is told
// to read it whole again, sensitive assets included.
func TestRegisterChanges(t *testing.T) {
	db := MustOpen(t)
	seedPartners(t, db, "a", "b")
	s := sqlite.AssetsOf(db)
	ctx := adminCtx()
	var made []*estate.Asset
	for i, p := range []string{"a", "b", "a", "b"} {
		a := newAsset(p, string(rune('A'+i)), -2.2+float64(i)*0.01, 52.19)
		a.UPRN = "00012345678" + string(rune('0'+i))
		a.Sensitive = i == 3
		if err := s.CreateAsset(ctx, a); err != nil {
			t.Fatal(err)
		}
		made = append(made, a)
	}
	since, all := readAll(t, s)
	if len(all) != 4 || !all[3].Sensitive || since == 0 {
		t.Fatalf("read %d assets at version %d, the sensitive one as %+v", len(all), since, all[len(all)-1])
	}
	if ch, err := s.RegisterChanges(ctx, since); err != nil || !reflect.DeepEqual(ch, estate.Changes{Version: since}) {
		t.Fatalf("nothing changed: %+v, %v", ch, err)
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
	ch, err := s.RegisterChanges(ctx, since)
	if err != nil {
		t.Fatal(err)
	}
	head, all := readAll(t, s)
	want := slices.DeleteFunc(all, func(a *estate.Asset) bool { return a.ID != made[2].ID && a.ID != born.ID })
	if ch.Version != head || ch.Version <= since || ch.Reload || !reflect.DeepEqual(ch.Changed, want) ||
		!reflect.DeepEqual(ch.Deleted, []int64{made[1].ID}) {
		t.Errorf("changes %+v (head %d, since %d); want changed %+v and deleted %d", ch, head, since, want, made[1].ID)
	}
	if len(ch.Changed) == 2 && (ch.Changed[0].RAG != estate.RAGGreen || ch.Changed[1].Name != "Renamed") {
		t.Errorf("changes not current: %+v", ch.Changed)
	}
	// A copy newer than the register cannot be patched.
	if ch, err := s.RegisterChanges(ctx, head+10); err != nil || !ch.Reload || ch.Changed != nil || ch.Deleted != nil {
		t.Errorf("a copy ahead of the register: %+v, %v; want a reload", ch, err)
	}
}

// TestFeedFields: the feed gives exactly estate.FeedFields of an asset
// that has every field set: each as the store holds it, and nothing
// else, so the copy in memory can neither miss a field it is said to
// hold nor come to depend on one it is not.
func TestFeedFields(t *testing.T) {
	db := MustOpen(t)
	seedPartners(t, db, "county", "police")
	s := sqlite.AssetsOf(db)
	ctx := adminCtx()
	a := newAsset("county", "F-1", -2.2, 52.19)
	a.UPRN, a.StreetNumber, a.StreetName, a.Town, a.Postcode, a.Use = "100120000001", "3", "High St", "Worcester", "WR1 1AA", "Library"
	pt := func(lon, lat float64) estate.Point { return estate.Point{Lon: lon, Lat: lat} }
	a.Footprint = estate.MultiPolygon{{{pt(-2.2001, 52.19), pt(-2.1999, 52.19), pt(-2.1999, 52.1901), pt(-2.2001, 52.19)}}}
	a.Tenure, a.TenureDetail, a.LeaseExpiry, a.LeaseBreak = estate.TenureLeasehold, estate.DetailLeasedIn, "2030-01-01", "2028-01-01"
	a.AnnualRentGBP, a.LandAreaHa, a.UtilisationPct, a.BacklogGBP = ptr[int64](12_000), ptr(0.5), ptr(75.0), ptr[int64](3_000)
	a.Condition, a.EnergyRating, a.Listed = "B", "C", estate.ListedII
	a.BookValueGBP, a.RunningCostGBPPA = ptr[int64](800_000), ptr[int64](40_000)
	a.Occupiers = []estate.Occupier{{Partner: "police", AreaM2: ptr(100.0)}}
	a.Tags, a.Notes, a.Sensitive, a.EffectiveDate = []string{"hub-candidate"}, "Notes", true, "2026-01-01"
	a.DisposalStage, a.DisposalTarget, a.DisposalNote = estate.StageSold, "2026-02-01", "Sold at auction"
	a.ReceiptGBP, a.ReceiptDate, a.SurplusValueGBP = ptr[int64](510_000), "2025-12-01", ptr[int64](450_000)
	if err := s.CreateAsset(ctx, a); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetAssetRAG(ctx, a.ID, a.Version, estate.RAGUpdate{Rating: estate.RAGAmber, Rationale: "Shared use"}); err != nil {
		t.Fatal(err)
	}
	stored, err := s.FindAssetByID(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	_, all := readAll(t, s)
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
		if at, ok := w.Interface().(*time.Time); ok && at != nil {
			if gt := g.Interface().(*time.Time); gt == nil || !gt.Equal(*at) {
				t.Errorf("%s: feed %v, stored %v", name, gt, at)
			}
			continue
		}
		if !reflect.DeepEqual(w.Interface(), g.Interface()) {
			t.Errorf("%s: feed %v, stored %v", name, g.Interface(), w.Interface())
		}
	}
}
