package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/sqlite"
	"github.com/placetrust/placetrust/internal/sqlite/sqlitetest"
)

// TestKillMidWrite SIGKILLs the server while eight clients write, then
// reopens the database: every acknowledged write must be there with its
// audit event, and nothing may be half-written.
func TestKillMidWrite(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "kill.db")
	vars := map[string]string{"PLACETRUST_DB": dbPath}
	tokenOut := &syncBuffer{}
	if err := run(context.Background(), []string{"token", "create", "--name", "root", "--role", "admin"}, env(vars), tokenOut, io.Discard); err != nil {
		t.Fatal(err)
	}
	admin := strings.TrimSpace(tokenOut.String())

	cmd := exec.Command(os.Args[0], "serve")
	cmd.Env = append(os.Environ(), "PLACETRUST_TEST_AS_MAIN=1", "PLACETRUST_ADDR=127.0.0.1:0",
		"PLACETRUST_DB="+dbPath, "PLACETRUST_RATE=-1")
	out := &syncBuffer{}
	cmd.Stdout, cmd.Stderr = out, io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	base := waitListening(t, out)
	if s := call(t, "POST", base+"/api/v1/partners", admin, map[string]string{"id": "county", "name": "County", "kind": "county_council"}, nil, nil); s != 201 {
		t.Fatalf("partner: %d", s)
	}

	type ack struct {
		id      int64
		version int64
		notes   string
	}
	var mu sync.Mutex
	var acks []ack
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				var created struct{ ID int64 }
				f := map[string]any{"type": "Feature", "geometry": map[string]any{"type": "Point", "coordinates": []float64{-2.2 + float64(w)*0.01, 52.2}},
					"properties": map[string]any{"partner": "county", "asset_code": fmt.Sprintf("K%d-%d", w, i), "name": "Asset", "tags": []string{"t"}}}
				if s, err := doJSON("POST", base+"/api/v1/assets", admin, f, nil, &created); err != nil || s != 201 {
					return
				}
				mu.Lock()
				acks = append(acks, ack{id: created.ID, version: 1})
				mu.Unlock()
				notes := fmt.Sprintf("w%d i%d", w, i)
				var patched struct{ Properties struct{ Version int64 } }
				patch := map[string]any{"properties": map[string]any{"notes": notes}}
				if s, err := doJSON("PATCH", fmt.Sprintf("%s/api/v1/assets/%d", base, created.ID), admin, patch,
					map[string]string{"If-Match": `"1"`}, &patched); err != nil || s != 200 {
					return
				}
				mu.Lock()
				acks = append(acks, ack{id: created.ID, version: patched.Properties.Version, notes: notes})
				mu.Unlock()
			}
		}()
	}
	time.Sleep(800 * time.Millisecond)
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	close(stop)
	wg.Wait()

	db, err := sqlite.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := sqlitetest.Check(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	ctx := estate.NewContextWithActor(context.Background(), estate.Actor{Name: "check", Role: estate.RoleAdmin})
	assets := services(db, estate.GreatBritain).Assets
	for _, a := range acks {
		got, err := assets.FindAssetByID(ctx, a.id)
		if err != nil {
			t.Fatalf("acknowledged asset %d lost: %v", a.id, err)
		}
		if got.Version < a.version {
			t.Fatalf("asset %d at version %d, but version %d was acknowledged", a.id, got.Version, a.version)
		}
		if a.notes != "" && got.Version == a.version && got.Notes != a.notes {
			t.Fatalf("asset %d notes %q, acknowledged %q", a.id, got.Notes, a.notes)
		}
		hist, err := assets.FindAssetHistory(ctx, a.id, estate.HistoryFilter{})
		if err != nil || len(hist) != int(got.Version) {
			t.Fatalf("asset %d at version %d has %d audit events (%v)", a.id, got.Version, len(hist), err)
		}
	}
	if len(acks) < 20 {
		t.Errorf("only %d writes acknowledged before the kill: the test wrote too little", len(acks))
	}
	t.Logf("%d writes acknowledged before SIGKILL; all present and audited after reopening", len(acks))
}
