package httpapi_test

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/httpapi"
)

// spoolFiles lists the files under dir's spool folders, but their locks.
func spoolFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	root := filepath.Join(dir, "placetrust-spool")
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, os.ErrNotExist) {
				return nil
			}
			return err
		}
		if !d.IsDir() && d.Name() != "lock" {
			out = append(out, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// waitFor polls cond for up to ten seconds.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("gave up waiting for %s", what)
}

// slowUpload starts an import whose body arrives only as the test writes
// it; length, if positive, is the Content-Length it declares. It returns
// the body's writer and the status the import answers.
func (ts *testServer) slowUpload(query string, length int64) (*io.PipeWriter, <-chan int) {
	ts.t.Helper()
	pr, pw := io.Pipe()
	// A test that fails midway must not leave the request open: the
	// server's Close would wait for it.
	ts.t.Cleanup(func() { pw.CloseWithError(errors.New("test over")) })
	hr, err := http.NewRequest("POST", ts.URL+"/api/v1/imports?"+query, pr)
	if err != nil {
		ts.t.Fatal(err)
	}
	if length > 0 {
		hr.ContentLength = length
	}
	hr.Header.Set("Content-Type", "text/csv")
	hr.Header.Set("Authorization", "Bearer "+ts.Tokens["admin"])
	done := make(chan int, 1)
	go func() {
		res, err := http.DefaultClient.Do(hr)
		if err != nil {
			done <- 0
			return
		}
		res.Body.Close()
		done <- res.StatusCode
	}()
	if _, err := io.WriteString(pw, lgaCSV); err != nil {
		ts.t.Fatal(err)
	}
	return pw, done
}

// TestImportUploadCap: past --max-uploads, or past the bytes the spools
// may hold together, an upload gets 429 with Retry-After at once; every
// upload's file is gone when its request ends, however it ends.
func TestImportUploadCap(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{MaxUploads: 1})
	post := func() *response {
		return ts.do(req{Method: "POST", Path: "/api/v1/imports?partner=county&dry_run=true", Token: "admin", Body: lgaCSV,
			Header: map[string]string{"Content-Type": "text/csv"}})
	}
	pw, done := ts.slowUpload("partner=county&dry_run=true", 0)
	waitFor(t, "the first upload's spool", func() bool { return len(spoolFiles(t, ts.SpoolDir)) == 1 })
	res := post()
	if pr := res.Problem(t); pr.Status != 429 || pr.Code != "too_many_requests" || res.Header.Get("Retry-After") == "" {
		t.Errorf("a second upload: %+v Retry-After %q", pr, res.Header.Get("Retry-After"))
	}
	pw.Close()
	if s := <-done; s != 200 {
		t.Errorf("the first upload answered %d", s)
	}
	if files := spoolFiles(t, ts.SpoolDir); len(files) != 0 {
		t.Errorf("after a finished import: %v", files)
	}
	must(t, post(), 200) // the place is free again

	// A client that gives up mid-upload leaves nothing either.
	pw, done = ts.slowUpload("partner=county", 0)
	waitFor(t, "the spool", func() bool { return len(spoolFiles(t, ts.SpoolDir)) == 1 })
	pw.CloseWithError(errors.New("client gave up"))
	<-done
	waitFor(t, "the abandoned spool to go", func() bool { return len(spoolFiles(t, ts.SpoolDir)) == 0 })
	must(t, post(), 200)
}

// TestImportSpoolLimit: an upload whose declared size would take the
// spools past --spool-limit gets 429 at once, before its body is read.
func TestImportSpoolLimit(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{SpoolLimit: "256M"})
	pw, done := ts.slowUpload("partner=county&dry_run=true", 255_999_900)
	waitFor(t, "the first upload's spool", func() bool { return len(spoolFiles(t, ts.SpoolDir)) == 1 })
	res := ts.do(req{Method: "POST", Path: "/api/v1/imports?partner=county&dry_run=true", Token: "admin", Body: lgaCSV,
		Header: map[string]string{"Content-Type": "text/csv"}})
	if pr := res.Problem(t); pr.Status != 429 || res.Header.Get("Retry-After") == "" || !strings.Contains(pr.Detail, "bytes") {
		t.Errorf("an upload past the spool limit: %+v Retry-After %q", pr, res.Header.Get("Retry-After"))
	}
	pw.CloseWithError(errors.New("client gave up"))
	<-done
	waitFor(t, "the spool to go", func() bool { return len(spoolFiles(t, ts.SpoolDir)) == 0 })
	must(t, ts.do(req{Method: "POST", Path: "/api/v1/imports?partner=county&dry_run=true", Token: "admin", Body: lgaCSV,
		Header: map[string]string{"Content-Type": "text/csv"}}), 200)
}

// TestServeSweepsSpools: Serve removes the spool folders of servers that
// are gone, keeps those of a live one (its lock is held), and removes its
// own when it stops.
func TestServeSweepsSpools(t *testing.T) {
	dir := t.TempDir()
	root := filepath.Join(dir, "placetrust-spool")
	dead := filepath.Join(root, "4242-dead")
	live := filepath.Join(root, "4343-live")
	for _, d := range []string{dead, live} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
		for _, f := range []string{"lock", "upload-1"} {
			if err := os.WriteFile(filepath.Join(d, f), []byte("x"), 0o600); err != nil {
				t.Fatal(err)
			}
		}
	}
	lock, err := os.OpenFile(filepath.Join(live, "lock"), os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Close()
	lockForTest(t, lock)

	ts := newTestServer(t, httpapi.Config{SpoolDir: dir}) // its database and tokens
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- ts.Srv.Serve(ctx, ln) }()
	ts.URL = "http://" + ln.Addr().String()
	waitFor(t, "the server", func() bool {
		res, err := http.Get(ts.URL + "/healthz")
		if err == nil {
			res.Body.Close()
		}
		return err == nil
	})
	if _, err := os.Stat(dead); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a dead server's spools are still there: %v", err)
	}
	if _, err := os.Stat(filepath.Join(live, "upload-1")); err != nil {
		t.Errorf("a live server's spool was removed: %v", err)
	}
	pw, done := ts.slowUpload("partner=county&dry_run=true", 0)
	waitFor(t, "the upload's spool", func() bool { return len(spoolFiles(t, dir)) == 2 })
	pw.Close()
	<-done
	cancel()
	if err := <-served; err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(root)
	if len(entries) != 1 || entries[0].Name() != "4343-live" {
		t.Errorf("after the server stopped, the spool folder holds %v: want only the live server's", entries)
	}
}
