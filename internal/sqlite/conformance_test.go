package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

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
	assets := sqlite.NewAssetService(db)
	return &storetest.Register{
		Partners: sqlite.NewPartnerService(db),
		Assets:   assets,
		Tokens:   sqlite.NewTokenService(db),
		Audit:    sqlite.NewAuditService(db),
		Imports:  assets,
		Tags:     assets,
		Extent:   assets,
		Feed:     assets,
		Points:   assets,
		Reopen:   func(tb testing.TB) *storetest.Register { return openRegisterAt(tb, path, now) },
	}
}
