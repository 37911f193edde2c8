package transparency

import (
	"errors"
	"fmt"
	"io"
	"iter"

	"github.com/placetrust/placetrust/internal/estate"
)

// Options configure a Reader.
type Options struct {
	// Partner owns every asset read; rows naming another partner are
	// wrong.
	Partner string
	// PartnerName is the partner's name, which the file's
	// OrganisationLabel should look like (a warning if not); without it
	// the label is compared with Partner alone.
	PartnerName string
	// Mapping binds targets to columns of files named otherwise.
	Mapping Mapping
	// Comma is the delimiter; 0 for a comma.
	Comma rune
	// MaxRecordBytes bounds one record; 0 for DefaultMaxRecordBytes.
	MaxRecordBytes int
	// Preset names the preset Mapping came from, so the report says the
	// columns were read by it.
	Preset string
	// Sheet names the workbook sheet to read; "" for the first sheet
	// with a header.
	Sheet string
}

// Reader streams a Transparency Code CSV file or workbook sheet as
// import items. Memory use is bounded by the largest record, whatever
// the file's size.
type Reader struct {
	opts    Options
	src     source
	plan    *plan
	win     bool // the file is Windows-1252
	err     error
	orgs    orgLabels
	pending []record // rows read ahead while finding the header
	later   error    // the error that ended the read-ahead, after pending
	head    record   // the header's (last) row
	sheet   string
	preset  string // the preset recognised from the header
	// derived counts the asset codes derived for rows without one (row.go).
	derived map[string]int
}

// NewReader reads the header of r and works out what its columns mean.
// It returns an EINVALID error, wrapped, for a file that is empty, binary,
// separated by something other than the delimiter, or has no column it
// knows or no coordinates.
func NewReader(r io.Reader, opts Options) (*Reader, error) {
	if opts.Comma == 0 {
		opts.Comma = ','
	}
	if opts.MaxRecordBytes <= 0 {
		opts.MaxRecordBytes = DefaultMaxRecordBytes
	}
	text, win, err := OpenText(r)
	if err != nil {
		return nil, err
	}
	return newReader(newCSVSource(text, opts.Comma, opts.MaxRecordBytes), opts, win)
}

// newReader reads ahead the rows the header may be among, finds it, and
// plans how its columns become fields.
func newReader(src source, opts Options, win bool) (*Reader, error) {
	rd := &Reader{opts: opts, src: src, win: win}
	var ahead []record
	for len(ahead) < headerScan+lookahead {
		rec, err := src.next()
		if err != nil {
			rd.later = err
			break
		}
		ahead = append(ahead, rec.keep())
	}
	switch {
	case len(ahead) == 0 && errors.Is(rd.later, io.EOF):
		return nil, invalidf("the file has no header row")
	case len(ahead) == 0:
		return nil, rd.later
	}
	dec := cellDecoder{win1252: win}
	rows := make([][]string, len(ahead))
	for i, rec := range ahead {
		rows[i] = make([]string, len(rec.cells))
		for j, c := range rec.cells {
			rows[i][j] = dec.cell(c)
		}
	}
	h := findHeader(rows, mappedColumns(opts.Mapping))
	m, how := opts.Mapping, howMapped
	if len(m) == 0 {
		if name, preset := recognisePreset(rows[h.last]); preset != nil {
			m, how, rd.preset = preset, howPreset, name
		}
	}
	var err error
	if rd.plan, err = planColumns(h.cols, m, how); err != nil {
		return nil, err
	}
	if opts.Preset != "" {
		rd.plan.mappedHow = howPreset
	}
	if rd.preset != "" {
		rd.plan.notices = append(rd.plan.notices, fmt.Sprintf("the columns are those of a file we know: read with preset %s", rd.preset))
	}
	rd.head = ahead[h.last]
	rd.pending = ahead[h.last+1:]
	return rd, nil
}

// Notices are remarks about the whole file: columns not read, repeated
// columns, derived asset codes.
func (r *Reader) Notices() []string {
	out := append([]string(nil), r.plan.notices...)
	if r.win {
		out = append(out, "the file is not UTF-8: read as Windows-1252")
	}
	return out
}

// Columns says which field each column of the file went to and how its
// name was understood, and which columns were not read.
func (r *Reader) Columns() []estate.ImportColumn { return r.plan.columns() }

// HeaderRow is the row the header was found on, as a spreadsheet counts
// (the last of its rows, for a heading row over a row of sub-headings).
func (r *Reader) HeaderRow() int { return r.head.row }

// Sheet is the workbook sheet read, "" for a CSV file.
func (r *Reader) Sheet() string { return r.sheet }

// Describe copies what the reader made of the file's layout into rep:
// the sheet, the header's row and what each column went to.
func (r *Reader) Describe(rep *estate.ImportReport) {
	if rep == nil {
		return
	}
	rep.Sheet, rep.HeaderRow, rep.Columns = r.Sheet(), r.HeaderRow(), r.Columns()
}

// Close releases what the reader holds: a workbook's open file.
func (r *Reader) Close() error { return r.src.close() }

// next returns the next record: those read ahead first.
func (r *Reader) next() (record, error) {
	if len(r.pending) > 0 {
		rec := r.pending[0]
		r.pending = r.pending[1:]
		return rec, nil
	}
	if r.later != nil {
		return record{}, r.later
	}
	return r.src.next()
}

// Read returns the next row as an import item, io.EOF after the last, or
// an error for a file that cannot be read further (which is sticky).
func (r *Reader) Read() (*estate.ImportItem, error) {
	if r.err != nil {
		return nil, r.err
	}
	rec, err := r.next()
	if err != nil {
		r.err = err
		return nil, err
	}
	item := &estate.ImportItem{Row: rec.row, Line: rec.line}
	cells := rec.cells
	if blank(cells) {
		item.Skip = "blank row"
		return item, nil
	}
	// A last row with no line break after it, though every row before had
	// one, was most likely cut short inside, and a number cut short
	// ("322851" to "322") still reads as a number: it is refused, read
	// only to name its asset code.
	const cutMsg = "the file ends mid-row: no line break follows this last row, so the file was probably cut short inside it"
	switch {
	case r.src.ragged():
		cells = fit(cells, r.plan.width)
	case len(cells) != r.plan.width && rec.cut:
		item.Err = FieldError("row", fmt.Sprintf("%s (the row has %d cells where the header has %d)", cutMsg, len(cells), r.plan.width))
		return item, nil
	case len(cells) != r.plan.width:
		item.Err = FieldError("row", fmt.Sprintf("has %d cells where the header has %d: the file may be cut short, or a cell holds an unquoted delimiter", len(cells), r.plan.width))
		return item, nil
	}
	if r.plan.org >= 0 {
		r.orgs.add(cells[r.plan.org])
	}
	if r.derived == nil {
		r.derived = map[string]int{}
	}
	rr := rowReader{p: r.plan, rec: cells, dec: cellDecoder{win1252: r.win}, partner: r.opts.Partner, derived: r.derived}
	rr.read(item)
	if rec.cut {
		item.Asset, item.Fields, item.NoteLines, item.Skip = nil, 0, nil, ""
		item.Err = FieldError("row", cutMsg+" and its last cell may have lost characters; if the file is whole, end it with a line break")
	}
	return item, nil
}

// fit pads or cuts a workbook row to the header's width: a sheet leaves
// out trailing blank cells, and cells past the last heading belong to
// no column.
func fit(cells []string, width int) []string {
	if len(cells) >= width {
		return cells[:width]
	}
	out := make([]string, width)
	copy(out, cells)
	return out
}

func blank(rec []string) bool {
	for _, c := range rec {
		for i := 0; i < len(c); i++ {
			if c[i] != ' ' && c[i] != '\t' {
				return false
			}
		}
	}
	return true
}

// OrganisationNotice is the warning, read so far, that the file's
// OrganisationLabel does not look like the partner's name or id ("" when
// it does, or the file has none).
func (r *Reader) OrganisationNotice() string {
	d := cellDecoder{win1252: r.win}
	var labels orgLabels
	for _, l := range r.orgs.order {
		labels.add(d.cell(l))
	}
	labels.more = r.orgs.more
	return labels.notice(&estate.Partner{ID: r.opts.Partner, Name: r.opts.PartnerName})
}

// Items yields the file's notices (as one item without a row), every
// row, and then a notice if the file looks like another body's, stopping
// after the first read error.
func (r *Reader) Items() iter.Seq2[*estate.ImportItem, error] {
	return func(yield func(*estate.ImportItem, error) bool) {
		if n := r.Notices(); len(n) > 0 {
			if !yield(&estate.ImportItem{Row: r.head.row, Line: r.head.line, Warnings: n}, nil) {
				return
			}
		}
		for {
			item, err := r.Read()
			if errors.Is(err, io.EOF) {
				break
			}
			if !yield(item, err) || err != nil {
				return
			}
		}
		if n := r.OrganisationNotice(); n != "" {
			yield(&estate.ImportItem{Warnings: []string{n}}, nil)
		}
	}
}
