package postgres

import (
	"context"
	"math"
	"net/url"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/geo/bng"
)

// The GIS views show what a partner's viewer would, in EPSG:4326 and in
// British National Grid from the project's own OSTN15, and a role granted
// schema gis alone reads them and nothing of the register's tables.
func TestGISViews(t *testing.T) {
	ctx := context.Background()
	db, dsn := mustOpen(t)
	open := asset("county", "OPEN")
	open.Location = estate.Point{Lon: -2.2209, Lat: 52.1917} // Worcester
	open.Notes = "officers only"
	hidden := asset("county", "HIDDEN")
	hidden.Sensitive = true
	open.DisposalStage = estate.StageMarketed
	offGrid := asset("county", "PARIS")
	offGrid.Location = estate.Point{Lon: 2.35, Lat: 48.85}
	seed(t, db, []string{"county"}, open, hidden, offGrid)

	// The reader's role, as the README's "Running on PostgreSQL" makes it.
	admin, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(ctx)
	for _, q := range []string{
		`DROP ROLE IF EXISTS gis_reader_test`,
		`CREATE ROLE gis_reader_test LOGIN`,
		`GRANT USAGE ON SCHEMA gis TO gis_reader_test`,
		`GRANT SELECT ON ALL TABLES IN SCHEMA gis TO gis_reader_test`,
	} {
		if _, err := admin.Exec(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() {
		c, err := pgx.Connect(context.Background(), dsn)
		if err == nil {
			c.Exec(context.Background(), `DROP OWNED BY gis_reader_test`)
			c.Close(context.Background())
		}
		// The role is the cluster's: dropped once the database is gone.
	})
	u, _ := url.Parse(dsn)
	u.User = url.User("gis_reader_test")
	reader, err := pgx.Connect(ctx, u.String())
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close(ctx)

	var codes []string
	rows, err := reader.Query(ctx, `SELECT asset_code FROM gis.assets ORDER BY asset_code`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var c string
		rows.Scan(&c)
		codes = append(codes, c)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if len(codes) != 2 || codes[0] != "OPEN" || codes[1] != "PARIS" {
		t.Errorf("gis.assets holds %v, want OPEN and PARIS (never the sensitive one)", codes)
	}

	var e, n float64
	var srid int
	if err := reader.QueryRow(ctx, `SELECT ST_X(geom), ST_Y(geom), ST_SRID(geom) FROM gis.assets_bng
		WHERE asset_code = 'OPEN'`).Scan(&e, &n, &srid); err != nil {
		t.Fatal(err)
	}
	wantE, wantN, err := bng.FromWGS84(open.Location.Lon, open.Location.Lat)
	if err != nil {
		t.Fatal(err)
	}
	if srid != 27700 || math.Abs(e-wantE) > 0.1 || math.Abs(n-wantN) > 0.1 {
		t.Errorf("gis.assets_bng: %.3f %.3f (SRID %d), want %.3f %.3f in 27700 from OSTN15", e, n, srid, wantE, wantN)
	}
	var offGridRows int
	if err := reader.QueryRow(ctx, `SELECT count(*) FROM gis.assets_bng WHERE asset_code = 'PARIS'`).Scan(&offGridRows); err != nil {
		t.Fatal(err)
	}
	if offGridRows != 0 {
		t.Error("an asset off the OSTN15 grid is in gis.assets_bng")
	}

	// Notes and who rated are not in the views; the tables are not the reader's.
	var hasNotes bool
	if err := reader.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM information_schema.columns
		WHERE table_schema = 'gis' AND column_name IN ('notes', 'rag_set_by', 'sensitive', 'disposal_note'))`).Scan(&hasNotes); err != nil {
		t.Fatal(err)
	}
	if hasNotes {
		t.Error("a gis view shows notes, rag_set_by, sensitive or disposal_note")
	}
	// The disposal programme is in both point layers, at their end.
	var programmeColumns int
	if err := reader.QueryRow(ctx, `SELECT count(*) FROM information_schema.columns WHERE table_schema = 'gis'
		AND table_name IN ('assets', 'assets_bng') AND column_name IN ('disposal_stage', 'disposal_stage_at',
		'disposal_target', 'receipt_gbp', 'receipt_date', 'surplus_value_gbp')`).Scan(&programmeColumns); err != nil {
		t.Fatal(err)
	}
	if programmeColumns != 12 {
		t.Errorf("the point layers have %d of the programme's 12 columns", programmeColumns)
	}
	var stage string
	if err := reader.QueryRow(ctx, `SELECT disposal_stage FROM gis.assets WHERE asset_code = 'OPEN'`).Scan(&stage); err != nil ||
		stage != string(open.DisposalStage) {
		t.Errorf("OPEN's stage in gis.assets: %q %v, stored %q", stage, err, open.DisposalStage)
	}
	if _, err := reader.Exec(ctx, `SELECT 1 FROM public.assets LIMIT 1`); err == nil {
		t.Error("the GIS reader reads the assets table")
	}
}
