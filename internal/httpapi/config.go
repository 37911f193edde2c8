package httpapi

import (
	"errors"
	"fmt"
	"math"
	"net"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/labstack/gommon/bytes"
)

// Validate reports every setting that cannot work, so the command line
// can refuse them before it opens or creates anything.
func (c Config) Validate() error {
	var errs []error
	if c.BodyLimit != "" {
		if _, err := parseBodyLimit(c.BodyLimit); err != nil {
			errs = append(errs, err)
		}
	}
	if math.IsNaN(c.RatePerSecond) || math.IsInf(c.RatePerSecond, 0) {
		errs = append(errs, fmt.Errorf("rate %v: give a number of requests per second (negative: no limit)", c.RatePerSecond))
	}
	if c.RateBurst < 0 {
		errs = append(errs, fmt.Errorf("rate burst %d: must not be negative", c.RateBurst))
	}
	if _, err := parseProxies(c.TrustedProxies); err != nil {
		errs = append(errs, err)
	}
	if c.BaseURL != "" {
		u, err := url.Parse(c.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			errs = append(errs, fmt.Errorf("base URL %q: give an absolute http(s) URL such as https://register.example.org", c.BaseURL))
		}
	}
	if _, err := parseAllowedHosts(c.AllowedHosts); err != nil {
		errs = append(errs, err)
	}
	for _, o := range c.CORSOrigins {
		if o != "*" && !strings.HasPrefix(o, "http://") && !strings.HasPrefix(o, "https://") {
			errs = append(errs, fmt.Errorf("CORS origin %q: give * or origins such as https://map.example.org", o))
		}
	}
	if c.MaxUploads < 0 {
		errs = append(errs, fmt.Errorf("max uploads %d: give how many imports may upload at once, such as %d", c.MaxUploads, DefaultMaxUploads))
	}
	if c.SpoolLimit != "" {
		n, err := parseBodyLimit(c.SpoolLimit)
		floor, _ := parseBodyLimit(importBodyLimit)
		switch {
		case err != nil:
			errs = append(errs, fmt.Errorf("spool limit %q: give a size such as 1G or 600M", c.SpoolLimit))
		case n < floor:
			errs = append(errs, fmt.Errorf("spool limit %q: must be at least %s, the largest import, or that file could never be sent", c.SpoolLimit, importBodyLimit))
		}
	}
	if err := CheckBasemapURL(c.BasemapURL); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// parseBodyLimit reads a size as echo's body limit does (2M is 2,000,000
// bytes, 2MiB 2,097,152), refusing what would make echo panic.
func parseBodyLimit(s string) (int64, error) {
	n, err := bytes.Parse(s)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("body limit %q: give a size such as 2M, 512K or 1MiB", s)
	}
	return n, nil
}

// parseProxies reads addresses and CIDR ranges; a bare address is a range
// of one.
func parseProxies(ps []string) ([]*net.IPNet, error) {
	var out []*net.IPNet
	for _, p := range ps {
		p = strings.TrimSpace(p)
		if !strings.Contains(p, "/") {
			ip := net.ParseIP(p)
			if ip == nil {
				return nil, fmt.Errorf("trusted proxy %q: give an address or CIDR range such as 10.0.0.0/8", p)
			}
			bits := 128
			if ip.To4() != nil {
				ip, bits = ip.To4(), 32
			}
			out = append(out, &net.IPNet{IP: ip, Mask: net.CIDRMask(bits, bits)})
			continue
		}
		_, n, err := net.ParseCIDR(p)
		if err != nil {
			return nil, fmt.Errorf("trusted proxy %q: give an address or CIDR range such as 10.0.0.0/8", p)
		}
		out = append(out, n)
	}
	return out, nil
}

// ipExtractor says where a request comes from. Echo's default believes
// X-Forwarded-For from anyone, which would let each anonymous request
// claim a fresh address and a fresh rate allowance; here the header is
// believed only when the connection comes from a trusted proxy.
func ipExtractor(nets []*net.IPNet) echo.IPExtractor {
	if len(nets) == 0 {
		return echo.ExtractIPDirect()
	}
	opts := []echo.TrustOption{echo.TrustLoopback(false), echo.TrustLinkLocal(false), echo.TrustPrivateNet(false)}
	for _, n := range nets {
		opts = append(opts, echo.TrustIPRange(n))
	}
	return echo.ExtractIPFromXFFHeader(opts...)
}
