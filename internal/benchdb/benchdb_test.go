package benchdb_test

import (
	"context"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/benchdb"
	"github.com/placetrust/placetrust/internal/demo"
	"github.com/placetrust/placetrust/internal/estate"
)

// TestOpen builds registers small enough that some partner gets no
// assets, reopens one as it is, and refuses it for another size.
func TestOpen(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	for _, n := range []int{1, 3, 200, 1500} {
		path := filepath.Join(dir, "bench.db")
		os.Remove(path)
		db, err := benchdb.Open(ctx, path, n)
		if err != nil {
			t.Fatalf("%d assets: %v", n, err)
		}
		db.Close()
		if db, err = benchdb.Open(ctx, path, n); err != nil {
			t.Fatalf("%d assets, reopened: %v", n, err)
		}
		db.Close()
		if _, err := benchdb.Open(ctx, path, n+1); err == nil || !strings.Contains(err.Error(), "not the") {
			t.Errorf("%d assets opened as %d: %v", n, n+1, err)
		}
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "*.building*")); len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
}

// TestProgrammeCarried: the register holds Scaled's programme as Scaled
// makes it.
func TestProgrammeCarried(t *testing.T) {
	ctx := context.Background()
	const n = 1500
	path := filepath.Join(t.TempDir(), "bench.db")
	db, err := benchdb.Open(ctx, path, n)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{}
	for _, a := range demo.Scaled(n, benchdb.Seed) {
		if a.DisposalStage != "" {
			want[a.AssetCode+" "+string(a.DisposalStage)+" "+a.DisposalTarget+" "+a.ReceiptDate]++
		}
	}
	got := map[string]int{}
	for a, err := range estate.AllAssets(benchdb.AdminContext(ctx), benchdb.Services(db).Assets, estate.AssetFilter{}) {
		if err != nil {
			t.Fatal(err)
		}
		if a.DisposalStage != estate.StageNone {
			got[a.AssetCode+" "+string(a.DisposalStage)+" "+a.DisposalTarget+" "+a.ReceiptDate]++
		}
	}
	if len(want) == 0 || !maps.Equal(got, want) {
		t.Errorf("the register's programme: %d assets, Scaled's %d", len(got), len(want))
	}
	db.Close()
}
