package transparency_test

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"

	"github.com/placetrust/placetrust/internal/service"
	"github.com/placetrust/placetrust/internal/sqlite"
	"github.com/placetrust/placetrust/internal/sqlite/sqlitetest"
	"github.com/placetrust/placetrust/internal/transparency"
)

// mustOpen and services are sqlitetest's: a fresh database on a ticking
// clock, and the services over it as the command line builds them.
var (
	mustOpen = sqlitetest.Open
	services = sqlitetest.Services
)

func adminCtx() context.Context {
	return estate.NewContextWithActor(context.Background(), estate.Actor{Name: "test-admin", Role: estate.RoleAdmin})
}

// imports is the import service over db, serving Great Britain.
func imports(db *sqlite.DB) *service.Imports {
	return service.NewImports(db, service.ImportOptions{})
}

// seedPartner creates a partner.
func seedPartner(tb testing.TB, db *sqlite.DB, id string, kind estate.PartnerKind) {
	tb.Helper()
	p := &estate.Partner{ID: id, Name: id, Kind: kind}
	if err := services(db).Partners.CreatePartner(adminCtx(), p); err != nil {
		tb.Fatal(err)
	}
}

// importCSV reads r as Transparency Code CSV with the mapping and imports
// it for partner. A reader error comes back as the import's error.
func importCSV(tb testing.TB, db *sqlite.DB, partner string, r io.Reader, mapping string, opts estate.ImportOptions) (*estate.ImportReport, error) {
	tb.Helper()
	m, err := transparency.ParseMapping(mapping)
	if err != nil {
		tb.Fatal(err)
	}
	rd, err := transparency.NewReader(r, transparency.Options{Partner: partner, Mapping: m})
	if err != nil {
		return nil, err
	}
	return imports(db).ImportAssets(adminCtx(), partner, rd.Items(), opts)
}

// importFile imports a file of testdata.
func importFile(tb testing.TB, db *sqlite.DB, partner, name, mapping string, opts estate.ImportOptions) (*estate.ImportReport, error) {
	tb.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	return importCSV(tb, db, partner, f, mapping, opts)
}

// counts returns every table's row count.
func counts(tb testing.TB, db *sqlite.DB) map[string]int {
	tb.Helper()
	c, err := sqlitetest.TableCounts(context.Background(), db)
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

const (
	trafford     = "trafford_land_and_building_assets.csv"
	fireStations = "home_office_fire_stations_england.csv"
)
