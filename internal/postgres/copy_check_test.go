package postgres_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/postgres"
	"github.com/placetrust/placetrust/internal/postgres/pgtest"
	"github.com/placetrust/placetrust/internal/service"
	"github.com/placetrust/placetrust/internal/storetest"
)

var adminCtx = storetest.As(estate.RoleAdmin, "")

// smallRegister is a PostgreSQL database holding two partners, three
// assets (one occupied, one deleted), a token and their trails, made by
// the services; url reaches it behind the store's back.
func smallRegister(t *testing.T) (db *postgres.DB, url string) {
	t.Helper()
	url = pgtest.URL(t)
	db, err := postgres.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { now = now.Add(time.Second); return now }
	db.Now = clock
	svc := service.New(db, service.Options{ServiceArea: estate.GreatBritain, Now: clock})
	for _, id := range []string{"county", "police"} {
		if err := svc.Partners.CreatePartner(adminCtx, &estate.Partner{ID: id, Name: id, Kind: estate.KindOther}); err != nil {
			t.Fatal(err)
		}
	}
	as := []*estate.Asset{storetest.NewAsset("county", "A", -2.2, 52.2), storetest.NewAsset("county", "B", -2.21, 52.21),
		storetest.NewAsset("county", "C", -2.22, 52.22)}
	as[0].Occupiers = []estate.Occupier{{Partner: "police"}}
	if err := svc.Assets.CreateAssets(adminCtx, as, estate.ActionCreate); err != nil {
		t.Fatal(err)
	}
	if err := svc.Assets.DeleteAsset(adminCtx, as[2].ID, 1); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Tokens.CreateToken(adminCtx, &estate.Token{Name: "viewer", Role: estate.RoleViewer, Partner: "county"}); err != nil {
		t.Fatal(err)
	}
	return db, url
}

// exec runs statements on the database at url behind the store's back.
func exec(t *testing.T, url string, stmts ...string) {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	for _, s := range stmts {
		if _, err := conn.Exec(ctx, s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// TestCheck: a sound register passes DB.Check, and each fault it looks
// for, made behind the store's back, fails it, named.
func TestCheck(t *testing.T) {
	for _, c := range []struct {
		name  string
		fault []string
		want  string
	}{
		{"sound", nil, ""},
		{"asset without its event", []string{`UPDATE assets SET version = version + 1 WHERE asset_code = 'B'`}, "1 assets without an audit event"},
		{"occupier row missing", []string{`DELETE FROM asset_occupiers`}, "1 assets whose occupier rows differ"},
		{"occupier row extra", []string{`INSERT INTO asset_occupiers SELECT id, 'county' FROM assets WHERE asset_code = 'B'`},
			"1 assets whose occupier rows differ"},
		{"head behind its log", []string{`UPDATE register_head SET version = 1`}, "register head 1 behind its log's"},
		{"sequence behind", []string{`ALTER SEQUENCE tokens_id_seq RESTART WITH 1`}, "tokens: the id sequence would give 1"},
		{"asset sequence behind", []string{`ALTER SEQUENCE assets_id_seq RESTART WITH 2`}, "assets: the id sequence would give 2, at or below the highest id 3"},
		{"stale search text", []string{`UPDATE assets SET search_text = 'x' WHERE asset_code = 'A'`}, `search_text "x"`},
		{"wrong bounds", []string{`UPDATE assets SET max_lat = max_lat + 1e-9 WHERE asset_code = 'A'`}, "bounds"},
		{"no grid point", []string{`UPDATE assets SET bng = NULL WHERE asset_code = 'B'`}, "National Grid point <nil>"},
	} {
		t.Run(c.name, func(t *testing.T) {
			db, url := smallRegister(t)
			exec(t, url, c.fault...)
			err := db.Check(context.Background())
			switch {
			case c.want == "" && err != nil:
				t.Errorf("Check: %v", err)
			case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
				t.Errorf("Check: %v, want an error saying %q", err, c.want)
			}
		})
	}
}
