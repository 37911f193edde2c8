package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/service"
	"github.com/placetrust/placetrust/internal/transparency"
)

const mappingUsage = `Usage: placetrust mapping show --partner ID
       placetrust mapping set --partner ID [--map ...] [--preset NAME] [--delimiter C]
       placetrust mapping clear --partner ID

A partner's saved import mapping: the column mapping (and delimiter) its CSV
imports read with when they give no --map, --preset or --delimiter, so a
quarterly republication of the same list loads with no flags. An import
that gives any of them reads with exactly those instead. "import
--save-mapping" saves an import's own once it commits.

show prints the items one a line, which --map takes back as they are; when
and by whom it was saved, and the delimiter, go to standard error.

`

// runMapping shows, sets or clears a partner's saved import mapping.
// Everything the command line says is checked before the database opens.
func runMapping(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	action, err := subcommandAction("mapping", args, mappingUsage, stderr, "show", "set", "clear")
	if err != nil {
		return err
	}
	fs := newFlagSet("mapping "+action, getenv, stderr)
	dbPath := fs.string("db", defaultDB, dbHelp)
	partner := fs.String("partner", "", "id of the partner whose mapping this is (required)")
	var maps []string
	var preset, delim *string
	if action == "set" {
		fs.Func("map", "column mapping Target=Column[+Column...] (repeatable)", func(s string) error {
			maps = append(maps, s)
			return nil
		})
		preset = fs.String("preset", "", "a built-in column mapping, saved as its items: "+strings.Join(transparency.PresetNames(), ", "))
		delim = fs.String("delimiter", "", "the files' delimiter: a single character, or tab (default comma)")
	}
	if err := fs.parseNoArgs(args[1:]); err != nil {
		return err
	}
	if !estate.ValidSlug(*partner) {
		return usageError(fmt.Sprintf("mapping %s: --partner is required: the id of the partner whose mapping this is", action))
	}
	var m *estate.ImportMapping
	if action == "set" {
		var err error
		if m, err = mappingToSave(*partner, *preset, maps, *delim); err != nil {
			return usageError("mapping set: " + err.Error())
		}
	}
	db, err := openStore(ctx, *dbPath, true)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx = cliContext(ctx)
	svc := services(db, estate.GreatBritain).ImportMappings
	switch action {
	case "show":
		m, err := svc.FindImportMapping(ctx, *partner)
		if err != nil {
			return cliError(err)
		}
		fmt.Fprintf(stderr, "import mapping of partner %s, saved %s by %s", m.Partner, m.UpdatedAt.Format(time.RFC3339), m.UpdatedBy)
		if m.Delimiter != "" {
			fmt.Fprintf(stderr, "; delimiter %q", m.Delimiter)
		}
		fmt.Fprintln(stderr)
		for _, item := range m.Map {
			fmt.Fprintln(stdout, item)
		}
		return nil
	case "set":
		if err := svc.SetImportMapping(ctx, m); err != nil {
			return cliError(err)
		}
		fmt.Fprintf(stdout, "import mapping saved for partner %s: %s\n", m.Partner, strings.Join(m.Map, ", "))
		return nil
	}
	if err := svc.DeleteImportMapping(ctx, *partner); err != nil {
		return cliError(err)
	}
	fmt.Fprintf(stdout, "import mapping of partner %s cleared\n", *partner)
	return nil
}

// mappingToSave is the mapping that --preset, --map and --delimiter
// make, checked as the reader will read it; "" for delim is a comma.
func mappingToSave(partner, preset string, maps []string, delim string) (*estate.ImportMapping, error) {
	items, err := transparency.SavedItemsFor(preset, maps)
	if err != nil {
		return nil, errors.New(strings.TrimPrefix(err.Error(), "transparency: "))
	}
	if comma, err := transparency.ParseDelimiter(delim); err == nil && comma == '\t' {
		delim = "\t" // saved as the character the file holds; other values are checked by Validate
	}
	m := &estate.ImportMapping{Partner: partner, Map: items, Delimiter: delim}
	if err := m.Validate(); err != nil {
		return nil, errors.New(estate.ProblemText(err))
	}
	return m, nil
}

// importMappingFlags settles, before the database opens, what import's
// flags say about the saved mapping: given is whether any of --map,
// --preset and --delimiter was given (the saved mapping is then left out
// whole), and save the mapping --save-mapping saves once the import has
// committed, nil without it.
func importMappingFlags(fs *flagSet, partner, format, preset string, maps []string, delim string, saveFlag bool) (given bool, save *estate.ImportMapping, err error) {
	fs.Visit(func(f *flag.Flag) {
		switch f.Name {
		case "map", "preset", "delimiter":
			given = true
		}
	})
	switch {
	case !saveFlag:
		return given, nil, nil
	case format == "geojson":
		return given, nil, usageError("import: --save-mapping is for CSV files and workbooks: a GeoJSON file is read without a mapping")
	case !given:
		return given, nil, usageError("import: --save-mapping needs --map, --preset or --delimiter: the mapping to save for the partner")
	}
	if !flagGiven(fs, "delimiter") {
		delim = "" // the default comma, not a choice to save
	}
	if save, err = mappingToSave(partner, preset, maps, delim); err != nil {
		return given, nil, usageError("import: --save-mapping: " + err.Error())
	}
	return given, save, nil
}

func flagGiven(fs *flagSet, name string) bool {
	given := false
	fs.Visit(func(f *flag.Flag) { given = given || f.Name == name })
	return given
}

// useSavedMapping sets opts to read with the partner's saved mapping when
// the import gives no mapping of its own, and returns it (nil when there
// is none to use). A partner the import creates has none yet.
func useSavedMapping(ctx context.Context, db service.Store, partner, format string, given, creating bool, opts *transparency.Options) (*estate.ImportMapping, error) {
	if given || creating || format == "geojson" {
		return nil, nil
	}
	m, err := services(db, estate.GreatBritain).ImportMappings.FindImportMapping(ctx, partner)
	if estate.ErrorCode(err) == estate.ENOTFOUND {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	if err := opts.UseSaved(m); err != nil {
		return nil, cliError(err)
	}
	return m, nil
}

// saveImportMapping saves the import's mapping after it committed. The
// import stands either way, so a failure says so rather than leaving a
// script to think nothing was loaded.
func saveImportMapping(ctx context.Context, db service.Store, m *estate.ImportMapping, summary io.Writer) error {
	if err := services(db, estate.GreatBritain).ImportMappings.SetImportMapping(ctx, m); err != nil {
		return fmt.Errorf("import: the import was committed, but its mapping was not saved: %w", cliError(err))
	}
	fmt.Fprintf(summary, "import mapping saved for partner %s: %s\n", m.Partner, strings.Join(m.Map, ", "))
	return nil
}

// savedMappingHint adds to the error of a file the saved mapping could
// not read which mapping that was, and how to read the file without it.
func savedMappingHint(err error, saved *estate.ImportMapping) error {
	if err == nil || saved == nil {
		return err
	}
	return fmt.Errorf("%w\n(%s; give --map, --preset or --delimiter to read the file otherwise)", err, saved.Notice())
}
