package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/service"
)

// FindAssetHistory returns whose the asset is and its audit events,
// newest first, from one snapshot.
func (db *DB) FindAssetHistory(ctx context.Context, id, before int64, limit int) (service.AssetOwner, []*estate.AuditEvent, error) {
	var owner service.AssetOwner
	var out []*estate.AuditEvent
	err := db.inSnapshot(ctx, func(tx pgx.Tx) error {
		// The owner and sensitivity come from the live asset, or from the
		// last event of a deleted one: its change of sensitive, if any.
		err := tx.QueryRow(ctx, `(SELECT partner_id, sensitive FROM assets WHERE id = $1)
			UNION ALL
			(SELECT e.partner_id, coalesce((SELECT (c ->> 'before')::boolean
					FROM json_array_elements(CASE WHEN json_typeof(e.changes) = 'array' THEN e.changes ELSE '[]' END) c
					WHERE c ->> 'field' = 'sensitive' AND json_typeof(c -> 'before') = 'boolean'), false)
				FROM audit_events e WHERE e.asset_id = $1 ORDER BY e.id DESC LIMIT 1)
			LIMIT 1`, id).Scan(&owner.Partner, &owner.Sensitive)
		if err == pgx.ErrNoRows {
			return estate.Errorf(estate.ENOTFOUND, "Asset %d not found.", id)
		} else if err != nil {
			return fmt.Errorf("postgres: find history: %w", err)
		}
		if before <= 0 {
			before = 1<<63 - 1
		}
		rows, err := tx.Query(ctx, `SELECT id, asset_id, partner_id, action, actor, actor_partner, at, version, changes::text
			FROM audit_events WHERE asset_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3`, id, before, limit)
		if err != nil {
			return fmt.Errorf("postgres: find history: %w", err)
		}
		out, err = pgx.CollectRows(rows, func(row pgx.CollectableRow) (*estate.AuditEvent, error) {
			var ev estate.AuditEvent
			var changes []byte
			if err := row.Scan(&ev.ID, &ev.AssetID, &ev.Partner, (*string)(&ev.Action), &ev.Actor, &ev.ActorPartner,
				&ev.At, &ev.Version, &changes); err != nil {
				return nil, fmt.Errorf("postgres: scan history: %w", err)
			}
			ev.At = ev.At.UTC()
			ev.Changes = []estate.Change{}
			if err := json.Unmarshal(changes, &ev.Changes); err != nil {
				return nil, fmt.Errorf("postgres: history changes: %w", err)
			}
			return &ev, nil
		})
		return err
	})
	if err != nil {
		return owner, nil, err
	}
	if out == nil {
		out = []*estate.AuditEvent{}
	}
	return owner, out, nil
}

// appendAdminEvent appends ev, as the service made it, in tx; a nil ev (a
// change that changed nothing) is not recorded.
func appendAdminEvent(ctx context.Context, tx pgx.Tx, ev *estate.AdminEvent) error {
	if ev == nil {
		return nil
	}
	changes, err := json.Marshal(ev.Changes) // null for none, read back as nil
	if err != nil {
		return fmt.Errorf("postgres: audit %s %s: %w", ev.Entity, ev.EntityID, err)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO admin_events (entity, entity_id, action, actor, actor_partner, at, changes)
		VALUES ($1, $2, $3, $4, $5, $6, $7::json)`, ev.Entity, ev.EntityID, string(ev.Action), ev.Actor, ev.ActorPartner,
		ev.At, string(changes)); err != nil {
		return fmt.Errorf("postgres: audit %s %s: %w", ev.Entity, ev.EntityID, err)
	}
	return nil
}

// recordAdminEvent appends the event of a change by actor at now, for
// the writes the store stamps (saved mappings, imports); a change that
// changes nothing is not recorded.
func recordAdminEvent(ctx context.Context, tx pgx.Tx, actor estate.Actor, now time.Time, entity, id string, action estate.AuditAction, changes []estate.Change) error {
	if len(changes) == 0 {
		return nil
	}
	return appendAdminEvent(ctx, tx, &estate.AdminEvent{Entity: entity, EntityID: id, Action: action,
		Actor: actor.Name, ActorPartner: actor.Partner, At: now, Changes: changes})
}

// FindAdminEvents returns the events f selects, newest first.
func (db *DB) FindAdminEvents(ctx context.Context, f estate.AdminEventFilter) ([]*estate.AdminEvent, error) {
	before := f.Before
	if before <= 0 {
		before = 1<<63 - 1
	}
	rows, err := db.pool.Query(ctx, `SELECT id, entity, entity_id, action, actor, actor_partner, at, changes::text
		FROM admin_events
		WHERE ($1 = '' OR entity = $1) AND ($2 = '' OR entity_id = $2) AND id < $3
		ORDER BY id DESC LIMIT $4`, f.Entity, f.EntityID, before, f.Limit)
	if err != nil {
		return nil, db.readError(err, "find audit events")
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (*estate.AdminEvent, error) {
		var ev estate.AdminEvent
		var changes []byte
		if err := row.Scan(&ev.ID, &ev.Entity, &ev.EntityID, (*string)(&ev.Action), &ev.Actor, &ev.ActorPartner, &ev.At, &changes); err != nil {
			return nil, fmt.Errorf("postgres: scan audit event: %w", err)
		}
		ev.At = ev.At.UTC()
		if err := json.Unmarshal(changes, &ev.Changes); err != nil {
			return nil, fmt.Errorf("postgres: audit event changes: %w", err)
		}
		return &ev, nil
	})
	if err != nil {
		return nil, db.readError(err, "find audit events")
	}
	if out == nil {
		out = []*estate.AdminEvent{}
	}
	return out, nil
}
