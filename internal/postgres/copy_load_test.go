package postgres_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/postgres"
	"github.com/placetrust/placetrust/internal/postgres/pgtest"
	"github.com/placetrust/placetrust/internal/service"
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
	if got.NextAssetID != 2 || got.Kinds[0].Count+got.Kinds[3].Count+got.Kinds[4].Count != 0 {
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
