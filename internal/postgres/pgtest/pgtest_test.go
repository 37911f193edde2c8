package pgtest_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/placetrust/placetrust/internal/postgres/pgtest"
)

// TestURL gets a database with PostGIS and a second, different one.
func TestURL(t *testing.T) {
	a, b := pgtest.URL(t), pgtest.URL(t)
	if a == b {
		t.Fatalf("two tests share database %s", a)
	}
	ctx := context.Background()
	c, err := pgx.Connect(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	var v string
	if err := c.QueryRow(ctx, `SELECT postgis_lib_version()`).Scan(&v); err != nil {
		t.Fatalf("PostGIS missing: %v", err)
	}
	if v[0] < '3' {
		t.Errorf("PostGIS %s, want 3 or later", v)
	}
}
