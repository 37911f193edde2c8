package service_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/service"
	"github.com/placetrust/placetrust/internal/sqlite"
	"github.com/placetrust/placetrust/internal/sqlite/sqlitetest"
)

// The import's rules are tested over the real store, SQLite, with the
// asset service beside the import service to set the register up and
// read it back.

// register is a SQLite register's asset service and import service.
type register struct {
	estate.AssetService
	*service.Imports
}

func newRegister(db *sqlite.DB) *register {
	svc := services(db)
	return &register{svc.Assets, svc.Imports}
}

// services builds the services over db as the command line does, serving
// Great Britain, on db's clock.
func services(db *sqlite.DB) *service.Services {
	return service.New(db,
		service.Options{ServiceArea: estate.GreatBritain, Now: func() time.Time { return db.Now() }})
}

// MustOpen opens a fresh database in a temp dir whose clock ticks a
// second a read, from a fixed time.
func MustOpen(tb testing.TB) *sqlite.DB {
	tb.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(tb.TempDir(), "import.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	now := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { now = now.Add(time.Second); return now }
	return db
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

func ptr[T any](v T) *T { return &v }

func newAsset(partner, code string, lon, lat float64) *estate.Asset {
	return &estate.Asset{Partner: partner, AssetCode: code, Name: "Asset " + code,
		Holding: estate.HoldingBuilding, Location: estate.Point{Lon: lon, Lat: lat},
		Tenure: estate.TenureFreehold, GIAM2: ptr(500.0), MarketValueGBP: ptr[int64](1_000_000)}
}

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
