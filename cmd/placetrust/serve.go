package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net"
	"strings"
	"time"

	"github.com/placetrust/placetrust"
	"github.com/placetrust/placetrust/internal/httpapi"
	"github.com/placetrust/placetrust/internal/insight"
	"github.com/placetrust/placetrust/internal/metrics"
	"github.com/placetrust/placetrust/internal/postgres"
	"github.com/placetrust/placetrust/internal/register"
	"github.com/placetrust/placetrust/web"
)

func runServe(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := newFlagSet("serve", getenv, stderr)
	addr := fs.string("addr", "127.0.0.1:8080", "address to listen on")
	dbPath := fs.string("db", defaultDB, dbHelp)
	demo := fs.bool("demo", false, "load the synthetic demo estate if the database is empty, and print tokens to try it")
	publicRead := fs.bool("public-read", false, "let requests without a token read (never sensitive assets, money, people's names or notes)")
	publicMoney := fs.bool("public-money", false, "with --public-read, also show money figures and analyses without a token")
	baseURL := fs.string("base-url", "", "public root URL for links, such as https://register.example.org; without it links are built from each request, whose Host must then be allowed (see --allowed-hosts)")
	allowedHosts := fs.string("allowed-hosts", "", "comma-separated names (host, or host:port for that port only) requests may give in Host besides the listen address; others get 400. Without --base-url links use the Host; with it, Host is checked only if this is set")
	cors := fs.string("cors-origins", "*", `comma-separated origins allowed to call from browsers; "" turns CORS off`)
	bodyLimit := fs.string("body-limit", "2M", "largest request body accepted, such as 2M (2,000,000 bytes) or 512KiB")
	rate := fs.float("rate", httpapi.DefaultRate, "requests per second allowed per token or anonymous address, with bursts of twice that (negative: no limit). Unknown tokens are limited apart, whatever the rate: 10 per client address, then one a second (or this rate, if lower)")
	proxies := fs.string("trusted-proxies", "", "comma-separated addresses or CIDR ranges of reverse proxies whose X-Forwarded-For names the client and X-Forwarded-Proto the scheme of links; default none (the connection's address is the client, its TLS the scheme)")
	countBudget := fs.string("count-budget", httpapi.DefaultCountBudget.String(), "how long an OGC items page waits for its numberMatched before leaving it out, as OGC allows (the count finishes in the background); negative: never wait")
	maxUploads := fs.int("max-uploads", httpapi.DefaultMaxUploads, "imports that may upload at once, each file kept on disk until its import ends; past it an upload gets 429 with Retry-After")
	spoolLimit := fs.string("spool-limit", httpapi.DefaultSpoolLimit, "bytes the uploads in flight may hold on disk together (in $TMPDIR/placetrust-spool), such as 1G; at least 256M; past it an upload gets 429 with Retry-After")
	warm := fs.bool("warm", true, "read the register into memory (the copy tiles and analyses read) at start, so the first map and trust view need not wait for it")
	logFormat := fs.string("log-format", "text", "log format: text or json")
	basemapURL := fs.string("basemap-url", "", "raster tile URL template ({z}/{x}/{y}) for the web map's background; default none (offline outlines)")
	basemapAttribution := fs.string("basemap-attribution", "", "credit shown on the web map for the basemap")
	metricsAddr := fs.string("metrics-addr", "", "address of a second listener serving only Prometheus /metrics, without a token, such as 127.0.0.1:9090; default none (no metrics)")
	serviceArea := fs.serviceArea()
	if err := fs.parseNoArgs(args); err != nil {
		return err
	}
	area, err := serviceArea()
	if err != nil {
		return err
	}
	log, err := newLogger(*logFormat, stderr)
	if err != nil {
		return err
	}
	budget, err := time.ParseDuration(*countBudget)
	if err != nil || budget == 0 {
		return usageError("--count-budget must be a duration such as 100ms or 1s, or negative for never waiting")
	}
	burst := 0 // no limit at all for a negative rate
	if *rate > 0 {
		burst = int(math.Ceil(2 * *rate))
	}
	cfg := httpapi.Config{
		PublicRead:     *publicRead,
		BaseURL:        *baseURL,
		AllowedHosts:   splitList(*allowedHosts),
		CORSOrigins:    splitList(*cors),
		NoCORS:         strings.TrimSpace(*cors) == "",
		BodyLimit:      *bodyLimit,
		RatePerSecond:  *rate,
		RateBurst:      burst,
		CountBudget:    budget,
		MaxUploads:     *maxUploads,
		SpoolLimit:     *spoolLimit,
		TrustedProxies: splitList(*proxies),
		ServiceArea:    area,
		Logger:         log,

		BasemapURL:         *basemapURL,
		BasemapAttribution: *basemapAttribution,
	}
	// Every setting is checked before anything is opened, so a typo
	// leaves no database file behind and never panics later.
	if err := cfg.Validate(); err != nil {
		return usageError(strings.ReplaceAll(err.Error(), "\n", "; "))
	}
	if *maxUploads < 1 {
		return usageError(fmt.Sprintf("--max-uploads %d: give how many imports may upload at once, at least 1", *maxUploads))
	}
	if *rate == 0 {
		return usageError("--rate 0 would refuse every request: give a positive rate, or a negative one for no limit")
	}
	// Listening comes before the database is opened, so an address that
	// cannot be had, mistyped or taken, leaves no database file behind.
	ln, err := listen("addr", *addr)
	if err != nil {
		return err
	}
	defer ln.Close() // Serve closes it too; this is for the returns before
	var mln net.Listener
	if *metricsAddr != "" {
		if mln, err = listen("metrics-addr", *metricsAddr); err != nil {
			return err
		}
		defer mln.Close()
		cfg.Metrics = metrics.New()
	}

	db, err := openStore(ctx, *dbPath, false)
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

	svc := services(db, area)
	if pg, ok := db.(*postgres.DB); ok {
		// This server's own follower of the register: it hears other
		// servers' changes (LISTEN), so a quiet register costs requests
		// no round trip. Closed before the pool (deferred after it).
		feed := pg.Follow()
		defer feed.Close()
		svc.Feed = feed
	}
	served := httpapi.Services{Services: *svc, Spec: placetrust.OpenAPI, Web: web.FS}
	if svc.Feed != nil { // without it the tiles and analyses are off, and New says so
		served.Register = register.New(svc.Feed) // the tiles' and the analyses' one copy
		served.Analyses = insight.New(served.Register, *publicRead && *publicMoney)
	}
	watch(cfg.Metrics, db)
	srv := httpapi.New(cfg, served)
	name := storeName(*dbPath) // never the password
	fmt.Fprintf(stdout, "placetrust %s listening on http://%s (database %s)\n", version, ln.Addr(), name)
	log.Info("serving", "addr", ln.Addr().String(), "db", name, "public_read", *publicRead, "service_area", area.String())
	if tcp, ok := ln.Addr().(*net.TCPAddr); ok && !tcp.IP.IsLoopback() && *baseURL == "" && len(cfg.AllowedHosts) == 0 {
		// Names the machine may have are unknowable to it: a request naming
		// one gets 400 rather than links to a Host anyone could make up.
		// On loopback, 127.0.0.1 and localhost are all there is.
		log.Warn("neither --base-url nor --allowed-hosts is set: only requests naming the address they reach "+
			"(or localhost on loopback) are answered; list the server's public names in --allowed-hosts", "addr", ln.Addr().String())
	}
	if *warm {
		// In the background: requests are answered meanwhile, and one
		// arriving first simply waits for the same load.
		go func() {
			start := time.Now()
			if err := srv.Warm(ctx); err != nil {
				log.Warn("warming the copy of the register failed", "err", err)
				return
			}
			log.Info("caches warmed", "ms", time.Since(start).Milliseconds())
		}()
	}
	if err := serveAll(ctx, srv, ln, cfg.Metrics, mln, log, stdout); err != nil {
		return err
	}
	log.Info("stopped")
	return nil
}

// listen listens on addr, given by the flag named flagName. An address
// that could never be listened on, such as "8080" for ":8080", is a usage
// error; one that is taken or not this machine's is not.
func listen(flagName, addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if _, malformed := errors.AsType[*net.AddrError](err); malformed {
		return nil, usageError(fmt.Sprintf("--%s %q: give host:port, such as 127.0.0.1:8080 or :8080", flagName, addr))
	} else if err != nil {
		return nil, fmt.Errorf("listen: %w", err)
	}
	return ln, nil
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
