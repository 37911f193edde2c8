package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/postgres"
	"github.com/placetrust/placetrust/internal/postgres/pgtest"
	"github.com/placetrust/placetrust/internal/service"
)

// closedPort is a loopback port nothing listens on.
func closedPort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	return port
}

// A PostgreSQL that cannot be reached at start stops every command that
// opens the register with status 1 and an error naming the host, port
// and database, and never the password, however the URL gives it.
func TestUnreachablePostgres(t *testing.T) {
	port := closedPort(t)
	for _, dsn := range []string{
		fmt.Sprintf("postgres://officer:s3cret-pw@127.0.0.1:%d/register?sslmode=disable&connect_timeout=5", port),
		fmt.Sprintf("postgresql://officer@127.0.0.1:%d/register?password=s3cret-pw&sslmode=disable", port),
	} {
		for _, args := range [][]string{
			{"serve", "--addr", "127.0.0.1:0"}, {"migrate"}, {"demo"}, {"export"}, {"token", "list"}, {"report"},
		} {
			t.Run(args[0], func(t *testing.T) {
				out, logs := &syncBuffer{}, &syncBuffer{}
				err := run(context.Background(), args, env(map[string]string{"PLACETRUST_DB": dsn}), out, logs)
				if err == nil {
					t.Fatal("succeeded")
				}
				msg := err.Error()
				if code := exitCode(err); code != 1 {
					t.Errorf("exit status %d, want 1: %v", code, err)
				}
				for _, want := range []string{fmt.Sprintf("127.0.0.1:%d", port), `"register"`} {
					if !strings.Contains(msg, want) {
						t.Errorf("the error does not name %s: %s", want, msg)
					}
				}
				if all := msg + out.String() + logs.String(); strings.Contains(all, "s3cret-pw") {
					t.Errorf("the password shows: %s", all)
				}
			})
		}
	}
}

// serve --demo --db postgres:// loads the demo estate into an empty
// PostgreSQL register, serves it, shows the pool in /metrics, names the
// database without its password, and a second start finds the estate.
func TestServeDemoPostgres(t *testing.T) {
	dsn := pgtest.URL(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out, logs := &syncBuffer{}, &syncBuffer{}
	errc := make(chan error, 1)
	go func() {
		errc <- run(ctx, []string{"serve", "--demo"}, env(map[string]string{"PLACETRUST_DB": dsn,
			"PLACETRUST_ADDR": "127.0.0.1:0", "PLACETRUST_METRICS_ADDR": "127.0.0.1:0"}), out, logs)
	}()
	base := waitListening(t, out)
	if !strings.Contains(out.String(), "loaded 15 partners") || !strings.Contains(out.String(), "(database "+storeName(dsn)+")") {
		t.Errorf("serve --demo said:\n%s", out.String())
	}
	tokens := demoTokens(out.String())
	if tokens["admin"] == "" || tokens["wychavon-dc"] == "" {
		t.Fatalf("demo tokens %v from:\n%s", tokens, out.String())
	}
	var page struct {
		NumberMatched int
		Features      []struct{ ID int64 }
	}
	if s := call(t, "GET", base+"/api/v1/assets?partner=wychavon-dc&q=evesham&limit=5", tokens["admin"], nil, nil, &page); s != 200 || len(page.Features) == 0 {
		t.Fatalf("list: %d %d features", s, len(page.Features))
	}
	url := fmt.Sprintf("%s/api/v1/assets/%d", base, page.Features[0].ID)
	var asset struct{ Properties map[string]any }
	call(t, "GET", url, tokens["wychavon-dc"], nil, nil, &asset)
	if s := call(t, "PUT", url+"/rag", tokens["wychavon-dc"], map[string]string{"rating": "green", "rationale": "Surplus after hub move"},
		map[string]string{"If-Match": fmt.Sprintf(`"%v"`, asset.Properties["version"])}, &asset); s != 200 || asset.Properties["rag"] != "green" {
		t.Errorf("rate: %d %v", s, asset.Properties["rag"])
	}
	if s := call(t, "GET", base+"/healthz", "", nil, nil, nil); s != 200 {
		t.Errorf("healthz: %d", s)
	}

	m := metricsRE.FindStringSubmatch(out.String())
	if m == nil {
		t.Fatalf("no metrics address printed:\n%s", out.String())
	}
	fams := scrape(t, m[1])
	for name, check := range map[string]func(float64) bool{
		"go_sql_max_open_connections":        func(v float64) bool { return v >= 8 },
		"go_sql_open_connections":            func(v float64) bool { return v >= 1 },
		"go_sql_idle_connections":            func(v float64) bool { return v >= 0 },
		"go_sql_wait_count_total":            func(v float64) bool { return v >= 0 },
		"go_sql_wait_duration_seconds_total": func(v float64) bool { return v >= 0 },
	} {
		if v, ok := value(fams, name, "db_name=postgres"); !ok || !check(v) {
			t.Errorf("%s{db_name=postgres} = %v (present %v)", name, v, ok)
		}
	}
	if _, ok := value(fams, "go_sql_open_connections", "db_name=read"); ok {
		t.Error("a PostgreSQL server reports SQLite's pools")
	}
	stopServe(t, cancel, errc)

	again := &syncBuffer{}
	if err := run(context.Background(), []string{"demo", "--db", dsn}, env(nil), again, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(again.String(), "left as it is") {
		t.Errorf("second demo load: %s", again.String())
	}
}

// The administration commands work on PostgreSQL as on SQLite; what only
// a SQLite file can do says so before opening anything.
func TestCommandsPostgres(t *testing.T) {
	dsn := pgtest.URL(t)
	runOK := cliOK(t, dsn)
	if out := runOK("migrate"); !strings.Contains(out, fmt.Sprintf("schema version %d", postgres.SchemaVersion())) || strings.Contains(out, "file") {
		t.Errorf("migrate: %s", out)
	}
	runOK("demo")
	secret := strings.TrimSpace(runOK("token", "create", "--name", "officer", "--role", "editor", "--partner", "wychavon-dc"))
	if !strings.HasPrefix(secret, "pt_") {
		t.Errorf("token create printed %q", secret)
	}
	if out := runOK("token", "list"); !strings.Contains(out, "officer") || !strings.Contains(out, "wychavon-dc") {
		t.Errorf("token list: %s", out)
	}
	runOK("token", "revoke", "1")

	var fc struct{ Features []json.RawMessage }
	if err := json.Unmarshal([]byte(runOK("export", "--partner", "wychavon-dc")), &fc); err != nil || len(fc.Features) < 50 {
		t.Errorf("export: %v, %d features", err, len(fc.Features))
	}
	gpkg := filepath.Join(t.TempDir(), "out.gpkg")
	if out := runOK("export", "--format", "gpkg", "--out", gpkg); !strings.Contains(out, "exported") {
		t.Errorf("gpkg export: %s", out)
	}
	runOK("mapping", "set", "--partner", "wychavon-dc", "--map", "AssetName=Name")
	if out := runOK("mapping", "show", "--partner", "wychavon-dc"); !strings.Contains(out, "AssetName=Name") {
		t.Errorf("mapping show: %q", out)
	}

	// The analyses read the copy of the register the store's feed keeps.
	db, err := postgres.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	_, hasFeed := any(db).(service.FeedStore)
	db.Close()
	for _, args := range [][]string{{"report", "--top", "3"}, {"quality"}} {
		out := &syncBuffer{}
		err := run(context.Background(), args, env(map[string]string{"PLACETRUST_DB": dsn}), out, io.Discard)
		switch {
		case hasFeed && err != nil:
			t.Errorf("%v: %v", args, err)
		case hasFeed && !strings.Contains(out.String(), "wychavon-dc"):
			t.Errorf("%v:\n%s", args, out)
		case !hasFeed && (err == nil || !strings.Contains(err.Error(), "no register feed")):
			t.Errorf("%v without a feed: %v", args, err)
		}
	}

	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"backup", filepath.Join(t.TempDir(), "b.db")}, "pg_dump"},
		{[]string{"demo", "--scale", "100"}, "placetrust copy"},
	} {
		err := run(context.Background(), c.args, env(map[string]string{"PLACETRUST_DB": dsn}), io.Discard, io.Discard)
		if err == nil || exitCode(err) != 2 || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "SQLite") {
			t.Errorf("%v on PostgreSQL: %v", c.args, err)
		}
	}
}

// storeName masks a password wherever the URL gives it.
func TestStoreName(t *testing.T) {
	for in, want := range map[string]string{
		"placetrust.db": "placetrust.db",
		"postgres://pt:pw@db.example:5432/register?sslmode=require": "postgres://pt:xxxxx@db.example:5432/register?sslmode=require",
		"postgresql://pt@db/register?password=pw":                   "postgresql://pt@db/register?password=xxxxx",
		"postgres://db/register":                                    "postgres://db/register",
	} {
		if got := storeName(in); got != want {
			t.Errorf("storeName(%q) = %q, want %q", in, got, want)
		}
	}
}

// startServe runs serve with env over dsn on a loopback port, returning
// its base URL, what it printed, and a stop function.
func startServe(t *testing.T, dsn string, args ...string) (base string, out *syncBuffer, stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out = &syncBuffer{}
	errc := make(chan error, 1)
	go func() {
		errc <- run(ctx, append([]string{"serve"}, args...), env(map[string]string{"PLACETRUST_DB": dsn,
			"PLACETRUST_ADDR": "127.0.0.1:0"}), out, io.Discard)
	}()
	base = waitListening(t, out)
	return base, out, func() { stopServe(t, cancel, errc) }
}

// Two serve processes over one PostgreSQL database, as behind a proxy: a
// change through one is read at once through the other, an If-Match race
// across the two loses no update, and with the store's feed the other's
// trust view follows the change within the feed's bound.
func TestTwoServersPostgres(t *testing.T) {
	dsn := pgtest.URL(t)
	a, outA, stopA := startServe(t, dsn, "--demo")
	defer stopA()
	b, _, stopB := startServe(t, dsn)
	defer stopB()
	tokens := demoTokens(outA.String())
	editor := tokens["wychavon-dc"]

	var page struct{ Features []struct{ ID int64 } }
	if s := call(t, "GET", b+"/api/v1/assets?partner=wychavon-dc&rag=red&limit=1", editor, nil, nil, &page); s != 200 || len(page.Features) != 1 {
		t.Fatalf("list through B: %d %v", s, page)
	}
	path := fmt.Sprintf("/api/v1/assets/%d", page.Features[0].ID)
	var asset struct{ Properties map[string]any }
	call(t, "GET", a+path, editor, nil, nil, &asset)
	version := fmt.Sprintf(`"%v"`, asset.Properties["version"])

	greens := func(base string) (int, bool) {
		var view struct {
			RAGs []struct {
				RAG    string `json:"rag"`
				Assets int    `json:"assets"`
			} `json:"rags"`
		}
		if s := call(t, "GET", base+"/api/v1/trust?partner=wychavon-dc", editor, nil, nil, &view); s == 404 {
			return 0, false // no register feed under this store: no analyses
		} else if s != 200 {
			t.Fatalf("trust: %d", s)
		}
		for _, r := range view.RAGs {
			if r.RAG == "green" {
				return r.Assets, true
			}
		}
		return 0, true
	}
	before, hasFeed := greens(b)

	// The same version through both: one wins, the other is told it is stale.
	body := map[string]string{"rating": "green", "rationale": "Surplus after hub move"}
	first := call(t, "PUT", a+path+"/rag", editor, body, map[string]string{"If-Match": version}, nil)
	second := call(t, "PUT", b+path+"/rag", editor, map[string]string{"rating": "amber", "rationale": "no"},
		map[string]string{"If-Match": version}, nil)
	if first != 200 || second != 412 {
		t.Fatalf("If-Match across servers: %d then %d, want 200 then 412", first, second)
	}
	call(t, "GET", b+path, editor, nil, nil, &asset)
	if asset.Properties["rag"] != "green" {
		t.Errorf("B reads rag %v after A's change", asset.Properties["rag"])
	}
	if !hasFeed {
		t.Log("the store has no register feed: the trust view is off, its following not checked")
		return
	}
	changed := time.Now()
	deadline := changed.Add(10 * time.Second)
	defer func() {
		t.Logf("B's trust view followed A's change in %v", time.Since(changed).Round(time.Millisecond))
	}()
	for n, _ := greens(b); n != before+1; n, _ = greens(b) {
		if time.Now().After(deadline) {
			t.Fatalf("B's trust view still has %d green assets of wychavon-dc, want %d", n, before+1)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
