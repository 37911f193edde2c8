package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/placetrust/placetrust/internal/estate"
)

// Partners' saved import mappings (service.ImportMappingStore), each
// change audited on the partner.

// FindImportMapping returns the partner's saved mapping; ENOTFOUND when
// there is none.
func (db *DB) FindImportMapping(ctx context.Context, partner string) (*estate.ImportMapping, error) {
	m, err := findImportMapping(ctx, db.pool, partner)
	if err != nil {
		return nil, db.readError(err, "find import mapping")
	}
	if m == nil {
		return nil, estate.Errorf(estate.ENOTFOUND, "Partner %q has no saved import mapping.", partner)
	}
	return m, nil
}

// ChangeImportMapping replaces or forgets the partner's mapping as change
// says, in one transaction holding the partner's row.
func (db *DB) ChangeImportMapping(ctx context.Context, partner string, actor estate.Actor,
	change func(before *estate.ImportMapping, now time.Time) (*estate.ImportMapping, []estate.Change, error)) error {
	now := db.Now().UTC()
	return db.inTx(ctx, func(tx pgx.Tx) error {
		if _, err := findPartner(ctx, tx, partner, ` FOR NO KEY UPDATE`); err != nil {
			return err
		}
		before, err := findImportMapping(ctx, tx, partner)
		if err != nil {
			return err
		}
		after, changes, err := change(before, now)
		if err != nil || len(changes) == 0 {
			return err
		}
		if after == nil {
			_, err = tx.Exec(ctx, `DELETE FROM import_mappings WHERE partner_id = $1`, partner)
		} else {
			err = saveImportMapping(ctx, tx, after)
		}
		if err != nil {
			return fmt.Errorf("postgres: change import mapping: %w", err)
		}
		return recordAdminEvent(ctx, tx, actor, now, estate.EntityPartner, partner, estate.ActionUpdate, changes)
	})
}

func saveImportMapping(ctx context.Context, tx pgx.Tx, m *estate.ImportMapping) error {
	items, err := json.Marshal(m.Map)
	if err != nil {
		return err
	}
	_, err = tx.Exec(ctx, `INSERT INTO import_mappings (partner_id, items, delimiter, updated_at, updated_by)
		VALUES ($1, $2::jsonb, $3, $4, $5)
		ON CONFLICT (partner_id) DO UPDATE SET items = excluded.items, delimiter = excluded.delimiter,
			updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
		m.Partner, string(items), m.Delimiter, m.UpdatedAt, m.UpdatedBy)
	return err
}

// findImportMapping returns the partner's mapping, or nil without error
// when it has none.
func findImportMapping(ctx context.Context, q querier, partner string) (*estate.ImportMapping, error) {
	m := &estate.ImportMapping{Partner: partner}
	var items []byte
	err := q.QueryRow(ctx, `SELECT items::text, delimiter, updated_at, updated_by FROM import_mappings WHERE partner_id = $1`,
		partner).Scan(&items, &m.Delimiter, &m.UpdatedAt, &m.UpdatedBy)
	if err == pgx.ErrNoRows {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("postgres: find import mapping: %w", err)
	}
	if err := json.Unmarshal(items, &m.Map); err != nil {
		return nil, fmt.Errorf("postgres: import mapping of %s: %w", partner, err)
	}
	m.UpdatedAt = m.UpdatedAt.UTC()
	return m, nil
}
