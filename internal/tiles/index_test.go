package tiles

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/register"
	"github.com/placetrust/placetrust/internal/register/feedtest"
)

func point(id int64, lon, lat float64, rag estate.RAG) *estate.Asset {
	return &estate.Asset{ID: id, Partner: "county", RAG: rag, Holding: estate.HoldingBuilding, Use: "Library",
		Name: fmt.Sprint("Asset ", id), Location: estate.Point{Lon: lon, Lat: lat}}
}

func tileIDs(t *testing.T, ix *Index, actor estate.Actor, z, x, y int) []int64 {
	t.Helper()
	pts, ok, err := ix.Tile(context.Background(), actor, z, x, y)
	if err != nil || !ok {
		t.Fatalf("tile %d/%d/%d: %v %v", z, x, y, ok, err)
	}
	var ids []int64
	for _, p := range pts {
		ids = append(ids, p.ID)
	}
	slices.Sort(ids)
	return ids
}

var admin = estate.Actor{Name: "a", Role: estate.RoleAdmin}

func TestThinningKeepsOneOfEachRatingPerCell(t *testing.T) {
	src := feedtest.New()
	rags := estate.RAGs
	for i := range 400 {
		src.Put(point(int64(i+1), -2.2+float64(i%20)*1e-6, 52.2+float64(i/20)*1e-6, rags[i%4]))
	}
	ix := NewIndex(register.New(src))
	// Zoom 3: all 400 in one 8 px cell, so one of each rating.
	low, _, _ := ix.Tile(context.Background(), admin, 3, 3, 2)
	var got []string
	for _, p := range low {
		got = append(got, p.RAG)
	}
	slices.Sort(got)
	if fmt.Sprint(got) != "[amber green red unrated]" {
		t.Errorf("zoom 3 keeps %v", got)
	}
	// The same assets represent the cell at every request.
	again, _, _ := ix.Tile(context.Background(), admin, 3, 3, 2)
	if fmt.Sprint(again) != fmt.Sprint(low) {
		t.Error("thinning is not stable")
	}
	// Zoom 14: every asset.
	if n := len(tileIDs(t, ix, admin, 14, 8091, 5397)); n != 400 {
		t.Errorf("zoom 14 keeps %d of 400", n)
	}
}

func TestTileMatrixAndBuffer(t *testing.T) {
	src := feedtest.New()
	// One asset just west of the zoom 14 tile's west edge, inside the
	// 8 px buffer, one far outside it.
	src.Put(point(1, -2.197265625-0.00001, 52.2, estate.RAGRed))
	src.Put(point(2, -2.197265625-0.005, 52.2, estate.RAGRed))
	ix := NewIndex(register.New(src))
	if got := tileIDs(t, ix, admin, 14, 8092, 5397); fmt.Sprint(got) != "[1]" {
		t.Errorf("buffered tile holds %v", got)
	}
	for _, c := range [][3]int{{-1, 0, 0}, {21, 0, 0}, {3, 8, 0}, {3, 0, -1}} {
		if _, ok, _ := ix.Tile(context.Background(), admin, c[0], c[1], c[2]); ok {
			t.Errorf("tile %v accepted", c)
		}
	}
}

func TestSensitivePointsFollowVisibility(t *testing.T) {
	src := feedtest.New()
	p := point(1, -2.2, 52.2, estate.RAGRed)
	p.Sensitive, p.Partner = true, "police"
	src.Put(p)
	ix := NewIndex(register.New(src))
	for _, c := range []struct {
		actor estate.Actor
		n     int
	}{{estate.Anonymous, 0}, {estate.Actor{Role: estate.RoleViewer, Partner: "county"}, 0},
		{estate.Actor{Role: estate.RoleViewer, Partner: "police"}, 1}, {admin, 1}} {
		if got := tileIDs(t, ix, c.actor, 0, 0, 0); len(got) != c.n {
			t.Errorf("%+v sees %v", c.actor, got)
		}
	}
}

func TestPatchesAndCompaction(t *testing.T) {
	src := feedtest.New()
	for i := range 10 {
		src.Put(point(int64(i+1), -2.2+float64(i)*0.0001, 52.2, estate.RAGGreen))
	}
	ix := NewIndex(register.New(src))
	tileIDs(t, ix, admin, 14, 8091, 5397)
	src.Delete(3)
	moved := point(4, 10, 10, estate.RAGGreen) // out of the tile
	src.Put(moved)
	src.Put(point(11, -2.2, 52.2, estate.RAGRed))
	if got := tileIDs(t, ix, admin, 14, 8091, 5397); fmt.Sprint(got) != "[1 2 5 6 7 8 9 10 11]" {
		t.Errorf("after patch %v", got)
	}
	for i := range maxOverlay + 10 {
		src.Put(point(int64(100+i), -2.2, 52.2+float64(i)*1e-7, estate.RAGAmber))
	}
	if n := len(tileIDs(t, ix, admin, 14, 8091, 5397)); n != 9+maxOverlay+10 {
		t.Errorf("after compaction %d points", n)
	}
	if z := ix.idx.Load(); z.overlay != nil || src.Loads != 1 {
		t.Errorf("overlay %d, loads %d", len(z.overlay), src.Loads)
	}
}

// TestReloadHookAndSize: the copy's hook hears of each load and patch,
// never of a tile request that found the copy current, and AssetsHeld
// counts the rows the copy holds, a changed asset's old and new until it
// is read whole again.
func TestReloadHookAndSize(t *testing.T) {
	f := feedtest.New()
	for id := int64(1); id <= 3; id++ {
		f.Put(point(id, -2.22, 52.19, estate.RAGRed))
	}
	reg := register.New(f)
	ix := NewIndex(reg)
	var full, patched int
	reg.SetReloadHook(func(isFull bool, d time.Duration) {
		if d < 0 {
			t.Errorf("reload took %v", d)
		}
		if isFull {
			full++
		} else {
			patched++
		}
	})
	if n := reg.AssetsHeld(); n != 0 {
		t.Errorf("%d held before loading", n)
	}
	if err := ix.Warm(context.Background()); err != nil {
		t.Fatal(err)
	}
	tileIDs(t, ix, admin, 0, 0, 0)
	if full != 1 || patched != 0 || reg.AssetsHeld() != 3 {
		t.Errorf("after loading: %d full, %d patched, %d held", full, patched, reg.AssetsHeld())
	}
	f.Put(point(2, -2.23, 52.19, estate.RAGGreen))
	tileIDs(t, ix, admin, 0, 0, 0)
	tileIDs(t, ix, admin, 0, 0, 0)
	if full != 1 || patched != 1 || reg.AssetsHeld() != 4 {
		t.Errorf("after a change: %d full, %d patched, %d held", full, patched, reg.AssetsHeld())
	}
}
