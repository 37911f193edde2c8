package estate

import (
	"context"
	"time"
)

// Token is a named API credential. The secret is shown once at creation
// and only its hash is kept.
type Token struct {
	ID        int64      `json:"id"`
	Name      string     `json:"name"`
	Role      Role       `json:"role"`
	Partner   string     `json:"partner,omitempty"`
	CreatedAt time.Time  `json:"created_at"`
	RevokedAt *time.Time `json:"revoked_at,omitempty"`
}

// Validate checks the token's name, role and partner: every role but
// admin acts for one partner.
func (t *Token) Validate() error {
	var pr Problems
	textField(&pr, "name", t.Name, true, 100)
	enumField(&pr, "role", t.Role, Roles, false)
	switch {
	case t.Role == RoleAdmin && t.Partner != "":
		pr.Add("partner", "must be empty for an admin token")
	case t.Role != RoleAdmin && !ValidSlug(t.Partner):
		pr.Add("partner", "is required for viewer and editor tokens")
	}
	return pr.Err("The token is not valid.")
}

// Actor returns the actor a request with this token acts as.
func (t *Token) Actor() Actor {
	return Actor{Name: t.Name, Role: t.Role, Partner: t.Partner}
}

// TokenService manages API tokens.
type TokenService interface {
	// CreateToken stores t and returns its secret, shown only now;
	// EINVALID (also for an unknown partner), ECONFLICT for a name in use,
	// EFORBIDDEN unless the actor is an admin or the command line.
	CreateToken(ctx context.Context, t *Token) (secret string, err error)
	// FindTokens lists tokens, revoked ones included; EFORBIDDEN.
	FindTokens(ctx context.Context) ([]*Token, error)
	// RevokeToken revokes a token by id; ENOTFOUND, EFORBIDDEN.
	RevokeToken(ctx context.Context, id int64) error
	// Authenticate returns the live token with this secret;
	// EUNAUTHORIZED for an unknown or revoked one.
	Authenticate(ctx context.Context, secret string) (*Token, error)
}
