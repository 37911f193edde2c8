package httpapi_test

import (
	"bytes"
	"maps"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/placetrust/placetrust/internal/httpapi"
)

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// workbookBytes makes an .xlsx: a notes sheet, then the county's assets
// under a title row, saved with opts (a password encrypts it).
func workbookBytes(t *testing.T, opts ...excelize.Options) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "Notes")
	f.SetSheetRow("Notes", "A1", &[]any{"Read me first"})
	f.NewSheet("Assets")
	for i, row := range [][]any{
		{"County estate, April 2024"},
		{"Site Reference", "Site Name", "Post Code", "Easting", "Northing", "Ownership", "Comments"},
		{"C-1", "County Hall", "WR5 2NP", 384500, 255500, "Freehold", "main office"},
		{"C-2", "Depot", "WR4", 384600, 255600, "Leasehold", ""},
	} {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		f.SetSheetRow("Assets", cell, &row)
	}
	f.NewSheet("Archive")
	f.SetSheetRow("Archive", "A1", &[]any{"Name", "Easting", "Northing"})
	f.SetSheetRow("Archive", "A2", &[]any{"Old Depot", 384700, 255700})
	var buf bytes.Buffer
	if err := f.Write(&buf, opts...); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestImportWorkbookAPI posts workbooks: the sheet with a header is
// found under its title, or the one sheet= names is read, and the report
// says which column went where; a password-protected workbook is refused
// with a problem naming the password, writing nothing.
func TestImportWorkbookAPI(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	post := func(query string, body []byte, contentType string) *response {
		return ts.do(req{Method: "POST", Path: "/api/v1/imports?partner=county" + query, Token: "county-editor", Body: body,
			Header: map[string]string{"Content-Type": contentType}})
	}
	type report struct {
		Inserted, Errors, Warnings int
		Sheet                      string
		HeaderRow                  int `json:"header_row"`
		Columns                    []struct {
			Position           int
			Column, Field, How string
		}
	}
	book := workbookBytes(t)
	var rep report
	must(t, post("&dry_run=true", book, xlsxType), 200).JSON(t, &rep)
	if rep.Inserted != 2 || rep.Errors != 0 || rep.Sheet != "Assets" || rep.HeaderRow != 2 || len(rep.Columns) != 7 {
		t.Fatalf("report %+v", rep)
	}
	var got []string
	for _, c := range rep.Columns {
		got = append(got, c.Field+"/"+c.How)
	}
	if strings.Join(got, " ") != "asset_code/synonym name/synonym postcode/matched geo_x/synonym geo_y/synonym tenure/synonym notes/synonym" {
		t.Errorf("columns %v", got)
	}
	must(t, post("&dry_run=true&format=xlsx&sheet=archive", book, xlsxType), 200).JSON(t, &rep)
	if rep.Inserted != 1 || rep.Sheet != "Archive" || rep.HeaderRow != 1 {
		t.Errorf("sheet=archive: %+v", rep)
	}

	before := ts.counts()
	for _, c := range []struct {
		name, query string
		body        []byte
		want        string
	}{
		{"encrypted", "", workbookBytes(t, excelize.Options{Password: "secret"}), "protected with a password"},
		{"damaged", "", book[:len(book)/2], "damaged or cut short"},
		{"no such sheet", "&sheet=Budget", book, `no sheet "Budget"`},
		{"csv sent as a workbook", "", []byte("Name,Easting,Northing\r\nA,1,2\r\n"), "import it as CSV"},
	} {
		pr := post(c.query, c.body, xlsxType).Problem(t)
		if pr.Status != 400 || pr.Code != "invalid" || !strings.Contains(pr.Detail+fieldMessages(pr), c.want) {
			t.Errorf("%s: %+v", c.name, pr)
		}
	}
	if after := ts.counts(); !maps.Equal(before, after) {
		t.Errorf("refused workbooks wrote: %v -> %v", before, after)
	}
}

func fieldMessages(p httpapi.Problem) string {
	var b strings.Builder
	for _, e := range p.Errors {
		b.WriteString(" " + e.Field + ": " + e.Message)
	}
	return b.String()
}
