package main

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/placetrust/placetrust/internal/board"
)

// TestReportHTML: report --format html writes the board report to --out,
// with the trust view's figures and every assumption.
func TestReportHTML(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "report.db")
	runOK := cliOK(t, db)
	runOK("demo")
	var rep struct {
		Trust struct {
			Total struct {
				Assets            int
				CentralReceiptGBP int64 `json:"central_receipt_gbp"`
			}
		}
	}
	if err := json.Unmarshal([]byte(runOK("report", "--format", "json", "--partner", "worcestershire-cc")), &rep); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "board.html")
	runOK("report", "--format", "html", "--out", out, "--partner", "worcestershire-cc", "--as-at", "2027-04-01")
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	for _, want := range []string{"<!doctype html>", "Valued as at 2027-04-01", "partner worcestershire-cc",
		board.GBP(rep.Trust.Total.CentralReceiptGBP), `id="year-chart"`, `class="bar expected"`, "@media print",
		"<dt>p_green</dt>", "<dt>discount_rate</dt>", "<dt>densify</dt>", `id="receipts-reconcile"`} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if rep.Trust.Total.Assets == 0 {
		t.Error("no assets reported")
	}
	for _, args := range [][]string{
		{"report", "--format", "html", "--as-at", "31/03/2027"},
		{"report", "--format", "json", "--out", out},
	} {
		if err := run(context.Background(), args, env(map[string]string{"PLACETRUST_DB": db}), io.Discard, io.Discard); err == nil {
			t.Errorf("%v: no error", args)
		}
	}
}
