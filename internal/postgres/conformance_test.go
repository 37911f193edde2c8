package postgres_test

import (
	"context"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/postgres"
	"github.com/placetrust/placetrust/internal/postgres/pgtest"
	"github.com/placetrust/placetrust/internal/service"
	"github.com/placetrust/placetrust/internal/storetest"
)

func TestConformance(t *testing.T) { storetest.Run(t, openRegister) }

// openRegister opens a fresh database for the conformance suite.
func openRegister(tb testing.TB, now func() time.Time) *storetest.Register {
	return openRegisterAt(tb, pgtest.URL(tb), now)
}

// openRegisterAt opens the database at url. Its Reopen leaves this
// handle open, as a crashed server leaves its connections, and opens the
// database again beside it.
func openRegisterAt(tb testing.TB, url string, now func() time.Time) *storetest.Register {
	tb.Helper()
	db, err := postgres.Open(context.Background(), url)
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
		Reopen:    func(tb testing.TB) *storetest.Register { return openRegisterAt(tb, url, now) },
	}
}
