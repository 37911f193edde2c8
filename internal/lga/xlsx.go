package lga

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/xuri/excelize/v2"
)

// unzipLimit bounds what a workbook may unpack to, so a small file that
// unzips to gigabytes (a zip bomb) is refused before it fills the disk.
// A million-row sheet unpacks to about 300 MB.
const unzipLimit = 4 << 30

// OpenXLSX reads a sheet of an Excel workbook (.xlsx) at path: the sheet
// opts.Sheet names, or else the first with a header. Rows stream from
// the sheet; a sheet over 16 MiB unpacked is unpacked to a temporary file
// in opts.TempDir, which Close removes. The shared strings table (each
// distinct text in the workbook, once) is held in memory while reading.
//
// Cells read as they are shown where that matters: text as written, a
// code formatted "00000" with its zeros, a date as 2006-01-02; other
// numbers read as the numbers they are, without the thousands
// separators, currency or rounding of their display, so a UPRN shown as
// 1.00E+11 or 200001887481.00 reads 200001887481.
//
// It returns an EINVALID error, wrapped, for a file that is not an .xlsx
// workbook (an old .xls, a password-protected one, a damaged one), a
// sheet it lacks, and whatever NewReader refuses in a sheet.
func OpenXLSX(path string, opts Options) (*Reader, error) {
	if err := sniffWorkbook(path); err != nil {
		return nil, err
	}
	f, err := excelize.OpenFile(path, excelize.Options{
		ShortDatePattern: "yyyy-mm-dd", UnzipSizeLimit: unzipLimit, TmpDir: opts.TempDir,
	})
	if err != nil {
		return nil, workbookError(err)
	}
	readableFormats(f)
	sheet, err := chooseSheet(f, opts)
	if err != nil {
		f.Close()
		return nil, err
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		f.Close()
		return nil, workbookError(err)
	}
	rd, err := newReader(&xlsxSource{f: f, rows: rows}, opts, false)
	if err != nil {
		rows.Close()
		f.Close()
		return nil, err
	}
	rd.sheet = sheet
	return rd, nil
}

// sniffWorkbook refuses, saying what they are, the files excelize would
// only call an unsupported format.
func sniffWorkbook(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("lga: %w", err)
	}
	defer f.Close()
	head := make([]byte, 8)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	switch {
	case n == 0:
		return invalidf("the file is empty")
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return nil
	case bytes.HasPrefix(head, []byte("\xD0\xCF\x11\xE0")):
		if encrypted(f) {
			return invalidf("the workbook is protected with a password (it is encrypted): save a copy without the password, or the sheet as CSV, and import that")
		}
		return invalidf("the file is an old Excel .xls workbook (or another Office 97-2003 file), not .xlsx: save it as .xlsx or CSV")
	}
	if binaryKind(head) == "" {
		return invalidf("the file is text, not an Excel .xlsx workbook: import it as CSV")
	}
	return invalidf("the file is not an Excel .xlsx workbook (it is not a ZIP archive, as .xlsx files are)")
}

// encrypted reports whether an OLE compound file holds an encrypted
// Office document: its directory names the stream EncryptedPackage.
func encrypted(f *os.File) bool {
	name := []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e\x00")
	buf := make([]byte, 64<<10+len(name))
	var off int64
	for {
		n, err := f.ReadAt(buf, off)
		if bytes.Contains(buf[:n], name) {
			return true
		}
		if err != nil || n < len(buf) {
			return false
		}
		off += int64(n - len(name)) // overlap, for a name across two reads
	}
}

// workbookError says what is wrong with a workbook excelize cannot read.
func workbookError(err error) error {
	var pe *fs.PathError
	var sheet excelize.ErrSheetNotExist
	switch {
	case errors.As(err, &sheet):
		return invalidf("the workbook has no sheet %q", sheet.SheetName)
	case errors.As(err, &pe):
		return fmt.Errorf("lga: workbook: %w", err) // our disk, not the file
	case errors.Is(err, zip.ErrFormat), errors.Is(err, zip.ErrChecksum), errors.Is(err, zip.ErrAlgorithm),
		errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, excelize.ErrWorkbookFileFormat):
		return invalidf("the workbook is damaged or cut short, or is not an .xlsx workbook (%s): open and save it again in Excel, or save the sheet as CSV", err)
	case strings.Contains(err.Error(), "unzip size exceeds"):
		return invalidf("the workbook unpacks to more than %d GiB: split it, or save the sheet as CSV", unzipLimit>>30)
	}
	return invalidf("the workbook cannot be read (%s): open and save it again in Excel, or save the sheet as CSV", err)
}

// chooseSheet picks the sheet opts.Sheet names (in any case), or the
// first visible sheet with a header the reader knows, or else the first
// visible sheet, whose header errors then describe.
func chooseSheet(f *excelize.File, opts Options) (string, error) {
	names := f.GetSheetList()
	if len(names) == 0 {
		return "", invalidf("the workbook has no sheets")
	}
	if opts.Sheet != "" {
		for _, n := range names {
			if n == opts.Sheet {
				return n, nil
			}
		}
		for _, n := range names {
			if strings.EqualFold(strings.TrimSpace(n), strings.TrimSpace(opts.Sheet)) {
				return n, nil
			}
		}
		return "", invalidf("the workbook has no sheet %q; its sheets are %s", opts.Sheet, strings.Join(quoteAll(names), ", "))
	}
	var first string
	mapped := mappedColumns(opts.Mapping)
	for _, n := range names {
		if visible, _ := f.GetSheetVisible(n); !visible {
			continue
		}
		if first == "" {
			first = n
		}
		if hasHeader(f, n, mapped) {
			return n, nil
		}
	}
	if first == "" {
		first = names[0]
	}
	return first, nil
}

// hasHeader reports whether one of a sheet's first rows has enough
// names the reader knows to be a header.
func hasHeader(f *excelize.File, sheet string, mapped map[string]bool) bool {
	rows, err := f.Rows(sheet)
	if err != nil {
		return false // a chart sheet, or a damaged one
	}
	defer rows.Close()
	for i := 0; i < headerScan && rows.Next(); i++ {
		cells, err := rows.Columns()
		if err != nil {
			return false
		}
		n := 0
		for _, c := range cells {
			if strings.TrimSpace(c) != "" && (matchName(c).known() || mapped[normName(c)]) {
				n++
			}
		}
		if n >= minHeaderNames {
			return true
		}
	}
	return false
}

// xlsxSource yields a sheet's rows, passing over empty ones: a sheet's
// formatting often reaches far below its last row, and an empty row in
// a workbook is no row of data.
type xlsxSource struct {
	f    *excelize.File
	rows *excelize.Rows
	row  int
}

func (s *xlsxSource) ragged() bool { return true }

func (s *xlsxSource) next() (record, error) {
	for s.rows.Next() {
		s.row++
		cells, err := s.rows.Columns()
		if err != nil {
			return record{}, invalidf("row %d of the sheet cannot be read (%s): the workbook is damaged", s.row, err)
		}
		if !blank(cells) {
			return record{cells: cells, row: s.row}, nil
		}
	}
	if err := s.rows.Error(); err != nil {
		return record{}, invalidf("the sheet cannot be read past row %d (%s)", s.row, err)
	}
	return record{}, io.EOF
}

func (s *xlsxSource) close() error {
	s.rows.Close()
	return s.f.Close()
}
