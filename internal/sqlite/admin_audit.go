package sqlite

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/placetrust/placetrust/internal/estate"
)

// appendAdminEvent appends ev, as the service made it, in tx, so the
// change and its record commit together or not at all; a nil ev (a
// change that changed nothing) is not recorded.
func appendAdminEvent(ctx context.Context, tx *Tx, ev *estate.AdminEvent) error {
	if ev == nil {
		return nil
	}
	b, err := json.Marshal(ev.Changes)
	if err != nil {
		return fmt.Errorf("sqlite: audit %s %s: %w", ev.Entity, ev.EntityID, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO admin_events (entity, entity_id, action, actor, actor_partner, at, changes)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, ev.Entity, ev.EntityID, string(ev.Action), ev.Actor, ev.ActorPartner,
		formatTime(ev.At), string(b)); err != nil {
		return fmt.Errorf("sqlite: audit %s %s: %w", ev.Entity, ev.EntityID, err)
	}
	return nil
}

// recordAdminEvent appends the event of a change by actor (as the service
// names it) at the transaction's time, for the writes the store stamps (imports, saved
// mappings; see beginStamped), whose changes the service decided; a
// change that changes nothing is not recorded.
func recordAdminEvent(ctx context.Context, tx *Tx, actor estate.Actor, entity, id string, action estate.AuditAction, changes []estate.Change) error {
	if len(changes) == 0 {
		return nil
	}
	return appendAdminEvent(ctx, tx, &estate.AdminEvent{Entity: entity, EntityID: id, Action: action,
		Actor: actor.Name, ActorPartner: actor.Partner, At: tx.now, Changes: changes})
}

// FindAdminEvents returns the events f selects, newest first.
func (db *DB) FindAdminEvents(ctx context.Context, f estate.AdminEventFilter) ([]*estate.AdminEvent, error) {
	before := f.Before
	if before <= 0 {
		before = 1<<63 - 1
	}
	// Empty filters match everything: (? = '' OR column = ?) keeps one
	// statement with bound values only.
	rows, err := db.reader.QueryContext(ctx, `SELECT id, entity, entity_id, action, actor, actor_partner, at, changes
		FROM admin_events
		WHERE (?1 = '' OR entity = ?1) AND (?2 = '' OR entity_id = ?2) AND id < ?3
		ORDER BY id DESC LIMIT ?4`, f.Entity, f.EntityID, before, f.Limit)
	if err != nil {
		return nil, fmt.Errorf("sqlite: find audit events: %w", err)
	}
	defer rows.Close()
	out := []*estate.AdminEvent{}
	for rows.Next() {
		ev, err := scanAdminEvent(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, ev)
	}
	return out, rows.Err()
}
