package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"github.com/placetrust/placetrust/internal/estate"
)

// CreateToken stores t under the hash of its secret, with its event.
func (db *DB) CreateToken(ctx context.Context, t *estate.Token, hash []byte, ev *estate.AdminEvent) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var nameUsed, partnerFound int
	if err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM tokens WHERE name = ?),
		(SELECT count(*) FROM partners WHERE id = ?)`, t.Name, t.Partner).Scan(&nameUsed, &partnerFound); err != nil {
		return fmt.Errorf("sqlite: create token: %w", err)
	}
	if nameUsed > 0 {
		return &estate.Error{Code: estate.ECONFLICT, Message: fmt.Sprintf("A token named %q exists.", t.Name),
			Fields: []estate.FieldError{{Field: "name", Message: "is already used"}}}
	}
	if t.Partner != "" && partnerFound == 0 {
		return &estate.Error{Code: estate.EINVALID, Message: "The token is not valid.",
			Fields: []estate.FieldError{{Field: "partner", Message: fmt.Sprintf("no partner %q", t.Partner)}}}
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO tokens (name, role, partner_id, hash, created_at) VALUES (?, ?, ?, ?, ?)`,
		t.Name, string(t.Role), nullString(t.Partner), hash, formatTime(t.CreatedAt))
	if err != nil {
		return fmt.Errorf("sqlite: create token: %w", err)
	}
	if t.ID, err = res.LastInsertId(); err != nil {
		return fmt.Errorf("sqlite: create token: %w", err)
	}
	if ev != nil {
		ev.EntityID = strconv.FormatInt(t.ID, 10)
	}
	if err := appendAdminEvent(ctx, tx, ev); err != nil {
		return err
	}
	return commit(tx)
}

// FindTokens lists every token, newest first.
func (db *DB) FindTokens(ctx context.Context) ([]*estate.Token, error) {
	return findTokens(ctx, db.reader, `ORDER BY id DESC`)
}

// findTokens reads the tokens the clause selects, in its order.
func findTokens(ctx context.Context, q querier, clause string, args ...any) ([]*estate.Token, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+tokenColumns+` FROM tokens `+clause, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: find tokens: %w", err)
	}
	defer rows.Close()
	out := []*estate.Token{}
	for rows.Next() {
		t, err := scanToken(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: find tokens: %w", err)
	}
	return out, nil
}

// RevokeToken reads the token, has decide revoke it, and writes the
// revocation with decide's event, in one transaction.
func (db *DB) RevokeToken(ctx context.Context, id int64, decide func(*estate.Token) (*estate.AdminEvent, error)) error {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	t, err := scanToken(tx.QueryRowContext(ctx, `SELECT `+tokenColumns+` FROM tokens WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return estate.Errorf(estate.ENOTFOUND, "Token %d not found.", id)
	} else if err != nil {
		return err
	}
	ev, err := decide(t)
	if err != nil || ev == nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE tokens SET revoked_at = ? WHERE id = ?`, optTime(t.RevokedAt), t.ID); err != nil {
		return fmt.Errorf("sqlite: revoke token: %w", err)
	}
	if err := appendAdminEvent(ctx, tx, ev); err != nil {
		return err
	}
	return commit(tx)
}

// FindTokenByHash returns the token whose secret hashes to hash.
func (db *DB) FindTokenByHash(ctx context.Context, hash []byte) (*estate.Token, error) {
	t, err := scanToken(db.reader.QueryRowContext(ctx, `SELECT `+tokenColumns+` FROM tokens WHERE hash = ?`, hash))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, estate.Errorf(estate.ENOTFOUND, "No such token.")
	}
	return t, err
}

const tokenColumns = `id, name, role, coalesce(partner_id, ''), created_at, revoked_at`

func scanToken(row scanner) (*estate.Token, error) {
	var t estate.Token
	var created string
	var revoked sql.NullString
	if err := row.Scan(&t.ID, &t.Name, &t.Role, &t.Partner, &created, &revoked); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, err
		}
		return nil, fmt.Errorf("sqlite: scan token: %w", err)
	}
	var err error
	if t.CreatedAt, err = parseTime(created); err != nil {
		return nil, err
	}
	if revoked.Valid {
		r, err := parseTime(revoked.String)
		if err != nil {
			return nil, err
		}
		t.RevokedAt = &r
	}
	return &t, nil
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}
