package httpapi

import (
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"
)

// Links in answers (Location, next and self links, OGC and TileJSON URLs)
// are absolute. Built from whatever a client says about itself, one
// request with a made-up Host or X-Forwarded-Proto could, behind a
// caching proxy, poison the links every later client is served. So
// without --base-url links come from the request only when its Host is
// one the server answers for, and forwarded headers only from
// --trusted-proxies.

// hostPattern is one allowed host: a lower-case name or address, and a
// port, or "" for any port.
type hostPattern struct{ host, port string }

// parseAllowedHosts reads --allowed-hosts entries, host or host:port
// (IPv6 addresses in brackets).
func parseAllowedHosts(hs []string) ([]hostPattern, error) {
	var out []hostPattern
	for _, h := range hs {
		host, port, ok := splitHost(strings.TrimSpace(h))
		if !ok || !validHostName(host) {
			return nil, fmt.Errorf("allowed host %q: give a name or address, with :port to allow that port only, such as register.example.org or 10.0.0.5:8080", h)
		}
		out = append(out, hostPattern{host: host, port: port})
	}
	return out, nil
}

// splitHost splits a Host header or --allowed-hosts entry into a
// lower-case host and its port ("" when none is given). A port that is
// not a number, or an IPv6 address without brackets, is not a host.
func splitHost(hp string) (host, port string, ok bool) {
	switch {
	case strings.HasPrefix(hp, "[") && strings.HasSuffix(hp, "]"):
		host = hp[1 : len(hp)-1]
		if net.ParseIP(host) == nil {
			return "", "", false
		}
	case strings.HasPrefix(hp, "[") || strings.Count(hp, ":") == 1:
		var err error
		if host, port, err = net.SplitHostPort(hp); err != nil {
			return "", "", false
		}
		if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 || strconv.Itoa(n) != port {
			return "", "", false
		}
	case strings.Contains(hp, ":"):
		return "", "", false
	default:
		host = hp
	}
	return strings.ToLower(host), port, host != ""
}

// validHostName accepts an IP address or a DNS name: letters, digits,
// hyphens, underscores and dots. Nothing else can name a host in a link.
func validHostName(h string) bool {
	if net.ParseIP(h) != nil {
		return true
	}
	for _, r := range h {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.') {
			return false
		}
	}
	return h != ""
}

// checkHost refuses, with 400, a request whose Host the server does not
// answer for, unless links come from --base-url alone (then the Host is
// checked only if --allowed-hosts is given). Every route is refused, not
// only those that write links, which also keeps out pages on another
// site whose name was pointed at this server (DNS rebinding). /healthz
// is spared: load balancers probe it by whatever address they know.
func (s *Server) checkHost(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if !s.hostChecked || c.Path() == "/healthz" || s.hostAllowed(c.Request()) {
			return next(c)
		}
		return invalid("Host", fmt.Sprintf("%q is not a name this server answers for: its operator can add it to --allowed-hosts, or set --base-url", c.Request().Host))
	}
}

// hostAllowed says whether r's Host is one of --allowed-hosts (or the
// --base-url's host), or the address the request came in on: the
// listener's, or with a wildcard listener (:8080) the local address the
// client reached, plus localhost on loopback. Names the machine may have
// otherwise are unknowable here, so they must be listed.
func (s *Server) hostAllowed(r *http.Request) bool {
	host, port, ok := splitHost(r.Host)
	if !ok {
		return false
	}
	if port == "" {
		port = "80"
		if s.scheme(r) == "https" {
			port = "443"
		}
	}
	for _, p := range s.allowedHosts {
		if p.host == host && (p.port == "" || p.port == port) {
			return true
		}
	}
	local, ok := r.Context().Value(http.LocalAddrContextKey).(*net.TCPAddr)
	if !ok || strconv.Itoa(local.Port) != port {
		return false
	}
	if ip := net.ParseIP(host); ip != nil {
		return ip.Equal(local.IP)
	}
	return host == "localhost" && local.IP.IsLoopback()
}

// baseURL is the public root of the server, for absolute links: the
// --base-url, or else the request's scheme and its Host, which checkHost
// has let through.
func (s *Server) baseURL(c echo.Context) string {
	if s.cfg.BaseURL != "" {
		return strings.TrimSuffix(s.cfg.BaseURL, "/")
	}
	r := c.Request()
	return s.scheme(r) + "://" + r.Host
}

// scheme is https when the connection is TLS, or when a trusted proxy
// says so in X-Forwarded-Proto (the last value, its own if it appends).
// Echo's Context.Scheme believes X-Forwarded-Proto, X-Forwarded-Ssl and
// X-Url-Scheme from anyone, so it is not used.
func (s *Server) scheme(r *http.Request) string {
	if r.TLS != nil {
		return "https"
	}
	if s.fromTrustedProxy(r) {
		vs := r.Header.Values("X-Forwarded-Proto")
		if len(vs) > 0 {
			parts := strings.Split(vs[len(vs)-1], ",")
			if p := strings.ToLower(strings.TrimSpace(parts[len(parts)-1])); p == "https" || p == "http" {
				return p
			}
		}
	}
	return "http"
}

// fromTrustedProxy says whether the connection itself comes from one of
// --trusted-proxies.
func (s *Server) fromTrustedProxy(r *http.Request) bool {
	if len(s.proxies) == 0 {
		return false
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return false
	}
	ip := net.ParseIP(host)
	for _, n := range s.proxies {
		if ip != nil && n.Contains(ip) {
			return true
		}
	}
	return false
}

// baseHost is the --base-url's host as an allowed host, any port.
func baseHost(baseURL string) []hostPattern {
	u, err := url.Parse(baseURL)
	if err != nil || u.Hostname() == "" {
		return nil
	}
	return []hostPattern{{host: strings.ToLower(u.Hostname())}}
}
