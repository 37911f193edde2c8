package service

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
)

// TokenService implements estate.TokenService. Secrets are 256 random
// bits; the store keeps only their SHA-256, which is enough for secrets
// of that strength and keeps each request's check to one indexed lookup.
type TokenService struct{ *core }

var _ estate.TokenService = (*TokenService)(nil)

// tokenPrefix marks placetrust secrets so secret scanners can spot them.
const tokenPrefix = "pt_"

// hashSecret is what the store keeps of a token's secret.
func hashSecret(secret string) []byte {
	h := sha256.Sum256([]byte(secret))
	return h[:]
}

// CreateToken stores t and returns its secret; admins only.
func (s *TokenService) CreateToken(ctx context.Context, t *estate.Token) (string, error) {
	if err := requireAdmin(ctx, "create tokens"); err != nil {
		return "", err
	}
	if err := t.Validate(); err != nil {
		return "", err
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return "", fmt.Errorf("service: token secret: %w", err)
	}
	secret := tokenPrefix + base64.RawURLEncoding.EncodeToString(raw)
	t.CreatedAt = s.now()
	// The store sets the event's id with the token's.
	ev := adminEvent(estate.ActorFromContext(ctx), t.CreatedAt, estate.EntityToken, "", estate.ActionCreate, estate.TokenDiff(nil, t))
	if err := s.store.CreateToken(ctx, t, hashSecret(secret), ev); err != nil {
		return "", err
	}
	return secret, nil
}

// FindTokens lists every token, newest first; admins only.
func (s *TokenService) FindTokens(ctx context.Context) ([]*estate.Token, error) {
	if err := requireAdmin(ctx, "list tokens"); err != nil {
		return nil, err
	}
	return s.store.FindTokens(ctx)
}

// RevokeToken revokes a token; revoking twice keeps the first time.
func (s *TokenService) RevokeToken(ctx context.Context, id int64) error {
	if err := requireAdmin(ctx, "revoke tokens"); err != nil {
		return err
	}
	actor, now := estate.ActorFromContext(ctx), s.now()
	return s.store.RevokeToken(ctx, id, func(t *estate.Token) (*estate.AdminEvent, error) {
		if t.RevokedAt != nil {
			return nil, nil // already revoked: nothing changes, nothing to audit
		}
		return revocation(actor, now, t), nil
	})
}

// revocation revokes t at now and returns the event recording it.
func revocation(actor estate.Actor, now time.Time, t *estate.Token) *estate.AdminEvent {
	before := *t
	t.RevokedAt = &now
	return adminEvent(actor, now, estate.EntityToken, strconv.FormatInt(t.ID, 10), estate.ActionRevoke, estate.TokenDiff(&before, t))
}

// Authenticate returns the live token with this secret.
func (s *TokenService) Authenticate(ctx context.Context, secret string) (*estate.Token, error) {
	if !strings.HasPrefix(secret, tokenPrefix) {
		return nil, estate.Errorf(estate.EUNAUTHORIZED, "The token is not valid.")
	}
	t, err := s.store.FindTokenByHash(ctx, hashSecret(secret))
	switch {
	case estate.ErrorCode(err) == estate.ENOTFOUND:
		return nil, estate.Errorf(estate.EUNAUTHORIZED, "The token is not valid.")
	case err != nil:
		return nil, err
	case t.RevokedAt != nil:
		return nil, estate.Errorf(estate.EUNAUTHORIZED, "The token has been revoked.")
	}
	return t, nil
}
