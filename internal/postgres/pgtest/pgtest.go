// Package pgtest gives tests a fresh, empty PostgreSQL database with
// PostGIS, on the real cluster named by PLACETRUST_TEST_POSTGRES (which
// .ci/postgres starts and CI exports). Without it a developer's run skips
// the test and says how to start one; under CI=true the test fails, so a
// CI machine without PostgreSQL never passes by skipping. It is imported
// only by tests.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// Env names the variable holding the cluster's URL: a superuser's
// connection to any database of it.
const Env = "PLACETRUST_TEST_POSTGRES"

// template is the database every test's is copied from: PostGIS made
// once, as CREATE EXTENSION takes seconds and a copy milliseconds.
const template = "placetrust_template"

var templateOnce struct {
	sync.Mutex
	done bool
}

// URL returns the address of a new, empty database with PostGIS
// installed, dropped when tb ends; or skips tb (fails it under CI=true)
// when no cluster is configured.
func URL(tb testing.TB) string {
	tb.Helper()
	base := os.Getenv(Env)
	if base == "" {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("%s is not set: CI must start PostgreSQL (.ci/postgres start)", Env)
		}
		tb.Skipf("no PostgreSQL: set %s, for example with eval \"$(.ci/postgres start)\"", Env)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	admin, err := pgx.Connect(ctx, base)
	if err != nil {
		tb.Fatalf("pgtest: connect to %s: %v", Env, err)
	}
	defer admin.Close(ctx)
	if err := ensureTemplate(ctx, admin, base); err != nil {
		tb.Fatal(err)
	}
	name := "pt_" + randomHex(8)
	if _, err := admin.Exec(ctx, `CREATE DATABASE `+name+` TEMPLATE `+template); err != nil {
		tb.Fatalf("pgtest: create database: %v", err)
	}
	tb.Cleanup(func() { Drop(tb, base, name) })
	return WithDatabase(tb, base, name)
}

// WithDatabase returns base with its database replaced by name.
func WithDatabase(tb testing.TB, base, name string) string {
	tb.Helper()
	u, err := url.Parse(base)
	if err != nil {
		tb.Fatalf("pgtest: %s: %v", Env, err)
	}
	u.Path = "/" + name
	return u.String()
}

// Drop drops database name, closing whatever is still connected to it.
func Drop(tb testing.TB, base, name string) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	admin, err := pgx.Connect(ctx, base)
	if err != nil {
		tb.Logf("pgtest: drop %s: %v", name, err)
		return
	}
	defer admin.Close(ctx)
	if _, err := admin.Exec(ctx, `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`); err != nil {
		tb.Logf("pgtest: drop %s: %v", name, err)
	}
}

// ensureTemplate makes the template database once per cluster: by this
// process, or by another test binary before it (an advisory lock keeps
// two from making it at once).
func ensureTemplate(ctx context.Context, admin *pgx.Conn, base string) error {
	templateOnce.Lock()
	defer templateOnce.Unlock()
	if templateOnce.done {
		return nil
	}
	if _, err := admin.Exec(ctx, `SELECT pg_advisory_lock(7261)`); err != nil {
		return fmt.Errorf("pgtest: lock: %w", err)
	}
	defer admin.Exec(context.Background(), `SELECT pg_advisory_unlock(7261)`)
	var exists bool
	if err := admin.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, template).Scan(&exists); err != nil {
		return fmt.Errorf("pgtest: %w", err)
	}
	if !exists {
		if _, err := admin.Exec(ctx, `CREATE DATABASE `+template); err != nil {
			return fmt.Errorf("pgtest: create template: %w", err)
		}
		u, err := url.Parse(base)
		if err != nil {
			return err
		}
		u.Path = "/" + template
		c, err := pgx.Connect(ctx, u.String())
		if err != nil {
			return fmt.Errorf("pgtest: connect to template: %w", err)
		}
		_, err = c.Exec(ctx, `CREATE EXTENSION IF NOT EXISTS postgis`)
		c.Close(ctx)
		if err != nil {
			return fmt.Errorf("pgtest: PostGIS (apt-get install postgresql-15-postgis-3): %w", err)
		}
		if _, err := admin.Exec(ctx, `ALTER DATABASE `+template+` WITH IS_TEMPLATE true`); err != nil {
			return fmt.Errorf("pgtest: %w", err)
		}
	}
	templateOnce.done = true
	return nil
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}
