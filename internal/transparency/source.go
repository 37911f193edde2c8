package transparency

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
)

// record is one row of a CSV file or a sheet, before its columns mean
// anything.
type record struct {
	cells []string
	row   int // as a spreadsheet numbers it
	line  int // the text line it starts on; 0 in a workbook
	// cut is set for a CSV file's last row when no line break follows it
	// though every row before had one (Guard.endsMidRow).
	cut bool
}

// source yields a file's records in order, then io.EOF. Header finding,
// column planning and row reading are the same whatever the source.
type source interface {
	next() (record, error)
	// ragged reports whether rows may hold fewer cells than the header
	// without being wrong: a workbook leaves trailing blank cells out,
	// a CSV row short of cells has lost some.
	ragged() bool
	close() error
}

// keep copies a record whose cells the source will reuse.
func (r record) keep() record {
	r.cells = slices.Clone(r.cells)
	return r
}

// csvSource reads CSV records, turning read failures into errors that
// say where the file went wrong.
type csvSource struct {
	guard *Guard
	csv   *csv.Reader
	max   int
	row   int
	line  int // where the last record read began
}

func newCSVSource(text io.Reader, comma rune, max int) *csvSource {
	g := NewGuard(text, int64(max))
	cr := csv.NewReader(g)
	cr.Comma = comma
	cr.FieldsPerRecord = -1 // counted by the reader, to report the row rather than stop
	cr.ReuseRecord = true
	return &csvSource{guard: g, csv: cr, max: max}
}

func (s *csvSource) ragged() bool { return false }
func (s *csvSource) close() error { return nil }

func (s *csvSource) next() (record, error) {
	rec, err := s.csv.Read()
	s.guard.Next(s.csv.InputOffset())
	if err == nil {
		s.row++
		s.line, _ = s.csv.FieldPos(0)
		return record{cells: rec, row: s.row, line: s.line, cut: s.guard.endsMidRow(s.csv.InputOffset())}, nil
	}
	if errors.Is(err, io.EOF) {
		return record{}, io.EOF
	}
	line := s.row + 1
	if s.row > 0 {
		line = s.line
	}
	var pe *csv.ParseError
	switch {
	case s.guard.Tripped():
		return record{}, invalidf("a row beyond line %d is longer than %d bytes: the file is not CSV, or a quote is never closed", line, s.max)
	case errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrQuote) && s.guard.eof:
		return record{}, invalidf("the quoted cell opened on line %d is never closed: the file is cut short, or a quote is unbalanced", pe.StartLine)
	case errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrQuote):
		return record{}, invalidf("line %d, column %d: a quote inside a quoted cell must be doubled (\"\")", pe.Line, pe.Column)
	case errors.As(err, &pe):
		return record{}, invalidf("line %d, column %d: %s", pe.Line, pe.Column, pe.Err)
	}
	return record{}, fmt.Errorf("transparency: read: %w", err)
}
