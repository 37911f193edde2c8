package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/placetrust/placetrust/internal/analysis"
	"github.com/placetrust/placetrust/internal/board"
	"github.com/placetrust/placetrust/internal/estate"
)

// runReport prints the property trust view and the top co-location
// opportunities, for finance leads who live in spreadsheets.
func runReport(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := newFlagSet("report", getenv, stderr)
	dbPath := fs.string("db", defaultDB, dbHelp)
	format := fs.String("format", "table", "table, json, csv or html (the board report, as the server's /report)")
	out := fs.String("out", "", "with --format html, the file to write the page to (default standard output)")
	asAt := fs.String("as-at", "", "with --format html, the valuation date YYYY-MM-DD (default today)")
	partners := fs.String("partner", "", "comma-separated partner ids to report on (default all)")
	top := fs.Int("top", 10, "how many co-location opportunities to list")
	distance := fs.Float64("distance", analysis.DefaultDistanceM, "co-location distance in metres")
	minPartners := fs.Int("min-partners", analysis.DefaultMinPartners, "fewest partners, the hub's owner included, in a co-location opportunity")
	densify := fs.Float64("densify", analysis.DefaultDensify, "share of its floor area a moved asset needs in the hub")
	if err := fs.parseNoArgs(args); err != nil {
		return err
	}
	if *format != "html" {
		if err := checkFormat(*format); err != nil {
			return err
		}
		if *out != "" || *asAt != "" {
			return usageError("--out and --as-at go with --format html")
		}
	}
	if *top < 0 {
		return usageError("--top must not be negative")
	}
	f := estate.Selection{Partners: splitList(*partners)}
	cp := analysis.DefaultColocationParams()
	cp.DistanceM, cp.MinPartners, cp.Densify = *distance, *minPartners, *densify
	if err := checkBeforeOpen(cp.Validate(), analysis.ValidateFilter(f)); err != nil {
		return err
	}
	if *asAt != "" {
		if _, ok := analysis.ParseDate(*asAt); !ok {
			return usageError(fmt.Sprintf("--as-at %q: use a date, YYYY-MM-DD", *asAt))
		}
	}
	svc, partnerSvc, closeDB, err := openAnalysesWithPartners(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer closeDB()
	if *format == "html" {
		return writeBoard(cliContext(ctx), svc, partnerSvc, cp, *asAt, f, *top, *out, stdout)
	}
	// One run for both, so the trust view's co-location figures are the
	// ones listed below them.
	view, coloc, err := svc.TrustReport(cliContext(ctx), cp, f)
	if err != nil {
		return err
	}
	opps := coloc.Opportunities[:min(*top, len(coloc.Opportunities))]
	return writeReport(stdout, *format, struct {
		Trust         analysis.TrustView         `json:"trust"`
		Colocation    analysis.ColocationSummary `json:"colocation"`
		Opportunities []analysis.Opportunity     `json:"opportunities"`
	}{view, coloc.ColocationSummary, opps},
		func(w io.Writer) error { return reportCSV(w, view, coloc.ColocationSummary, opps) },
		func(w io.Writer) error { return reportTable(w, view, coloc.ColocationSummary, opps) })
}

func reportTable(w io.Writer, v analysis.TrustView, c analysis.ColocationSummary, opps []analysis.Opportunity) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "PARTNER\tRAG\tASSETS\tGIA M²\tMARKET VALUE £\tRUNNING COST £/YR\tCENTRAL RECEIPT £\t")
	for _, r := range v.Cells {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%s\t%s\t\n", r.Partner, r.RAG, r.Assets, board.Thousands(r.GIAM2),
			board.Thousands(r.MarketValueGBP), board.Thousands(r.RunningCostGBPPA), board.Thousands(r.CentralReceiptGBP))
	}
	t := v.Total
	fmt.Fprintf(tw, "TOTAL\t\t%d\t%s\t%s\t%s\t%s\t\n", t.Assets, board.Thousands(t.GIAM2), board.Thousands(t.MarketValueGBP),
		board.Thousands(t.RunningCostGBPPA), board.Thousands(t.CentralReceiptGBP))
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nCo-location: %d opportunities within %gm saving £%s a year, central receipt £%s\n",
		c.Count, c.Params.DistanceM, board.Thousands(c.AnnualSavingGBP), board.Thousands(c.CentralReceiptGBP))
	if len(opps) == 0 {
		return nil
	}
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "HUB\tOWNER\tPARTNERS\tMEMBERS\tSAVING £/YR\tRECEIPT £")
	for _, o := range opps {
		fmt.Fprintf(tw, "%s (%d)\t%s\t%s\t%d\t%s\t%s\n", o.Hub.Name, o.Hub.ID, o.Hub.Partner, strings.Join(o.Partners, ", "),
			len(o.Members), board.Thousands(o.AnnualSavingGBP), board.Thousands(o.CentralReceiptGBP))
	}
	return tw.Flush()
}

// reportCSV writes one table a spreadsheet can filter on its section
// column: trust rows (partner x rating, then TOTAL), the co-location
// total, and the listed opportunities.
func reportCSV(w io.Writer, v analysis.TrustView, c analysis.ColocationSummary, opps []analysis.Opportunity) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"section", "partner", "rag", "assets", "gia_m2", "market_value_gbp", "running_cost_gbp_pa",
		"central_receipt_gbp", "opportunities", "annual_saving_gbp", "hub_id", "hub_name", "partners", "members"})
	i64 := func(n int64) string { return strconv.FormatInt(n, 10) }
	row := func(partner, rag string, t analysis.TrustTotals) {
		cw.Write([]string{"trust", partner, rag, strconv.Itoa(t.Assets), i64(t.GIAM2), i64(t.MarketValueGBP),
			i64(t.RunningCostGBPPA), i64(t.CentralReceiptGBP), "", "", "", "", "", ""})
	}
	for _, r := range v.Cells {
		row(r.Partner, string(r.RAG), r.TrustTotals)
	}
	row("TOTAL", "", v.Total)
	cw.Write([]string{"colocation", "TOTAL", "", "", "", "", "", i64(c.CentralReceiptGBP), strconv.Itoa(c.Count),
		i64(c.AnnualSavingGBP), "", "", "", ""})
	for _, o := range opps {
		members := make([]string, len(o.Members))
		for i, m := range o.Members {
			members[i] = i64(m.ID)
		}
		cw.Write([]string{"opportunity", o.Hub.Partner, string(o.Hub.RAG), strconv.Itoa(1 + len(o.Members)), "", "", "",
			i64(o.CentralReceiptGBP), "", i64(o.AnnualSavingGBP), i64(o.Hub.ID), o.Hub.Name,
			strings.Join(o.Partners, ";"), strings.Join(members, ";")})
	}
	cw.Flush()
	return cw.Error()
}
