package postgres_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/postgres"
	"github.com/placetrust/placetrust/internal/postgres/pgtest"
	"github.com/placetrust/placetrust/internal/service"
	"github.com/placetrust/placetrust/internal/storetest"
)

// TestLoadRefusesGivenIDs: a register that holds nothing but has given
// an asset id (a rolled-back import's, say) is refused, with sqlite's
// error, and left as it was: the copy's ids could be ones it gave.
func TestLoadRefusesGivenIDs(t *testing.T) {
	ctx := context.Background()
	src, _ := smallRegister(t)
	url := pgtest.URL(t)
	dst, err := postgres.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close()
	exec(t, url, `SELECT nextval('assets_id_seq')`)
	_, err = service.CopyRegister(ctx, src, dst)
	if estate.ErrorCode(err) != estate.ECONFLICT || !strings.Contains(err.Error(), "(it holds asset ids given)") {
		t.Fatalf("copy into a register that gave an id: %v", err)
	}
	got, err := service.DigestRegister(ctx, dst)
	if err != nil {
		t.Fatal(err)
	}
	if got.NextAssetID != 2 || got.Kinds.Kind("partners").Count+got.Kinds.Kind("assets").Count+got.Kinds.Kind("asset_events").Count != 0 {
		t.Errorf("the refused target: %+v", got)
	}
}

// TestLoadLogsReload: a copy gives the target register its next version,
// logged as a reload and notified on commit, so servers over it read the
// copied register again.
func TestLoadLogsReload(t *testing.T) {
	ctx := context.Background()
	src, _ := smallRegister(t)
	url := pgtest.URL(t)
	dst, err := postgres.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close()
	listener, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer listener.Close(ctx)
	if _, err := listener.Exec(ctx, `LISTEN placetrust_register`); err != nil {
		t.Fatal(err)
	}
	if _, err := service.CopyRegister(ctx, src, dst); err != nil {
		t.Fatal(err)
	}
	var head, logged int64
	var reload bool
	if err := listener.QueryRow(ctx, `SELECT h.version, l.version, l.reload FROM register_head h, register_log l`).
		Scan(&head, &logged, &reload); err != nil {
		t.Fatal(err)
	}
	if head != 1 || logged != 1 || !reload {
		t.Errorf("after the copy: head %d, log %d reload %v; want 1, 1 true", head, logged, reload)
	}
	wait, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	n, err := listener.WaitForNotification(wait)
	if err != nil || n.Payload != "1" {
		t.Errorf("notification %+v, %v; want version 1", n, err)
	}
	if err := dst.Check(ctx); err != nil {
		t.Error(err)
	}
}

// TestLoadKeepsIndexes: the indexes a copy drops to build in bulk are all
// there after it, as the migrations make them, and after a copy that
// failed too.
func TestLoadKeepsIndexes(t *testing.T) {
	ctx := context.Background()
	src, _ := smallRegister(t)
	indexes := func(url string) string {
		conn, err := pgx.Connect(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close(ctx)
		var defs string
		if err := conn.QueryRow(ctx, `SELECT string_agg(indexdef, E'\n' ORDER BY indexname) FROM pg_indexes
			WHERE schemaname = 'public'`).Scan(&defs); err != nil {
			t.Fatal(err)
		}
		return defs
	}
	url := pgtest.URL(t)
	dst, err := postgres.Open(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close()
	want := indexes(url)
	if !strings.Contains(want, "USING gin (tags)") || !strings.Contains(want, "USING spgist (bng)") {
		t.Fatalf("the migrations' indexes:\n%s", want)
	}
	boom := errors.New("boom")
	err = src.DumpRegister(ctx, func(d *service.RegisterDump) error {
		return dst.LoadRegister(ctx, d, func(*service.RegisterDump) error { return boom })
	})
	if !errors.Is(err, boom) {
		t.Fatalf("load with a failing verify: %v", err)
	}
	if got := indexes(url); got != want {
		t.Errorf("after a failed copy the indexes are\n%s\nwant\n%s", got, want)
	}
	if _, err := service.CopyRegister(ctx, src, dst); err != nil {
		t.Fatal(err)
	}
	if got := indexes(url); got != want {
		t.Errorf("after a copy the indexes are\n%s\nwant\n%s", got, want)
	}
}

// TestLoadRefusalAsSQLite: a register that is not empty is refused with
// the words SQLite's store uses, whichever store is the target.
func TestLoadRefusalAsSQLite(t *testing.T) {
	ctx := context.Background()
	src, _ := smallRegister(t)
	var got []string
	for _, open := range []func(testing.TB, func() time.Time) storetest.CopyEnd{sqliteCopyEnd, postgresCopyEnd} {
		end := open(t, time.Now)
		svc := service.New(end.Store, service.Options{ServiceArea: estate.GreatBritain})
		if err := svc.Partners.CreatePartner(adminCtx, &estate.Partner{ID: "police", Name: "Police", Kind: estate.KindPolice}); err != nil {
			t.Fatal(err)
		}
		_, err := service.CopyRegister(ctx, src, end.Store)
		if estate.ErrorCode(err) != estate.ECONFLICT {
			t.Fatalf("copy into a register with a partner: %v", err)
		}
		got = append(got, err.Error())
	}
	if got[0] != got[1] {
		t.Errorf("SQLite refuses with %q, PostgreSQL with %q", got[0], got[1])
	}
}
