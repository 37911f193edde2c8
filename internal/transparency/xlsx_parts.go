package transparency

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"strings"
)

// maxSharedStrings bounds the shared strings part, which is held in
// memory (every distinct text of the workbook, once) while rows stream.
const maxSharedStrings = 256 << 20

// workbook is an open .xlsx: its parts, sheets and cell formats.
type workbook struct {
	file     *os.File
	parts    map[string]*zip.File // by lower-case name: producers differ in case
	sheets   []wbSheet
	date1904 bool
	formats  []cellFormat // by cell style index
	strings  []string     // the shared strings
}

type wbSheet struct {
	name, part string
	hidden     bool
}

// openWorkbook opens the package at path and reads its workbook, styles
// and shared strings parts.
func openWorkbook(path string) (*workbook, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("transparency: %w", err)
	}
	wb := &workbook{file: f, parts: map[string]*zip.File{}}
	if err := wb.read(); err != nil {
		f.Close()
		return nil, err
	}
	return wb, nil
}

func (wb *workbook) read() error {
	st, err := wb.file.Stat()
	if err != nil {
		return fmt.Errorf("transparency: %w", err)
	}
	zr, err := zip.NewReader(wb.file, st.Size())
	if err != nil {
		return damaged(err)
	}
	for _, zf := range zr.File {
		wb.parts[strings.ToLower(strings.TrimPrefix(zf.Name, "/"))] = zf
	}
	main := "xl/workbook.xml"
	for _, r := range wb.rels("") {
		if strings.HasSuffix(r.Type, "/officeDocument") {
			main = r.Target
		}
	}
	var doc struct {
		Pr struct {
			Date1904 string `xml:"date1904,attr"`
		} `xml:"workbookPr"`
		Sheets []struct {
			Name  string     `xml:"name,attr"`
			State string     `xml:"state,attr"`
			Attrs []xml.Attr `xml:",any,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := wb.decode(main, &doc); err != nil {
		return err
	}
	wb.date1904 = doc.Pr.Date1904 == "1" || doc.Pr.Date1904 == "true"
	byID := map[string]string{}
	stylesPart, stringsPart := "xl/styles.xml", "xl/sharedStrings.xml"
	for _, r := range wb.rels(main) {
		byID[r.ID] = r.Target
		switch {
		case strings.HasSuffix(r.Type, "/styles"):
			stylesPart = r.Target
		case strings.HasSuffix(r.Type, "/sharedStrings"):
			stringsPart = r.Target
		}
	}
	for _, s := range doc.Sheets {
		for _, a := range s.Attrs {
			// r:id, in the transitional or strict relationships namespace.
			if a.Name.Local == "id" && strings.HasSuffix(a.Name.Space, "relationships") && byID[a.Value] != "" {
				wb.sheets = append(wb.sheets, wbSheet{name: s.Name, part: byID[a.Value], hidden: s.State != "" && s.State != "visible"})
			}
		}
	}
	if err := wb.readStyles(stylesPart); err != nil {
		return err
	}
	return wb.readStrings(stringsPart)
}

// rel is one relationship of a part.
type rel struct {
	ID     string `xml:"Id,attr"`
	Type   string `xml:"Type,attr"`
	Target string `xml:"Target,attr"`
	Mode   string `xml:"TargetMode,attr"`
}

// rels reads the relationships of part ("" for the package's own), with
// targets resolved to part names.
func (wb *workbook) rels(part string) []rel {
	dir, file := path.Split(part)
	var doc struct {
		Rels []rel `xml:"Relationship"`
	}
	if err := wb.decode(dir+"_rels/"+file+".rels", &doc); err != nil {
		return nil
	}
	out := doc.Rels[:0]
	for _, r := range doc.Rels {
		if r.Mode == "External" {
			continue
		}
		if strings.HasPrefix(r.Target, "/") {
			r.Target = strings.TrimPrefix(r.Target, "/")
		} else {
			r.Target = path.Join(dir, r.Target)
		}
		out = append(out, r)
	}
	return out
}

// open opens a part by name, in any case.
func (wb *workbook) open(name string) (io.ReadCloser, *zip.File, error) {
	zf := wb.parts[strings.ToLower(name)]
	if zf == nil {
		return nil, nil, errNoPart
	}
	rc, err := zf.Open()
	if err != nil {
		return nil, nil, damaged(err)
	}
	return rc, zf, nil
}

var errNoPart = errors.New("no such part")

// decode reads a small XML part whole.
func (wb *workbook) decode(name string, v any) error {
	rc, _, err := wb.open(name)
	if errors.Is(err, errNoPart) {
		return invalidf("the file is a ZIP archive but not an Excel .xlsx workbook (it has no %s)", name)
	} else if err != nil {
		return err
	}
	defer rc.Close()
	if err := xml.NewDecoder(rc).Decode(v); err != nil {
		return damaged(err)
	}
	return nil
}

// readStyles reads each cell style's number format. A workbook without
// styles shows every cell as stored.
func (wb *workbook) readStyles(part string) error {
	if wb.parts[strings.ToLower(part)] == nil {
		return nil
	}
	var doc struct {
		NumFmts []struct {
			ID   int    `xml:"numFmtId,attr"`
			Code string `xml:"formatCode,attr"`
		} `xml:"numFmts>numFmt"`
		Xfs []struct {
			NumFmtID int `xml:"numFmtId,attr"`
		} `xml:"cellXfs>xf"`
	}
	if err := wb.decode(part, &doc); err != nil {
		return err
	}
	custom := map[int]string{}
	for _, nf := range doc.NumFmts {
		custom[nf.ID] = nf.Code
	}
	wb.formats = make([]cellFormat, len(doc.Xfs))
	for i, xf := range doc.Xfs {
		wb.formats[i] = cellFormat{kind: builtInKind(xf.NumFmtID)}
		if code, ok := custom[xf.NumFmtID]; ok {
			wb.formats[i] = cellFormat{kind: codeKind(code), code: code}
		} else {
			wb.formats[i].code = builtInCodes[xf.NumFmtID]
		}
	}
	return nil
}

// readStrings reads the shared strings table into memory.
func (wb *workbook) readStrings(part string) error {
	rc, zf, err := wb.open(part)
	if errors.Is(err, errNoPart) {
		return nil
	} else if err != nil {
		return err
	}
	defer rc.Close()
	if zf.UncompressedSize64 > maxSharedStrings {
		return invalidf("the workbook holds more than %d MiB of distinct text: save the sheet as CSV", maxSharedStrings>>20)
	}
	x := newXMLScan(rc)
	var buf []byte
	for {
		err := x.tag()
		if errors.Is(err, io.EOF) {
			return nil
		} else if err != nil {
			return damaged(err)
		}
		if x.is("si", false) {
			if buf, err = x.richText("si", buf[:0]); err != nil {
				return damaged(err)
			}
			wb.strings = append(wb.strings, string(buf))
		}
	}
}

// damaged says a workbook's package or parts cannot be read.
func damaged(err error) error {
	return invalidf("the workbook is damaged or cut short, or is not an .xlsx workbook (%s): open and save it again in Excel, or save the sheet as CSV", err)
}
