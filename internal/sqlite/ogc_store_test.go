package sqlite_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/sqlite"
)

func idsOf(assets []*estate.Asset) []int64 {
	var out []int64
	for _, a := range assets {
		out = append(out, a.ID)
	}
	return out
}

func TestFindAssetsBefore(t *testing.T) {
	db := MustOpen(t)
	seedPartners(t, db, "county")
	s := sqlite.AssetsOf(db)
	for i := range 10 {
		if err := s.CreateAsset(adminCtx(), newAsset("county", fmt.Sprint("B", i), -2.2, 52.2)); err != nil {
			t.Fatal(err)
		}
	}
	page, err := s.FindAssets(adminCtx(), estate.AssetFilter{Page: estate.Page{Before: 8, Limit: 3}})
	if err != nil || fmt.Sprint(idsOf(page)) != "[5 6 7]" {
		t.Errorf("before 8: %v %v", idsOf(page), err)
	}
	page, _ = s.FindAssets(adminCtx(), estate.AssetFilter{Page: estate.Page{Before: 3, Limit: 5}})
	if fmt.Sprint(idsOf(page)) != "[1 2]" {
		t.Errorf("before 3: %v", idsOf(page))
	}
	if n, _ := s.CountAssets(adminCtx(), estate.AssetFilter{Page: estate.Page{Before: 3, After: 5}}); n != 10 {
		t.Errorf("count ignores cursors: %d", n)
	}
	if _, err := s.FindAssets(adminCtx(), estate.AssetFilter{Page: estate.Page{Before: -1}}); estate.ErrorCode(err) != estate.EINVALID {
		t.Errorf("negative before: %v", err)
	}
}

// TestUpdatedBoundsAreWholeSeconds stores times with and without
// fractions, whose text does not sort as time within a second.
func TestUpdatedBoundsAreWholeSeconds(t *testing.T) {
	db := MustOpen(t)
	seedPartners(t, db, "county")
	s := sqlite.AssetsOf(db)
	base := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	for i, offset := range []time.Duration{0, 500 * time.Millisecond, time.Second, 1500 * time.Millisecond} {
		db.Now = func() time.Time { return base.Add(offset) }
		if err := s.CreateAsset(adminCtx(), newAsset("county", fmt.Sprint("T", i), -2.2, 52.2)); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		since, before time.Time
		want          string
	}{
		{base, base, "[1 2]"},
		{base.Add(time.Second), time.Time{}, "[3 4]"},
		{time.Time{}, base.Add(time.Second), "[1 2 3 4]"},
		{time.Time{}, base.Add(-time.Second), "[]"},
	} {
		page, err := s.FindAssets(adminCtx(), estate.AssetFilter{Selection: estate.Selection{UpdatedSince: c.since, UpdatedBefore: c.before}})
		if err != nil || fmt.Sprint(idsOf(page)) != c.want {
			t.Errorf("since %v before %v: %v %v, want %s", c.since, c.before, idsOf(page), err, c.want)
		}
	}
}

func TestCountsFollowChanges(t *testing.T) {
	db := MustOpen(t)
	seedPartners(t, db, "county")
	s := sqlite.AssetsOf(db)
	bb := estate.BBox{MinLon: -3, MinLat: 52, MaxLon: -2, MaxLat: 53}
	for i := range 3 {
		if err := s.CreateAsset(adminCtx(), newAsset("county", fmt.Sprint("C", i), -2.2, 52.2)); err != nil {
			t.Fatal(err)
		}
		// Counted after every change, so a remembered count would show.
		if n, err := s.CountAssets(adminCtx(), estate.AssetFilter{Selection: estate.Selection{BBox: &bb}}); err != nil || n != i+1 {
			t.Fatalf("count after %d creates: %d %v", i+1, n, err)
		}
	}
	if err := s.DeleteAsset(adminCtx(), 2, 1); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.CountAssets(adminCtx(), estate.AssetFilter{Selection: estate.Selection{BBox: &bb}}); n != 2 {
		t.Errorf("count after delete %d", n)
	}
}

func TestExtent(t *testing.T) {
	db := MustOpen(t)
	seedPartners(t, db, "county", "police")
	s := sqlite.AssetsOf(db)
	for i, a := range []*estate.Asset{newAsset("county", "E1", -2.5, 52.0), newAsset("county", "E2", -2.0, 52.5),
		newAsset("police", "E3", -1.0, 53.0)} {
		a.Sensitive = i == 2
		if err := s.CreateAsset(adminCtx(), a); err != nil {
			t.Fatal(err)
		}
	}
	public := estate.NewContextWithActor(context.Background(), estate.Anonymous)
	e, err := s.FindAssetExtent(public)
	if err != nil || e.Count != 2 || e.BBox != (estate.BBox{MinLon: -2.5, MinLat: 52, MaxLon: -2, MaxLat: 52.5}) {
		t.Errorf("public extent %+v %v", e, err)
	}
	if e, _ := s.FindAssetExtent(adminCtx()); e.Count != 3 || e.BBox.MaxLon != -1 {
		t.Errorf("admin extent %+v", e)
	}
}

// TestFindAssetDates bounds the dates OGC clients filter by: an asset's
// effective date when it has one (the whole day), its last update when
// not, over the assets the actor may see, and afresh after a change.
func TestFindAssetDates(t *testing.T) {
	db := MustOpen(t)
	seedPartners(t, db, "county", "police")
	s := sqlite.AssetsOf(db)
	public := estate.NewContextWithActor(context.Background(), estate.Anonymous)
	if _, _, ok, err := s.FindAssetDates(adminCtx()); ok || err != nil {
		t.Fatalf("empty register: ok %v %v", ok, err)
	}
	created := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return created }
	dated := newAsset("county", "D1", -2.2, 52.2)
	dated.EffectiveDate = "2025-04-01"
	undated := newAsset("county", "D2", -2.2, 52.2)
	hidden := newAsset("police", "D3", -2.2, 52.2)
	hidden.EffectiveDate, hidden.Sensitive = "2020-01-01", true
	for _, a := range []*estate.Asset{dated, undated, hidden} {
		if err := s.CreateAsset(adminCtx(), a); err != nil {
			t.Fatal(err)
		}
	}
	check := func(ctx context.Context, who string, first, last time.Time) {
		t.Helper()
		lo, hi, ok, err := s.FindAssetDates(ctx)
		if err != nil || !ok || !lo.Equal(first) || !hi.Equal(last) {
			t.Errorf("%s: %v to %v (%v %v), want %v to %v", who, lo, hi, ok, err, first, last)
		}
	}
	check(public, "public", time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC), created)
	check(adminCtx(), "admin", time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), created)
	// A later effective date than any update ends the range at its last second.
	if _, err := s.UpdateAsset(adminCtx(), dated.ID, dated.Version, func(a *estate.Asset) error {
		a.EffectiveDate = "2026-12-31"
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	check(public, "public after an update", created, time.Date(2026, 12, 31, 23, 59, 59, 0, time.UTC))
}
