package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/placetrust/placetrust/internal/postgres"
	"github.com/placetrust/placetrust/internal/service"
	"github.com/placetrust/placetrust/internal/sqlite"
)

// store is a register's store, of whichever engine its setting names.
type store interface {
	service.Store
	io.Closer
}

// dbHelp describes --db, which every command that opens a register has.
const dbHelp = "the register: a SQLite file (created if missing), or a PostgreSQL database's postgres:// URL (its schema is made or upgraded)"

// isPostgresURL says whether a database setting names a PostgreSQL
// database rather than a SQLite file.
func isPostgresURL(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// openStore opens the register dsn names: a postgres:// (or
// postgresql://) URL, whose database must exist and whose schema is
// brought up to date, or else a SQLite file's path. With existing (the
// commands that only read or revoke), a file that is not there is
// refused rather than made: a typo or another folder would otherwise
// answer from a new empty register. An unreachable PostgreSQL is an error
// naming its host and database, never its password.
func openStore(ctx context.Context, dsn string, existing bool) (store, error) {
	switch {
	case dsn == "":
		return nil, usageError("--db is empty")
	case isPostgresURL(dsn):
		db, err := postgres.Open(ctx, dsn)
		if err != nil {
			return nil, err // not a nil *postgres.DB in a store
		}
		return db, nil
	}
	if _, err := os.Stat(dsn); existing && errors.Is(err, os.ErrNotExist) {
		return nil, usageError(fmt.Sprintf("--db %s: no such database (serve, migrate, demo or import makes one)", dsn))
	}
	db, err := sqlite.Open(ctx, dsn)
	if err != nil {
		return nil, err
	}
	return db, nil
}

// storeName is how output and logs name a database: a file's path, or a
// URL with its password masked.
func storeName(dsn string) string {
	if !isPostgresURL(dsn) {
		return dsn
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return "a PostgreSQL database (its URL is not valid)"
	}
	if _, has := u.User.Password(); has {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	if q := u.Query(); q.Has("password") {
		q.Set("password", "xxxxx")
		u.RawQuery = q.Encode()
	}
	return u.String()
}

// schemaVersion is the newest schema this binary knows for st's engine.
func schemaVersion(st store) int {
	if _, ok := st.(*postgres.DB); ok {
		return postgres.SchemaVersion()
	}
	return sqlite.SchemaVersion()
}

// sqliteOnly refuses, before anything is opened, what only a SQLite file
// can do (what, such as "backup"), pointing at PostgreSQL's own way.
func sqliteOnly(dsn, what, instead string) error {
	if isPostgresURL(dsn) {
		return usageError(fmt.Sprintf("%s works on a SQLite file only; on PostgreSQL %s", what, instead))
	}
	return nil
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
