package sqlite

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/placetrust/placetrust/internal/estate"
)

// FindAssetHistory returns the asset's audit events, newest first. Those
// of a sensitive asset are shown only to who may see the asset.
func (s *AssetService) FindAssetHistory(ctx context.Context, id int64, f estate.HistoryFilter) ([]*estate.AuditEvent, error) {
	actor := estate.ActorFromContext(ctx)
	limit := f.Limit
	if limit <= 0 || limit > 1000 {
		limit = 100
	}
	tx, err := s.db.beginRead(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	// The owner and sensitivity come from the live asset, or from the last
	// event of a deleted one.
	var partner string
	var sensitive bool
	err = tx.QueryRowContext(ctx, `SELECT partner_id, sensitive FROM assets WHERE id = ?
		UNION ALL SELECT partner_id, coalesce((SELECT j.value ->> 'before' FROM json_each(changes) j
			WHERE j.value ->> 'field' = 'sensitive'), 0)
		FROM (SELECT partner_id, changes FROM audit_events WHERE asset_id = ? ORDER BY id DESC LIMIT 1)
		LIMIT 1`, id, id).Scan(&partner, &sensitive)
	if err != nil || (sensitive && !actor.CanSeeSensitive(partner)) {
		return nil, estate.Errorf(estate.ENOTFOUND, "Asset %d not found.", id)
	}
	before := f.Before
	if before <= 0 {
		before = 1<<63 - 1
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, asset_id, partner_id, action, actor, actor_partner, at, version, changes
		FROM audit_events WHERE asset_id = ? AND id < ? ORDER BY id DESC LIMIT ?`, id, before, limit)
	if err != nil {
		return nil, fmt.Errorf("sqlite: find history: %w", err)
	}
	defer rows.Close()
	out := []*estate.AuditEvent{}
	for rows.Next() {
		var ev estate.AuditEvent
		var at, changes string
		if err := rows.Scan(&ev.ID, &ev.AssetID, &ev.Partner, &ev.Action, &ev.Actor, &ev.ActorPartner,
			&at, &ev.Version, &changes); err != nil {
			return nil, fmt.Errorf("sqlite: scan history: %w", err)
		}
		if ev.At, err = parseTime(at); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(changes), &ev.Changes); err != nil {
			return nil, fmt.Errorf("sqlite: history changes: %w", err)
		}
		if !actor.SeesMoney() {
			ev.Changes = withoutMoney(ev.Changes)
		}
		out = append(out, &ev)
	}
	return out, rows.Err()
}

func withoutMoney(cs []estate.Change) []estate.Change {
	out := cs[:0]
	for _, c := range cs {
		if !estate.IsMoneyField(c.Field) {
			out = append(out, c)
		}
	}
	return out
}
