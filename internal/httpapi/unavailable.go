package httpapi

import (
	"crypto/sha256"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/placetrust/placetrust/internal/estate"
)

// The database lost while running (a store over a server, PostgreSQL):
// what needs it answers 503 with Retry-After, the tiles and analyses go
// on from the copy of the register in memory and say how old it is in
// Register-Age, and a token seen lately may still read them.

// unavailableRetryAfter is the Retry-After, in seconds, of a 503 for a
// database that cannot be reached: the pool connects again by itself on
// the next request once the database is back.
const unavailableRetryAfter = 5

// registerAgeHeader, on an answer from the copy of the register in
// memory, says in whole seconds how long ago the copy was last known to
// be current: it is sent only when the copy could not be brought up to
// date (the database cannot be reached).
const registerAgeHeader = "Register-Age"

// unavailable gives err the code EUNAVAILABLE when the store says it
// means the database cannot be reached for now; other errors are as
// they were.
func (s *Server) unavailable(err error) error {
	if s.svc.Unavailable == nil || estate.ErrorCode(err) != estate.EINTERNAL || !s.svc.Unavailable(err) {
		return err
	}
	return fmt.Errorf("%w: %w", estate.Errorf(estate.EUNAVAILABLE,
		"The register's database cannot be reached: nothing was changed unless an answer said so. Retry after the Retry-After seconds."), err)
}

// fromCopy marks the routes answered from the copy of the register in
// memory: while the copy cannot be brought up to date, their answers say
// how old it is.
func (s *Server) fromCopy(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if reg := s.svc.Register; reg != nil {
			c.Response().Before(func() {
				if age, err := reg.Behind(); err != nil {
					c.Response().Header().Set(registerAgeHeader, strconv.Itoa(int(age.Seconds())))
				}
			})
		}
		return next(c)
	}
}

// tokenGrace is how long after a token last signed in with the database
// reachable it may still read from the copy in memory while the database
// cannot be reached. A token revoked within it reads on until the
// database is back; writes need the database whatever the token.
const tokenGrace = 10 * time.Minute

// maxKnownTokens bounds the tokens remembered for tokenGrace.
const maxKnownTokens = 10_000

// knownTokens remembers the tokens that signed in lately, by the hash of
// their secret.
type knownTokens struct {
	mu     sync.Mutex
	tokens map[[sha256.Size]byte]knownToken
}

type knownToken struct {
	token *estate.Token
	at    time.Time
}

// signedIn remembers t, which signed in with secret's hash fp.
func (k *knownTokens) signedIn(fp [sha256.Size]byte, t *estate.Token) {
	now := time.Now()
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.tokens == nil {
		k.tokens = map[[sha256.Size]byte]knownToken{}
	}
	if _, ok := k.tokens[fp]; !ok && len(k.tokens) >= maxKnownTokens {
		for key, kt := range k.tokens {
			if now.Sub(kt.at) > tokenGrace || len(k.tokens) >= maxKnownTokens {
				delete(k.tokens, key)
			}
		}
	}
	k.tokens[fp] = knownToken{t, now}
}

// lately returns the token of fp if it signed in within tokenGrace.
func (k *knownTokens) lately(fp [sha256.Size]byte) *estate.Token {
	k.mu.Lock()
	defer k.mu.Unlock()
	if kt, ok := k.tokens[fp]; ok && time.Since(kt.at) <= tokenGrace {
		return kt.token
	}
	return nil
}

// readsWithoutDatabase says whether c may be answered by a token known
// lately while the database cannot be reached: reads only, the analyses'
// POSTs (a selection too long for a URL) included. What needs the
// database answers 503 anyway.
func readsWithoutDatabase(c echo.Context) bool {
	switch c.Request().Method {
	case http.MethodGet, http.MethodHead:
		return true
	case http.MethodPost:
		return c.Path() == "/api/v1/trust" || strings.HasPrefix(c.Path(), "/api/v1/analyses/")
	}
	return false
}
