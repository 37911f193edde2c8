package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/placetrust/placetrust/internal/analysis"
	"github.com/placetrust/placetrust/internal/insight"
	"github.com/placetrust/placetrust/internal/sqlite"
)

// runReport prints the property trust view and the top co-location
// opportunities, for finance leads who live in spreadsheets.
func runReport(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := newFlagSet("report", getenv, stderr)
	dbPath := fs.string("db", defaultDB, "SQLite database file")
	format := fs.String("format", "table", "table, json or csv")
	partners := fs.String("partner", "", "comma-separated partner ids to report on (default all)")
	top := fs.Int("top", 10, "how many co-location opportunities to list")
	distance := fs.Float64("distance", analysis.DefaultDistanceM, "co-location distance in metres")
	if err := fs.parse(args); err != nil {
		return err
	}
	if *format != "table" && *format != "json" && *format != "csv" {
		return usageError(fmt.Sprintf("--format %q: use table, json or csv", *format))
	}
	if *top < 0 {
		return usageError("--top must not be negative")
	}
	db, err := openDB(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx = cliContext(ctx)
	svc := insight.New(sqlite.NewAssetService(db), false)
	f := analysis.Filter{Partners: splitList(*partners)}
	view, err := svc.Trust(ctx, analysis.DefaultReceiptParams(), f)
	if err != nil {
		return err
	}
	cp := analysis.DefaultColocationParams()
	cp.DistanceM = *distance
	coloc, err := svc.Colocation(ctx, cp, f)
	if err != nil {
		return err
	}
	opps := coloc.Opportunities[:min(*top, len(coloc.Opportunities))]
	switch *format {
	case "json":
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			Trust         analysis.TrustView         `json:"trust"`
			Colocation    analysis.ColocationSummary `json:"colocation"`
			Opportunities []analysis.Opportunity     `json:"opportunities"`
		}{view, coloc.ColocationSummary, opps})
	case "csv":
		return reportCSV(stdout, view)
	}
	return reportTable(stdout, view, coloc.ColocationSummary, opps)
}

func reportTable(w io.Writer, v analysis.TrustView, c analysis.ColocationSummary, opps []analysis.Opportunity) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "PARTNER\tRAG\tASSETS\tGIA M²\tMARKET VALUE £\tRUNNING COST £/YR\tCENTRAL RECEIPT £\t")
	for _, r := range v.Cells {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%s\t%s\t\n", r.Partner, r.RAG, r.Assets, thousands(r.GIAM2),
			thousands(r.MarketValueGBP), thousands(r.RunningCostGBPPA), thousands(r.CentralReceiptGBP))
	}
	t := v.Total
	fmt.Fprintf(tw, "TOTAL\t\t%d\t%s\t%s\t%s\t%s\t\n", t.Assets, thousands(t.GIAM2), thousands(t.MarketValueGBP),
		thousands(t.RunningCostGBPPA), thousands(t.CentralReceiptGBP))
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nCo-location: %d opportunities within %gm saving £%s a year, central receipt £%s\n",
		c.Count, c.Params.DistanceM, thousands(c.AnnualSavingGBP), thousands(c.CentralReceiptGBP))
	if len(opps) == 0 {
		return nil
	}
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "HUB\tOWNER\tPARTNERS\tMEMBERS\tSAVING £/YR\tRECEIPT £")
	for _, o := range opps {
		fmt.Fprintf(tw, "%s (%d)\t%s\t%s\t%d\t%s\t%s\n", o.Hub.Name, o.Hub.ID, o.Hub.Partner, strings.Join(o.Partners, ", "),
			len(o.Members), thousands(o.AnnualSavingGBP), thousands(o.CentralReceiptGBP))
	}
	return tw.Flush()
}

func reportCSV(w io.Writer, v analysis.TrustView) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"partner", "rag", "assets", "gia_m2", "market_value_gbp", "running_cost_gbp_pa", "central_receipt_gbp"})
	row := func(partner, rag string, t analysis.TrustTotals) {
		cw.Write([]string{partner, rag, strconv.Itoa(t.Assets), strconv.FormatInt(t.GIAM2, 10),
			strconv.FormatInt(t.MarketValueGBP, 10), strconv.FormatInt(t.RunningCostGBPPA, 10),
			strconv.FormatInt(t.CentralReceiptGBP, 10)})
	}
	for _, r := range v.Cells {
		row(r.Partner, string(r.RAG), r.TrustTotals)
	}
	row("TOTAL", "", v.Total)
	cw.Flush()
	return cw.Error()
}

// thousands writes n with comma separators, as money is read.
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}
