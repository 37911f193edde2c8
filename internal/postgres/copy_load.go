package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/service"
)

// copiedTables are the tables a copy fills, in the order it fills them.
var copiedTables = []string{"partners", "tokens", "import_mappings", "scenarios", "assets", "audit_events", "admin_events"}

// LoadRegister writes a dumped register into this empty database in one
// transaction, every id kept, verified before it commits (see
// service.RegisterLoader). Rows go in by COPY; assets through a staging
// table and the write path's own expressions (copy_assets.go), so their
// derived columns are what an edit would write; their indexes are built
// after them (copy_indexes.go). The tables are locked against writers for
// the transaction, so no write slips between the check that the register
// is empty and the copy, and the indexed ones against readers too. Before
// verify, Check's checks run in the transaction (all but the derived
// columns, just written by the write path's code): a source that breaks
// them, an asset without its event say, is not copied.
func (db *DB) LoadRegister(ctx context.Context, d *service.RegisterDump, verify func(*service.RegisterDump) error) error {
	tx, err := db.pool.Begin(ctx)
	if err != nil {
		return db.connectError(err)
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	// copiedTables is a fixed list.
	if _, err := tx.Exec(ctx, `LOCK TABLE `+strings.Join(copiedTables, ", ")+` IN EXCLUSIVE MODE`); err != nil {
		return fmt.Errorf("postgres: load: %w", err)
	}
	if err := refuseNonEmpty(ctx, tx); err != nil {
		return err
	}
	rebuild, err := dropIndexes(ctx, tx)
	if err != nil {
		return err
	}
	for _, step := range []func() error{
		func() error { return loadPartners(ctx, tx, d.Partners) },
		func() error { return loadTokens(ctx, tx, d.Tokens) },
		func() error { return loadMappings(ctx, tx, d.Mappings) },
		func() error { return loadScenarios(ctx, tx, d.Scenarios) },
		func() error { return loadAssets(ctx, tx, d.Assets) },
		func() error { return loadAssetEvents(ctx, tx, d.AssetEvents) },
		func() error { return loadAdminEvents(ctx, tx, d.AdminEvents) },
		func() error { return buildIndexes(ctx, tx, rebuild) },
		func() error { return restartSequences(ctx, tx, d.NextAssetID) },
		func() error { return checkIn(ctx, tx, false) },
	} {
		if err := step(); err != nil {
			return err
		}
	}
	written, err := dumpFrom(ctx, tx)
	if err != nil {
		return err
	}
	if err := verify(written); err != nil {
		return err
	}
	if err := bumpReload(ctx, tx); err != nil {
		return err
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("postgres: load: commit: %w", err)
	}
	return nil
}

// refuseNonEmpty refuses a database holding anything, or that has ever
// given an asset id: a copy keeps the source's ids, which could collide.
// The error is sqlite's, word for word.
func refuseNonEmpty(ctx context.Context, tx pgx.Tx) error {
	var held []string
	for _, t := range copiedTables {
		var found bool
		// t comes from the fixed list.
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM `+t+`)`).Scan(&found); err != nil {
			return fmt.Errorf("postgres: load: %w", err)
		}
		if found {
			held = append(held, t)
		}
	}
	if next, err := nextAssetID(ctx, tx); err != nil {
		return err
	} else if next > 1 {
		held = append(held, "asset ids given")
	}
	if len(held) > 0 {
		return estate.Errorf(estate.ECONFLICT, "The target register is not empty (it holds %s): a register is copied only into an empty one.",
			strings.Join(held, ", "))
	}
	return nil
}

// restartSequences moves every id sequence past the ids copied, and the
// assets' to the source's next id, which carries the ids it gave and
// retired. ALTER SEQUENCE RESTART, unlike setval, is undone with the
// transaction, so a copy that fails leaves the sequences as they were
// and the register still empty to a later copy.
func restartSequences(ctx context.Context, tx pgx.Tx, nextAsset int64) error {
	for _, t := range []string{"assets", "tokens", "scenarios", "audit_events", "admin_events"} {
		next, err := nextID(ctx, tx, t)
		if err != nil {
			return err
		}
		var top int64
		// t comes from the fixed list above.
		if err := tx.QueryRow(ctx, `SELECT coalesce(max(id), 0) FROM `+t).Scan(&top); err != nil {
			return fmt.Errorf("postgres: load: %s ids: %w", t, err)
		}
		next = max(next, top+1)
		if t == "assets" {
			next = max(next, nextAsset)
		}
		seq, err := idSequence(ctx, tx, t)
		if err != nil {
			return err
		}
		// ALTER takes no parameters: seq is the catalog's name, next a number.
		if _, err := tx.Exec(ctx, `ALTER SEQUENCE `+seq+` RESTART WITH `+strconv.FormatInt(next, 10)); err != nil {
			return fmt.Errorf("postgres: load: %s id sequence: %w", t, err)
		}
	}
	return nil
}

// bumpReload gives the register its next version, logged as a reload, so
// a server's copy in memory reads the copied register again. Like
// bumpRegister it is the last statement before COMMIT, for the same
// reason (register.go).
func bumpReload(ctx context.Context, tx pgx.Tx) error {
	_, err := tx.Exec(ctx, `WITH head AS (
			UPDATE register_head SET version = version + 1 RETURNING version
		), logged AS (
			INSERT INTO register_log (version, asset_ids, reload) SELECT version, '{}', true FROM head RETURNING version
		)
		SELECT pg_notify('`+registerChannel+`', version::text) FROM logged`)
	if err != nil {
		return fmt.Errorf("postgres: load: register version: %w", err)
	}
	return nil
}

func loadPartners(ctx context.Context, tx pgx.Tx, seq iter.Seq2[*estate.Partner, error]) error {
	return copyRows(ctx, tx, "partners", []string{"id", "name", "kind", "uri", "created_at", "updated_at"}, seq,
		func(p *estate.Partner) ([]any, error) {
			return []any{p.ID, p.Name, string(p.Kind), p.URI, p.CreatedAt, p.UpdatedAt}, nil
		})
}

func loadTokens(ctx context.Context, tx pgx.Tx, seq iter.Seq2[*service.StoredToken, error]) error {
	return copyRows(ctx, tx, "tokens", []string{"id", "name", "role", "partner_id", "hash", "created_at", "revoked_at"}, seq,
		func(s *service.StoredToken) ([]any, error) {
			t := s.Token
			var partner *string
			if t.Partner != "" {
				partner = &t.Partner
			}
			return []any{t.ID, t.Name, string(t.Role), partner, s.Hash, t.CreatedAt, t.RevokedAt}, nil
		})
}

func loadMappings(ctx context.Context, tx pgx.Tx, seq iter.Seq2[*estate.ImportMapping, error]) error {
	for m, err := range seq {
		if err != nil {
			return err
		}
		if err := saveImportMapping(ctx, tx, m); err != nil {
			return fmt.Errorf("postgres: load import mapping of %s: %w", m.Partner, err)
		}
	}
	return nil
}

// loadScenarios writes the saved scenarios with their ids and versions;
// restartSequences then moves their id sequence past them.
func loadScenarios(ctx context.Context, tx pgx.Tx, seq iter.Seq2[*estate.Scenario, error]) error {
	cols := []string{"id", "partner_id", "name", "description", "shared_with", "rules", "params", "version",
		"created_at", "created_by", "updated_at", "updated_by"}
	return copyRows(ctx, tx, "scenarios", cols, seq, func(s *estate.Scenario) ([]any, error) {
		shared, rules, params, err := scenarioJSON(s)
		if err != nil {
			return nil, err
		}
		return []any{s.ID, s.Partner, s.Name, s.Description, shared, rules, params, s.Version,
			s.CreatedAt, s.CreatedBy, s.UpdatedAt, s.UpdatedBy}, nil
	})
}

func loadAssetEvents(ctx context.Context, tx pgx.Tx, seq iter.Seq2[*estate.AuditEvent, error]) error {
	cols := []string{"id", "asset_id", "partner_id", "action", "actor", "actor_partner", "at", "version", "changes"}
	return copyRows(ctx, tx, "audit_events", cols, seq, func(ev *estate.AuditEvent) ([]any, error) {
		changes, err := json.Marshal(ev.Changes) // as auditArgs writes them
		if err != nil {
			return nil, fmt.Errorf("postgres: load audit event %d: %w", ev.ID, err)
		}
		return []any{ev.ID, ev.AssetID, ev.Partner, string(ev.Action), ev.Actor, ev.ActorPartner,
			ev.At, ev.Version, string(changes)}, nil
	})
}

func loadAdminEvents(ctx context.Context, tx pgx.Tx, seq iter.Seq2[*estate.AdminEvent, error]) error {
	cols := []string{"id", "entity", "entity_id", "action", "actor", "actor_partner", "at", "changes"}
	return copyRows(ctx, tx, "admin_events", cols, seq, func(ev *estate.AdminEvent) ([]any, error) {
		changes, err := json.Marshal(ev.Changes) // as appendAdminEvent writes them
		if err != nil {
			return nil, fmt.Errorf("postgres: load admin event %d: %w", ev.ID, err)
		}
		return []any{ev.ID, ev.Entity, ev.EntityID, string(ev.Action), ev.Actor, ev.ActorPartner,
			ev.At, string(changes)}, nil
	})
}
