package transparency

import (
	"errors"
	"io"
	"strconv"
)

// xlsxSource yields a sheet's rows as its part is unzipped, passing over
// empty ones: a sheet's formatting often reaches far below its last row,
// and an empty row in a workbook is no row of data.
type xlsxSource struct {
	wb    *workbook
	rc    io.ReadCloser
	x     *xmlScan
	row   int
	cells []string
	buf   []byte
}

// source opens a sheet's rows.
func (wb *workbook) source(s wbSheet) (*xlsxSource, error) {
	rc, _, err := wb.open(s.part)
	if errors.Is(err, errNoPart) {
		return nil, invalidf("the workbook is damaged: sheet %q has no part %s", s.name, s.part)
	} else if err != nil {
		return nil, err
	}
	return &xlsxSource{wb: wb, rc: rc, x: newXMLScan(rc)}, nil
}

func (s *xlsxSource) ragged() bool { return true }

func (s *xlsxSource) close() error {
	s.rc.Close()
	return s.wb.file.Close()
}

func (s *xlsxSource) next() (record, error) {
	for {
		err := s.readRow()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return record{}, io.EOF
			}
			return record{}, invalidf("the sheet cannot be read past row %d (%s): the workbook is damaged or cut short", s.row, err)
		}
		if !blank(s.cells) {
			return record{cells: s.cells, row: s.row}, nil
		}
	}
}

// readRow reads the next <row> into s.cells, which it reuses.
func (s *xlsxSource) readRow() error {
	x := s.x
	for {
		err := x.tag()
		if err != nil {
			return err
		}
		if x.is("sheetData", true) {
			return io.EOF
		}
		if x.is("row", false) {
			break
		}
	}
	s.row++
	if r := atoi(x.attrOf("r")); r > 0 {
		s.row = r
	}
	s.cells = s.cells[:0]
	if x.self {
		return nil
	}
	col := -1
	for {
		if err := x.tag(); err != nil {
			return err
		}
		switch {
		case x.is("row", true):
			return nil
		case x.is("c", false):
			if ref := x.attrOf("r"); len(ref) > 0 {
				col = columnIndex(ref)
			} else {
				col++
			}
			typ := string(x.attrOf("t"))
			style := atoi(x.attrOf("s"))
			v, err := s.cell(typ, style)
			if err != nil {
				return err
			}
			if col < 0 || col > 16383 {
				continue // no column of a sheet
			}
			for len(s.cells) <= col {
				s.cells = append(s.cells, "")
			}
			s.cells[col] = v
		}
	}
}

// cell reads a <c> element's value after its opening tag, as text.
func (s *xlsxSource) cell(typ string, style int) (string, error) {
	x := s.x
	if x.self {
		return "", nil
	}
	var v string
	inline := false
	for {
		if err := x.tag(); err != nil {
			return "", err
		}
		switch {
		case x.is("c", true):
			return s.value(typ, style, v, inline)
		case x.is("v", false) && !x.self:
			t, err := x.readText()
			if err != nil {
				return "", err
			}
			v = string(t)
		case x.is("f", false):
			if err := x.skipElement("f"); err != nil {
				return "", err
			}
		case x.is("is", false):
			var err error
			if s.buf, err = x.richText("is", s.buf[:0]); err != nil {
				return "", err
			}
			v, inline = string(s.buf), true
		}
	}
}

// value turns a cell's stored text into what the reader wants.
func (s *xlsxSource) value(typ string, style int, v string, inline bool) (string, error) {
	switch typ {
	case "s":
		i, err := strconv.Atoi(v)
		if err != nil || i < 0 || i >= len(s.wb.strings) {
			return "", errors.New("a cell names a shared string the workbook lacks")
		}
		return s.wb.strings[i], nil
	case "inlineStr", "str", "e":
		return v, nil
	case "b":
		if v == "1" {
			return "TRUE", nil
		}
		return "FALSE", nil
	case "d": // an ISO 8601 date and time
		if len(v) >= 10 {
			return v[:10], nil
		}
		return v, nil
	}
	if v == "" || inline {
		return v, nil
	}
	f := cellFormat{}
	if style >= 0 && style < len(s.wb.formats) {
		f = s.wb.formats[style]
	}
	return f.show(v, s.wb.date1904), nil
}
