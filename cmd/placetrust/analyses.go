package main

import (
	"context"
	"io"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/insight"
	"github.com/placetrust/placetrust/internal/register"
)

// openAnalyses opens the existing database at path and runs the analyses
// over one copy of its register, as the server does, for the report
// commands (report, quality); close closes the database.
func openAnalyses(ctx context.Context, path string) (svc *insight.Service, close func() error, err error) {
	db, err := openExistingDB(ctx, path)
	if err != nil {
		return nil, nil, err
	}
	return insight.New(register.New(services(db, estate.GreatBritain).Feed), false), db.Close, nil
}

// writeReport writes a report in the --format checkFormat allowed: json
// (v), csv or a table.
func writeReport(w io.Writer, format string, v any, asCSV, asTable func(io.Writer) error) error {
	switch format {
	case "json":
		return writeJSON(w, v)
	case "csv":
		return asCSV(w)
	}
	return asTable(w)
}
