package benchdb_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/benchdb"
)

// TestOpen builds registers small enough that some partner gets no
// assets, reopens one as it is, and refuses it for another size.
func TestOpen(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	for _, n := range []int{1, 3, 200} {
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
