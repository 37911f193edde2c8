package lga

import (
	"encoding/csv"
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
}

// Reader streams a Transparency Code CSV file as import items. Memory use
// is bounded by the largest record, whatever the file's size.
type Reader struct {
	opts  Options
	guard *guard
	csv   *csv.Reader
	plan  *plan
	win   bool // the file is Windows-1252
	row   int
	err   error
	orgs  orgLabels
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
	text, win, err := openText(r)
	if err != nil {
		return nil, err
	}
	g := &guard{r: text, max: int64(opts.MaxRecordBytes)}
	cr := csv.NewReader(g)
	cr.Comma = opts.Comma
	cr.FieldsPerRecord = -1 // counted here, to report the row rather than stop
	cr.ReuseRecord = true
	rd := &Reader{opts: opts, guard: g, csv: cr, win: win}
	header, err := rd.next()
	if errors.Is(err, io.EOF) {
		return nil, invalidf("the file has no header row")
	} else if err != nil {
		return nil, err
	}
	dec := cellDecoder{win1252: win}
	cells := make([]string, len(header))
	for i, h := range header {
		cells[i] = dec.cell(h)
	}
	if rd.plan, err = newPlan(cells, opts.Mapping); err != nil {
		return nil, err
	}
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

// next reads one record, turning read failures into errors that say
// where the file went wrong.
func (r *Reader) next() ([]string, error) {
	rec, err := r.csv.Read()
	r.guard.next(r.csv.InputOffset())
	if err == nil || errors.Is(err, io.EOF) {
		r.row++
		return rec, err
	}
	line := r.row + 1
	if r.row > 0 {
		line, _ = r.csv.FieldPos(0)
	}
	var pe *csv.ParseError
	switch {
	case r.guard.tripped:
		return nil, invalidf("a row beyond line %d is longer than %d bytes: the file is not CSV, or a quote is never closed", line, r.opts.MaxRecordBytes)
	case errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrQuote) && r.guard.eof:
		return nil, invalidf("the quoted cell opened on line %d is never closed: the file is cut short, or a quote is unbalanced", pe.StartLine)
	case errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrQuote):
		return nil, invalidf("line %d, column %d: a quote inside a quoted cell must be doubled (\"\")", pe.Line, pe.Column)
	case errors.As(err, &pe):
		return nil, invalidf("line %d, column %d: %s", pe.Line, pe.Column, pe.Err)
	}
	return nil, fmt.Errorf("lga: read: %w", err)
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
	line, _ := r.csv.FieldPos(0)
	item := &estate.ImportItem{Row: r.row, Line: line}
	if blank(rec) {
		item.Skip = "blank row"
		return item, nil
	}
	// A last row with no line break after it, though every row before had
	// one, was most likely cut short inside, and a number cut short
	// ("322851" to "322") still reads as a number: it is refused, read
	// only to name its asset code.
	cut := r.guard.endsMidRow(r.csv.InputOffset())
	const cutMsg = "the file ends mid-row: no line break follows this last row, so the file was probably cut short inside it"
	switch {
	case len(rec) != r.plan.width && cut:
		item.Err = fieldError("row", fmt.Sprintf("%s (the row has %d cells where the header has %d)", cutMsg, len(rec), r.plan.width))
		return item, nil
	case len(rec) != r.plan.width:
		item.Err = fieldError("row", fmt.Sprintf("has %d cells where the header has %d: the file may be cut short, or a cell holds an unquoted delimiter", len(rec), r.plan.width))
		return item, nil
	}
	if r.plan.org >= 0 {
		r.orgs.add(rec[r.plan.org])
	}
	rr := rowReader{p: r.plan, rec: rec, dec: cellDecoder{win1252: r.win}, partner: r.opts.Partner}
	rr.read(item)
	if cut {
		item.Asset, item.Fields, item.NoteLines, item.Skip = nil, 0, nil, ""
		item.Err = fieldError("row", cutMsg+" and its last cell may have lost characters; if the file is whole, end it with a line break")
	}
	return item, nil
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
			if !yield(&estate.ImportItem{Row: 1, Line: 1, Warnings: n}, nil) {
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
