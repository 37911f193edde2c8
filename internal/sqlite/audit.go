package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/service"
)

// FindAssetHistory returns whose the asset is and its audit events,
// newest first, from one snapshot.
func (db *DB) FindAssetHistory(ctx context.Context, id, before int64, limit int) (service.AssetOwner, []*estate.AuditEvent, error) {
	var owner service.AssetOwner
	tx, err := db.beginRead(ctx)
	if err != nil {
		return owner, nil, err
	}
	defer tx.Rollback()
	// The owner and sensitivity come from the live asset, or from the last
	// event of a deleted one. Only the array form of changes has a before
	// (see decodeChanges): the CASE keeps ->> off the compact forms'
	// plain values, which are not JSON.
	err = tx.QueryRowContext(ctx, `SELECT partner_id, sensitive FROM assets WHERE id = ?
		UNION ALL SELECT partner_id, coalesce((SELECT j.value ->> 'before' FROM json_each(changes) j
			WHERE CASE WHEN j.type = 'object' THEN j.value ->> 'field' END = 'sensitive'), 0)
		FROM (SELECT partner_id, changes FROM audit_events WHERE asset_id = ? ORDER BY id DESC LIMIT 1)
		LIMIT 1`, id, id).Scan(&owner.Partner, &owner.Sensitive)
	if errors.Is(err, sql.ErrNoRows) {
		return owner, nil, estate.Errorf(estate.ENOTFOUND, "Asset %d not found.", id)
	} else if err != nil {
		return owner, nil, fmt.Errorf("sqlite: find history: %w", err)
	}
	if before <= 0 {
		before = 1<<63 - 1
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, asset_id, partner_id, action, actor, actor_partner, at, version, changes
		FROM audit_events WHERE asset_id = ? AND id < ? ORDER BY id DESC LIMIT ?`, id, before, limit)
	if err != nil {
		return owner, nil, fmt.Errorf("sqlite: find history: %w", err)
	}
	defer rows.Close()
	out := []*estate.AuditEvent{}
	for rows.Next() {
		ev, err := scanAuditEvent(rows)
		if err != nil {
			return owner, nil, err
		}
		out = append(out, ev)
	}
	return owner, out, rows.Err()
}

// decodeChanges reads an event's changes in any of the forms stored: a
// JSON array of {field, before, after}; an object of field to after
// value, the compact form imports wrote for new assets before; or the
// positional form they write now (see encodeInsertChanges).
func decodeChanges(s string) ([]estate.Change, error) {
	out := []estate.Change{}
	switch {
	case strings.HasPrefix(s, "{"):
		return decodeObjectChanges(s, out)
	case strings.HasPrefix(s, positionalTag+",") || s == positionalTag+"]":
		return decodePositionalChanges(s, out)
	}
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		return nil, fmt.Errorf("sqlite: history changes: %w", err)
	}
	return out, nil
}

func decodeObjectChanges(s string, out []estate.Change) ([]estate.Change, error) {
	dec := json.NewDecoder(strings.NewReader(s))
	if _, err := dec.Token(); err != nil { // the opening brace
		return nil, fmt.Errorf("sqlite: history changes: %w", err)
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, fmt.Errorf("sqlite: history changes: %w", err)
		}
		c := estate.Change{Field: tok.(string)} // object keys are strings
		if err := dec.Decode(&c.After); err != nil {
			return nil, fmt.Errorf("sqlite: history changes: %w", err)
		}
		out = append(out, c)
	}
	return out, nil
}

// decodePositionalChanges reads the positional form: the tag, then after
// values in insertFields order, "" or null where Diff has no change.
func decodePositionalChanges(s string, out []estate.Change) ([]estate.Change, error) {
	var values []any
	if err := json.Unmarshal([]byte(s), &values); err != nil {
		return nil, fmt.Errorf("sqlite: history changes: %w", err)
	}
	if len(values)-1 > len(insertFields) {
		return nil, fmt.Errorf("sqlite: history changes: %d values where the form has %d", len(values)-1, len(insertFields))
	}
	for i, v := range values[1:] {
		if v == nil || v == "" {
			continue
		}
		out = append(out, estate.Change{Field: insertFields[i], After: v})
	}
	return out, nil
}
