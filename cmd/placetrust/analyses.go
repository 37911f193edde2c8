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
	svc, _, close, err = openAnalysesWithPartners(ctx, path)
	return svc, close, err
}

// openAnalysesWithPartners is openAnalyses with the register's partners
// too, for reports that name them.
func openAnalysesWithPartners(ctx context.Context, path string) (*insight.Service, estate.PartnerService, func() error, error) {
	db, err := openStore(ctx, path, true)
	if err != nil {
		return nil, nil, nil, err
	}
	all := services(db, estate.GreatBritain)
	if all.Feed == nil {
		db.Close()
		return nil, nil, nil, errNoFeed
	}
	return insight.New(register.New(all.Feed), false), all.Partners, db.Close, nil
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
