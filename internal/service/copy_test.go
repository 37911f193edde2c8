package service_test

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/service"
	"github.com/placetrust/placetrust/internal/sqlite"
	"github.com/placetrust/placetrust/internal/sqlite/sqlitetest"
	"github.com/placetrust/placetrust/internal/storetest"
)

// TestCopyRegister copies the demo register, as use leaves it, SQLite to
// SQLite and on to SQLite again (storetest.RunCopy); PostgreSQL joins the
// chain through the same factories.
func TestCopyRegister(t *testing.T) {
	storetest.RunCopy(t, sqliteCopyEnd, sqliteCopyEnd, sqliteCopyEnd)
}

// sqliteCopyEnd opens a fresh SQLite store, checked with sqlitetest.Check.
func sqliteCopyEnd(tb testing.TB, now func() time.Time) storetest.CopyEnd {
	db, err := sqlite.Open(context.Background(), filepath.Join(tb.TempDir(), "copy.db"))
	if err != nil {
		tb.Fatal(err)
	}
	db.Now = now
	tb.Cleanup(func() { db.Close() })
	return storetest.CopyEnd{Store: db, Check: func(ctx context.Context) error { return sqlitetest.Check(ctx, db) }}
}

// TestCopyDigestCoversEveryField: the copy's verification encodes each
// record type field by field (copy_digest.go), assets through
// estate.Fields. A field added to one of the others must be added there,
// and to every store's dump and load, before this passes again.
func TestCopyDigestCoversEveryField(t *testing.T) {
	for _, c := range []struct {
		v      any
		fields int
	}{
		{estate.Partner{}, 6},
		{estate.Token{}, 6},
		{service.StoredToken{}, 2},
		{estate.ImportMapping{}, 5},
		{estate.Scenario{}, 12},
		{estate.AuditEvent{}, 9},
		{estate.AdminEvent{}, 8},
		{estate.Change{}, 3},
		{estate.Occupier{}, 2},
		{estate.Point{}, 2},
	} {
		if n := reflect.TypeOf(c.v).NumField(); n != c.fields {
			t.Errorf("%T has %d fields; the copy's digest encodes %d", c.v, n, c.fields)
		}
	}
}
