// Package httpapi is placetrust's HTTP adapter: the REST API, problem+json
// errors, bearer-token authentication and the served documents, on echo.
package httpapi

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/metrics"
	"github.com/placetrust/placetrust/internal/register"
	"github.com/placetrust/placetrust/internal/service"
	"github.com/placetrust/placetrust/internal/tiles"
)

// Config holds the server's settings; the zero value of each field means
// its documented default.
type Config struct {
	// PublicRead lets requests without a token read the register (never
	// sensitive assets, money, people's names or notes).
	PublicRead bool
	// BaseURL, if set, is the public root used in links, for deployments
	// behind proxies. Without it links are built from the request's Host,
	// and requests whose Host the server does not answer for are refused
	// (hosts.go).
	BaseURL string
	// AllowedHosts are the names (host, or host:port for that port only)
	// the server answers for besides the address it listens on; a request
	// naming another gets 400. With BaseURL they are checked only if given.
	AllowedHosts []string
	// CORSOrigins are the origins browsers may call from; default any.
	CORSOrigins []string
	// NoCORS turns CORS off: browsers on other origins cannot read answers.
	NoCORS bool
	// BodyLimit caps request bodies, such as "2M" (2,000,000 bytes) or
	// "512KiB"; default "2M".
	BodyLimit string
	// RatePerSecond and RateBurst limit each token (or anonymous client
	// address); zero RatePerSecond means DefaultRate with DefaultBurst,
	// negative no limit. Failed authentication is limited whatever they
	// say (authfail.go).
	RatePerSecond float64
	RateBurst     int
	// AuthFailureBurst is how many unknown tokens one client address may
	// present before it is held to one a second (authfail.go); zero means
	// the default AuthFailureBurst, negative no limit, for tests of other
	// things that present many bad tokens from one address.
	AuthFailureBurst int
	// TrustedProxies are the addresses or CIDR ranges of reverse proxies
	// whose X-Forwarded-For names the client and X-Forwarded-Proto the
	// scheme of links. Without any, the client is the connection's
	// address, so no header can dodge the anonymous rate limit.
	TrustedProxies []string
	// Logger receives access and error logs; default discards.
	Logger *slog.Logger
	// Metrics, if set, counts requests and imports and watches the copy
	// of the register in memory; nil records nothing. The server does
	// not serve them: the command line does, on a listener of its own.
	Metrics *metrics.Metrics
	// BasemapURL, if set, is a raster tile URL template ({z}/{x}/{y}) the
	// web map draws under the assets, with BasemapAttribution; without
	// one the map draws approximate outlines and works offline.
	BasemapURL         string
	BasemapAttribution string
	// CountBudget is how long an OGC items page waits for a numberMatched
	// that is not already counted; past it the page ends without one and
	// the count goes on in the background for later pages (ogc_count.go).
	// Zero means DefaultCountBudget; negative never waits.
	CountBudget time.Duration
	// ServiceArea is where the register's assets may be; the services
	// enforce it, and here it is where the map of an empty register
	// opens (TileJSON's bounds). The zero value, estate.World, opens on
	// the whole world.
	ServiceArea estate.ServiceArea
	// MaxUploads caps the imports in flight, each holding its uploaded
	// file on disk; past it an upload gets 429 with Retry-After. Zero
	// means DefaultMaxUploads.
	MaxUploads int
	// SpoolLimit caps the bytes the uploads in flight hold on disk
	// together, such as "1G"; past it an upload gets 429 with
	// Retry-After. At least the import body limit (256M), so a file of
	// the largest size always fits alone; default DefaultSpoolLimit.
	SpoolLimit string
	// SpoolDir is where uploads are kept while they import, in a folder
	// of this process's own under placetrust-spool; default the system's
	// temporary directory ($TMPDIR).
	SpoolDir string
}

// Services are what the server serves: the register's services, as
// service.New builds them over a store, the analyses and the documents.
// Where an optional service is nil its routes are off (New logs which):
// without Audit, /api/v1/audit answers 404; without ImportMappings,
// /api/v1/partners/{id}/import-mapping does, and imports read only with
// the mapping they give; without Tags, /api/v1/tags; without Register,
// the vector tiles; without Extent or Dates, collections carry no
// extent; without Counts, numberMatched is counted within the budget.
type Services struct {
	service.Services
	Analyses Analyses
	// Register is the copy of the register in memory the vector tiles
	// read, the one the analyses read too (register.New over the
	// services' Feed); nil answers /tiles with 404.
	Register *register.Copy
	// Spec is the OpenAPI document served at /openapi.yaml.
	Spec []byte
	// Web is the map application served at /.
	Web fs.FS
}

// Server is the HTTP server of placetrust.
type Server struct {
	cfg  Config
	svc  Services
	echo *echo.Echo
	log  *slog.Logger
	rate *rateLimiter
	// failures throttles token guessing per address (authfail.go); known
	// remembers the tokens signed in lately (unavailable.go).
	failures *authFailures
	known    knownTokens
	// allowedHosts and proxies are the parsed AllowedHosts and
	// TrustedProxies; hostChecked says whether Hosts are checked at all
	// (hosts.go).
	allowedHosts []hostPattern
	proxies      []*net.IPNet
	hostChecked  bool
	// ogcDocs and tiles serve /ogc/api and /tiles (ogc_api.go, tiles.go).
	ogcDocs ogcAPIDocs
	tiles   *tiles.Index
	// served holds "METHOD path" of every route, for 405 answers;
	// routePaths the paths of routes, for the metrics' route label.
	served     map[string]bool
	routePaths map[string]bool
	// static holds the map files' ETags, pageCSP their policy
	// (static.go, security.go); epoch is new at each start, for the
	// tiles' ETags (caching.go).
	static  staticFiles
	pageCSP string
	epoch   string
	// countSlots bounds the counts running on after their page;
	// counting holds the counts in flight, by filter and caller.
	countSlots chan struct{}
	countMu    sync.Mutex
	counting   map[string]*countJob
	// spools and uploads keep and cap the uploaded files (spool.go,
	// upload.go).
	spools  *spoolDir
	uploads *uploads
}

// The default rate limit per token or anonymous address. GIS clients page
// as fast as the server answers: GDAL's OGC API driver reads its pages one
// after another (several hundred a second on a LAN, more on loopback) and
// takes a 429 for the end of the data, silently dropping the rest. So the
// limit sits above what one sequential client can ask, while a client
// firing many requests at once is still held to it.
const (
	DefaultRate  = 1000
	DefaultBurst = 2000
)

// New builds the server with its middleware and routes. It panics on a
// Config that Validate refuses.
func New(cfg Config, svc Services) *Server {
	if err := cfg.Validate(); err != nil {
		panic(err)
	}
	if cfg.BodyLimit == "" {
		cfg.BodyLimit = "2M"
	}
	if cfg.RatePerSecond == 0 {
		cfg.RatePerSecond, cfg.RateBurst = DefaultRate, DefaultBurst
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.CountBudget == 0 {
		cfg.CountBudget = DefaultCountBudget
	}
	if cfg.MaxUploads == 0 {
		cfg.MaxUploads = DefaultMaxUploads
	}
	if cfg.SpoolLimit == "" {
		cfg.SpoolLimit = DefaultSpoolLimit
	}
	spoolLimit, _ := parseBodyLimit(cfg.SpoolLimit) // checked by Validate
	s := &Server{cfg: cfg, svc: svc, echo: echo.New(), log: cfg.Logger,
		rate: newRateLimiter(cfg.RatePerSecond, cfg.RateBurst), failures: newAuthFailures(cfg.RatePerSecond, cfg.AuthFailureBurst),
		hostChecked: cfg.BaseURL == "" || len(cfg.AllowedHosts) > 0,
		countSlots:  make(chan struct{}, maxBackgroundCounts), counting: map[string]*countJob{},
		pageCSP: pageCSP(cfg), epoch: newEpoch(), spools: newSpoolDir(cfg.SpoolDir, cfg.Logger),
		uploads: newUploads(cfg.MaxUploads, spoolLimit)}
	s.allowedHosts, _ = parseAllowedHosts(cfg.AllowedHosts) // checked by Validate
	s.allowedHosts = append(s.allowedHosts, baseHost(cfg.BaseURL)...)
	s.proxies, _ = parseProxies(cfg.TrustedProxies)
	if svc.Register != nil {
		s.tiles = tiles.NewIndex(svc.Register)
		if cfg.Metrics != nil {
			svc.Register.SetReloadHook(cfg.Metrics.WatchCache("register", svc.Register.AssetsHeld))
		}
	}
	e := s.echo
	e.HideBanner, e.HidePort = true, true
	e.HTTPErrorHandler = s.handleError
	e.IPExtractor = ipExtractor(s.proxies)
	// The access log is outermost so it sees the status of every answer,
	// panics and refusals by later middleware included. Middleware added
	// with Use runs for unrouted paths too, so the spare-slash redirect
	// (slash.go) can answer there; it follows the security and CORS
	// headers so that redirects carry them and browsers may follow them.
	e.Use(s.accessLog)
	e.Use(middleware.RecoverWithConfig(middleware.RecoverConfig{
		LogErrorFunc: func(c echo.Context, err error, stack []byte) error {
			s.log.Error("panic", "err", err, "stack", string(stack))
			return err
		},
	}))
	e.Use(middleware.RequestID())
	e.Use(securityHeaders)
	if !cfg.NoCORS {
		origins := cfg.CORSOrigins
		if len(origins) == 0 {
			origins = []string{"*"}
		}
		e.Use(middleware.CORSWithConfig(middleware.CORSConfig{
			AllowOrigins:  origins,
			AllowMethods:  []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete},
			AllowHeaders:  []string{echo.HeaderAuthorization, echo.HeaderContentType, "If-Match", "If-None-Match"},
			ExposeHeaders: []string{"ETag", "Location", "Link", "Retry-After", echo.HeaderXRequestID},
		}))
	}
	// After CORS, so a browser on another origin can read why it was
	// refused; before the redirects, which must not answer a foreign Host.
	e.Use(s.checkHost)
	e.Use(spareSlashes)
	// Imports carry whole files and have their own, larger limit (routes.go).
	e.Use(bodyLimit(cfg.BodyLimit, func(c echo.Context) bool { return c.Path() == "/api/v1/imports" }))
	// A HEAD of a map file writes no body (http.ServeContent), so gzip
	// would drop its Content-Length and show no encoding: it answers as
	// the uncompressed file instead, length included.
	e.Use(compress(func(c echo.Context) bool {
		return c.Request().Method == http.MethodHead && c.Path() == "/*"
	}))
	e.Use(s.authenticate)
	s.routes()
	if off, thinner := s.offRoutes(); len(off)+len(thinner) > 0 {
		s.log.Warn("the store lacks some services: these routes are off, these answers go without", "routes", off, "answers", thinner)
	}
	return s
}

// ServeHTTP lets the server be used as an http.Handler, as tests do.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.echo.ServeHTTP(w, r) }

// Serve answers requests on ln until ctx is done, then shuts down
// gracefully, giving requests in flight up to ten seconds, and
// interrupts the numberMatched counts still running in the background.
// It first removes the uploads that servers killed mid-import left in the
// spool directory, and on its way out this server's own, whatever ends
// it.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	s.spools.sweep()
	defer s.spools.close()
	hs := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("httpapi: serve: %w", err)
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	defer s.stopCounts() // background counts last after their requests (ogc_count.go)
	if err := hs.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("httpapi: shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("httpapi: serve: %w", err)
	}
	return nil
}

// accessLog logs one line per request with the status the client got.
// Errors are answered here, through the error handler, so the status
// logged is the problem's and not the 200 a response starts with.
func (s *Server) accessLog(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		if err := next(c); err != nil {
			c.Error(err)
		}
		r, res := c.Request(), c.Response()
		took := time.Since(start)
		s.cfg.Metrics.ObserveRequest(r.Method, s.routeLabel(c), res.Status, took)
		s.log.Info("request", "method", r.Method, "uri", r.RequestURI, "status", res.Status,
			"latency_ms", float64(took.Microseconds())/1000,
			"request_id", res.Header().Get(echo.HeaderXRequestID),
			"actor", estate.ActorFromContext(r.Context()).Name)
		return nil
	}
}

// routeLabel is the route pattern that answered, such as
// /api/v1/assets/:id, or metrics.Unmatched when only a not-found
// fallback did: a pattern, never the request's path, so a scan of odd
// URLs cannot make a series each.
func (s *Server) routeLabel(c echo.Context) string {
	if p := c.Path(); s.routePaths[p] {
		return p
	}
	return metrics.Unmatched
}

// newEpoch returns a short random name for this start of the server.
func newEpoch() string {
	b := make([]byte, 4)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
	return hex.EncodeToString(b)
}
