package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"path/filepath"
	"strings"
	"testing"
)

// TestReportOneRun: the trust view's co-location figures are those of the
// opportunities listed with them, at any distance, in every format.
func TestReportOneRun(t *testing.T) {
	db := filepath.Join(t.TempDir(), "report.db")
	ctx := context.Background()
	runOK := cliOK(t, db)
	runOK("demo")
	type summary struct {
		Count           int
		AnnualSavingGBP int64 `json:"annual_saving_gbp"`
		Params          map[string]float64
	}
	var rep struct {
		Trust struct {
			Colocation summary
		}
		Colocation    summary
		Opportunities []struct {
			AnnualSavingGBP int64 `json:"annual_saving_gbp"`
		}
	}
	if err := json.Unmarshal([]byte(runOK("report", "--format", "json", "--distance", "300", "--min-partners", "3", "--top", "1000")), &rep); err != nil {
		t.Fatal(err)
	}
	var saving int64
	for _, o := range rep.Opportunities {
		saving += o.AnnualSavingGBP
	}
	if tc, c := rep.Trust.Colocation, rep.Colocation; tc.Count != c.Count || tc.Params["distance"] != 300 ||
		tc.Params["min_partners"] != 3 || c.Count != len(rep.Opportunities) || c.Count == 0 || tc.AnnualSavingGBP != saving {
		t.Errorf("trust view co-location %+v, report %+v, %d opportunities saving %d", tc, c, len(rep.Opportunities), saving)
	}

	rows, err := csv.NewReader(strings.NewReader(runOK("report", "--format", "csv", "--distance", "300", "--top", "5"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	sections := map[string]int{}
	for _, r := range rows[1:] {
		sections[r[0]]++
		if len(r) != len(rows[0]) {
			t.Errorf("row %v has %d fields, header %d", r, len(r), len(rows[0]))
		}
	}
	if rows[0][0] != "section" || sections["colocation"] != 1 || sections["opportunity"] != 5 || sections["trust"] < 5 {
		t.Errorf("csv sections %v, header %v", sections, rows[0])
	}
	if table := runOK("report", "--distance", "300", "--top", "2"); !strings.Contains(table, "within 300m") {
		t.Errorf("table:\n%s", table)
	}
	if err := run(ctx, []string{"report", "--min-partners", "1"}, env(map[string]string{"PLACETRUST_DB": db}), io.Discard, io.Discard); err == nil {
		t.Error("--min-partners 1 accepted")
	}
}
