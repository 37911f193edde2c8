package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/service"
)

// Partners' saved import mappings (service.ImportMappingStore), each
// change audited on the partner.

var _ service.ImportMappingStore = (*DB)(nil)

// FindImportMapping returns the partner's saved mapping; ENOTFOUND when
// there is none.
func (db *DB) FindImportMapping(ctx context.Context, partner string) (*estate.ImportMapping, error) {
	m, err := findImportMapping(ctx, db.reader, partner)
	if err == nil && m == nil {
		return nil, estate.Errorf(estate.ENOTFOUND, "Partner %q has no saved import mapping.", partner)
	}
	return m, err
}

// ChangeImportMapping replaces or forgets the partner's mapping as change
// says, in one write transaction.
func (db *DB) ChangeImportMapping(ctx context.Context, partner string, actor estate.Actor,
	change func(before *estate.ImportMapping, now time.Time) (*estate.ImportMapping, []estate.Change, error)) error {
	tx, err := db.beginStamped(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM partners WHERE id = ?`, partner).Scan(&n); err != nil {
		return fmt.Errorf("sqlite: change import mapping: %w", err)
	}
	if n == 0 {
		return estate.Errorf(estate.ENOTFOUND, "Partner %q not found.", partner)
	}
	before, err := findImportMapping(ctx, tx, partner)
	if err != nil {
		return err
	}
	after, changes, err := change(before, tx.now)
	if err != nil || len(changes) == 0 {
		return err
	}
	if after == nil {
		_, err = tx.ExecContext(ctx, `DELETE FROM import_mappings WHERE partner_id = ?`, partner)
	} else {
		err = saveImportMapping(ctx, tx, after)
	}
	if err != nil {
		return fmt.Errorf("sqlite: change import mapping: %w", err)
	}
	if err := recordAdminEvent(ctx, tx, actor, estate.EntityPartner, partner, estate.ActionUpdate, changes); err != nil {
		return err
	}
	return commit(tx)
}

func saveImportMapping(ctx context.Context, tx *Tx, m *estate.ImportMapping) error {
	items, err := json.Marshal(m.Map)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO import_mappings (partner_id, items, delimiter, updated_at, updated_by)
		VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (partner_id) DO UPDATE SET items = excluded.items, delimiter = excluded.delimiter,
			updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
		m.Partner, string(items), m.Delimiter, formatTime(m.UpdatedAt), m.UpdatedBy)
	return err
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
