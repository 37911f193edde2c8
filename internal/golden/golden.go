// Package golden compares what a test wrote with a file in the test's
// testdata folder, and rewrites the file instead when the test runs with
// -update, so an intended change is one command and a reviewed diff.
package golden

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// Check fails t unless got is byte for byte the file testdata/name; with
// -update it writes got there first.
func Check(t testing.TB, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from what the test wrote; if that is intended, run go test -update and review the diff:\n%s", path, got)
	}
}
