package service_test

import (
	"context"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/service"
	"github.com/placetrust/placetrust/internal/sqlite"
	"github.com/placetrust/placetrust/internal/sqlite/sqlitetest"
	"github.com/placetrust/placetrust/internal/storetest"
)

// The import's rules are tested over the real store, SQLite, with the
// asset service beside the import service to set the register up and
// read it back.

// register is a SQLite register's asset service and import service.
type register struct {
	estate.AssetService
	*service.Imports
}

// MustOpen and services are sqlitetest's: a fresh database on a ticking
// clock, and the services over it as the command line builds them.
var (
	MustOpen = sqlitetest.Open
	services = sqlitetest.Services
)

func newRegister(db *sqlite.DB) *register {
	svc := services(db)
	return &register{svc.Assets, svc.Imports}
}

func adminCtx() context.Context {
	return estate.NewContextWithActor(context.Background(), estate.Actor{Name: "test-admin", Role: estate.RoleAdmin})
}

// seedPartners creates partners with the given ids.
func seedPartners(tb testing.TB, db *sqlite.DB, ids ...string) {
	tb.Helper()
	for _, id := range ids {
		p := &estate.Partner{ID: id, Name: id, Kind: estate.KindOther}
		if err := services(db).Partners.CreatePartner(adminCtx(), p); err != nil {
			tb.Fatal(err)
		}
	}
}

// countyAndPolice is a register of partners county and police holding
// one asset, a.
func countyAndPolice(t *testing.T, a *estate.Asset) (*sqlite.DB, *register) {
	t.Helper()
	db := MustOpen(t)
	seedPartners(t, db, "county", "police")
	s := newRegister(db)
	if err := s.CreateAsset(adminCtx(), a); err != nil {
		t.Fatal(err)
	}
	return db, s
}

func ptr[T any](v T) *T { return &v }

var newAsset = storetest.NewAsset // a valid asset around Worcester

// fingerprint digests every row of every table, to check that an import
// changed nothing at all.
func fingerprint(tb testing.TB, db *sqlite.DB) string {
	tb.Helper()
	fp, err := sqlitetest.Fingerprint(context.Background(), db)
	if err != nil {
		tb.Fatal(err)
	}
	return fp
}

// count is the number of rows in table.
func count(tb testing.TB, db *sqlite.DB, table string) int {
	tb.Helper()
	c, err := sqlitetest.TableCounts(context.Background(), db)
	if err != nil {
		tb.Fatal(err)
	}
	return c[table]
}
