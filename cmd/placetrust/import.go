package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/importfile"
	"github.com/placetrust/placetrust/internal/service"
	"github.com/placetrust/placetrust/internal/transparency"
)

const importUsage = `Usage: placetrust import --partner ID [flags] FILE

Loads a partner's asset list (FILE, or - for standard input) in one
transaction: all rows or none. Rows match the partner's assets by asset code,
then by UPRN; a file imported twice changes nothing the second time.

Formats: lga-csv (Transparency Code land and building assets CSV, as
published), xlsx (an Excel workbook: the sheet --sheet names, or the first
with a header; the default for .xlsx files) and geojson (a FeatureCollection
with the API's property names).

The header is found among the first rows, under any title rows, and its
columns are read by the Code's names or the names estates teams use (Site
Name, Premises Address, Post Code, Grid Reference, Floor Area, Ownership...);
the summary says which column went to which field and which were not read.
For files named otherwise: --map 'AssetCode=REF,GeoX=E' (repeatable) or a
preset: %s. Without any of --map, --preset and --delimiter, a CSV file or
workbook is read with the partner's saved import mapping, if it has one (see
placetrust mapping -h); --save-mapping saves this import's once it commits,
so the next quarter's list loads with no flags.

A row placed outside the service area (--service-area: gb by default, Great
Britain, Northern Ireland, the Isle of Man and the Channel Islands) is that
row's error, as is a footprint that crosses itself, a lease break after the
lease's expiry, or occupiers using more floor than the building's GIA.

A row repeating an earlier row's asset code is wrong unless
--repeated-codes says otherwise: suffix keeps it as an asset of its own,
coded CODE~2, CODE~3... in file order (so the file imports again
unchanged); skip leaves it out and imports the rest.

`

func runImport(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if getenv("GOGC") == "" {
		// An import's heap is steady (a new partner's rows are held two
		// spatial windows at a time, at any file size) but churns:
		// collecting a quarter as often makes a large import faster, and
		// the soft limit bounds what that costs in memory.
		defer debug.SetGCPercent(debug.SetGCPercent(400))
		if getenv("GOMEMLIMIT") == "" {
			defer debug.SetMemoryLimit(debug.SetMemoryLimit(256 << 20))
		}
	}
	fs := newFlagSet("import", getenv, stderr)
	dbPath := fs.string("db", defaultDB, dbHelp)
	partner := fs.String("partner", "", "id of the partner whose assets these are (required)")
	partnerName := fs.String("partner-name", "", "create the partner with this name if it does not exist")
	partnerKind := fs.String("partner-kind", "other", "kind of a partner created with --partner-name")
	format := fs.String("format", "", "lga-csv, xlsx or geojson (default xlsx for a .xlsx file, else lga-csv)")
	sheet := fs.String("sheet", "", "the workbook sheet to read (default the first with a header)")
	var maps []string
	fs.Func("map", "column mapping Target=Column[+Column...] for CSV (repeatable)", func(s string) error {
		maps = append(maps, s)
		return nil
	})
	preset := fs.String("preset", "", "a built-in column mapping: "+strings.Join(transparency.PresetNames(), ", "))
	delim := fs.String("delimiter", ",", "CSV delimiter: a single character, or tab")
	dryRun := fs.Bool("dry-run", false, "report what would happen without writing anything")
	reportPath := fs.String("report", "", "write every row's outcome to this CSV file; - for standard output")
	saveMapping := fs.Bool("save-mapping", false, "once the import commits, save its --map, --preset and --delimiter as the partner's import mapping, used by its imports that give none")
	repeatedFlag := fs.String("repeated-codes", "refuse", "a row repeating an earlier row's asset code: refuse (nothing is imported), suffix (its own asset, coded CODE~2...) or skip (left out)")
	serviceArea := fs.serviceArea()
	fs.Usage = func() {
		fmt.Fprintf(stderr, importUsage, strings.Join(transparency.PresetNames(), ", "))
		fs.PrintDefaults()
	}
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	*format = formatOf(*format, files)
	opts, err := importOptions(*partner, *format, *preset, *delim, maps, len(files))
	if err != nil {
		return err
	}
	opts.Sheet = *sheet
	givenMapping, toSave, err := importMappingFlags(fs, *partner, *format, *preset, maps, *delim, *saveMapping)
	if err != nil {
		return err
	}
	repeated, err := estate.ParseRepeatedCodes(*repeatedFlag)
	if err != nil {
		return usageError("import: --repeated-codes: use refuse, suffix or skip")
	}
	area, err := serviceArea()
	if err != nil {
		return err
	}
	named, err := namedPartner(*partner, *partnerName, *partnerKind)
	if err != nil {
		return err
	}
	in, inPath, size, closeIn, err := openInput(files[0], *format)
	if err != nil {
		return err
	}
	defer closeIn()
	db, err := openStore(ctx, *dbPath, false)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx = cliContext(ctx)
	newPartner, name, err := partnerToCreate(ctx, db, *partner, named)
	if err != nil {
		return err
	}
	opts.PartnerName = name
	saved, err := useSavedMapping(ctx, db, *partner, *format, givenMapping, newPartner != nil, &opts)
	if err != nil {
		return err
	}

	prog := newProgress(stderr, size)
	counted := &countingReader{r: in, progress: prog}
	items, rd, err := importfile.Open(*format, counted, inPath, opts)
	if err != nil {
		return savedMappingHint(cliError(err), saved)
	}
	if rd != nil {
		defer rd.Close()
	}
	if saved != nil {
		items = estate.WithNotice(items, saved.Notice())
	}
	items = repeated.Items(items)
	rw, closeReport, err := openReport(*reportPath, stdout)
	if err != nil {
		return err
	}
	summary := stdout
	if *reportPath == "-" {
		summary = stderr // stdout carries the report, which stays CSV
	}
	iopts := estate.ImportOptions{
		DryRun: *dryRun,
		OnRow: func(r estate.ImportRow) {
			prog.row()
			rw.write(r)
		},
	}
	svc := services(db, area)
	var rep *estate.ImportReport
	if newPartner != nil {
		rep, err = svc.Imports.ImportAssetsCreatingPartner(ctx, newPartner, items, iopts)
	} else {
		rep, err = svc.Imports.ImportAssets(ctx, *partner, items, iopts)
	}
	prog.done()
	if cerr := closeReport(); cerr != nil && err == nil {
		err = cerr
	}
	if rep != nil {
		if rd != nil {
			rd.Describe(rep)
		}
		printSummary(summary, rep)
		printColumns(summary, rep)
	}
	if toSave != nil && err == nil && rep != nil && rep.Committed {
		return saveImportMapping(ctx, db, toSave, summary)
	}
	return cliError(err)
}

func importOptions(partner, format, preset, delim string, maps []string, nargs int) (transparency.Options, error) {
	var opts transparency.Options
	switch {
	case partner == "":
		return opts, usageError("import: --partner is required: the id of the partner whose assets these are")
	case !estate.ValidSlug(partner):
		return opts, usageError(fmt.Sprintf("import: --partner %q is not a partner id, a lower-case slug such as worcestershire-cc", partner))
	case nargs != 1:
		return opts, usageError("import: give one file to import, or - for standard input")
	case format != "lga-csv" && format != "geojson" && format != "xlsx":
		return opts, usageError(fmt.Sprintf("import: --format %q: use lga-csv, xlsx or geojson", format))
	}
	specs, err := transparency.PresetSpecs(preset, maps)
	if err != nil {
		return opts, usageError("import: " + strings.TrimPrefix(err.Error(), "transparency: "))
	}
	if preset != "" && len(maps) == 0 {
		opts.Preset = preset
	}
	m, err := transparency.ParseMapping(specs...)
	if err != nil {
		return opts, usageError(err.Error())
	}
	comma, err := transparency.ParseDelimiter(delim)
	if err != nil {
		return opts, usageError("import: --delimiter must be one character")
	}
	opts.Partner, opts.Mapping, opts.Comma = partner, m, comma
	return opts, nil
}

// parseInterspersed parses flags given before or after the file names,
// as in "import FILE --dry-run", which the flag package alone stops at.
func parseInterspersed(fs *flagSet, args []string) ([]string, error) {
	var files []string
	for {
		if err := fs.parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return files, nil
		}
		files = append(files, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// namedPartner is the partner --partner-name describes, checked before
// the database is opened; nil without --partner-name.
func namedPartner(id, name, kind string) (*estate.Partner, error) {
	if name == "" {
		return nil, nil
	}
	p := &estate.Partner{ID: id, Name: name, Kind: estate.PartnerKind(kind)}
	if err := p.Validate(); err != nil {
		return nil, usageError("import: " + estate.ProblemText(err))
	}
	return p, nil
}

// partnerToCreate checks the partner exists, or else returns named, the
// partner --partner-name asks for. It is created inside the import's
// transaction, so a failed import or a dry run leaves no partner behind.
// name is the partner's name either way, which the file's
// OrganisationLabel should look like.
func partnerToCreate(ctx context.Context, db service.Store, id string, named *estate.Partner) (create *estate.Partner, name string, err error) {
	p, err := services(db, estate.GreatBritain).Partners.FindPartnerByID(ctx, id)
	switch {
	case err == nil:
		return nil, p.Name, nil
	case estate.ErrorCode(err) != estate.ENOTFOUND:
		return nil, "", err
	case named == nil:
		return nil, "", fmt.Errorf("import: there is no partner %q: give --partner-name (and --partner-kind) to create it", id)
	}
	return named, named.Name, nil
}

// openInput opens FILE, or standard input for "-", and its size if known.
// A workbook is read from a file, as its parts are found by their place:
// one on standard input is copied to a temporary file first.
func openInput(path, format string) (in io.Reader, name string, size int64, closeIn func() error, err error) {
	if path == "-" && format == "xlsx" {
		return spoolStdin()
	}
	if path == "-" {
		return os.Stdin, "", 0, func() error { return nil }, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, "", 0, nil, fmt.Errorf("import: %w", err)
	}
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
		size = st.Size()
	}
	return f, path, size, f.Close, nil
}
