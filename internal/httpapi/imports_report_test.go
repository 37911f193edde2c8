package httpapi_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/httpapi"
)

type importReport struct {
	Committed                                            bool
	Total, Inserted, Updated, Unchanged, Skipped, Errors int
	Warnings, Omitted                                    int
	Notices                                              []string
	Rows                                                 []struct {
		Row      int
		Outcome  string
		Changed  []string
		Warnings []string
	}
}

// TestImportFullReport: report=full lists every row of a file past the
// summary's 10,000, for an import that commits and for one refused; the
// default summary says how many rows it left out.
func TestImportFullReport(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	const n = 10_050
	var b strings.Builder
	b.WriteString("AssetCode,PropertyName,GeoX,GeoY\r\n")
	for i := range n {
		fmt.Fprintf(&b, "F-%d,Plot %d,%.5f,52.19\r\n", i, i, -2.2+float64(i)/1e6)
	}
	file := b.String()
	post := func(query, body string) *response {
		return ts.do(req{Method: "POST", Path: "/api/v1/imports?partner=county" + query, Token: "county-editor", Body: body,
			Header: map[string]string{"Content-Type": "text/csv"}})
	}
	var summary importReport
	must(t, post("&dry_run=true", file), 200).JSON(t, &summary)
	if summary.Total != n || len(summary.Rows) != 10_000 || summary.Omitted != n-10_000 {
		t.Errorf("summary: total %d, %d rows, %d omitted", summary.Total, len(summary.Rows), summary.Omitted)
	}
	var full importReport
	must(t, post("&report=full", file), 200).JSON(t, &full)
	if full.Total != n || full.Inserted != n || len(full.Rows) != n || full.Omitted != 0 || !full.Committed {
		t.Errorf("full: total %d inserted %d, %d rows, %d omitted", full.Total, full.Inserted, len(full.Rows), full.Omitted)
	}
	for i, r := range full.Rows {
		if r.Row != i+2 || r.Outcome != "inserted" {
			t.Fatalf("row %d of the full report: %+v", i, r)
		}
	}

	// Refused: the problem's report lists every row too.
	bad := file + "F-bad,Bad,-2.2,952.19\r\n"
	res := post("&report=full", bad)
	var refused struct {
		Status int
		Code   string
		Report importReport
	}
	res.JSON(t, &refused)
	if res.Status != 400 || refused.Code != "invalid" || refused.Report.Errors != 1 || len(refused.Report.Rows) != n+1 ||
		refused.Report.Unchanged != n || refused.Report.Committed {
		t.Errorf("refused with report=full: %d %s errors %d, %d rows", res.Status, refused.Code, refused.Report.Errors, len(refused.Report.Rows))
	}
	if pr := post("&report=everything", file).Problem(t); pr.Status != 400 || pr.Errors[0].Field != "report" {
		t.Errorf("report=everything: %+v", pr)
	}
	if files := spoolFiles(t, ts.SpoolDir); len(files) != 0 {
		t.Errorf("left behind: %v", files)
	}
}

// TestImportOrganisationWarningAPI: a file whose OrganisationLabel names
// another body gets one notice naming the label and the partner; into
// the body it names, none.
func TestImportOrganisationWarningAPI(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	for _, p := range []map[string]string{
		{"id": "worcestershire-cc", "name": "Worcestershire County Council", "kind": "county_council"},
		{"id": "trafford", "name": "Trafford Council", "kind": "unitary_council"},
	} {
		must(t, ts.do(req{Method: "POST", Path: "/api/v1/partners", Token: "admin", Body: p}), 201)
	}
	file, err := os.ReadFile(filepath.Join("..", "transparency", "testdata", "trafford_land_and_building_assets.csv"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		partner string
		warn    bool
	}{{"worcestershire-cc", true}, {"trafford", false}} {
		var rep importReport
		must(t, ts.do(req{Method: "POST", Path: "/api/v1/imports?dry_run=true&partner=" + c.partner, Token: "admin", Body: file,
			Header: map[string]string{"Content-Type": "text/csv"}}), 200).JSON(t, &rep)
		var found []string
		for _, n := range rep.Notices {
			if strings.Contains(n, "OrganisationLabel") {
				found = append(found, n)
			}
		}
		switch {
		case c.warn && (len(found) != 1 || !strings.Contains(found[0], `"Trafford Council"`) ||
			!strings.Contains(found[0], "worcestershire-cc (Worcestershire County Council)")):
			t.Errorf("into %s: notices %q", c.partner, rep.Notices)
		case !c.warn && len(found) != 0:
			t.Errorf("into %s: %q", c.partner, found)
		}
	}
}

// TestExportImportExact: assets written through the API with awkward text
// in every free-text field export as CSV and import back unchanged.
func TestExportImportExact(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	texts := []string{"  spaces either end  ", "line one\nline two", "crlf one\r\ncrlf two", "lone\rCR",
		`say "quoted", with, commas`, "ends with a break\r\n", "=SUM(A1)", "'=quoted by hand", "\ttab first"}
	for i, s := range texts {
		// Names, codes and addresses refuse control characters: they get
		// s on one line; notes and the rationale keep its line breaks.
		l := strings.NewReplacer("\r", " ", "\n", " ", "\t", " ").Replace(s)
		f := feature("county", fmt.Sprintf("%sX-%d", l, i), -2.2+float64(i)/1000, 52.19)
		props := f["properties"].(map[string]any)
		for _, k := range []string{"name", "street_number", "street_name", "town", "use"} {
			props[k] = l + k
		}
		props["notes"] = s + "notes"
		a := ts.create(f)
		must(t, ts.do(req{Method: "PUT", Path: "/api/v1/assets/" + itoa(a.ID) + "/rag", Token: "admin",
			Body: map[string]string{"rating": "amber", "rationale": s}, Header: map[string]string{"If-Match": `"1"`}}), 200)
	}
	csv := must(t, ts.do(req{Method: "GET", Path: "/api/v1/exports/assets.csv?partner=county", Token: "admin"}), 200)
	var rep importReport
	must(t, ts.do(req{Method: "POST", Path: "/api/v1/imports?partner=county", Token: "admin", Body: csv.Body,
		Header: map[string]string{"Content-Type": "text/csv"}}), 200).JSON(t, &rep)
	if rep.Total != len(texts) || rep.Unchanged != len(texts) || rep.Warnings != 0 || len(rep.Notices) != 0 {
		t.Errorf("the export imported back as %+v", rep)
	}
}
