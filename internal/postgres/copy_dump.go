package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"

	"github.com/jackc/pgx/v5"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/service"
)

// A register's copy (service.RegisterDumper, service.RegisterLoader): the
// dump reads each table in key order through one repeatable-read
// snapshot, the load (copy_load.go) writes into an empty database in one
// transaction.

var (
	_ service.RegisterDumper = (*DB)(nil)
	_ service.RegisterLoader = (*DB)(nil)
)

// DumpRegister calls fn with the register as one read-only
// repeatable-read snapshot sees it; writers go on meanwhile. Each
// sequence streams its rows from the server as it is ranged.
func (db *DB) DumpRegister(ctx context.Context, fn func(*service.RegisterDump) error) error {
	return db.inSnapshot(ctx, func(tx pgx.Tx) error {
		d, err := dumpFrom(ctx, tx)
		if err != nil {
			return err
		}
		return fn(d)
	})
}

// dumpFrom reads the register through tx: a read snapshot, or a load's
// own transaction reading back what it wrote. Text keys are ordered
// COLLATE "C", bytewise, as Go compares strings, whatever the database's
// collation.
func dumpFrom(ctx context.Context, tx pgx.Tx) (*service.RegisterDump, error) {
	next, err := nextAssetID(ctx, tx)
	if err != nil {
		return nil, err
	}
	return &service.RegisterDump{
		NextAssetID: next,
		Partners: dumpRows(ctx, tx, `SELECT `+partnerColumns+` FROM partners ORDER BY id COLLATE "C"`,
			func(r pgx.Rows) (*estate.Partner, error) { return scanPartner(r) }),
		Tokens: dumpRows(ctx, tx, `SELECT `+tokenColumns+`, hash FROM tokens ORDER BY id`, scanStoredToken),
		Mappings: dumpRows(ctx, tx, `SELECT partner_id, items::text, delimiter, updated_at, updated_by
			FROM import_mappings ORDER BY partner_id COLLATE "C"`, scanMapping),
		Scenarios: dumpRows(ctx, tx, `SELECT `+scenarioColumns+` FROM scenarios ORDER BY id`,
			func(r pgx.Rows) (*estate.Scenario, error) { return scanScenario(r) }),
		Assets: dumpRows(ctx, tx, `SELECT `+assetColumns+` FROM assets a ORDER BY a.id`,
			func(r pgx.Rows) (*estate.Asset, error) { return scanAsset(r) }),
		AssetEvents: dumpRows(ctx, tx, `SELECT id, asset_id, partner_id, action, actor, actor_partner, at, version, changes::text
			FROM audit_events ORDER BY id`, scanAssetEvent),
		AdminEvents: dumpRows(ctx, tx, `SELECT id, entity, entity_id, action, actor, actor_partner, at, changes::text
			FROM admin_events ORDER BY id`, scanAdminEvent),
	}, nil
}

// nextAssetID is the id the assets' identity would give next. A sequence
// is outside any snapshot: read in a dump's, it may be ahead of the rows
// the snapshot sees (a writer took ids since), never behind, which keeps
// the promise that no id is given twice.
func nextAssetID(ctx context.Context, q querier) (int64, error) { return nextID(ctx, q, "assets") }

// nextID is the id table's id sequence would give next; table comes from
// the store's fixed lists, never from input.
func nextID(ctx context.Context, q querier, table string) (int64, error) {
	seq, err := idSequence(ctx, q, table)
	if err != nil {
		return 0, err
	}
	var last int64
	var called bool
	if err := q.QueryRow(ctx, `SELECT last_value, is_called FROM `+seq).Scan(&last, &called); err != nil {
		return 0, fmt.Errorf("postgres: %s id sequence: %w", table, err)
	}
	if called {
		return last + 1, nil
	}
	return last, nil
}

// idSequence is the name of table's id sequence, as the catalog quotes it.
func idSequence(ctx context.Context, q querier, table string) (string, error) {
	var seq string
	if err := q.QueryRow(ctx, `SELECT pg_get_serial_sequence($1, 'id')`, table).Scan(&seq); err != nil {
		return "", fmt.Errorf("postgres: %s id sequence: %w", table, err)
	}
	return seq, nil
}

// dumpRows yields what scan reads from each row of query, every time it
// is ranged.
func dumpRows[T any](ctx context.Context, tx pgx.Tx, query string, scan func(pgx.Rows) (T, error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		rows, err := tx.Query(ctx, query)
		if err != nil {
			yield(zero, fmt.Errorf("postgres: dump: %w", err))
			return
		}
		defer rows.Close()
		for rows.Next() {
			v, err := scan(rows)
			if !yield(v, err) || err != nil {
				return
			}
		}
		if err := rows.Err(); err != nil {
			yield(zero, fmt.Errorf("postgres: dump: %w", err))
		}
	}
}

func scanStoredToken(r pgx.Rows) (*service.StoredToken, error) {
	var s service.StoredToken
	var t estate.Token
	if err := r.Scan(&t.ID, &t.Name, (*string)(&t.Role), &t.Partner, &t.CreatedAt, &t.RevokedAt, &s.Hash); err != nil {
		return nil, fmt.Errorf("postgres: dump token: %w", err)
	}
	t.CreatedAt = t.CreatedAt.UTC() // pgx reads timestamptz in the local zone
	if t.RevokedAt != nil {
		at := t.RevokedAt.UTC()
		t.RevokedAt = &at
	}
	s.Token = &t
	return &s, nil
}

func scanMapping(r pgx.Rows) (*estate.ImportMapping, error) {
	var m estate.ImportMapping
	var items []byte
	if err := r.Scan(&m.Partner, &items, &m.Delimiter, &m.UpdatedAt, &m.UpdatedBy); err != nil {
		return nil, fmt.Errorf("postgres: dump import mapping: %w", err)
	}
	if err := json.Unmarshal(items, &m.Map); err != nil {
		return nil, fmt.Errorf("postgres: import mapping of %s: %w", m.Partner, err)
	}
	m.UpdatedAt = m.UpdatedAt.UTC()
	return &m, nil
}

// scanAssetEvent reads an asset's audit event as FindAssetHistory does.
func scanAssetEvent(r pgx.Rows) (*estate.AuditEvent, error) {
	var ev estate.AuditEvent
	var changes []byte
	if err := r.Scan(&ev.ID, &ev.AssetID, &ev.Partner, (*string)(&ev.Action), &ev.Actor, &ev.ActorPartner,
		&ev.At, &ev.Version, &changes); err != nil {
		return nil, fmt.Errorf("postgres: dump audit event: %w", err)
	}
	ev.At = ev.At.UTC()
	if err := json.Unmarshal(changes, &ev.Changes); err != nil {
		return nil, fmt.Errorf("postgres: audit event %d changes: %w", ev.ID, err)
	}
	return &ev, nil
}

// scanAdminEvent reads an admin event as FindAdminEvents does.
func scanAdminEvent(r pgx.Rows) (*estate.AdminEvent, error) {
	var ev estate.AdminEvent
	var changes []byte
	if err := r.Scan(&ev.ID, &ev.Entity, &ev.EntityID, (*string)(&ev.Action), &ev.Actor, &ev.ActorPartner,
		&ev.At, &changes); err != nil {
		return nil, fmt.Errorf("postgres: dump admin event: %w", err)
	}
	ev.At = ev.At.UTC()
	if err := json.Unmarshal(changes, &ev.Changes); err != nil {
		return nil, fmt.Errorf("postgres: admin event %d changes: %w", ev.ID, err)
	}
	return &ev, nil
}
