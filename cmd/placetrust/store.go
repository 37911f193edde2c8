package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/placetrust/placetrust/internal/service"
)

// store is a register's store, of whichever engine its setting names.
type store interface {
	service.Store
	io.Closer
}

// isPostgresURL says whether a database setting names a PostgreSQL
// database rather than a SQLite file.
func isPostgresURL(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// openStore opens the store dsn names: a postgres:// (or postgresql://)
// URL, or else a SQLite file's path. With existing, a file that is not
// there is refused rather than made.
func openStore(ctx context.Context, dsn string, existing bool) (store, error) {
	switch {
	case dsn == "":
		return nil, usageError("no database given")
	case isPostgresURL(dsn):
		return nil, errors.New("PostgreSQL store not wired yet")
	}
	if _, err := os.Stat(dsn); existing && errors.Is(err, os.ErrNotExist) {
		return nil, errors.New("no such database")
	}
	db, err := openDB(ctx, dsn)
	if err != nil {
		return nil, err // not a nil *sqlite.DB in a store
	}
	return db, nil
}

// sameDatabase says whether two settings name one database: the same
// URL, or the same file however its path is written.
func sameDatabase(a, b string) bool {
	if isPostgresURL(a) || isPostgresURL(b) {
		return a == b
	}
	if fa, err := os.Stat(a); err == nil {
		if fb, err := os.Stat(b); err == nil {
			return os.SameFile(fa, fb)
		}
	}
	pa, errA := filepath.Abs(a)
	pb, errB := filepath.Abs(b)
	return errA == nil && errB == nil && pa == pb
}

// storeName is how a message names a database: a URL without its
// password.
func storeName(dsn string) string {
	if !isPostgresURL(dsn) {
		return dsn
	}
	scheme, rest, _ := strings.Cut(dsn, "://")
	if at := strings.LastIndex(rest, "@"); at >= 0 {
		user, _, _ := strings.Cut(rest[:at], ":")
		rest = user + "@" + rest[at+1:]
	}
	return fmt.Sprintf("%s://%s", scheme, rest)
}
