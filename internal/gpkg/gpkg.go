package gpkg

import (
	"context"
	"database/sql"
	"fmt"
	"iter"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/geo"
)

// Layers of a GeoPackage export.
const (
	gpkgAssets     = "assets"
	gpkgFootprints = "asset_footprints"
)

// Write writes the assets to a new OGC GeoPackage 1.3 at path,
// replacing any file there: layer "assets" (points, fid = asset id, every
// field) and, when any asset has one, "asset_footprints" (multipolygons),
// each with the GeoPackage R*Tree spatial index. The file is built beside
// path and renamed into place, so a failed export leaves no half-written
// GeoPackage. It returns the number of assets written.
func Write(ctx context.Context, path string, assets iter.Seq2[*estate.Asset, error]) (int, error) {
	if err := registerGPKGFunctions(); err != nil {
		return 0, err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return 0, fmt.Errorf("gpkg: %w", err)
	}
	tmp.Close()
	defer os.Remove(tmp.Name()) // after a successful rename there is nothing to remove
	n, err := writeGeoPackage(ctx, tmp.Name(), assets)
	if err != nil {
		return n, err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return n, fmt.Errorf("gpkg: %w", err)
	}
	return n, nil
}

func writeGeoPackage(ctx context.Context, path string, assets iter.Seq2[*estate.Asset, error]) (int, error) {
	q := url.Values{}
	// Built in a scratch file in one transaction: no journal needed.
	q.Add("_pragma", "journal_mode(OFF)")
	q.Add("_pragma", "synchronous(OFF)")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return 0, fmt.Errorf("gpkg: %w", err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	w := &gpkgWriter{}
	if w.tx, err = db.BeginTx(ctx, nil); err != nil {
		return 0, fmt.Errorf("gpkg: %w", err)
	}
	defer w.tx.Rollback()
	stmts := []string{`PRAGMA application_id = 1196444487`, `PRAGMA user_version = 10300`, gpkgCore}
	stmts = append(stmts, gpkgLayerSQL(gpkgAssets, "POINT", "placetrust assets: one point per asset", gpkgAssetColumns)...)
	if err := w.exec(ctx, stmts...); err != nil {
		return 0, err
	}
	if w.points, err = w.insertStmt(ctx, gpkgAssets, len(gpkgAssetColumns)); err != nil {
		return 0, err
	}
	n := 0
	for a, err := range assets {
		if err != nil {
			return n, err
		}
		if err := w.write(ctx, a); err != nil {
			return n, err
		}
		n++
	}
	if err := w.finish(ctx); err != nil {
		return n, err
	}
	if err := w.tx.Commit(); err != nil {
		return n, fmt.Errorf("gpkg: %w", err)
	}
	return n, nil
}

type gpkgWriter struct {
	tx                 *sql.Tx
	points, footprints *sql.Stmt
}

func (w *gpkgWriter) exec(ctx context.Context, stmts ...string) error {
	for _, s := range stmts {
		if _, err := w.tx.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("gpkg: %w", err)
		}
	}
	return nil
}

func (w *gpkgWriter) insertStmt(ctx context.Context, table string, cols int) (*sql.Stmt, error) {
	st, err := w.tx.PrepareContext(ctx, `INSERT INTO "`+table+`" VALUES (`+strings.TrimSuffix(strings.Repeat("?, ", cols+2), ", ")+`)`)
	if err != nil {
		return nil, fmt.Errorf("gpkg: %w", err)
	}
	return st, nil
}

// write adds an asset's point and, if it has one, its footprint.
func (w *gpkgWriter) write(ctx context.Context, a *estate.Asset) error {
	g, err := gpkgGeometry(geo.GeomPoint(a.Location))
	if err != nil {
		return err
	}
	if _, err := w.points.ExecContext(ctx, gpkgRow(a, g, gpkgAssetColumns)...); err != nil {
		return fmt.Errorf("gpkg: asset %d: %w", a.ID, err)
	}
	if len(a.Footprint) == 0 {
		return nil
	}
	if w.footprints == nil {
		if err := w.exec(ctx, gpkgLayerSQL(gpkgFootprints, "MULTIPOLYGON", "placetrust asset footprints", gpkgFootprintColumns)...); err != nil {
			return err
		}
		if w.footprints, err = w.insertStmt(ctx, gpkgFootprints, len(gpkgFootprintColumns)); err != nil {
			return err
		}
	}
	fg, err := gpkgGeometry(geo.GeomMultiPolygon(a.Footprint))
	if err != nil {
		return err
	}
	if _, err := w.footprints.ExecContext(ctx, gpkgRow(a, fg, gpkgFootprintColumns)...); err != nil {
		return fmt.Errorf("gpkg: asset %d footprint: %w", a.ID, err)
	}
	return nil
}

// gpkgRow is a layer's row for a: fid, geometry, attributes.
func gpkgRow(a *estate.Asset, geom []byte, cols []gpkgColumn) []any {
	row := make([]any, 0, len(cols)+2)
	row = append(row, a.ID, geom)
	for _, c := range cols {
		row = append(row, c.value(a))
	}
	return row
}

// finish indexes each layer and records its extent.
func (w *gpkgWriter) finish(ctx context.Context) error {
	layers := []string{gpkgAssets}
	if w.footprints != nil {
		layers = append(layers, gpkgFootprints)
	}
	for _, t := range layers {
		if err := w.exec(ctx, gpkgRTreeSQL(t)...); err != nil {
			return err
		}
		_, err := w.tx.ExecContext(ctx, `UPDATE gpkg_contents SET last_change = ?,
			min_x = (SELECT min(minx) FROM rtree_`+t+`_geom), max_x = (SELECT max(maxx) FROM rtree_`+t+`_geom),
			min_y = (SELECT min(miny) FROM rtree_`+t+`_geom), max_y = (SELECT max(maxy) FROM rtree_`+t+`_geom)
			WHERE table_name = ?`, gpkgTime(ptrNow()), t)
		if err != nil {
			return fmt.Errorf("gpkg: %w", err)
		}
	}
	return nil
}

// null writes blank text as NULL.
func null(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// gpkgTime writes a time as GeoPackage's DATETIME: UTC, milliseconds.
func gpkgTime(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.UTC().Format("2006-01-02T15:04:05.000Z")
}

// gpkgTimeOf is gpkgTime for a time an asset not yet stored leaves zero.
func gpkgTimeOf(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return gpkgTime(&t)
}

func ptrNow() *time.Time {
	t := time.Now()
	return &t
}
