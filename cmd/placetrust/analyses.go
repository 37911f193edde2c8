package main

import (
	"context"
	"errors"
	"io"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/insight"
	"github.com/placetrust/placetrust/internal/register"
)

// openAnalyses opens the existing database at path and runs the analyses
// over one copy of its register, as the server does, for the report
// commands (report, quality); close closes the database.
func openAnalyses(ctx context.Context, path string) (svc *insight.Service, close func() error, err error) {
	db, err := openStore(ctx, path, true)
	if err != nil {
		return nil, nil, err
	}
	feed := services(db, estate.GreatBritain).Feed
	if feed == nil {
		db.Close()
		return nil, nil, errNoFeed
	}
	return insight.New(register.New(feed), false), db.Close, nil
}

// errNoFeed is the answer of the analyses over a store without the
// register's change feed, which their copy of the register is read from.
var errNoFeed = errors.New("this store has no register feed (estate.RegisterFeed), which the analyses read")

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
