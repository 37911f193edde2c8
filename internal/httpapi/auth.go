package httpapi

import (
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
	"golang.org/x/time/rate"

	"github.com/placetrust/placetrust/internal/estate"
)

// authenticate resolves the bearer token, if any, into the request's
// actor, then applies the actor's rate limit. A bad token is refused
// outright rather than downgraded to anonymous, so a typo never looks like
// missing data; failures are limited per address (authfail.go).
func (s *Server) authenticate(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if openRoutes[c.Path()] {
			return next(c)
		}
		r := c.Request()
		actor := estate.Anonymous
		key := "ip:" + c.RealIP()
		if h := r.Header.Get(echo.HeaderAuthorization); h != "" {
			t, err := s.tokenOf(c, h)
			if err != nil {
				return err
			}
			actor = t.Actor()
			key = "token:" + strconv.FormatInt(t.ID, 10)
		}
		if wait, ok := s.rate.allow(key); !ok {
			c.Response().Header().Set("Retry-After", strconv.Itoa(retryAfter(wait)))
			return estate.Errorf(estate.ETOOMANYREQUESTS, "Too many requests: slow down and retry after the Retry-After seconds.")
		}
		c.SetRequest(r.WithContext(estate.NewContextWithActor(r.Context(), actor)))
		return next(c)
	}
}

// openRoutes answer anyone, with or without a token and without counting
// against a rate limit: health checks, the API document and the web map's
// files, which hold no register data. A load balancer probing /healthz
// must never see 401 or 429.
var openRoutes = map[string]bool{"/healthz": true, "/openapi.yaml": true, "/*": true}

// requireReader refuses anonymous reads unless the register is public.
func (s *Server) requireReader(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if !s.cfg.PublicRead && actorOf(c).IsAnonymous() {
			return estate.Errorf(estate.EUNAUTHORIZED, "Sign in: send Authorization: Bearer <token>.")
		}
		return next(c)
	}
}

// requireToken refuses anonymous writes before any body is read.
func requireToken(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if actorOf(c).IsAnonymous() {
			return estate.Errorf(estate.EUNAUTHORIZED, "Sign in: writes need Authorization: Bearer <token>.")
		}
		return next(c)
	}
}

func actorOf(c echo.Context) estate.Actor { return estate.ActorFromContext(c.Request().Context()) }

// rateLimiter is a token bucket per key. Idle buckets are dropped so the
// map cannot grow without bound.
type rateLimiter struct {
	mu      sync.Mutex
	limit   rate.Limit
	burst   int
	buckets map[string]*bucket
	swept   time.Time
}

type bucket struct {
	lim  *rate.Limiter
	seen time.Time
}

func newRateLimiter(perSecond float64, burst int) *rateLimiter {
	if burst <= 0 {
		burst = max(1, int(perSecond))
	}
	return &rateLimiter{limit: rate.Limit(perSecond), burst: burst, buckets: map[string]*bucket{}}
}

// allow takes one token for key; when none is left it says how long to wait.
func (l *rateLimiter) allow(key string) (time.Duration, bool) {
	if l.limit < 0 {
		return 0, true
	}
	now := time.Now()
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.swept) > time.Minute {
		for k, b := range l.buckets {
			if now.Sub(b.seen) > 10*time.Minute {
				delete(l.buckets, k)
			}
		}
		l.swept = now
	}
	b := l.buckets[key]
	if b == nil {
		b = &bucket{lim: rate.NewLimiter(l.limit, l.burst)}
		l.buckets[key] = b
	}
	b.seen = now
	r := b.lim.ReserveN(now, 1)
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now)
		return d, false
	}
	return 0, true
}

// staleVersion is an If-Match version that never matches.
const staleVersion = -1

// versionFrom reads If-Match: a missing header is 0 (the store then
// answers 428), "*" is refused because it would defeat the check. Only a
// signed-in reader's ETag, the bare version, names what a writer sees;
// the ETag of another representation of that version (the public's
// "3.p", the OGC item's "3.json") never matches it, so it is answered
// 412 with the current ETag, as RFC 9110 13.1.1 asks.
func versionFrom(r *http.Request) (int64, error) {
	h := strings.TrimSpace(r.Header.Get("If-Match"))
	if h == "" {
		return 0, nil
	}
	if h == "*" {
		return 0, &estate.Error{Code: estate.EPRECONDITIONNEEDED, Message: `If-Match must name the version you change, such as "3", not *.`}
	}
	if strings.HasPrefix(h, "W/") {
		// RFC 9110 13.1.1: If-Match compares strongly, and a weak tag
		// never matches, so the precondition fails. The store answers a
		// version that cannot exist with 412 and the current version.
		return staleVersion, nil
	}
	num, variant, hasVariant := strings.Cut(strings.Trim(h, `"`), ".")
	v, err := strconv.ParseInt(num, 10, 64)
	if err != nil || v <= 0 || (hasVariant && variant == "") {
		return 0, invalid("If-Match", `must be the ETag of the version you change, such as "3"`)
	}
	if hasVariant {
		return staleVersion, nil
	}
	return v, nil
}
