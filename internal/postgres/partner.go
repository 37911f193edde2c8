package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/service"
)

const partnerColumns = `id, name, kind, uri, created_at, updated_at`

// FindPartner returns one partner; ENOTFOUND.
func (db *DB) FindPartner(ctx context.Context, id string) (*estate.Partner, error) {
	p, err := findPartner(ctx, db.pool, id, "")
	if err != nil && estate.ErrorCode(err) == estate.EINTERNAL {
		return nil, db.readError(err, "find partner")
	}
	return p, err
}

// querier is a pool or a transaction.
type querier interface {
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

// findPartner reads partner id; lock is "" or a locking clause.
func findPartner(ctx context.Context, q querier, id, lock string) (*estate.Partner, error) {
	p, err := scanPartner(q.QueryRow(ctx, `SELECT `+partnerColumns+` FROM partners WHERE id = $1`+lock, id))
	if err == pgx.ErrNoRows {
		return nil, estate.Errorf(estate.ENOTFOUND, "Partner %q not found.", id)
	}
	return p, err
}

// FindPartners returns every partner ordered by id.
func (db *DB) FindPartners(ctx context.Context) ([]*estate.Partner, error) {
	rows, err := db.pool.Query(ctx, `SELECT `+partnerColumns+` FROM partners ORDER BY id COLLATE "C"`)
	if err != nil {
		return nil, db.readError(err, "find partners")
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (*estate.Partner, error) { return scanPartner(row) })
	if err != nil {
		return nil, db.readError(err, "find partners")
	}
	if out == nil {
		out = []*estate.Partner{}
	}
	return out, nil
}

// CreatePartner stores a new partner and its event.
func (db *DB) CreatePartner(ctx context.Context, p *estate.Partner, ev *estate.AdminEvent) error {
	return db.inTx(ctx, func(tx pgx.Tx) error {
		if err := insertPartner(ctx, tx, p); err != nil {
			return err
		}
		return appendAdminEvent(ctx, tx, ev)
	})
}

// insertPartner stores p as it is; ECONFLICT when its id is taken.
func insertPartner(ctx context.Context, tx pgx.Tx, p *estate.Partner) error {
	tag, err := tx.Exec(ctx, `INSERT INTO partners (`+partnerColumns+`) VALUES ($1, $2, $3, $4, $5, $6)
		ON CONFLICT (id) DO NOTHING`, p.ID, p.Name, string(p.Kind), p.URI, p.CreatedAt, p.UpdatedAt)
	if err != nil {
		return fmt.Errorf("postgres: create partner: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return &estate.Error{Code: estate.ECONFLICT, Message: fmt.Sprintf("Partner %q already exists.", p.ID),
			Fields: []estate.FieldError{{Field: "id", Message: "is already taken"}}}
	}
	return nil
}

// UpdatePartner reads the partner, locked, has decide change it, and
// writes it with decide's event, in one transaction. The lock keeps its
// key: the partner's assets are written meanwhile, their foreign keys
// unhindered.
func (db *DB) UpdatePartner(ctx context.Context, id string, decide func(*estate.Partner) (*estate.AdminEvent, error)) (*estate.Partner, error) {
	var out *estate.Partner
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		p, err := findPartner(ctx, tx, id, ` FOR NO KEY UPDATE`)
		if err != nil {
			return err
		}
		ev, err := decide(p)
		if err != nil {
			return err
		}
		out = p
		if ev == nil {
			return nil // nothing changes: no write, no event
		}
		if _, err := tx.Exec(ctx, `UPDATE partners SET name = $1, kind = $2, uri = $3, updated_at = $4 WHERE id = $5`,
			p.Name, string(p.Kind), p.URI, p.UpdatedAt, id); err != nil {
			return fmt.Errorf("postgres: update partner: %w", err)
		}
		return appendAdminEvent(ctx, tx, ev)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// DeletePartner reads what the partner's deletion touches, the partner
// locked so nothing new refers to it meanwhile, has decide judge it, and
// revokes, forgets, deletes and records in one transaction.
func (db *DB) DeletePartner(ctx context.Context, id string, decide func(*service.PartnerRemoval) ([]*estate.AdminEvent, error)) error {
	return db.inTx(ctx, func(tx pgx.Tx) error {
		r, err := partnerRemoval(ctx, tx, id)
		if err != nil {
			return err
		}
		evs, err := decide(r)
		if err != nil {
			return err
		}
		for _, t := range r.Tokens {
			if _, err := tx.Exec(ctx, `UPDATE tokens SET revoked_at = $1 WHERE id = $2`, t.RevokedAt, t.ID); err != nil {
				return fmt.Errorf("postgres: revoke partner tokens: %w", err)
			}
		}
		for _, q := range []string{`DELETE FROM import_mappings WHERE partner_id = $1`, `DELETE FROM partners WHERE id = $1`} {
			if _, err := tx.Exec(ctx, q, id); err != nil {
				if isForeignKey(err) { // assets it owns or occupies, if decide let them be
					return estate.Errorf(estate.ECONFLICT, "Partner %q still owns or occupies assets.", id)
				}
				return fmt.Errorf("postgres: delete partner: %w", err)
			}
		}
		for _, ev := range evs {
			if err := appendAdminEvent(ctx, tx, ev); err != nil {
				return err
			}
		}
		return nil
	})
}

// partnerRemoval reads the partner, locked, and what refers to it in tx.
func partnerRemoval(ctx context.Context, tx pgx.Tx, id string) (*service.PartnerRemoval, error) {
	// FOR UPDATE: an asset or token made meanwhile waits (its foreign key
	// check takes a share lock on this row), so the counts hold.
	p, err := findPartner(ctx, tx, id, ` FOR UPDATE`)
	if err != nil {
		return nil, err
	}
	r := &service.PartnerRemoval{Partner: p}
	err = tx.QueryRow(ctx, `SELECT
		(SELECT count(*) FROM assets WHERE partner_id = $1),
		(SELECT count(*) FROM asset_occupiers WHERE partner_id = $1)`, id).Scan(&r.Owned, &r.Occupied)
	if err != nil {
		return nil, fmt.Errorf("postgres: delete partner: %w", err)
	}
	if r.Tokens, err = findTokens(ctx, tx, `WHERE partner_id = $1 AND revoked_at IS NULL ORDER BY id`, id); err != nil {
		return nil, err
	}
	if r.Mapping, err = findImportMapping(ctx, tx, id); err != nil {
		return nil, err
	}
	return r, nil
}

func scanPartner(row pgx.Row) (*estate.Partner, error) {
	var p estate.Partner
	if err := row.Scan(&p.ID, &p.Name, (*string)(&p.Kind), &p.URI, &p.CreatedAt, &p.UpdatedAt); err != nil {
		if err == pgx.ErrNoRows {
			return nil, err
		}
		return nil, fmt.Errorf("postgres: scan partner: %w", err)
	}
	p.CreatedAt, p.UpdatedAt = p.CreatedAt.UTC(), p.UpdatedAt.UTC()
	return &p, nil
}
