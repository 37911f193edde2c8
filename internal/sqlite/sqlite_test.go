package sqlite_test

import (
	"context"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/sqlite"
	"github.com/placetrust/placetrust/internal/sqlite/sqlitetest"
)

// MustOpen opens a fresh database on a ticking clock (sqlitetest.Open).
var MustOpen = sqlitetest.Open

var admin = estate.Actor{Name: "test-admin", Role: estate.RoleAdmin}

func adminCtx() context.Context {
	return estate.NewContextWithActor(context.Background(), admin)
}

func ptr[T any](v T) *T { return &v }

// seedPartners creates partners with the given ids.
func seedPartners(tb testing.TB, db *sqlite.DB, ids ...string) {
	tb.Helper()
	ps := sqlite.NewServices(db).Partners
	for _, id := range ids {
		if err := ps.CreatePartner(adminCtx(), &estate.Partner{ID: id, Name: id, Kind: estate.KindOther}); err != nil {
			tb.Fatal(err)
		}
	}
}

func newAsset(partner, code string, lon, lat float64) *estate.Asset {
	return &estate.Asset{Partner: partner, AssetCode: code, Name: "Asset " + code,
		Holding: estate.HoldingBuilding, Location: estate.Point{Lon: lon, Lat: lat},
		Tenure: estate.TenureFreehold, GIAM2: ptr(500.0), MarketValueGBP: ptr[int64](1_000_000)}
}

// count returns rows in table, for checking that refused writes wrote nothing.
func count(tb testing.TB, db *sqlite.DB, table string) int {
	tb.Helper()
	counts, err := sqlitetest.TableCounts(context.Background(), db)
	if err != nil {
		tb.Fatal(err)
	}
	return counts[table]
}
