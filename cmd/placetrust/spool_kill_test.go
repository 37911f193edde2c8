package main

import (
	"context"
	"io"
	"io/fs"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestKillMidUploadLeavesNothing SIGKILLs the server while an upload is
// being received: the next server to start in the same temporary
// directory removes what it left, but not the spool of another server
// still running there, and a server stopped gracefully removes its own.
func TestKillMidUploadLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	tmp := filepath.Join(dir, "tmp")
	if err := os.Mkdir(tmp, 0o700); err != nil {
		t.Fatal(err)
	}
	dbPath := filepath.Join(dir, "spool.db")
	tokenOut := &syncBuffer{}
	if err := run(context.Background(), []string{"token", "create", "--name", "root", "--role", "admin"},
		env(map[string]string{"PLACETRUST_DB": dbPath}), tokenOut, io.Discard); err != nil {
		t.Fatal(err)
	}
	admin := strings.TrimSpace(tokenOut.String())
	start := func(db string) (*exec.Cmd, string) {
		t.Helper()
		cmd := exec.Command(os.Args[0], "serve")
		cmd.Env = append(os.Environ(), "PLACETRUST_TEST_AS_MAIN=1", "PLACETRUST_ADDR=127.0.0.1:0",
			"PLACETRUST_DB="+db, "PLACETRUST_RATE=-1", "TMPDIR="+tmp)
		out := &syncBuffer{}
		cmd.Stdout, cmd.Stderr = out, io.Discard
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
		return cmd, waitListening(t, out)
	}
	// upload begins an import whose body never ends until the test says.
	upload := func(base string) (*io.PipeWriter, <-chan int) {
		t.Helper()
		pr, pw := io.Pipe()
		req, err := http.NewRequest("POST", base+"/api/v1/imports?partner=county&dry_run=true", pr)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "text/csv")
		req.Header.Set("Authorization", "Bearer "+admin)
		done := make(chan int, 1)
		go func() {
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				done <- 0
				return
			}
			res.Body.Close()
			done <- res.StatusCode
		}()
		if _, err := io.WriteString(pw, "AssetCode,PropertyName,GeoX,GeoY\n"+strings.Repeat("K-1,Kept,-2.2,52.19\n", 5000)); err != nil {
			t.Fatal(err)
		}
		return pw, done
	}
	// spooled lists the files in the temporary directory, but locks.
	spooled := func() []string {
		var out []string
		filepath.WalkDir(tmp, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && d.Name() != "lock" {
				out = append(out, strings.TrimPrefix(path, tmp))
			}
			return nil
		})
		return out
	}
	waitSpooled := func(n int) []string {
		t.Helper()
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
			if got := spooled(); len(got) == n {
				return got
			}
		}
		t.Fatalf("want %d spooled files, have %v", n, spooled())
		return nil
	}

	first, base := start(dbPath)
	if s := call(t, "POST", base+"/api/v1/partners", admin, map[string]string{"id": "county", "name": "County", "kind": "county_council"}, nil, nil); s != 201 {
		t.Fatalf("partner: %d", s)
	}
	pw, done := upload(base)
	killed := waitSpooled(1)
	if err := first.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	first.Wait()
	pw.CloseWithError(io.ErrClosedPipe) // the client's request ends only when its body does
	<-done
	if got := spooled(); len(got) != 1 {
		t.Fatalf("the killed server's upload should still be on disk until a start: %v", got)
	}

	second, base := start(dbPath)
	if got := spooled(); len(got) != 0 {
		t.Fatalf("after the next start, the killed server's upload %v is still there: %v", killed, got)
	}

	// A server starting beside a live one leaves the live one's upload.
	pw, done = upload(base)
	live := waitSpooled(1)
	third, _ := start(filepath.Join(dir, "other.db"))
	if got := spooled(); len(got) != 1 || got[0] != live[0] {
		t.Errorf("a server starting beside a live one took its upload: %v, want %v", got, live)
	}
	third.Process.Signal(syscall.SIGTERM)
	third.Wait()

	// Stopped gracefully mid-upload: once the upload ends, nothing stays.
	second.Process.Signal(syscall.SIGTERM)
	time.Sleep(200 * time.Millisecond)
	pw.Close()
	<-done
	if err := second.Wait(); err != nil {
		t.Errorf("graceful stop: %v", err)
	}
	if got := spooled(); len(got) != 0 {
		t.Errorf("after a graceful stop: %v", got)
	}
	if entries, _ := os.ReadDir(filepath.Join(tmp, "placetrust-spool")); len(entries) != 0 {
		t.Errorf("spool folders left after every server stopped: %v", entries)
	}
}
