package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/service"
	"github.com/placetrust/placetrust/internal/sqlite"
	"github.com/placetrust/placetrust/internal/storetest"
)

func TestConformance(t *testing.T) { storetest.Run(t, openRegister) }

// openRegister opens a fresh database for the conformance suite.
func openRegister(tb testing.TB, now func() time.Time) *storetest.Register {
	return openRegisterAt(tb, filepath.Join(tb.TempDir(), "register.db"), now)
}

// openRegisterAt opens the database at path. Its Reopen leaves this
// handle open, as a crashed process leaves its file, and opens the path
// again beside it.
func openRegisterAt(tb testing.TB, path string, now func() time.Time) *storetest.Register {
	tb.Helper()
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		tb.Fatal(err)
	}
	db.Now = now
	tb.Cleanup(func() { db.Close() })
	svc := service.New(db, service.Options{ServiceArea: estate.GreatBritain, Now: now})
	return &storetest.Register{
		Partners:  svc.Partners,
		Assets:    svc.Assets,
		Tokens:    svc.Tokens,
		Audit:     svc.Audit,
		Imports:   svc.Imports,
		Tags:      svc.Tags,
		Extent:    svc.Extent,
		Feed:      svc.Feed,
		Scenarios: svc.Scenarios,
		Reopen:    func(tb testing.TB) *storetest.Register { return openRegisterAt(tb, path, now) },
	}
}
