package transparency_test

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/transparency"
)

// styled is a workbook cell with a number format: a built-in one by id,
// or a custom format code.
type styled struct {
	v      any
	numFmt int
	custom string
}

// sheet is a workbook sheet: its name and rows of cells (strings,
// numbers, times, or styled cells; nil for a blank).
type sheet struct {
	name string
	rows [][]any
}

// writeWorkbook writes sheets as an .xlsx in a temporary folder, saved
// with opts (a password encrypts it).
func writeWorkbook(t testing.TB, sheets []sheet, opts ...excelize.Options) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			t.Fatal(err)
		}
		for r, row := range s.rows {
			for c, v := range row {
				if v == nil {
					continue
				}
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				st, isStyled := v.(styled)
				if isStyled {
					v = st.v
				}
				if err := f.SetCellValue(s.name, cell, v); err != nil {
					t.Fatal(err)
				}
				if !isStyled {
					continue
				}
				style := &excelize.Style{NumFmt: st.numFmt}
				if st.custom != "" {
					style.CustomNumFmt = &st.custom
				}
				id, err := f.NewStyle(style)
				if err != nil {
					t.Fatal(err)
				}
				if err := f.SetCellStyle(s.name, cell, cell, id); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	path := filepath.Join(t.TempDir(), "book.xlsx")
	if err := f.SaveAs(path, opts...); err != nil {
		t.Fatal(err)
	}
	return path
}

// readWorkbook reads every item of a workbook.
func readWorkbook(t *testing.T, path string, opts transparency.Options) ([]*estate.ImportItem, *transparency.Reader) {
	t.Helper()
	opts.Partner = "p"
	rd, err := transparency.OpenXLSX(path, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { rd.Close() })
	var out []*estate.ImportItem
	for it, err := range rd.Items() {
		if err != nil {
			t.Fatal(err)
		}
		if it.Asset != nil || it.Skip != "" || it.Err != nil {
			out = append(out, it)
		}
	}
	return out, rd
}

// TestWorkbookCells reads cells as shown where that matters and as
// stored otherwise.
func TestWorkbookCells(t *testing.T) {
	day := time.Date(2023, 9, 29, 0, 0, 0, 0, time.UTC)
	path := writeWorkbook(t, []sheet{{"Assets", [][]any{
		{"Asset Code", "Name", "UPRN", "Easting", "Northing", "Effective Date", "GIA", "Backlog Maintenance", "Lease Expiry"},
		// A code typed as text keeps its zeros; a UPRN stored as a number
		// reads whole however it is shown; dates read as ISO 8601.
		{"00123", "Depot", 100012797623, 377000.5, 388000.25, day, styled{v: 1234.5, numFmt: 4}, styled{v: 90000, custom: `"£"#,##0`}, styled{v: day, custom: "dd/mm/yyyy"}},
		{styled{v: 456, custom: "00000"}, "Office", styled{v: 100012797624, numFmt: 11}, 377001, 388001, styled{v: day, numFmt: 15}, 10, nil, styled{v: day, custom: `d\-mmm\-yy`}},
		{"789", "Store", styled{v: 200001887481, numFmt: 2}, 377002, 388002, nil, nil, nil, styled{v: day.Add(9 * time.Hour), numFmt: 22}},
	}}})
	items, rd := readWorkbook(t, path, transparency.Options{})
	if len(items) != 3 || rd.Sheet() != "Assets" || rd.HeaderRow() != 1 {
		t.Fatalf("%d items, sheet %q, header row %d", len(items), rd.Sheet(), rd.HeaderRow())
	}
	want := []struct{ code, uprn, date, lease string }{
		{"00123", "100012797623", "2023-09-29", "2023-09-29"},
		{"00456", "100012797624", "2023-09-29", "2023-09-29"},
		{"789", "200001887481", "", "2023-09-29"},
	}
	for i, w := range want {
		it := items[i]
		if it.Asset == nil {
			t.Fatalf("row %d: %v %s", it.Row, it.Err, it.Skip)
		}
		a := it.Asset
		if a.AssetCode != w.code || a.UPRN != w.uprn || a.EffectiveDate != w.date || a.LeaseExpiry != w.lease || len(it.Warnings) != 0 {
			t.Errorf("row %d: code %q uprn %q date %q lease %q warnings %q", it.Row, a.AssetCode, a.UPRN, a.EffectiveDate, a.LeaseExpiry, it.Warnings)
		}
		if it.Row != i+2 || it.Line != 0 {
			t.Errorf("row %d line %d, want row %d", it.Row, it.Line, i+2)
		}
	}
	if a := items[0].Asset; a.GIAM2 == nil || *a.GIAM2 != 1234.5 || a.BacklogGBP == nil || *a.BacklogGBP != 90000 {
		t.Errorf("figures read as GIA %v backlog %v", a.GIAM2, a.BacklogGBP)
	}
	if e, n := items[0].Asset.Location, items[1].Asset.Location; e == n {
		t.Error("coordinates not read")
	}
}

// TestWorkbookLayout reads a workbook as people lay one out: notes on a
// first sheet, titles and empty rows above a header of two-line cells,
// an easting and northing under one heading, empty rows among the data
// and formatting far below it.
func TestWorkbookLayout(t *testing.T) {
	assets := sheet{"Land and Premises", [][]any{
		{"Avon Land and Premises"},
		{},
		{"Name of\npremises", "UPRN\nKept by Estates", "Map reference\nEastings      Northings", nil, "Post\nCode"},
		{"Bath Fire Station", 200001887481, 375405, 165595, "BA2 6PU"},
		{},
		{"Radstock Fire Station", 10001144791, 368249, 154582, "BA3 3SG"},
	}}
	notes := sheet{"Notes", [][]any{{"This workbook lists our premises."}, {"Updated", "2024"}}}
	path := writeWorkbook(t, []sheet{notes, assets, {"Other", [][]any{{"Name", "Easting", "Northing"}, {"X", 1, 2}}}})
	items, rd := readWorkbook(t, path, transparency.Options{})
	if rd.Sheet() != "Land and Premises" || rd.HeaderRow() != 3 || len(items) != 2 {
		t.Fatalf("sheet %q header row %d, %d items", rd.Sheet(), rd.HeaderRow(), len(items))
	}
	if got := fieldsOf(rd); got != "1:name/synonym 2:uprn/matched 3:geo_x/heading 4:geo_y/heading 5:postcode/matched" {
		t.Errorf("columns %s", got)
	}
	if b, r := items[0], items[1]; b.Row != 4 || r.Row != 6 || b.Asset.Name != "Bath Fire Station" || r.Asset.UPRN != "10001144791" {
		t.Errorf("rows %d %+v, %d %+v", b.Row, b.Asset, r.Row, r.Asset)
	}
	// A sheet chosen by name, in any case.
	_, rd = readWorkbook(t, path, transparency.Options{Sheet: "other"})
	if rd.Sheet() != "Other" {
		t.Errorf("sheet %q", rd.Sheet())
	}
	_, err := transparency.OpenXLSX(path, transparency.Options{Partner: "p", Sheet: "Assets 2024"})
	if estate.ErrorCode(err) != estate.EINVALID || !strings.Contains(err.Error(), `no sheet "Assets 2024"; its sheets are "Notes", "Land and Premises", "Other"`) {
		t.Errorf("missing sheet: %v", err)
	}
}

// TestWorkbookRefused checks files that are no readable workbook are
// refused, saying what they are.
func TestWorkbookRefused(t *testing.T) {
	good := writeWorkbook(t, []sheet{{"S", [][]any{{"Name", "Easting", "Northing"}, {"A", 377000, 388000}}}})
	whole, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	file := func(b []byte) string {
		p := filepath.Join(t.TempDir(), "f.xlsx")
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cases := []struct{ name, path, want string }{
		{"encrypted", writeWorkbook(t, []sheet{{"S", [][]any{{"Name"}}}}, excelize.Options{Password: "secret"}), "protected with a password"},
		{"cut short", file(whole[:len(whole)/2]), "damaged or cut short"},
		{"zip of something else", file(append([]byte("PK\x03\x04"), make([]byte, 100)...)), "damaged or cut short"},
		{"zip of other files", file(zipOf(t, "hello.txt")), "not an Excel .xlsx workbook (it has no xl/workbook.xml)"},
		{"old xls", file(append([]byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), make([]byte, 600)...)), "old Excel .xls"},
		{"csv", file([]byte("Name,Easting,Northing\r\nA,1,2\r\n")), "import it as CSV"},
		{"empty", file(nil), "empty"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rd, err := transparency.OpenXLSX(c.path, transparency.Options{Partner: "p"})
			if err == nil {
				rd.Close()
			}
			if estate.ErrorCode(err) != estate.EINVALID || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want EINVALID saying %q", err, c.want)
			}
		})
	}
}

// TestWorkbookText reads text cells as excelize itself reads them:
// shared strings with markup characters, line breaks, rich text runs,
// booleans, cells left out between others; a hidden sheet is passed
// over when choosing.
func TestWorkbookText(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "Hidden")
	f.SetSheetRow("Hidden", "A1", &[]any{"Name", "Easting", "Northing"})
	idx, _ := f.NewSheet("Assets")
	f.SetActiveSheet(idx) // excelize hides no active sheet
	if err := f.SetSheetVisible("Hidden", false); err != nil {
		t.Fatal(err)
	}
	f.SetSheetRow("Assets", "A1", &[]any{"Name", "Notes", "Sensitive", "Easting", "Northing", nil, "Use"})
	f.SetSheetRow("Assets", "A2", &[]any{`Smith & Sons <Depot> "A"`, "Line one\nLine two", true, 377000, 388000, nil, "Café ☕"})
	f.SetSheetRow("Assets", "A4", &[]any{"Second", nil, false, 377001, 388001})
	if err := f.SetCellRichText("Assets", "B4", []excelize.RichTextRun{{Text: "bold "}, {Text: "plain"}}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "text.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	items, rd := readWorkbook(t, path, transparency.Options{})
	if rd.Sheet() != "Assets" || len(items) != 2 {
		t.Fatalf("sheet %q, %d items", rd.Sheet(), len(items))
	}
	want, err := f.GetRows("Assets")
	if err != nil {
		t.Fatal(err)
	}
	a, b := items[0].Asset, items[1].Asset
	if a.Name != want[1][0] || a.Notes != want[1][1] || !a.Sensitive || a.Use != want[1][6] || items[0].Row != 2 {
		t.Errorf("row 2 read as %q %q %v %q, excelize reads %q", a.Name, a.Notes, a.Sensitive, a.Use, want[1])
	}
	if b.Name != "Second" || b.Notes != "bold plain" || b.Sensitive || items[1].Row != 4 {
		t.Errorf("row 4 read as %q %q %v (row %d)", b.Name, b.Notes, b.Sensitive, items[1].Row)
	}
}

// zipOf makes a ZIP archive holding empty files of these names.
func zipOf(t *testing.T, names ...string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		if _, err := zw.Create(n); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
