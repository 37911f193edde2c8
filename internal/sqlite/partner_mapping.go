package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/placetrust/placetrust/internal/estate"
)

// The store's part of partners' saved import mappings
// (service.MappingStore): who may read and change one, and what one may
// hold, the service checks. Changes are audited on the partner.

// FindImportMapping returns the partner's saved mapping; ENOTFOUND when
// there is none.
func (db *DB) FindImportMapping(ctx context.Context, partner string) (*estate.ImportMapping, error) {
	m, err := findImportMapping(ctx, db.reader, partner)
	if err == nil && m == nil {
		return nil, estate.Errorf(estate.ENOTFOUND, "Partner %q has no saved import mapping.", partner)
	}
	return m, err
}

// SetImportMapping saves m, replacing the partner's saved mapping.
func (db *DB) SetImportMapping(ctx context.Context, m *estate.ImportMapping) error {
	actor := estate.ActorFromContext(ctx)
	tx, err := db.beginStamped(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM partners WHERE id = ?`, m.Partner).Scan(&n); err != nil {
		return fmt.Errorf("sqlite: set import mapping: %w", err)
	}
	if n == 0 {
		return estate.Errorf(estate.ENOTFOUND, "Partner %q not found.", m.Partner)
	}
	before, err := findImportMapping(ctx, tx, m.Partner)
	if err != nil {
		return err
	}
	changes := estate.ImportMappingDiff(before, m)
	if len(changes) == 0 {
		// The same mapping saved again, as every quarter's import with
		// --save-mapping does: no write, no audit event, and the date
		// stays the one it was worked out on.
		m.UpdatedAt, m.UpdatedBy = before.UpdatedAt, before.UpdatedBy
		return nil
	}
	items, err := json.Marshal(m.Map)
	if err != nil {
		return fmt.Errorf("sqlite: set import mapping: %w", err)
	}
	m.UpdatedAt, m.UpdatedBy = tx.now, actor.Name
	if _, err := tx.ExecContext(ctx, `INSERT INTO import_mappings (partner_id, items, delimiter, updated_at, updated_by)
		VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (partner_id) DO UPDATE SET items = excluded.items, delimiter = excluded.delimiter,
			updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
		m.Partner, string(items), m.Delimiter, formatTime(m.UpdatedAt), m.UpdatedBy); err != nil {
		return fmt.Errorf("sqlite: set import mapping: %w", err)
	}
	if err := recordAdminEvent(ctx, tx, estate.EntityPartner, m.Partner, estate.ActionUpdate, changes); err != nil {
		return err
	}
	return commit(tx)
}

// DeleteImportMapping forgets the partner's saved mapping.
func (db *DB) DeleteImportMapping(ctx context.Context, partner string) error {
	tx, err := db.beginStamped(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	found, err := deleteImportMapping(ctx, tx, partner)
	if err != nil {
		return err
	}
	if !found {
		return estate.Errorf(estate.ENOTFOUND, "Partner %q has no saved import mapping.", partner)
	}
	return commit(tx)
}

// deleteImportMapping removes the partner's mapping, if any, with its
// audit event.
func deleteImportMapping(ctx context.Context, tx *Tx, partner string) (found bool, err error) {
	before, err := findImportMapping(ctx, tx, partner)
	if err != nil || before == nil {
		return false, err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM import_mappings WHERE partner_id = ?`, partner); err != nil {
		return false, fmt.Errorf("sqlite: delete import mapping: %w", err)
	}
	return true, recordAdminEvent(ctx, tx, estate.EntityPartner, partner, estate.ActionUpdate, estate.ImportMappingDiff(before, nil))
}

// findImportMapping returns the partner's mapping, or nil without error
// when it has none.
func findImportMapping(ctx context.Context, q querier, partner string) (*estate.ImportMapping, error) {
	m := &estate.ImportMapping{Partner: partner}
	var items, updated string
	err := q.QueryRowContext(ctx, `SELECT items, delimiter, updated_at, updated_by FROM import_mappings WHERE partner_id = ?`,
		partner).Scan(&items, &m.Delimiter, &updated, &m.UpdatedBy)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("sqlite: find import mapping: %w", err)
	}
	if err := json.Unmarshal([]byte(items), &m.Map); err != nil {
		return nil, fmt.Errorf("sqlite: import mapping of %s: %w", partner, err)
	}
	if m.UpdatedAt, err = parseTime(updated); err != nil {
		return nil, err
	}
	return m, nil
}
