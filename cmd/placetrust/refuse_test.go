package main

import (
	"context"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestServeRefusesBadConfig checks every setting is validated before the
// database is opened: a usage error (exit 2), no panic, no file left.
func TestServeRefusesBadConfig(t *testing.T) {
	for _, args := range [][]string{
		{"--body-limit", "abc"},
		{"--body-limit", "0"},
		{"--body-limit", "-5M"},
		{"--trusted-proxies", "not-an-address"},
		{"--trusted-proxies", "10.0.0.0/99"},
		{"--base-url", "ftp://example.org"},
		{"--allowed-hosts", "https://register.example.org"},
		{"--allowed-hosts", "*.example.org"},
		{"--allowed-hosts", "register.example.org:http"},
		{"--cors-origins", "example.org"},
		{"--rate", "NaN"},
		{"--rate", "0"},
		{"--log-format", "xml"},
		{"--count-budget", "soon"},
		{"--count-budget", "0"},
		{"--basemap-url", "https://tiles.example.org/no-placeholders.png"},
		{"--metrics-addr", "9090"},
		{"--service-area", "uk"},
		{"--service-area", ""},
		{"--service-area", "-1,51,-3,53"},
		{"--service-area", "gb;-3,51,-1"},
		{"--db", ""},
	} {
		dbPath := filepath.Join(t.TempDir(), "never.db")
		full := append([]string{"serve", "--addr", "127.0.0.1:0", "--db", dbPath}, args...)
		err := run(context.Background(), full, env(nil), io.Discard, io.Discard)
		if err == nil || exitCode(err) != 2 {
			t.Errorf("%v: %v (exit %d), want a usage error", args, err, exitCode(err))
		}
		if _, statErr := os.Stat(dbPath); !os.IsNotExist(statErr) {
			t.Errorf("%v: the database file was created before the settings were checked", args)
		}
	}
}

// TestBadInputChangesNothing: a mistake on the command line is a usage
// error (exit 2) found before the database is opened, so not even an
// empty database file is left behind.
func TestBadInputChangesNothing(t *testing.T) {
	for _, args := range [][]string{
		{"token", "-h"},
		{"token", "frobnicate"},
		{"token", "create", "--name", "x", "--role", "boss"},
		{"token", "create", "--name", "x", "--role", "editor"},
		{"token", "list", "extra"},
		{"token", "revoke", "abc"},
		{"token", "revoke"},
		{"report", "wychavon-dc"},
		{"report", "--distance", "-1"},
		{"report", "--densify", "2"},
		{"quality", "--stale-months", "0"},
		{"quality", "--within", "-1"},
		{"quality", "--as-of", "yesterday"},
		{"quality", "--format", "xml"},
		{"quality", "--partner", "Bad Id"},
		{"migrate", "extra"},
		{"demo", "extra"},
		{"demo", "--scale", "-1"},
		{"demo", "--scale", "many"},
		{"serve", "extra"},
		{"serve", "--addr", "8080"},
		{"serve", "--addr", "127.0.0.1:99999"},
		{"serve", "--max-uploads", "0"},
		{"serve", "--max-uploads", "many"},
		{"serve", "--spool-limit", "100M"}, // smaller than one import may be
		{"serve", "--spool-limit", "lots"},
		{"import", "--partner", "Bad Id", traffordFile},
		{"import", "--partner", "x", "--partner-name", "X", "--partner-kind", "alien", traffordFile},
		{"import", "--partner", "x", "--service-area", "-3,51,-1,95", traffordFile},
		{"version", "extra"},
		// Commands that only read or revoke: a --db naming no file is a
		// slip, not a new register to answer from.
		{"export"},
		{"report"},
		{"quality"},
		{"token", "list"},
		{"token", "revoke", "1"},
		{"backup", filepath.Join(t.TempDir(), "backup.db")},
	} {
		dbPath := filepath.Join(t.TempDir(), "never.db")
		err := run(context.Background(), args, env(map[string]string{"PLACETRUST_DB": dbPath}), io.Discard, io.Discard)
		if err == nil || exitCode(err) != 2 {
			t.Errorf("%v: %v (exit %d), want a usage error", args, err, exitCode(err))
		}
		if _, statErr := os.Stat(dbPath); !os.IsNotExist(statErr) {
			t.Errorf("%v: the database file was created", args)
		}
	}
}

// TestServeTakenAddrChangesNothing: serve listens, for the API and the
// metrics, before it opens the database, so an address already taken
// leaves no database file behind.
func TestServeTakenAddrChangesNothing(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	for _, flag := range []string{"--addr", "--metrics-addr"} {
		dbPath := filepath.Join(t.TempDir(), "never.db")
		err = run(context.Background(), []string{"serve", "--demo", "--addr", "127.0.0.1:0", flag, ln.Addr().String()},
			env(map[string]string{"PLACETRUST_DB": dbPath}), io.Discard, io.Discard)
		if err == nil || !strings.Contains(err.Error(), "listen") {
			t.Errorf("serve with %s on a taken address: %v", flag, err)
		}
		if _, statErr := os.Stat(dbPath); !os.IsNotExist(statErr) {
			t.Errorf("%s taken: the database file was created", flag)
		}
	}
}
