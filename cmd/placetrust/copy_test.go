package main

import (
	"context"
	"database/sql"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/service"
	"github.com/placetrust/placetrust/internal/sqlite"
	"github.com/placetrust/placetrust/internal/sqlite/sqlitetest"
)

// TestCopyCommand copies a register between two files: everything,
// verified, the tokens still working; and refuses, changing nothing, a
// target that is the source or holds anything, and a missing source.
func TestCopyCommand(t *testing.T) {
	dir := t.TempDir()
	src, dst := filepath.Join(dir, "src.db"), filepath.Join(dir, "dst.db")
	cli := cliOK(t, src)
	cli("demo")
	cli("token", "create", "--name", "ops", "--role", "admin")
	cli("token", "revoke", "1")

	out := cli("copy", "--from", src, "--to", dst)
	for _, want := range []string{"verified", "partners", "scenarios", "assets", "asset_events", "admin_events", "next asset id"} {
		if !strings.Contains(out, want) {
			t.Errorf("copy's report lacks %q:\n%s", want, out)
		}
	}
	if a, b := cli("token", "list"), cliOK(t, dst)("token", "list"); a != b {
		t.Errorf("tokens differ:\n%s\nthe copy's:\n%s", a, b)
	}
	if a, b := digestFile(t, src), digestFile(t, dst); a.NextAssetID != b.NextAssetID || len(a.Kinds) != 7 || a.Kinds.Kind("assets").Count < 1000 {
		t.Errorf("copy holds %+v, the source %+v", b, a)
	} else {
		for i := range a.Kinds {
			if a.Kinds[i] != b.Kinds[i] {
				t.Errorf("%s: %+v, the copy's %+v", a.Kinds[i].Kind, a.Kinds[i], b.Kinds[i])
			}
		}
	}

	fingerprints := func() [2]string { return [2]string{fingerprint(t, src), fingerprint(t, dst)} }
	before := fingerprints()
	missing := filepath.Join(dir, "missing.db")
	fresh := filepath.Join(dir, "fresh.db")
	for _, c := range []struct {
		args []string
		code int
		says string
	}{
		{[]string{"--from", src, "--to", dst}, 1, "not empty"},
		{[]string{"--from", src, "--to", src}, 1, "same database"},
		{[]string{"--from", src, "--to", filepath.Join(dir, ".", "src.db")}, 1, "same database"},
		{[]string{"--from", missing, "--to", fresh}, 2, "no such database"},
		{[]string{"--from", src, "--to", "postgres://u:secret@127.0.0.1:1/x"}, 1, "127.0.0.1"},
		{[]string{"--from", src}, 2, "give --from and --to"},
		{[]string{"--to", fresh}, 2, "give --from and --to"},
		{[]string{"--from", src, "--to", fresh, "extra"}, 2, "unexpected argument"},
	} {
		err := run(context.Background(), append([]string{"copy"}, c.args...), env(nil), io.Discard, io.Discard)
		if err == nil || exitCode(err) != c.code || !strings.Contains(err.Error(), c.says) || strings.Contains(err.Error(), "secret") {
			t.Errorf("copy %v: %v (exit %d), want exit %d saying %q", c.args, err, exitCode(err), c.code, c.says)
		}
	}
	if after := fingerprints(); after != before {
		t.Error("a refused copy changed the source or the target")
	}
	for _, p := range []string{missing, fresh} {
		if _, err := os.Stat(p); !os.IsNotExist(err) {
			t.Errorf("a refused copy left %s", p)
		}
	}
}

// TestCopyFailureLeavesNoFile: a copy that fails part way (here a row
// the source cannot read) leaves no new target file behind.
func TestCopyFailureLeavesNoFile(t *testing.T) {
	dir := t.TempDir()
	src, dst := filepath.Join(dir, "src.db"), filepath.Join(dir, "dst.db")
	cliOK(t, src)("demo")
	raw, err := sql.Open("sqlite", src)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`UPDATE assets SET packed = '[' WHERE id = 700`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	err = run(context.Background(), []string{"copy", "--from", src, "--to", dst}, env(nil), io.Discard, io.Discard)
	if err == nil || exitCode(err) != 1 {
		t.Fatalf("copy of a broken source: %v (exit %d)", err, exitCode(err))
	}
	for _, p := range []string{dst, dst + "-wal", dst + "-shm"} {
		if _, err := os.Stat(p); !os.IsNotExist(err) {
			t.Errorf("the failed copy left %s", p)
		}
	}
}

func digestFile(t *testing.T, path string) service.RegisterDigest {
	t.Helper()
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := sqlitetest.Check(context.Background(), db); err != nil {
		t.Error(err)
	}
	d, err := service.DigestRegister(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func fingerprint(t *testing.T, path string) string {
	t.Helper()
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	f, err := sqlitetest.Fingerprint(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	return f
}
