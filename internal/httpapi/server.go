// Package httpapi is placetrust's HTTP adapter: the REST API, problem+json
// errors, bearer-token authentication and the served documents, on echo.
package httpapi

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/tiles"
)

// Config holds the server's settings; the zero value of each field means
// its documented default.
type Config struct {
	// PublicRead lets requests without a token read the register (never
	// sensitive assets or money).
	PublicRead bool
	// BaseURL, if set, is the public root used in links, for deployments
	// behind proxies that rewrite hosts.
	BaseURL string
	// CORSOrigins are the origins browsers may call from; default any.
	CORSOrigins []string
	// BodyLimit caps request bodies; default "2M".
	BodyLimit string
	// RatePerSecond and RateBurst limit each token (or anonymous client
	// address); zero RatePerSecond means 50/s with a burst of 100.
	RatePerSecond float64
	RateBurst     int
	// Logger receives access and error logs; default discards.
	Logger *slog.Logger
	// BasemapURL, if set, is a raster tile URL template ({z}/{x}/{y}) the
	// web map draws under the assets, with BasemapAttribution; without
	// one the map draws approximate outlines and works offline.
	BasemapURL         string
	BasemapAttribution string
}

// Services are what the server serves.
type Services struct {
	Partners estate.PartnerService
	Assets   estate.AssetService
	Tokens   estate.TokenService
	Imports  estate.ImportService
	Analyses Analyses
	// Ping reports whether the store answers, for /healthz.
	Ping func(context.Context) error
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
	// ogcDocs and tiles serve /ogc/api and /tiles (ogc_api.go, tiles.go).
	ogcDocs ogcAPIDocs
	tiles   *tiles.Index
}

// New builds the server with its middleware and routes.
func New(cfg Config, svc Services) *Server {
	if cfg.BodyLimit == "" {
		cfg.BodyLimit = "2M"
	}
	if cfg.RatePerSecond == 0 {
		cfg.RatePerSecond, cfg.RateBurst = 50, 100
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	s := &Server{cfg: cfg, svc: svc, echo: echo.New(), log: cfg.Logger,
		rate: newRateLimiter(cfg.RatePerSecond, cfg.RateBurst)}
	s.tiles = tileIndexFor(svc.Assets)
	e := s.echo
	e.HideBanner, e.HidePort = true, true
	e.HTTPErrorHandler = errorHandler(s.log)
	e.Use(middleware.RecoverWithConfig(middleware.RecoverConfig{
		LogErrorFunc: func(c echo.Context, err error, stack []byte) error {
			s.log.Error("panic", "err", err, "stack", string(stack))
			return err
		},
	}))
	e.Use(middleware.RequestID())
	e.Use(s.accessLog())
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
	e.Use(middleware.BodyLimitWithConfig(middleware.BodyLimitConfig{
		Limit: cfg.BodyLimit,
		// Imports carry whole files and have their own, larger limit.
		Skipper: func(c echo.Context) bool { return c.Path() == "/api/v1/imports" },
	}))
	e.Use(middleware.GzipWithConfig(middleware.GzipConfig{MinLength: 1024}))
	e.Use(s.authenticate)
	s.routes()
	return s
}

// ServeHTTP lets the server be used as an http.Handler, as tests do.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.echo.ServeHTTP(w, r) }

// Serve answers requests on ln until ctx is done, then shuts down
// gracefully, giving requests in flight up to ten seconds.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
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
	if err := hs.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("httpapi: shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("httpapi: serve: %w", err)
	}
	return nil
}

func (s *Server) accessLog() echo.MiddlewareFunc {
	return middleware.RequestLoggerWithConfig(middleware.RequestLoggerConfig{
		LogMethod: true, LogURI: true, LogStatus: true, LogLatency: true, LogRequestID: true,
		LogValuesFunc: func(c echo.Context, v middleware.RequestLoggerValues) error {
			s.log.Info("request", "method", v.Method, "uri", v.URI, "status", v.Status,
				"latency_ms", float64(v.Latency.Microseconds())/1000, "request_id", v.RequestID,
				"actor", estate.ActorFromContext(c.Request().Context()).Name)
			return nil
		},
	})
}
