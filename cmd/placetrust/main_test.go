package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/sqlite"
)

// TestMain lets a test start this binary as the real placetrust process,
// so it can be killed like one.
func TestMain(m *testing.M) {
	if os.Getenv("PLACETRUST_TEST_AS_MAIN") == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// syncBuffer collects output written by a running command.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

var listenRE = regexp.MustCompile(`listening on (http://[0-9.:]+)`)

// waitListening waits for the serve line and then for /healthz.
func waitListening(t *testing.T, out interface{ String() string }) string {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if m := listenRE.FindStringSubmatch(out.String()); m != nil {
			res, err := http.Get(m[1] + "/healthz")
			if err == nil {
				res.Body.Close()
				if res.StatusCode == 200 {
					return m[1]
				}
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("server did not start; output:\n%s", out.String())
	return ""
}

// cliOK returns a runner of placetrust commands on the database at db,
// failing the test when one fails, and giving what it printed.
func cliOK(t *testing.T, db string) func(args ...string) string {
	return func(args ...string) string {
		t.Helper()
		out := &syncBuffer{}
		if err := run(context.Background(), args, env(map[string]string{"PLACETRUST_DB": db}), out, io.Discard); err != nil {
			t.Fatalf("%v: %v", args, err)
		}
		return out.String()
	}
}

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

// call makes one API request and decodes the JSON answer into out.
func call(t *testing.T, method, url, token string, body any, header map[string]string, out any) int {
	t.Helper()
	status, err := doJSON(method, url, token, body, header, out)
	if err != nil {
		t.Fatal(err)
	}
	return status
}

// doJSON is call for a server that may vanish: it returns the error.
func doJSON(method, url, token string, body any, header map[string]string, out any) (int, error) {
	var r io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return 0, err
		}
		r = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, url, r)
	if err != nil {
		return 0, err
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	if h, ok := header["Host"]; ok {
		req.Host = h // Go sends the request's Host field, never a Host header
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		return 0, err
	}
	if out != nil && len(b) > 0 {
		if err := json.Unmarshal(b, out); err != nil {
			return res.StatusCode, fmt.Errorf("%s %s: %d %s", method, url, res.StatusCode, b)
		}
	}
	return res.StatusCode, nil
}

// demoTokens reads the tokens serve --demo prints, by role and partner.
func demoTokens(out string) map[string]string {
	tokens := map[string]string{}
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		switch {
		case len(f) == 2 && f[0] == "admin" && strings.HasPrefix(f[1], "pt_"):
			tokens["admin"] = f[1]
		case len(f) == 3 && f[0] == "editor" && strings.HasPrefix(f[2], "pt_"):
			tokens[f[1]] = f[2]
		}
	}
	return tokens
}

// TestServeDemo starts the service as the README's quick start does and
// uses it as an estates officer would.
func TestServeDemo(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out, logs := &syncBuffer{}, &syncBuffer{}
	errc := make(chan error, 1)
	go func() {
		errc <- run(ctx, []string{"serve", "--demo"}, env(map[string]string{
			"PLACETRUST_ADDR": "127.0.0.1:0", "PLACETRUST_DB": filepath.Join(dir, "demo.db"),
		}), out, logs)
	}()
	base := waitListening(t, out)
	// The tiles' and analyses' copies are read in the background at start.
	for deadline := time.Now().Add(30 * time.Second); !strings.Contains(logs.String(), "caches warmed"); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("no warm-up logged:\n%s", logs.String())
		}
	}
	tokens := demoTokens(out.String())
	if tokens["admin"] == "" || tokens["wychavon-dc"] == "" || len(tokens) < 11 {
		t.Fatalf("demo tokens %v from:\n%s", tokens, out.String())
	}

	var page struct {
		Features []struct {
			ID         int64
			Properties map[string]any
		}
		Links []struct{ Href, Rel string }
	}
	if s := call(t, "GET", base+"/api/v1/assets?partner=wychavon-dc&q=evesham&limit=50", tokens["admin"], nil, nil, &page); s != 200 || len(page.Features) == 0 {
		t.Fatalf("list: %d %d features", s, len(page.Features))
	}
	id := page.Features[0].ID
	url := fmt.Sprintf("%s/api/v1/assets/%d", base, id)
	var asset struct{ Properties map[string]any }
	call(t, "GET", url, tokens["wychavon-dc"], nil, nil, &asset)
	version := fmt.Sprint(asset.Properties["version"])
	if s := call(t, "PUT", url+"/rag", tokens["wychavon-dc"], map[string]string{"rating": "green", "rationale": "Surplus after hub move"},
		map[string]string{"If-Match": `"` + version + `"`}, &asset); s != 200 || asset.Properties["rag"] != "green" {
		t.Errorf("rate: %d %v", s, asset.Properties["rag"])
	}
	// Another partner's editor may not.
	if s := call(t, "PUT", url+"/rag", tokens["west-mercia-police"], map[string]string{"rating": "red", "rationale": "no"},
		map[string]string{"If-Match": `"2"`}, nil); s != 403 {
		t.Errorf("other partner rated: %d", s)
	}
	stopServe(t, cancel, errc)

	// A second start finds the estate and does not load it twice.
	out2 := &syncBuffer{}
	if err := run(context.Background(), []string{"demo", "--db", filepath.Join(dir, "demo.db")}, env(nil), out2, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out2.String(), "left as it is") {
		t.Errorf("second demo load: %s", out2.String())
	}
}

func TestCommands(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cli.db")
	ctx := context.Background()
	runOK := cliOK(t, db)
	if out := runOK("migrate"); !strings.Contains(out, fmt.Sprintf("schema version %d", sqlite.SchemaVersion())) {
		t.Errorf("migrate: %s", out)
	}
	runOK("demo")
	if out := runOK("report", "--top", "3"); !strings.Contains(out, "TOTAL") || !strings.Contains(out, "Co-location:") ||
		!strings.Contains(out, "wychavon-dc") {
		t.Errorf("report:\n%s", out)
	}
	var rep struct {
		Trust         struct{ Total struct{ Assets int } }
		Opportunities []any
	}
	if err := json.Unmarshal([]byte(runOK("report", "--format", "json", "--top", "2")), &rep); err != nil ||
		rep.Trust.Total.Assets < 1300 || len(rep.Opportunities) != 2 {
		t.Errorf("json report: %v %+v", err, rep)
	}
	if lines := strings.Count(runOK("report", "--format", "csv", "--partner", "wychavon-dc"), "\ntrust,"); lines != 5 {
		t.Errorf("csv report for one partner has %d trust lines, want 4 ratings and total", lines)
	}
	secret := strings.TrimSpace(runOK("token", "create", "--name", "officer", "--role", "editor", "--partner", "wychavon-dc"))
	if !strings.HasPrefix(secret, "pt_") {
		t.Errorf("token create printed %q", secret)
	}
	if out := runOK("token", "list"); !strings.Contains(out, "officer") || !strings.Contains(out, "wychavon-dc") {
		t.Errorf("token list: %s", out)
	}
	runOK("token", "revoke", "1")
	checkCLIAudit(t, db)
	backup := filepath.Join(t.TempDir(), "backup.db")
	runOK("backup", backup)
	if st, err := os.Stat(backup); err != nil || st.Size() == 0 {
		t.Errorf("backup: %v", err)
	}
	if out := runOK("version"); !strings.HasPrefix(out, "placetrust ") {
		t.Errorf("version: %q", out)
	}
	for _, bad := range [][]string{
		{}, {"frobnicate"}, {"serve", "--no-such-flag"}, {"token"}, {"token", "create", "--name", "x", "--role", "editor"},
		{"token", "revoke", "abc"}, {"backup"}, {"report", "--format", "pdf"},
	} {
		if err := run(ctx, bad, env(map[string]string{"PLACETRUST_DB": db}), io.Discard, io.Discard); err == nil {
			t.Errorf("%v succeeded", bad)
		}
	}
	if err := run(ctx, []string{"serve"}, env(map[string]string{"PLACETRUST_DEMO": "maybe"}), io.Discard, io.Discard); err == nil {
		t.Error("a bad PLACETRUST_DEMO was accepted")
	}
}

// checkCLIAudit checks the command line's token writes are in the audit
// trail under the actor "cli".
func checkCLIAudit(t *testing.T, path string) {
	t.Helper()
	evs := adminEvents(t, path, estate.AdminEventFilter{Entity: estate.EntityToken, EntityID: "1"})
	var got []string
	for _, ev := range evs {
		got = append(got, string(ev.Action)+" by "+ev.Actor)
	}
	if strings.Join(got, ", ") != "revoke by cli, create by cli" {
		t.Errorf("audit trail of token 1: %v", got)
	}
}

// stopServe cancels a serve started by a test and waits for it to return
// cleanly.
func stopServe(t *testing.T, cancel context.CancelFunc, errc <-chan error) {
	t.Helper()
	cancel()
	select {
	case err := <-errc:
		if err != nil {
			t.Errorf("serve returned %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop on cancel")
	}
}

// adminEvents reads the admin audit trail of the database at path.
func adminEvents(t *testing.T, path string, f estate.AdminEventFilter) []*estate.AdminEvent {
	t.Helper()
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	evs, err := services(db, estate.GreatBritain).Audit.FindAdminEvents(cliContext(context.Background()), f)
	if err != nil {
		t.Fatal(err)
	}
	return evs
}
