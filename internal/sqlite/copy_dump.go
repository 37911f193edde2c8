package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"iter"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/service"
)

// A register's copy (service.RegisterDumper, service.RegisterLoader): the
// dump reads each table in key order through one read transaction, the
// load (copy_load.go) writes into an empty database in one write
// transaction.

var (
	_ service.RegisterDumper = (*DB)(nil)
	_ service.RegisterLoader = (*DB)(nil)
)

// DumpRegister calls fn with the register as one read transaction sees
// it; other writers go on meanwhile (WAL).
func (db *DB) DumpRegister(ctx context.Context, fn func(*service.RegisterDump) error) error {
	tx, err := db.beginRead(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	d, err := dumpFrom(ctx, tx)
	if err != nil {
		return err
	}
	return fn(d)
}

// dumpFrom reads the register through q: a read snapshot, or a load's
// own write transaction reading back what it wrote.
func dumpFrom(ctx context.Context, q querier) (*service.RegisterDump, error) {
	next, err := nextAssetID(ctx, q)
	if err != nil {
		return nil, err
	}
	return &service.RegisterDump{
		NextAssetID: next,
		Partners: dumpRows(ctx, q, `SELECT `+partnerColumns+` FROM partners ORDER BY id`,
			scanPartner),
		Tokens: dumpRows(ctx, q, `SELECT `+tokenColumns+`, hash FROM tokens ORDER BY id`, scanStoredToken),
		Mappings: dumpRows(ctx, q, `SELECT partner_id, items, delimiter, updated_at, updated_by
			FROM import_mappings ORDER BY partner_id`, scanMapping),
		Scenarios: dumpRows(ctx, q, `SELECT `+scenarioColumns+` FROM scenarios ORDER BY id`, scanScenario),
		Assets: dumpRows(ctx, q, `SELECT `+assetColumnsPacked+` FROM assets a ORDER BY a.id`,
			scanAssetPacked),
		AssetEvents: dumpRows(ctx, q, `SELECT id, asset_id, partner_id, action, actor, actor_partner, at, version, changes
			FROM audit_events ORDER BY id`, scanAuditEvent),
		AdminEvents: dumpRows(ctx, q, `SELECT id, entity, entity_id, action, actor, actor_partner, at, changes
			FROM admin_events ORDER BY id`, scanAdminEvent),
	}, nil
}

// dumpRows yields what scan reads from each row of query, every time it
// is ranged.
func dumpRows[T any](ctx context.Context, q querier, query string, scan func(scanner) (T, error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		rows, err := q.QueryContext(ctx, query)
		if err != nil {
			yield(zero, fmt.Errorf("sqlite: dump: %w", err))
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
			yield(zero, fmt.Errorf("sqlite: dump: %w", err))
		}
	}
}

func scanStoredToken(r scanner) (*service.StoredToken, error) {
	var s service.StoredToken
	var t estate.Token
	var created string
	var revoked sql.NullString
	if err := r.Scan(&t.ID, &t.Name, &t.Role, &t.Partner, &created, &revoked, &s.Hash); err != nil {
		return nil, fmt.Errorf("sqlite: dump token: %w", err)
	}
	var err error
	if t.CreatedAt, err = parseTime(created); err != nil {
		return nil, err
	}
	if revoked.Valid {
		at, err := parseTime(revoked.String)
		if err != nil {
			return nil, err
		}
		t.RevokedAt = &at
	}
	s.Token = &t
	return &s, nil
}

func scanMapping(r scanner) (*estate.ImportMapping, error) {
	var m estate.ImportMapping
	var items, updated string
	if err := r.Scan(&m.Partner, &items, &m.Delimiter, &updated, &m.UpdatedBy); err != nil {
		return nil, fmt.Errorf("sqlite: dump import mapping: %w", err)
	}
	if err := json.Unmarshal([]byte(items), &m.Map); err != nil {
		return nil, fmt.Errorf("sqlite: import mapping of %s: %w", m.Partner, err)
	}
	var err error
	m.UpdatedAt, err = parseTime(updated)
	return &m, err
}

// scanAuditEvent reads an asset event, its changes in any stored form.
func scanAuditEvent(r scanner) (*estate.AuditEvent, error) {
	var ev estate.AuditEvent
	var at, changes string
	if err := r.Scan(&ev.ID, &ev.AssetID, &ev.Partner, &ev.Action, &ev.Actor, &ev.ActorPartner,
		&at, &ev.Version, &changes); err != nil {
		return nil, fmt.Errorf("sqlite: scan audit event: %w", err)
	}
	var err error
	if ev.At, err = parseTime(at); err != nil {
		return nil, err
	}
	if ev.Changes, err = decodeChanges(changes); err != nil {
		return nil, err
	}
	return &ev, nil
}

func scanAdminEvent(r scanner) (*estate.AdminEvent, error) {
	var ev estate.AdminEvent
	var at, changes string
	if err := r.Scan(&ev.ID, &ev.Entity, &ev.EntityID, &ev.Action, &ev.Actor, &ev.ActorPartner, &at, &changes); err != nil {
		return nil, fmt.Errorf("sqlite: scan admin event: %w", err)
	}
	var err error
	if ev.At, err = parseTime(at); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(changes), &ev.Changes); err != nil {
		return nil, fmt.Errorf("sqlite: admin event %d changes: %w", ev.ID, err)
	}
	return &ev, nil
}
