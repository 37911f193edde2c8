package postgres_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/placetrust/placetrust/internal/postgres/pgtest"
	"github.com/placetrust/placetrust/internal/storetest"
)

// TestWhereWhateverCollation: a Where orders text by code point, as
// estate.MatchCond does, in a database whose own collation is English
// (ICU), where "église" sorts before "Z"; the conformance databases are
// C.UTF-8, which orders by code point anyway.
func TestWhereWhateverCollation(t *testing.T) {
	pgtest.URL(t) // skips without a cluster
	base := os.Getenv(pgtest.Env)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	admin, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(ctx)
	b := make([]byte, 8)
	rand.Read(b)
	name := "pt_icu_" + hex.EncodeToString(b)
	if _, err := admin.Exec(ctx, `CREATE DATABASE `+name+` TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en'`); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pgtest.Drop(t, base, name) })
	url := pgtest.WithDatabase(t, base, name)
	storetest.RunWhere(t, func(tb testing.TB, now func() time.Time) *storetest.Register {
		return openRegisterAt(tb, url, now)
	})
}
