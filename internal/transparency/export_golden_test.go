package transparency_test

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"iter"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/golden"
	"github.com/placetrust/placetrust/internal/gpkg"
	"github.com/placetrust/placetrust/internal/transparency"
)

// goldenAssets are a stored asset with every field set and a bare one,
// written without a store so the goldens hold the writers alone.
func goldenAssets() iter.Seq2[*estate.Asset, error] {
	at := time.Date(2026, 5, 6, 7, 8, 9, 120000000, time.UTC)
	full := everyField()
	full.ID, full.Version, full.CreatedAt, full.UpdatedAt = 7, 3, at, at.Add(time.Hour)
	bare := &estate.Asset{ID: 8, Partner: "police", AssetCode: "B", Name: "Bare", Location: estate.Point{Lon: -1, Lat: 51.5},
		RAG: estate.RAGUnrated, Version: 1, CreatedAt: at, UpdatedAt: at}
	return func(yield func(*estate.Asset, error) bool) {
		for _, a := range []*estate.Asset{full, bare} {
			if !yield(a, nil) {
				return
			}
		}
	}
}

// TestExportGoldens holds the CSV and the GeoPackage's attribute layout
// and values byte for byte, so a change to how columns are listed cannot
// change what is written.
func TestExportGoldens(t *testing.T) {
	var csvOut bytes.Buffer
	partners := map[string]*estate.Partner{"county": {ID: "county", Name: "Worcestershire County Council", URI: "http://opendatacommunities.org/id/county-council/worcestershire"}}
	if _, err := transparency.WriteCSV(&csvOut, goldenAssets(), partners); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "golden/export.csv", csvOut.Bytes())

	path := filepath.Join(t.TempDir(), "golden.gpkg")
	if _, err := gpkg.Write(context.Background(), path, goldenAssets()); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var dump strings.Builder
	for _, table := range []string{"assets", "asset_footprints"} {
		var ddl string
		if err := db.QueryRow(`SELECT sql FROM sqlite_master WHERE name = ?`, table).Scan(&ddl); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintln(&dump, ddl)
		rows, err := db.Query(`SELECT name FROM pragma_table_info(?) ORDER BY cid`, table)
		if err != nil {
			t.Fatal(err)
		}
		var quoted []string
		for rows.Next() {
			var c string
			if err := rows.Scan(&c); err != nil {
				t.Fatal(err)
			}
			quoted = append(quoted, `'`+c+`=' || quote("`+c+`")`)
		}
		rows.Close()
		rows, err = db.Query(`SELECT ` + strings.Join(quoted, " || char(10) || ") + ` FROM "` + table + `" ORDER BY fid`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var row string
			if err := rows.Scan(&row); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintln(&dump, row)
		}
		rows.Close()
	}
	golden.Check(t, "golden/export.gpkg.txt", []byte(dump.String()))
}
