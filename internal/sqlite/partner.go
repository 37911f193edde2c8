package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/service"
)

const partnerColumns = `id, name, kind, uri, created_at, updated_at`

// FindPartner returns one partner; ENOTFOUND.
func (db *DB) FindPartner(ctx context.Context, id string) (*estate.Partner, error) {
	return findPartner(ctx, db.reader, id)
}

func findPartner(ctx context.Context, q querier, id string) (*estate.Partner, error) {
	p, err := scanPartner(q.QueryRowContext(ctx, `SELECT `+partnerColumns+` FROM partners WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, estate.Errorf(estate.ENOTFOUND, "Partner %q not found.", id)
	}
	return p, err
}

// FindPartners returns every partner ordered by id.
func (db *DB) FindPartners(ctx context.Context) ([]*estate.Partner, error) {
	rows, err := db.reader.QueryContext(ctx, `SELECT `+partnerColumns+` FROM partners ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: find partners: %w", err)
	}
	defer rows.Close()
	out := []*estate.Partner{}
	for rows.Next() {
		p, err := scanPartner(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// CreatePartner stores a new partner and its event.
func (db *DB) CreatePartner(ctx context.Context, p *estate.Partner, ev *estate.AdminEvent) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := insertPartner(ctx, tx, p); err != nil {
		return err
	}
	if err := appendAdminEvent(ctx, tx, ev); err != nil {
		return err
	}
	return commit(tx)
}

// insertPartner stores p as it is; ECONFLICT when its id is taken.
func insertPartner(ctx context.Context, tx *Tx, p *estate.Partner) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM partners WHERE id = ?`, p.ID).Scan(&n); err != nil {
		return fmt.Errorf("sqlite: create partner: %w", err)
	}
	if n > 0 {
		return &estate.Error{Code: estate.ECONFLICT, Message: fmt.Sprintf("Partner %q already exists.", p.ID),
			Fields: []estate.FieldError{{Field: "id", Message: "is already taken"}}}
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO partners (`+partnerColumns+`) VALUES (?, ?, ?, ?, ?, ?)`,
		p.ID, p.Name, string(p.Kind), p.URI, formatTime(p.CreatedAt), formatTime(p.UpdatedAt))
	if err != nil {
		return fmt.Errorf("sqlite: create partner: %w", err)
	}
	return nil
}

// UpdatePartner reads the partner, has decide change it, and writes it
// with decide's event, in one transaction.
func (db *DB) UpdatePartner(ctx context.Context, id string, decide func(*estate.Partner) (*estate.AdminEvent, error)) (*estate.Partner, error) {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	p, err := findPartner(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	ev, err := decide(p)
	if err != nil {
		return nil, err
	}
	if ev == nil {
		return p, nil // nothing changes: no write, no event
	}
	if _, err := tx.ExecContext(ctx, `UPDATE partners SET name = ?, kind = ?, uri = ?, updated_at = ? WHERE id = ?`,
		p.Name, string(p.Kind), p.URI, formatTime(p.UpdatedAt), id); err != nil {
		return nil, fmt.Errorf("sqlite: update partner: %w", err)
	}
	if err := appendAdminEvent(ctx, tx, ev); err != nil {
		return nil, err
	}
	return p, commit(tx)
}

// DeletePartner reads what the partner's deletion touches, has decide
// judge it, and revokes, forgets, deletes and records in one
// transaction.
func (db *DB) DeletePartner(ctx context.Context, id string, decide func(*service.PartnerRemoval) ([]*estate.AdminEvent, error)) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	r, err := partnerRemoval(ctx, tx, id)
	if err != nil {
		return err
	}
	evs, err := decide(r)
	if err != nil {
		return err
	}
	for _, t := range r.Tokens {
		if _, err := tx.ExecContext(ctx, `UPDATE tokens SET revoked_at = ? WHERE id = ?`, optTime(t.RevokedAt), t.ID); err != nil {
			return fmt.Errorf("sqlite: revoke partner tokens: %w", err)
		}
	}
	for _, q := range []string{`DELETE FROM import_mappings WHERE partner_id = ?`, `DELETE FROM partners WHERE id = ?`} {
		if _, err := tx.ExecContext(ctx, q, id); err != nil {
			return fmt.Errorf("sqlite: delete partner: %w", err)
		}
	}
	for _, ev := range evs {
		if err := appendAdminEvent(ctx, tx, ev); err != nil {
			return err
		}
	}
	return commit(tx)
}

// partnerRemoval reads the partner and what refers to it in tx.
func partnerRemoval(ctx context.Context, tx *Tx, id string) (*service.PartnerRemoval, error) {
	p, err := findPartner(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	r := &service.PartnerRemoval{Partner: p}
	err = tx.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM assets WHERE partner_id = ?),
		(SELECT count(*) FROM asset_occupiers WHERE partner_id = ?)`, id, id).Scan(&r.Owned, &r.Occupied)
	if err != nil {
		return nil, fmt.Errorf("sqlite: delete partner: %w", err)
	}
	if r.Tokens, err = findTokens(ctx, tx, `WHERE partner_id = ? AND revoked_at IS NULL ORDER BY id`, id); err != nil {
		return nil, err
	}
	if r.Mapping, err = findImportMapping(ctx, tx, id); err != nil {
		return nil, err
	}
	return r, nil
}

type scanner interface{ Scan(dest ...any) error }

func scanPartner(row scanner) (*estate.Partner, error) {
	var p estate.Partner
	var created, updated string
	if err := row.Scan(&p.ID, &p.Name, &p.Kind, &p.URI, &created, &updated); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, err
		}
		return nil, fmt.Errorf("sqlite: scan partner: %w", err)
	}
	var err error
	if p.CreatedAt, err = parseTime(created); err != nil {
		return nil, err
	}
	if p.UpdatedAt, err = parseTime(updated); err != nil {
		return nil, err
	}
	return &p, nil
}

func commit(tx *Tx) error {
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: commit: %w", err)
	}
	return nil
}
