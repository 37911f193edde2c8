package estate

import (
	"context"
	"iter"
	"strings"
)

// ImportOutcome says what an import did with one row of a file.
type ImportOutcome string

// Import outcomes: a row makes a new asset, changes one, matches one
// exactly, is skipped because it cannot be placed on a map, or is wrong.
const (
	OutcomeInserted  ImportOutcome = "inserted"
	OutcomeUpdated   ImportOutcome = "updated"
	OutcomeUnchanged ImportOutcome = "unchanged"
	OutcomeSkipped   ImportOutcome = "skipped"
	OutcomeError     ImportOutcome = "error"
)

// ImportItem is one row of a partner's file, read and mapped by a format
// adapter, ready for ImportService.ImportAssets.
//
// Exactly one of Asset, Skip and Err is set for a row. An item with none of
// them is not a row: it carries file-level warnings (such as columns that
// were not recognised) and is reported in ImportReport.Notices.
type ImportItem struct {
	// Row is where the row is in the file as a spreadsheet numbers it (the
	// header is row 1; the first feature of a GeoJSON file is 1); Line is
	// the text line the row starts on, which differs from Row once a cell
	// holds a line break (0 when the format has no lines).
	Row, Line int
	// AssetCode names the row in reports even when no asset was made.
	AssetCode string
	// Asset holds the row's values; Fields says which of them the file
	// actually carries. On an update only those fields are replaced, so
	// what officers set through the API (RAG, tags, money...) survives a
	// re-import of a file that does not carry it.
	Asset  *Asset
	Fields FieldSet
	// NoteLines, when set, says the file owns only some lines of the
	// notes: an update replaces those and leaves the rest as officers
	// wrote it (see NoteLines.Merge). It is data, not a function, so an
	// import can set rows aside and decide them again.
	NoteLines *NoteLines
	// Skip says why the row was left out without being wrong, such as a
	// row with no coordinates: an asset needs a location.
	Skip string
	// Err says why the row is wrong, as an EINVALID *Error naming fields.
	Err error
	// Warnings are fixes and omissions made while reading the row, such
	// as swapped coordinates put right or a placeholder UPRN left blank;
	// WarningKinds holds each one's kind, at the same index (add both with
	// Warn). An item that is not a row carries notices in Warnings alone.
	Warnings     []string
	WarningKinds []WarningKind
}

// ImportRow is the report of one row.
type ImportRow struct {
	Row       int           `json:"row"`
	Line      int           `json:"line,omitempty"`
	AssetCode string        `json:"asset_code,omitempty"`
	AssetID   int64         `json:"asset_id,omitempty"`
	Outcome   ImportOutcome `json:"outcome"`
	// Reason says why a row was skipped or wrong, or how an update
	// matched when not by asset code.
	Reason string `json:"reason,omitempty"`
	// Changed lists the fields an update changed.
	Changed  []string `json:"changed,omitempty"`
	Warnings []string `json:"warnings,omitempty"`
	// WarningKinds holds each warning's kind, at the same index (add both
	// with Warn; read a kind with KindOf). Beside Warnings rather than in
	// it, so the report's warnings stay the plain text they always were.
	WarningKinds []WarningKind `json:"warning_kinds,omitempty"`
}

// ImportReport says what an import did, row by row and in total.
//
// Rows holds the first ImportOptions.ReportRows rows and every error row
// after them, so a report of a million-row file stays small; Omitted
// counts the rows left out, which the totals still include. Pass
// ImportOptions.OnRow to see every row.
type ImportReport struct {
	Partner   string      `json:"partner"`
	DryRun    bool        `json:"dry_run"`
	Committed bool        `json:"committed"`
	Rows      []ImportRow `json:"rows"`
	Omitted   int         `json:"omitted,omitempty"`
	Notices   []string    `json:"notices,omitempty"`
	// WarningGroups sums up every row's warnings by kind, the rows
	// omitted included, in WarningKinds order.
	WarningGroups []WarningGroup `json:"warning_groups,omitempty"`
	// Stopped is set when reading stopped early after
	// ImportOptions.MaxErrors wrong rows.
	Stopped bool `json:"stopped,omitempty"`
	// Sheet is the workbook sheet read; HeaderRow is the row the header
	// was found on (its last row, for a header of two rows), counted as
	// a spreadsheet does; Columns says what was made of each column.
	// The format adapter knows these: callers copy them in.
	Sheet     string         `json:"sheet,omitempty"`
	HeaderRow int            `json:"header_row,omitempty"`
	Columns   []ImportColumn `json:"columns,omitempty"`

	Total     int `json:"total"`
	Inserted  int `json:"inserted"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
	Skipped   int `json:"skipped"`
	Errors    int `json:"errors"`
	Warnings  int `json:"warnings"`
}

// ImportColumn says which field one column of a file went to, and how
// its name was understood; a column not read has no Field. A column read
// into two fields (by a mapping) is listed once for each.
type ImportColumn struct {
	// Position is the column's place in the file, 1 for the first.
	Position int `json:"position"`
	// Column is the header's text on one line ("" for a blank header).
	Column string `json:"column"`
	Field  string `json:"field,omitempty"`
	// How is matched (the Transparency Code's own name), synonym (a name
	// estates teams use for it), heading (one heading over several
	// columns), mapped (the import's mapping), preset (a preset, given or
	// recognised from the header), ignored (known, and deliberately not
	// read) or not_read.
	How string `json:"how"`
}

// Add counts r and keeps it in Rows unless the report is full.
func (rep *ImportReport) Add(r ImportRow, limit int) {
	rep.Total++
	switch r.Outcome {
	case OutcomeInserted:
		rep.Inserted++
	case OutcomeUpdated:
		rep.Updated++
	case OutcomeUnchanged:
		rep.Unchanged++
	case OutcomeSkipped:
		rep.Skipped++
	case OutcomeError:
		rep.Errors++
	}
	rep.Warnings += len(r.Warnings)
	rep.WarningGroups = groupWarnings(rep.WarningGroups, &r)
	if len(rep.Rows) < limit || r.Outcome == OutcomeError {
		rep.Rows = append(rep.Rows, r)
	} else {
		rep.Omitted++
	}
}

// Default limits of an import.
const (
	DefaultImportMaxErrors  = 1000
	DefaultImportReportRows = 10000
)

// ImportOptions tune an import.
type ImportOptions struct {
	// DryRun decides every row but writes nothing: the report says what
	// would happen, but for the ids new assets would get.
	DryRun bool
	// MaxErrors stops reading after this many wrong rows, since nothing
	// will be written anyway (0 for DefaultImportMaxErrors).
	MaxErrors int
	// ReportRows bounds ImportReport.Rows (0 for DefaultImportReportRows).
	ReportRows int
	// OnRow, when set, is called with every row's report, to stream a full
	// report or show progress: as each row is written, or, when nothing
	// is written (a dry run, wrong rows), once every row is decided. It
	// must not block for long: the write transaction may be open.
	OnRow func(ImportRow)
}

// Limits returns the options' limits with defaults filled in.
func (o ImportOptions) Limits() (maxErrors, reportRows int) {
	maxErrors, reportRows = o.MaxErrors, o.ReportRows
	if maxErrors <= 0 {
		maxErrors = DefaultImportMaxErrors
	}
	if reportRows <= 0 {
		reportRows = DefaultImportReportRows
	}
	return maxErrors, reportRows
}

// ImportService loads a partner's asset list into the register.
type ImportService interface {
	// ImportAssets matches each row to the partner's assets, by asset code
	// and then by UPRN, and inserts, updates or leaves each one, auditing
	// every change as an import. It is all or nothing: if any row is wrong
	// nothing is written, and the report, returned with the error, says
	// which rows and why. The same rows imported twice change nothing the
	// second time. Rows are read and decided before the write lock is
	// taken, so other writers wait only while the import writes; a dry
	// run, or a file with wrong rows, takes no write lock at all. A change
	// other writers make meanwhile is not lost: the import's outcome is as
	// if it had read the file after it. The exception is a long file for a
	// partner with no assets yet, where every row is new: past its first
	// few thousand rows the import writes while it reads the rest, holding
	// the write lock meanwhile, and a wrong row found then rolls the write
	// back, leaving nothing, though the report may show ids the rows would
	// have had (never given to any other asset).
	//
	// A read error from rows (a malformed file) stops the import; it is
	// returned wrapped, with the report so far. Errors: EINVALID (wrong
	// rows, an unknown partner, a malformed file), EFORBIDDEN or
	// EUNAUTHORIZED when the actor may not edit the partner's assets.
	ImportAssets(ctx context.Context, partner string, rows iter.Seq2[*ImportItem, error], opts ImportOptions) (*ImportReport, error)
}

// ProblemText flattens an error into one line for a report: the safe
// message and each field at fault.
func ProblemText(err error) string {
	fields := ErrorFields(err)
	if len(fields) == 0 {
		return ErrorMessage(err)
	}
	parts := make([]string, len(fields))
	for i, f := range fields {
		parts[i] = f.Field + ": " + f.Message
	}
	return strings.Join(parts, "; ")
}
