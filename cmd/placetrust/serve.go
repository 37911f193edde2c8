package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strings"

	"github.com/placetrust/placetrust"
	"github.com/placetrust/placetrust/internal/httpapi"
	"github.com/placetrust/placetrust/internal/insight"
	"github.com/placetrust/placetrust/internal/sqlite"
	"github.com/placetrust/placetrust/web"
)

func runServe(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := newFlagSet("serve", getenv, stderr)
	addr := fs.string("addr", "127.0.0.1:8080", "address to listen on")
	dbPath := fs.string("db", defaultDB, "SQLite database file (created if missing)")
	demo := fs.bool("demo", false, "load the synthetic demo estate if the database is empty, and print tokens to try it")
	publicRead := fs.bool("public-read", false, "let requests without a token read (never sensitive assets or money)")
	publicMoney := fs.bool("public-money", false, "with --public-read, also show money figures and analyses without a token")
	baseURL := fs.string("base-url", "", "public root URL for links, when behind a proxy")
	cors := fs.string("cors-origins", "*", "comma-separated origins allowed to call from browsers")
	bodyLimit := fs.string("body-limit", "2M", "largest request body accepted, such as 2M")
	rate := fs.float("rate", 50, "requests per second allowed per token or anonymous address (negative: no limit)")
	logFormat := fs.string("log-format", "text", "log format: text or json")
	basemapURL := fs.string("basemap-url", "", "raster tile URL template ({z}/{x}/{y}) for the web map's background; default none (offline outlines)")
	basemapAttribution := fs.string("basemap-attribution", "", "credit shown on the web map for the basemap")
	if err := fs.parse(args); err != nil {
		return err
	}
	if err := httpapi.CheckBasemapURL(*basemapURL); err != nil {
		return usageError(err.Error())
	}
	log, err := newLogger(*logFormat, stderr)
	if err != nil {
		return err
	}

	db, err := openDB(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	if *demo {
		if err := loadDemo(ctx, db, stdout); err != nil {
			return err
		}
		if err := printDemoTokens(ctx, db, stdout); err != nil {
			return err
		}
	}

	assets := sqlite.NewAssetService(db)
	srv := httpapi.New(httpapi.Config{
		PublicRead:    *publicRead,
		BaseURL:       *baseURL,
		CORSOrigins:   splitList(*cors),
		BodyLimit:     *bodyLimit,
		RatePerSecond: *rate,
		RateBurst:     int(2 * *rate),
		Logger:        log,

		BasemapURL:         *basemapURL,
		BasemapAttribution: *basemapAttribution,
	}, httpapi.Services{
		Partners: sqlite.NewPartnerService(db),
		Assets:   assets,
		Tokens:   sqlite.NewTokenService(db),
		Imports:  assets,
		Analyses: insight.New(assets, *publicRead && *publicMoney),
		Ping:     db.Ping,
		Spec:     placetrust.OpenAPI,
		Web:      web.FS,
	})
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	fmt.Fprintf(stdout, "placetrust %s listening on http://%s (database %s)\n", version, ln.Addr(), *dbPath)
	log.Info("serving", "addr", ln.Addr().String(), "db", *dbPath, "public_read", *publicRead)
	if err := srv.Serve(ctx, ln); err != nil {
		return err
	}
	log.Info("stopped")
	return nil
}

func newLogger(format string, w io.Writer) (*slog.Logger, error) {
	switch format {
	case "text":
		return slog.New(slog.NewTextHandler(w, nil)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, nil)), nil
	}
	return nil, usageError(fmt.Sprintf("--log-format %q: use text or json", format))
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
