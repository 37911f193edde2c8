package sqlite

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/placetrust/placetrust/internal/estate"
)

// TokenService implements estate.TokenService. Secrets are 256 random
// bits; only their SHA-256 is stored, which is enough for secrets of that
// strength and keeps each request's check to one indexed lookup.
type TokenService struct{ db *DB }

// NewTokenService returns the token service of db.
func NewTokenService(db *DB) *TokenService { return &TokenService{db: db} }

var _ estate.TokenService = (*TokenService)(nil)

// tokenPrefix marks placetrust secrets so secret scanners can spot them.
const tokenPrefix = "pt_"

func hashSecret(secret string) []byte {
	h := sha256.Sum256([]byte(secret))
	return h[:]
}

// CreateToken stores t and returns its secret.
func (s *TokenService) CreateToken(ctx context.Context, t *estate.Token) (string, error) {
	if !estate.ActorFromContext(ctx).IsAdmin() {
		return "", estate.Errorf(estate.EFORBIDDEN, "Only an admin may create tokens.")
	}
	if err := t.Validate(); err != nil {
		return "", err
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return "", fmt.Errorf("sqlite: token secret: %w", err)
	}
	secret := tokenPrefix + base64.RawURLEncoding.EncodeToString(raw)
	tx, err := s.db.beginWrite(ctx)
	if err != nil {
		return "", err
	}
	defer tx.Rollback()
	var nameUsed, partnerFound int
	if err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM tokens WHERE name = ?),
		(SELECT count(*) FROM partners WHERE id = ?)`, t.Name, t.Partner).Scan(&nameUsed, &partnerFound); err != nil {
		return "", fmt.Errorf("sqlite: create token: %w", err)
	}
	if nameUsed > 0 {
		return "", &estate.Error{Code: estate.ECONFLICT, Message: fmt.Sprintf("A token named %q exists.", t.Name),
			Fields: []estate.FieldError{{Field: "name", Message: "is already used"}}}
	}
	if t.Partner != "" && partnerFound == 0 {
		return "", &estate.Error{Code: estate.EINVALID, Message: "The token is not valid.",
			Fields: []estate.FieldError{{Field: "partner", Message: fmt.Sprintf("no partner %q", t.Partner)}}}
	}
	t.CreatedAt = tx.now
	res, err := tx.ExecContext(ctx, `INSERT INTO tokens (name, role, partner_id, hash, created_at) VALUES (?, ?, ?, ?, ?)`,
		t.Name, string(t.Role), nullString(t.Partner), hashSecret(secret), formatTime(t.CreatedAt))
	if err != nil {
		return "", fmt.Errorf("sqlite: create token: %w", err)
	}
	if t.ID, err = res.LastInsertId(); err != nil {
		return "", fmt.Errorf("sqlite: create token: %w", err)
	}
	if err := recordAdminEvent(ctx, tx, estate.EntityToken, strconv.FormatInt(t.ID, 10), estate.ActionCreate, estate.TokenDiff(nil, t)); err != nil {
		return "", err
	}
	return secret, commit(tx)
}

// FindTokens lists every token, newest first.
func (s *TokenService) FindTokens(ctx context.Context) ([]*estate.Token, error) {
	if !estate.ActorFromContext(ctx).IsAdmin() {
		return nil, estate.Errorf(estate.EFORBIDDEN, "Only an admin may list tokens.")
	}
	rows, err := s.db.reader.QueryContext(ctx, `SELECT `+tokenColumns+` FROM tokens ORDER BY id DESC`)
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
	return out, rows.Err()
}

// RevokeToken revokes a token; revoking twice keeps the first time.
func (s *TokenService) RevokeToken(ctx context.Context, id int64) error {
	if !estate.ActorFromContext(ctx).IsAdmin() {
		return estate.Errorf(estate.EFORBIDDEN, "Only an admin may revoke tokens.")
	}
	tx, err := s.db.beginWrite(ctx)
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
	if t.RevokedAt != nil {
		return nil // already revoked: nothing changes, nothing to audit
	}
	if err := revokeToken(ctx, tx, t); err != nil {
		return err
	}
	return commit(tx)
}

// revokeToken marks a live token revoked now and audits it.
func revokeToken(ctx context.Context, tx *Tx, t *estate.Token) error {
	before := *t
	now := tx.now
	t.RevokedAt = &now
	if _, err := tx.ExecContext(ctx, `UPDATE tokens SET revoked_at = ? WHERE id = ?`, formatTime(now), t.ID); err != nil {
		return fmt.Errorf("sqlite: revoke token: %w", err)
	}
	return recordAdminEvent(ctx, tx, estate.EntityToken, strconv.FormatInt(t.ID, 10), estate.ActionRevoke, estate.TokenDiff(&before, t))
}

// revokePartnerTokens revokes every live token of a partner being deleted.
func revokePartnerTokens(ctx context.Context, tx *Tx, partner string) error {
	rows, err := tx.QueryContext(ctx, `SELECT `+tokenColumns+` FROM tokens WHERE partner_id = ? AND revoked_at IS NULL ORDER BY id`, partner)
	if err != nil {
		return fmt.Errorf("sqlite: revoke partner tokens: %w", err)
	}
	var live []*estate.Token
	for rows.Next() {
		t, err := scanToken(rows)
		if err != nil {
			rows.Close()
			return err
		}
		live = append(live, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sqlite: revoke partner tokens: %w", err)
	}
	for _, t := range live {
		if err := revokeToken(ctx, tx, t); err != nil {
			return err
		}
	}
	return nil
}

// Authenticate returns the live token with this secret.
func (s *TokenService) Authenticate(ctx context.Context, secret string) (*estate.Token, error) {
	if !strings.HasPrefix(secret, tokenPrefix) {
		return nil, estate.Errorf(estate.EUNAUTHORIZED, "The token is not valid.")
	}
	t, err := scanToken(s.db.reader.QueryRowContext(ctx, `SELECT `+tokenColumns+` FROM tokens WHERE hash = ?`, hashSecret(secret)))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, estate.Errorf(estate.EUNAUTHORIZED, "The token is not valid.")
	} else if err != nil {
		return nil, err
	}
	if t.RevokedAt != nil {
		return nil, estate.Errorf(estate.EUNAUTHORIZED, "The token has been revoked.")
	}
	return t, nil
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
