package postgres

import (
	"context"
	"fmt"
	"io/fs"

	"github.com/jackc/pgx/v5"

	"github.com/placetrust/placetrust/migrations"
)

// migrateLock is the advisory lock servers starting together take, so
// one applies the migrations and the others then find them applied.
const migrateLock = 0x706c61636574 // "placet"

// migration is one NNNN_name.sql file of migrations/postgres.
type migration = migrations.File

// loadMigrations reads the files in version order (migrations.Load).
func loadMigrations(fsys fs.FS) ([]migration, error) {
	ms, err := migrations.Load(fsys)
	if err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	return ms, nil
}

// SchemaVersion is the newest schema this binary knows.
func SchemaVersion() int {
	ms, err := loadMigrations(migrations.Postgres)
	if err != nil {
		return 0
	}
	return ms[len(ms)-1].Version
}

func (db *DB) migrate(ctx context.Context) error {
	return db.migrateFS(ctx, migrations.Postgres)
}

// migrateFS applies every migration the database lacks, each in its own
// transaction with its record, under an advisory lock held by one
// connection, so several servers starting at once apply each one once.
func (db *DB) migrateFS(ctx context.Context, fsys fs.FS) error {
	ms, err := loadMigrations(fsys)
	if err != nil {
		return err
	}
	conn, err := db.pool.Acquire(ctx)
	if err != nil {
		return db.connectError(err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, int64(migrateLock)); err != nil {
		return fmt.Errorf("postgres: migrate: lock: %w", err)
	}
	// Unlocked on a fresh context: a cancelled ctx must not leave the lock
	// with a pooled connection.
	defer conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, int64(migrateLock))
	if _, err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    integer PRIMARY KEY,
		name       text NOT NULL,
		applied_at timestamptz NOT NULL DEFAULT now()
	)`); err != nil {
		return fmt.Errorf("postgres: migrate: %w", err)
	}
	var current int
	if err := conn.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&current); err != nil {
		return fmt.Errorf("postgres: migrate: read version: %w", err)
	}
	if latest := ms[len(ms)-1].Version; current > latest {
		return fmt.Errorf("postgres: database schema version %d is newer than this placetrust (%d): upgrade placetrust", current, latest)
	}
	for _, m := range ms {
		if m.Version <= current {
			continue
		}
		if err := applyMigration(ctx, conn.Conn(), m); err != nil {
			return err
		}
	}
	return nil
}

func applyMigration(ctx context.Context, conn *pgx.Conn, m migration) error {
	tx, err := conn.Begin(ctx)
	if err != nil {
		return fmt.Errorf("postgres: migrate %s: %w", m.Name, err)
	}
	defer tx.Rollback(ctx)
	// No arguments: pgx sends the file by the simple protocol, which runs
	// its many statements.
	if _, err := tx.Exec(ctx, m.SQL); err != nil {
		return fmt.Errorf("postgres: migrate %s: %w", m.Name, err)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO schema_migrations (version, name) VALUES ($1, $2)`, m.Version, m.Name); err != nil {
		return fmt.Errorf("postgres: migrate %s: record: %w", m.Name, err)
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("postgres: migrate %s: commit: %w", m.Name, err)
	}
	return nil
}
