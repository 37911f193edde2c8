package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"strings"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/pipeline"
	"github.com/placetrust/placetrust/internal/service"
)

// LoadRegister writes a dumped register into this empty database in one
// write transaction, every id kept, verified before it commits (see
// service.RegisterLoader). Assets go in as the normal write path writes
// them (assetRow: packed and search_text columns, tags and occupiers
// mirrored), several rows a statement, encoded on a goroutine of their
// own while the writer writes, and are indexed at the end in bulk as an
// import's are (indexInserted).
func (db *DB) LoadRegister(ctx context.Context, d *service.RegisterDump, verify func(*service.RegisterDump) error) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := refuseNonEmpty(ctx, tx); err != nil {
		return err
	}
	// Tags and occupiers are written in batches of their own, ahead of
	// their assets' batch: their references are checked at commit (the
	// pragma ends with the transaction).
	if _, err := tx.ExecContext(ctx, `PRAGMA defer_foreign_keys = ON`); err != nil {
		return fmt.Errorf("sqlite: load: %w", err)
	}
	for _, step := range []func() error{
		func() error { return loadPartners(ctx, tx, d.Partners) },
		func() error { return loadTokens(ctx, tx, d.Tokens) },
		func() error { return loadMappings(ctx, tx, d.Mappings) },
		func() error { return loadScenarios(ctx, tx, d.Scenarios) },
		func() error { return loadAssets(ctx, tx, d.Assets) },
		func() error { return loadAssetEvents(ctx, tx, d.AssetEvents) },
		func() error { return loadAdminEvents(ctx, tx, d.AdminEvents) },
	} {
		if err := step(); err != nil {
			return err
		}
	}
	// The floor carries ids the source retired beyond its rows and trail.
	if _, err := tx.ExecContext(ctx, `UPDATE asset_id_floor SET next = ?`, d.NextAssetID); err != nil {
		return fmt.Errorf("sqlite: load: asset id floor: %w", err)
	}
	written, err := dumpFrom(ctx, tx)
	if err != nil {
		return err
	}
	if err := verify(written); err != nil {
		return err
	}
	return commit(tx)
}

// refuseNonEmpty refuses a database holding anything, or that has ever
// given an asset id: a copy keeps the source's ids, which could collide.
func refuseNonEmpty(ctx context.Context, tx *Tx) error {
	var held []string
	for _, t := range []string{"partners", "tokens", "import_mappings", "scenarios", "assets", "audit_events", "admin_events"} {
		var n int
		// t comes from the fixed list above.
		if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM `+t+`)`).Scan(&n); err != nil {
			return fmt.Errorf("sqlite: load: %w", err)
		}
		if n > 0 {
			held = append(held, t)
		}
	}
	var next int64
	if err := tx.QueryRowContext(ctx, `SELECT next FROM asset_id_floor`).Scan(&next); err != nil {
		return fmt.Errorf("sqlite: load: %w", err)
	}
	if next > 1 {
		held = append(held, "asset ids given")
	}
	if len(held) > 0 {
		return estate.Errorf(estate.ECONFLICT, "The target register is not empty (it holds %s): a register is copied only into an empty one.",
			strings.Join(held, ", "))
	}
	return nil
}

func loadPartners(ctx context.Context, tx *Tx, seq iter.Seq2[*estate.Partner, error]) error {
	ins := newBulkInsert(tx, "partners", partnerColumns, 64)
	defer ins.close()
	for p, err := range seq {
		if err != nil {
			return err
		}
		if err := ins.add(ctx, p.ID, p.Name, string(p.Kind), p.URI, formatTime(p.CreatedAt), formatTime(p.UpdatedAt)); err != nil {
			return err
		}
	}
	return ins.flush(ctx)
}

func loadTokens(ctx context.Context, tx *Tx, seq iter.Seq2[*service.StoredToken, error]) error {
	ins := newBulkInsert(tx, "tokens", `id, name, role, partner_id, hash, created_at, revoked_at`, 64)
	defer ins.close()
	for s, err := range seq {
		if err != nil {
			return err
		}
		t := s.Token
		var revoked any
		if t.RevokedAt != nil {
			revoked = formatTime(*t.RevokedAt)
		}
		if err := ins.add(ctx, t.ID, t.Name, string(t.Role), nullString(t.Partner), s.Hash, formatTime(t.CreatedAt), revoked); err != nil {
			return err
		}
	}
	return ins.flush(ctx)
}

func loadMappings(ctx context.Context, tx *Tx, seq iter.Seq2[*estate.ImportMapping, error]) error {
	for m, err := range seq {
		if err != nil {
			return err
		}
		if err := saveImportMapping(ctx, tx, m); err != nil {
			return fmt.Errorf("sqlite: load import mapping of %s: %w", m.Partner, err)
		}
	}
	return nil
}

// loadScenarios writes the saved scenarios with their ids and versions.
func loadScenarios(ctx context.Context, tx *Tx, seq iter.Seq2[*estate.Scenario, error]) error {
	ins := newBulkInsert(tx, "scenarios", scenarioColumns, 64)
	defer ins.close()
	return addAll(ctx, ins, seq, func(s *estate.Scenario) ([]any, error) {
		shared, rules, params, err := scenarioJSON(s)
		if err != nil {
			return nil, err
		}
		return []any{s.ID, s.Partner, s.Name, s.Description, shared, rules, params, s.Version,
			formatTime(s.CreatedAt), s.CreatedBy, formatTime(s.UpdatedAt), s.UpdatedBy}, nil
	})
}

// loadRow is an asset encoded for the writer.
type loadRow struct {
	a   *estate.Asset
	row []any
	err error
}

func loadAssets(ctx context.Context, tx *Tx, seq iter.Seq2[*estate.Asset, error]) error {
	batches, stop := pipeline.Run(4, 256, func(yield func(loadRow) bool) {
		for a, err := range seq {
			r := loadRow{a: a, err: err}
			if err == nil {
				r.row, r.err = assetRow(a)
			}
			if !yield(r) || r.err != nil {
				return
			}
		}
	})
	defer stop()
	assets := newBulkInsert(tx, "assets", "id, "+assetWriteColumns, 32)
	tags := newBulkInsert(tx, "asset_tags", "tag, asset_id", 256)
	occupiers := newBulkInsert(tx, "asset_occupiers", "asset_id, partner_id", 256)
	defer assets.close()
	defer tags.close()
	defer occupiers.close()
	var added []rtreeCell // indexed at the end, in bulk
	for batch := range batches {
		for _, r := range batch {
			if r.err != nil {
				return r.err
			}
			a := r.a
			if err := assets.add(ctx, append([]any{a.ID}, r.row...)...); err != nil {
				return err
			}
			for _, t := range a.Tags {
				if err := tags.add(ctx, t, a.ID); err != nil {
					return err
				}
			}
			for _, o := range a.Occupiers {
				if err := occupiers.add(ctx, a.ID, o.Partner); err != nil {
					return err
				}
			}
			added = append(added, rtreeEntry(a.ID, a.Bounds()))
		}
	}
	for _, b := range []*bulkInsert{assets, tags, occupiers} {
		if err := b.flush(ctx); err != nil {
			return err
		}
	}
	return indexInserted(ctx, tx, 0, added)
}

func loadAssetEvents(ctx context.Context, tx *Tx, seq iter.Seq2[*estate.AuditEvent, error]) error {
	ins := newBulkInsert(tx, "audit_events", `id, asset_id, partner_id, action, actor, actor_partner, at, version, changes`, 64)
	defer ins.close()
	return addAll(ctx, ins, seq, func(ev *estate.AuditEvent) ([]any, error) {
		changes, err := encodeCopiedChanges(ev.Changes)
		if err != nil {
			return nil, fmt.Errorf("sqlite: load audit event %d: %w", ev.ID, err)
		}
		return []any{ev.ID, ev.AssetID, ev.Partner, string(ev.Action), ev.Actor, ev.ActorPartner,
			formatTime(ev.At), ev.Version, changes}, nil
	})
}

func loadAdminEvents(ctx context.Context, tx *Tx, seq iter.Seq2[*estate.AdminEvent, error]) error {
	ins := newBulkInsert(tx, "admin_events", `id, entity, entity_id, action, actor, actor_partner, at, changes`, 64)
	defer ins.close()
	return addAll(ctx, ins, seq, func(ev *estate.AdminEvent) ([]any, error) {
		changes, err := json.Marshal(ev.Changes)
		if err != nil {
			return nil, fmt.Errorf("sqlite: load admin event %d: %w", ev.ID, err)
		}
		return []any{ev.ID, ev.Entity, ev.EntityID, string(ev.Action), ev.Actor, ev.ActorPartner,
			formatTime(ev.At), string(changes)}, nil
	})
}
