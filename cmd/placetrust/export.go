package main

import (
	"context"
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/geojson"
	"github.com/placetrust/placetrust/internal/gpkg"
	"github.com/placetrust/placetrust/internal/service"
	"github.com/placetrust/placetrust/internal/transparency"
)

// runExport writes the register, or the part the filters select, as
// GeoJSON, Transparency Code CSV (which imports back to the same assets)
// or a GeoPackage, paging through the store so memory stays flat.
func runExport(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := newFlagSet("export", getenv, stderr)
	dbPath := fs.string("db", defaultDB, dbHelp)
	format := fs.String("format", "geojson", "geojson, csv or gpkg")
	out := fs.String("out", "-", "file to write; - for standard output (not for gpkg)")
	partners := fs.String("partner", "", "comma-separated partner ids (default all)")
	rags := fs.String("rag", "", "comma-separated ratings: red, amber, green, unrated")
	holdings := fs.String("holding", "", "comma-separated holdings: building, land, land_and_building")
	tags := fs.String("tag", "", "comma-separated tags every asset must have")
	if err := fs.parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError("export: unexpected arguments; write the file with --out")
	}
	switch {
	case *format != "geojson" && *format != "csv" && *format != "gpkg":
		return usageError(fmt.Sprintf("export: --format %q: use geojson, csv or gpkg", *format))
	case *format == "gpkg" && (*out == "-" || *out == ""):
		return usageError("export: a GeoPackage is a database file: give --out FILE.gpkg")
	}
	f := estate.AssetFilter{Selection: estate.Selection{Partners: splitList(*partners), Tags: splitList(*tags)}}
	for _, r := range splitList(*rags) {
		f.RAGs = append(f.RAGs, estate.RAG(r))
	}
	for _, h := range splitList(*holdings) {
		f.Holdings = append(f.Holdings, estate.Holding(h))
	}
	if err := f.Validate(); err != nil {
		return usageError("export: " + estate.ProblemText(err))
	}
	db, err := openStore(ctx, *dbPath, true)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx = cliContext(ctx)
	svc := services(db, estate.GreatBritain)
	assets := estate.AllAssets(ctx, svc.Assets, f)

	var n int
	if *format == "gpkg" {
		if n, err = gpkg.Write(ctx, *out, assets); err != nil {
			return err
		}
	} else if n, err = writeStream(ctx, svc, *format, *out, stdout, assets); err != nil {
		return err
	}
	if *out != "-" {
		fmt.Fprintf(stdout, "exported %d assets to %s\n", n, *out)
	}
	return nil
}

// writeStream writes GeoJSON or CSV to a file (built beside it and
// renamed into place) or to stdout.
func writeStream(ctx context.Context, svc *service.Services, format, out string, stdout io.Writer, assets iter.Seq2[*estate.Asset, error]) (int, error) {
	w, commit, abort := stdout, func() error { return nil }, func() {}
	if out != "-" {
		tmp, err := os.CreateTemp(filepath.Dir(out), "."+filepath.Base(out)+".*.tmp")
		if err != nil {
			return 0, fmt.Errorf("export: %w", err)
		}
		w = tmp
		abort = func() { tmp.Close(); os.Remove(tmp.Name()) }
		commit = func() error {
			if err := tmp.Close(); err != nil {
				os.Remove(tmp.Name())
				return fmt.Errorf("export: %w", err)
			}
			return os.Rename(tmp.Name(), out)
		}
	}
	var n int
	var err error
	if format == "csv" {
		var ps []*estate.Partner
		if ps, err = svc.Partners.FindPartners(ctx); err != nil {
			abort()
			return 0, err
		}
		byID := make(map[string]*estate.Partner, len(ps))
		for _, p := range ps {
			byID[p.ID] = p
		}
		n, err = transparency.WriteCSV(w, assets, byID)
	} else {
		n, err = geojson.Write(w, assets)
	}
	if err != nil {
		abort()
		return n, err
	}
	return n, commit()
}
