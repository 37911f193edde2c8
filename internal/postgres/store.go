package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/service"
)

// DB is the store service.New takes: every read and write of
// service.Store, and the optional capabilities below, held to at build
// time. The register's change feed (service.FeedStore) is not here yet.
var (
	_ service.Store              = (*DB)(nil)
	_ service.TagStore           = (*DB)(nil)
	_ service.ExtentStore        = (*DB)(nil)
	_ service.DateStore          = (*DB)(nil)
	_ service.ImportMappingStore = (*DB)(nil)
	_ service.CountCacheStore    = (*DB)(nil)
)

// inTx runs fn in a read-committed transaction and commits it unless fn
// fails. Writers lock only the rows they change: an edit never waits for
// another partner's import.
func (db *DB) inTx(ctx context.Context, fn func(tx pgx.Tx) error) error {
	tx, err := db.pool.Begin(ctx)
	if err != nil {
		return db.connectError(err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("postgres: commit: %w", err)
	}
	return nil
}

// inSnapshot runs fn in a read-only repeatable-read transaction, so the
// queries of one read see one moment.
func (db *DB) inSnapshot(ctx context.Context, fn func(tx pgx.Tx) error) error {
	tx, err := db.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return db.connectError(err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	return fn(tx)
}

// PostgreSQL's error codes the store turns into estate errors.
const (
	codeForeignKey = "23503"
	codeUnique     = "23505"
)

// constraintError turns a failed constraint into the estate error a
// client is shown, naming the field: the store checks references before
// writing, so these come only from a race with another writer. Other
// errors come back wrapped, as internal ones.
func constraintError(err error, what string) error {
	var pe *pgconn.PgError
	if !errors.As(err, &pe) {
		return fmt.Errorf("postgres: %s: %w", what, err)
	}
	switch {
	case pe.Code == codeUnique && pe.ConstraintName == "assets_partner_code":
		return fieldError(estate.ECONFLICT, "The partner already has an asset with this code.", "asset_code", "is already used by this partner")
	case pe.Code == codeUnique && pe.ConstraintName == "partners_pkey":
		return fieldError(estate.ECONFLICT, "The partner already exists.", "id", "is already taken")
	case pe.Code == codeUnique && pe.ConstraintName == "tokens_name_key":
		return fieldError(estate.ECONFLICT, "A token with this name exists.", "name", "is already used")
	case pe.Code == codeUnique && pe.ConstraintName == "assets_pkey":
		return fieldError(estate.ECONFLICT, "An asset with this id exists.", "id", "is already used")
	case pe.Code == codeForeignKey && pe.ConstraintName == "assets_partner_id_fkey":
		return fieldError(estate.EINVALID, "The asset refers to partners that do not exist.", "partner", "no such partner")
	case pe.Code == codeForeignKey && pe.ConstraintName == "asset_occupiers_partner_id_fkey":
		return fieldError(estate.EINVALID, "The asset refers to partners that do not exist.", "occupiers", "no such partner")
	}
	return fmt.Errorf("postgres: %s: %w", what, err)
}

// isForeignKey says whether err is a foreign key's refusal.
func isForeignKey(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == codeForeignKey
}

func fieldError(code, msg, field, problem string) error {
	return &estate.Error{Code: code, Message: msg, Fields: []estate.FieldError{{Field: field, Message: problem}}}
}
