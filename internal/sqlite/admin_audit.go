package sqlite

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/placetrust/placetrust/internal/estate"
)

// AuditService implements estate.AuditService: the trail of partner and
// token changes, which writers record with recordAdminEvent.
type AuditService struct{ db *DB }

// NewAuditService returns the audit service of db.
func NewAuditService(db *DB) *AuditService { return &AuditService{db: db} }

var _ estate.AuditService = (*AuditService)(nil)

// recordAdminEvent appends one event in tx, so the change and its record
// commit together or not at all. A change that changes nothing is not
// recorded.
func recordAdminEvent(ctx context.Context, tx *Tx, entity, id string, action estate.AuditAction, changes []estate.Change) error {
	if len(changes) == 0 {
		return nil
	}
	actor := estate.ActorFromContext(ctx)
	b, err := json.Marshal(changes)
	if err != nil {
		return fmt.Errorf("sqlite: audit %s %s: %w", entity, id, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO admin_events (entity, entity_id, action, actor, actor_partner, at, changes)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, entity, id, string(action), actor.Name, actor.Partner, formatTime(tx.now), string(b)); err != nil {
		return fmt.Errorf("sqlite: audit %s %s: %w", entity, id, err)
	}
	return nil
}

// FindAdminEvents returns partner and token events, newest first; admins only.
func (s *AuditService) FindAdminEvents(ctx context.Context, f estate.AdminEventFilter) ([]*estate.AdminEvent, error) {
	if !estate.ActorFromContext(ctx).IsAdmin() {
		return nil, estate.Errorf(estate.EFORBIDDEN, "Only an admin may read the audit trail of partners and tokens.")
	}
	if err := f.Validate(); err != nil {
		return nil, err
	}
	limit := f.Limit
	if limit == 0 {
		limit = 100
	}
	before := f.Before
	if before <= 0 {
		before = 1<<63 - 1
	}
	// Empty filters match everything: (? = '' OR column = ?) keeps one
	// statement with bound values only.
	rows, err := s.db.reader.QueryContext(ctx, `SELECT id, entity, entity_id, action, actor, actor_partner, at, changes
		FROM admin_events
		WHERE (?1 = '' OR entity = ?1) AND (?2 = '' OR entity_id = ?2) AND id < ?3
		ORDER BY id DESC LIMIT ?4`, f.Entity, f.EntityID, before, limit)
	if err != nil {
		return nil, fmt.Errorf("sqlite: find audit events: %w", err)
	}
	defer rows.Close()
	out := []*estate.AdminEvent{}
	for rows.Next() {
		var ev estate.AdminEvent
		var at, changes string
		if err := rows.Scan(&ev.ID, &ev.Entity, &ev.EntityID, &ev.Action, &ev.Actor, &ev.ActorPartner, &at, &changes); err != nil {
			return nil, fmt.Errorf("sqlite: scan audit event: %w", err)
		}
		if ev.At, err = parseTime(at); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(changes), &ev.Changes); err != nil {
			return nil, fmt.Errorf("sqlite: audit event changes: %w", err)
		}
		out = append(out, &ev)
	}
	return out, rows.Err()
}
