package httpapi_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/httpapi"
)

// repeatedCSV has C-1's land and building under one code, and a
// placeholder UPRN; its HoldingType categories and TenureDetail text are
// fine as published.
const repeatedCSV = "AssetCode,PropertyName,UPRN,GeoX,GeoY,TenureDetail,HoldingType\r\n" +
	"C-1,Hall grounds,100012345,-2.1795,52.1936,Vacant - awaiting disposal,Parks and Open Spaces\r\n" +
	"C-2,Depot,N/A,-2.1800,52.1940,Leased to X Ltd until 2030,Depot\r\n" +
	"C-1,County Hall,100012346,-2.1796,52.1937,Owner Occupied,Offices\r\n"

// TestImportRepeatedCodesAPI: repeated_codes reaches the import; the
// refusal names it; the report groups warnings by kind, in the summary
// and the full report alike, as openapi.yaml says (the harness checks).
func TestImportRepeatedCodesAPI(t *testing.T) {
	ts := newTestServer(t, httpapi.Config{})
	post := func(query string) *response {
		return ts.do(req{Method: "POST", Path: "/api/v1/imports?partner=county" + query, Token: "county-editor", Body: repeatedCSV,
			Header: map[string]string{"Content-Type": "text/csv"}})
	}
	var refused struct {
		Status int
		Report estate.ImportReport
	}
	post("").JSON(t, &refused)
	if refused.Status != 400 || refused.Report.Errors != 1 || refused.Report.Rows[2].Row != 4 ||
		!strings.Contains(refused.Report.Rows[2].Reason, "(API: repeated_codes=suffix)") {
		t.Fatalf("default: %+v", refused)
	}

	wantGroups := []estate.WarningGroup{
		{Kind: estate.WarnUPRNPlaceholder, Count: 1, RowCount: 1, Rows: []int{3}, Example: `UPRN "N/A" is a placeholder, not a UPRN: left blank`},
		{Kind: estate.WarnCodeRepeated, Count: 1, RowCount: 1, Rows: []int{4}, Example: `asset code "C-1" is used by row 2 of the file: kept as an asset of its own, coded "C-1~2"`},
	}
	for _, q := range []string{"&repeated_codes=suffix&dry_run=true", "&repeated_codes=suffix&dry_run=true&report=full"} {
		var rep estate.ImportReport
		must(t, post(q), 200).JSON(t, &rep)
		if rep.Inserted != 3 || rep.Warnings != 2 || !reflect.DeepEqual(rep.WarningGroups, wantGroups) {
			t.Errorf("%s: %d inserted, %d warnings, groups %+v", q, rep.Inserted, rep.Warnings, rep.WarningGroups)
		}
		if r := rep.Rows[2]; r.AssetCode != "C-1~2" || !reflect.DeepEqual(r.WarningKinds, []estate.WarningKind{estate.WarnCodeRepeated}) {
			t.Errorf("%s: row 4 %+v", q, r)
		}
	}
	var skipped estate.ImportReport
	must(t, post("&repeated_codes=skip&dry_run=true"), 200).JSON(t, &skipped)
	if skipped.Inserted != 2 || skipped.Skipped != 1 || !strings.Contains(skipped.Rows[2].Reason, "left out") {
		t.Errorf("skip: %+v", skipped)
	}
	if pr := post("&repeated_codes=merge").Problem(t); pr.Status != 400 || len(pr.Errors) != 1 || pr.Errors[0].Field != "repeated_codes" {
		t.Errorf("repeated_codes=merge: %+v", pr)
	}
}
