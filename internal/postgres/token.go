package postgres

import (
	"context"
	"fmt"
	"strconv"

	"github.com/jackc/pgx/v5"

	"github.com/placetrust/placetrust/internal/estate"
)

// CreateToken stores t under the hash of its secret, with its event.
func (db *DB) CreateToken(ctx context.Context, t *estate.Token, hash []byte, ev *estate.AdminEvent) error {
	return db.inTx(ctx, func(tx pgx.Tx) error {
		var nameUsed, partnerFound bool
		// FOR KEY SHARE keeps the partner from being deleted until the
		// token is made, as a foreign key would.
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM tokens WHERE name = $1),
			EXISTS (SELECT 1 FROM partners WHERE id = $2 FOR KEY SHARE)`, t.Name, t.Partner).Scan(&nameUsed, &partnerFound); err != nil {
			return fmt.Errorf("postgres: create token: %w", err)
		}
		if nameUsed {
			return fieldError(estate.ECONFLICT, fmt.Sprintf("A token named %q exists.", t.Name), "name", "is already used")
		}
		if t.Partner != "" && !partnerFound {
			return fieldError(estate.EINVALID, "The token is not valid.", "partner", fmt.Sprintf("no partner %q", t.Partner))
		}
		var partner *string
		if t.Partner != "" {
			partner = &t.Partner
		}
		if err := tx.QueryRow(ctx, `INSERT INTO tokens (name, role, partner_id, hash, created_at) VALUES ($1, $2, $3, $4, $5)
			RETURNING id`, t.Name, string(t.Role), partner, hash, t.CreatedAt).Scan(&t.ID); err != nil {
			return constraintError(err, "create token")
		}
		if ev != nil {
			ev.EntityID = strconv.FormatInt(t.ID, 10)
		}
		return appendAdminEvent(ctx, tx, ev)
	})
}

// FindTokens lists every token, newest first.
func (db *DB) FindTokens(ctx context.Context) ([]*estate.Token, error) {
	out, err := findTokens(ctx, db.pool, `ORDER BY id DESC`)
	if err != nil {
		return nil, db.readError(err, "find tokens")
	}
	return out, nil
}

// findTokens reads the tokens the clause selects, in its order.
func findTokens(ctx context.Context, q querier, clause string, args ...any) ([]*estate.Token, error) {
	rows, err := q.Query(ctx, `SELECT `+tokenColumns+` FROM tokens `+clause, args...)
	if err != nil {
		return nil, fmt.Errorf("postgres: find tokens: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (*estate.Token, error) { return scanToken(row) })
	if err != nil {
		return nil, fmt.Errorf("postgres: find tokens: %w", err)
	}
	if out == nil {
		out = []*estate.Token{}
	}
	return out, nil
}

// RevokeToken reads the token, locked, has decide revoke it, and writes
// the revocation with decide's event, in one transaction.
func (db *DB) RevokeToken(ctx context.Context, id int64, decide func(*estate.Token) (*estate.AdminEvent, error)) error {
	return db.inTx(ctx, func(tx pgx.Tx) error {
		t, err := scanToken(tx.QueryRow(ctx, `SELECT `+tokenColumns+` FROM tokens WHERE id = $1 FOR UPDATE`, id))
		if err == pgx.ErrNoRows {
			return estate.Errorf(estate.ENOTFOUND, "Token %d not found.", id)
		} else if err != nil {
			return err
		}
		ev, err := decide(t)
		if err != nil || ev == nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE tokens SET revoked_at = $1 WHERE id = $2`, t.RevokedAt, t.ID); err != nil {
			return fmt.Errorf("postgres: revoke token: %w", err)
		}
		return appendAdminEvent(ctx, tx, ev)
	})
}

// FindTokenByHash returns the token whose secret hashes to hash.
func (db *DB) FindTokenByHash(ctx context.Context, hash []byte) (*estate.Token, error) {
	t, err := scanToken(db.pool.QueryRow(ctx, `SELECT `+tokenColumns+` FROM tokens WHERE hash = $1`, hash))
	if err == pgx.ErrNoRows {
		return nil, estate.Errorf(estate.ENOTFOUND, "No such token.")
	} else if err != nil {
		return nil, db.readError(err, "find token")
	}
	return t, nil
}

const tokenColumns = `id, name, role, coalesce(partner_id, ''), created_at, revoked_at`

func scanToken(row pgx.Row) (*estate.Token, error) {
	var t estate.Token
	if err := row.Scan(&t.ID, &t.Name, (*string)(&t.Role), &t.Partner, &t.CreatedAt, &t.RevokedAt); err != nil {
		if err == pgx.ErrNoRows {
			return nil, err
		}
		return nil, fmt.Errorf("postgres: scan token: %w", err)
	}
	t.CreatedAt = t.CreatedAt.UTC()
	if t.RevokedAt != nil {
		r := t.RevokedAt.UTC()
		t.RevokedAt = &r
	}
	return &t, nil
}
