package transparency

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// OpenXLSX reads a sheet of an Excel workbook (.xlsx) at path: the sheet
// opts.Sheet names, or else the first visible one with a header. Rows
// stream from the sheet as it is unzipped, so memory stays flat however
// many rows it has; the shared strings table (each distinct text of the
// workbook, once) is held in memory while reading, up to 256 MiB.
//
// Cells read as they are shown where that matters: text as written, a
// code formatted "00000" with its zeros, a percentage or a time as shown,
// a date as 2006-01-02; other numbers read as the numbers they are,
// without the thousands separators, currency or rounding of their
// display, so a UPRN shown as 1.00E+11 or 200001887481.00 reads
// 200001887481.
//
// It returns an EINVALID error, wrapped, for a file that is not an .xlsx
// workbook (an old .xls, a password-protected one, a damaged one), a
// sheet it lacks, and whatever NewReader refuses in a sheet.
func OpenXLSX(path string, opts Options) (*Reader, error) {
	if err := sniffWorkbook(path); err != nil {
		return nil, err
	}
	wb, err := openWorkbook(path)
	if err != nil {
		return nil, err
	}
	sheet, err := wb.chooseSheet(opts)
	if err == nil {
		var src *xlsxSource
		if src, err = wb.source(sheet); err == nil {
			var rd *Reader
			if rd, err = newReader(src, opts, false); err == nil {
				rd.sheet = sheet.name
				return rd, nil
			}
			src.rc.Close()
		}
	}
	wb.file.Close()
	return nil, err
}

// sniffWorkbook refuses, saying what they are, files that are not a
// ZIP archive as an .xlsx workbook is.
func sniffWorkbook(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("transparency: %w", err)
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

// chooseSheet picks the sheet opts.Sheet names (in any case), or the
// first visible sheet with a header the reader knows, or else the first
// visible sheet, whose header errors then describe.
func (wb *workbook) chooseSheet(opts Options) (wbSheet, error) {
	if len(wb.sheets) == 0 {
		return wbSheet{}, invalidf("the workbook has no sheets")
	}
	if opts.Sheet != "" {
		for _, s := range wb.sheets {
			if s.name == opts.Sheet {
				return s, nil
			}
		}
		names := make([]string, len(wb.sheets))
		for i, s := range wb.sheets {
			if strings.EqualFold(strings.TrimSpace(s.name), strings.TrimSpace(opts.Sheet)) {
				return s, nil
			}
			names[i] = s.name
		}
		return wbSheet{}, invalidf("the workbook has no sheet %q; its sheets are %s", opts.Sheet, strings.Join(quoteAll(names), ", "))
	}
	first := -1
	mapped := mappedColumns(opts.Mapping)
	for i, s := range wb.sheets {
		if s.hidden {
			continue
		}
		if first < 0 {
			first = i
		}
		if ok, err := wb.hasHeader(s, mapped); err != nil {
			return wbSheet{}, err
		} else if ok {
			return s, nil
		}
	}
	return wb.sheets[max(first, 0)], nil
}

// hasHeader reports whether one of a sheet's first rows has enough
// names the reader knows to be a header.
func (wb *workbook) hasHeader(s wbSheet, mapped map[string]bool) (bool, error) {
	src, err := wb.source(s)
	if err != nil {
		return false, err
	}
	defer src.rc.Close()
	for i := 0; i < headerScan; i++ {
		rec, err := src.next()
		if errors.Is(err, io.EOF) {
			return false, nil
		} else if err != nil {
			return false, err
		}
		if headerScore(rec.cells, mapped) >= minHeaderNames {
			return true, nil
		}
	}
	return false, nil
}
