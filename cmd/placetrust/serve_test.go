package main

import (
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"
)

// TestServeProxySettings runs serve as the README's reverse proxy
// section does, settings from the environment: links follow the allowed
// Host and the trusted proxy's X-Forwarded-Proto, another Host is
// refused, and with --rate 5 guessed tokens are throttled while the real
// token is answered.
func TestServeProxySettings(t *testing.T) {
	db := filepath.Join(t.TempDir(), "proxy.db")
	secret := strings.TrimSpace(cliOK(t, db)("token", "create", "--name", "gis", "--role", "admin"))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := &syncBuffer{}
	errc := make(chan error, 1)
	go func() {
		errc <- run(ctx, []string{"serve", "--rate", "5"}, env(map[string]string{
			"PLACETRUST_ADDR": "127.0.0.1:0", "PLACETRUST_DB": db, "PLACETRUST_WARM": "false",
			"PLACETRUST_ALLOWED_HOSTS": "register.example.org", "PLACETRUST_TRUSTED_PROXIES": "127.0.0.1",
		}), out, io.Discard)
	}()
	base := waitListening(t, out)

	var landing struct{ Links []struct{ Href string } }
	proxied := map[string]string{"Host": "register.example.org", "X-Forwarded-Proto": "https"}
	if s := call(t, "GET", base+"/ogc", secret, nil, proxied, &landing); s != 200 || len(landing.Links) == 0 {
		t.Fatalf("landing page through the proxy: %d %v", s, landing)
	}
	for _, l := range landing.Links {
		if !strings.HasPrefix(l.Href, "https://register.example.org/ogc") {
			t.Errorf("link %q, want it under https://register.example.org/ogc", l.Href)
		}
	}
	if s := call(t, "GET", base+"/ogc", secret, nil, map[string]string{"Host": "evil.example"}, nil); s != 400 {
		t.Errorf("a made-up Host: %d, want 400", s)
	}

	statuses := map[int]int{}
	for range 15 {
		statuses[call(t, "GET", base+"/api/v1/partners", "pt_guessed", nil, nil, nil)]++
	}
	if statuses[429] == 0 || statuses[401] > 11 {
		t.Errorf("15 guessed tokens with --rate 5 answered %v, want 429s after the first 10 or so", statuses)
	}
	if s := call(t, "GET", base+"/api/v1/partners", secret, nil, nil, nil); s != 200 {
		t.Errorf("the real token after the guessing: %d", s)
	}
	stopServe(t, cancel, errc)
}
