package httpapi

import (
	"crypto/sha256"
	"encoding/base64"
	"math"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/placetrust/placetrust/internal/estate"
)

// Failed authentication is limited per client address, whatever --rate
// says (a negative rate lifts only the request limits): an address may
// present AuthFailureBurst tokens the store does not know, then one a
// second (or the request rate, if lower), so guessing costs time. Ten
// lets a person retype a token a few times, or a script retry, unslowed.
const (
	AuthFailureBurst = 10
	AuthFailureRate  = 1.0
)

// knownPerAddr is how many tokens that authenticated from one address
// are remembered there: a NAT gateway hides a handful of real clients.
// Past it the longest known is forgotten, as is all of an address's state
// once it has been idle ten minutes with its budget full; a forgotten
// token is charged again like any other until it next signs in.
const knownPerAddr = 16

// tokenOf checks the bearer token in the Authorization header h.
//
// An address over its failure budget is refused with 429 before the
// token is looked up, because answering a valid guess with 200 while
// refusing the others would tell a guesser which guess was right at full
// speed. Tokens that have already authenticated from the address skip
// the budget, so a real client sharing an address (a NAT, an untrusted
// proxy) with a guesser is not slowed; a client's first request from a
// throttled address waits like the guesser's, as nothing tells them apart.
func (s *Server) tokenOf(c echo.Context, h string) (*estate.Token, error) {
	secret, ok := tokenSecret(h)
	if !ok {
		// Not a guess at a token: nothing is looked up, nothing counted.
		return nil, estate.Errorf(estate.EUNAUTHORIZED, "Send the token as: Authorization: Bearer <token> "+
			"(or as the password of Basic authentication, for GIS clients that offer only that).")
	}
	addr := c.RealIP()
	fp := sha256.Sum256([]byte(secret))
	charged, wait, first := s.failures.admit(addr, fp)
	if wait > 0 {
		if first { // one line per spell of throttling, so a flood cannot flood the log
			s.log.Warn("authentication failures throttled", "addr", addr, "retry_after_s", retryAfter(wait))
		}
		c.Response().Header().Set("Retry-After", strconv.Itoa(retryAfter(wait)))
		return nil, estate.Errorf(estate.ETOOMANYREQUESTS, "Too many failed sign-ins from your address: retry after the Retry-After seconds.")
	}
	t, err := s.svc.Tokens.Authenticate(c.Request().Context(), secret)
	if err != nil && readsWithoutDatabase(c) && estate.ErrorCode(s.unavailable(err)) == estate.EUNAVAILABLE {
		if known := s.known.lately(fp); known != nil {
			return known, nil // reads from the copy in memory may go on
		}
	}
	if err != nil {
		if estate.ErrorCode(err) == estate.EUNAUTHORIZED {
			// At most the budget's burst and rate of these lines per address.
			s.log.Warn("authentication failed", "addr", addr, "method", c.Request().Method, "path", c.Request().URL.Path)
			s.failures.failed(addr, fp)
		}
		return nil, err
	}
	s.failures.succeeded(addr, fp, charged)
	s.known.signedIn(fp, t)
	return t, nil
}

// tokenSecret reads the token from an Authorization header: Bearer, or
// Basic with the token as the password and any user name, since QGIS and
// other desktop GIS clients can send only Basic. It is the same secret
// either way, and the same checks and throttling follow.
func tokenSecret(h string) (string, bool) {
	scheme, secret, ok := strings.Cut(h, " ")
	secret = strings.TrimSpace(secret)
	if ok && strings.EqualFold(scheme, "Basic") {
		b, err := base64.StdEncoding.DecodeString(secret)
		if err != nil {
			return "", false
		}
		_, secret, ok = strings.Cut(string(b), ":")
	}
	if !ok || !(strings.EqualFold(scheme, "Bearer") || strings.EqualFold(scheme, "Basic")) || secret == "" {
		return "", false
	}
	return secret, true
}

func retryAfter(wait time.Duration) int { return max(1, int(math.Ceil(wait.Seconds()))) }

// authFailures is a token bucket of failures per client address, with
// the tokens that authenticated from each address.
type authFailures struct {
	mu    sync.Mutex
	rate  float64 // failures a second
	burst float64
	addrs map[string]*failureBudget
	swept time.Time
}

type failureBudget struct {
	tokens    float64
	at        time.Time // when tokens was last brought up to date
	known     [][sha256.Size]byte
	throttled bool // refused since the last failure it let through
}

// newAuthFailures makes the budgets; burst is Config.AuthFailureBurst.
func newAuthFailures(requestRate float64, burst int) *authFailures {
	r := AuthFailureRate
	if requestRate > 0 && requestRate < r {
		r = requestRate
	}
	if burst == 0 {
		burst = AuthFailureBurst
	}
	return &authFailures{rate: r, burst: float64(burst), addrs: map[string]*failureBudget{}}
}

// budget returns addr's budget refilled up to now, making one if need be.
func (f *authFailures) budget(addr string, now time.Time) *failureBudget {
	if now.Sub(f.swept) > time.Minute {
		for a, b := range f.addrs {
			// A full budget idle for ten minutes is what a new address
			// gets; one still refilling must stay, or forgetting it
			// would hand a guesser a fresh burst.
			if idle := now.Sub(b.at); idle > 10*time.Minute && b.tokens+idle.Seconds()*f.rate >= f.burst {
				delete(f.addrs, a)
			}
		}
		f.swept = now
	}
	b := f.addrs[addr]
	if b == nil {
		b = &failureBudget{tokens: f.burst, at: now}
		f.addrs[addr] = b
	}
	b.tokens = min(f.burst, b.tokens+now.Sub(b.at).Seconds()*f.rate)
	b.at = now
	return b
}

// admit decides whether the token fp from addr may be looked up. A token
// known at addr always may, uncharged; any other takes one failure from
// the budget up front, so many guesses in flight at once cannot share
// the last one. With none left it says how long to wait, and whether
// this is the first refusal since a failure was let through.
func (f *authFailures) admit(addr string, fp [sha256.Size]byte) (charged bool, wait time.Duration, first bool) {
	if f.burst < 0 {
		return false, 0, false
	}
	now := time.Now()
	f.mu.Lock()
	defer f.mu.Unlock()
	b := f.budget(addr, now)
	for _, k := range b.known {
		if k == fp {
			return false, 0, false
		}
	}
	if b.tokens < 1 {
		first = !b.throttled
		b.throttled = true
		return false, time.Duration((1 - b.tokens) / f.rate * float64(time.Second)), first
	}
	b.tokens--
	b.throttled = false
	return true, 0, false
}

// failed keeps the charge and forgets fp at addr: a revoked token is no
// longer a real client's.
func (f *authFailures) failed(addr string, fp [sha256.Size]byte) {
	if f.burst < 0 {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	b := f.budget(addr, time.Now())
	for i, k := range b.known {
		if k == fp {
			b.known = append(b.known[:i], b.known[i+1:]...)
			break
		}
	}
}

// succeeded gives back the charge, if any, and remembers fp at addr,
// forgetting the longest known when there are too many.
func (f *authFailures) succeeded(addr string, fp [sha256.Size]byte, charged bool) {
	if f.burst < 0 || !charged {
		return // off, or a token known at addr already: the usual request takes the lock once
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	b := f.budget(addr, time.Now())
	b.tokens = min(f.burst, b.tokens+1)
	if len(b.known) == knownPerAddr {
		b.known = b.known[1:]
	}
	b.known = append(b.known, fp)
}
