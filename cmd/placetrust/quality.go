package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/placetrust/placetrust/internal/analysis"
	"github.com/placetrust/placetrust/internal/estate"
)

// runQuality prints the data quality view: how complete each partner's
// list is, and the places two partners may both hold.
func runQuality(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := newFlagSet("quality", getenv, stderr)
	dbPath := fs.string("db", defaultDB, dbHelp)
	format := fs.String("format", "table", "table, json or csv")
	partners := fs.String("partner", "", "comma-separated partner ids to report on (default all; places they share with others are listed too)")
	staleMonths := fs.Int("stale-months", analysis.DefaultStaleMonths, "a rating set more than this many months ago is stale")
	asOf := fs.String("as-of", "", "measure ages from this date (2026-12-07) or RFC 3339 time (default now)")
	within := fs.Float64("within", analysis.DefaultSameSiteM, "metres apart two other partners' assets with similar names may be to be flagged as one place")
	similarity := fs.Float64("name-similarity", analysis.DefaultNameSimilarity, "least share of name words two such assets must have in common")
	limit := fs.Int("limit", analysis.DefaultQualityLimit, "how many flagged places to list (all are counted)")
	if err := fs.parseNoArgs(args); err != nil {
		return err
	}
	if err := checkFormat(*format); err != nil {
		return err
	}
	p := analysis.QualityParams{StaleMonths: *staleMonths, AsOf: time.Now().UTC().Truncate(time.Second),
		WithinM: *within, NameSimilarity: *similarity, Limit: *limit}
	if *asOf != "" {
		t, ok := analysis.ParseAsOf(*asOf)
		if !ok {
			return usageError(fmt.Sprintf("--as-of %q: give a date (2026-12-07) or an RFC 3339 time", *asOf))
		}
		p.AsOf = t
	}
	f := estate.Selection{Partners: splitList(*partners)}
	if err := checkBeforeOpen(p.Validate(), analysis.ValidateFilter(f)); err != nil {
		return err
	}
	svc, closeDB, err := openAnalyses(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer closeDB()
	rep, err := svc.Quality(cliContext(ctx), p, f)
	if err != nil {
		return err
	}
	return writeReport(stdout, *format, rep,
		func(w io.Writer) error { return qualityCSV(w, rep) },
		func(w io.Writer) error { return qualityTable(w, rep) })
}

// pct writes a share as a whole percentage, "–" for a share of nothing.
func pct(s *float64) string {
	if s == nil {
		return "–"
	}
	return strconv.FormatFloat(*s*100, 'f', 0, 64) + "%"
}

func qualityTable(w io.Writer, rep analysis.QualityReport) error {
	fmt.Fprintf(w, "Data quality as of %s (ratings set before %s are stale)\n\n",
		rep.Params.AsOf.Format(time.DateOnly), rep.StaleBefore.Format(time.DateOnly))
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "PARTNER\tASSETS\tUPRN\tGIA\tVALUE\tRATED\tRATIONALE\tSTALE\tHELD TWICE\t")
	row := func(name string, r analysis.QualityRow) {
		s := r.Shares
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t\n", name, r.Assets, pct(s.UPRN), pct(s.GIA),
			pct(s.MarketValue), pct(s.Rated), pct(s.Rationale), pct(s.Stale), r.HeldTwice)
	}
	for _, r := range rep.Partners {
		row(r.Partner, r)
	}
	row("TOTAL", rep.Total)
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w, "\nGIA is of buildings, STALE of rated assets, the rest of all assets.")
	d := rep.Duplicates
	places := "places"
	if d.Count == 1 {
		places = "place"
	}
	fmt.Fprintf(w, "\nPossibly held twice: %d %s (%d by UPRN, %d by place and name within %gm)\n",
		d.Count, places, d.SameUPRN, d.NearbySimilarName, rep.Params.WithinM)
	if len(d.Groups) == 0 {
		return nil
	}
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "EVIDENCE\tSUGGESTION\tASSETS")
	for _, g := range d.Groups {
		names := make([]string, len(g.Assets))
		for i, a := range g.Assets {
			names[i] = fmt.Sprintf("%s (%s %d)", a.Name, a.Partner, a.ID)
		}
		evidence := "UPRN " + g.UPRN
		if g.Evidence == analysis.EvidenceNearbySimilarName {
			evidence = fmt.Sprintf("%.0fm apart, names %.0f%% alike", g.Assets[1].DistanceM, g.NameSimilarity*100)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", evidence, strings.ReplaceAll(g.Suggestion, "_", " "), strings.Join(names, "; "))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if d.Truncated {
		fmt.Fprintf(w, "The first %d of %d are listed (--limit).\n", len(d.Groups), d.Count)
	}
	return nil
}

// qualityCSV writes one table a spreadsheet can filter on its section
// column: partner rows, TOTAL, then one row per asset of each listed
// place held twice, numbered by group.
func qualityCSV(w io.Writer, rep analysis.QualityReport) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"section", "partner", "assets", "with_location", "with_uprn", "buildings", "with_gia",
		"with_market_value", "rated", "with_rationale", "stale_ratings", "held_twice",
		"group", "evidence", "suggestion", "uprn", "name_similarity", "asset_id", "asset_code", "name", "distance_m"})
	counts := func(partner string, c analysis.QualityCounts) {
		row := []string{"quality", partner}
		for _, n := range []int{c.Assets, c.WithLocation, c.WithUPRN, c.Buildings, c.WithGIA, c.WithMarketValue,
			c.Rated, c.WithRationale, c.StaleRatings, c.HeldTwice} {
			row = append(row, strconv.Itoa(n))
		}
		cw.Write(append(row, make([]string, 9)...))
	}
	for _, r := range rep.Partners {
		counts(r.Partner, r.QualityCounts)
	}
	counts("TOTAL", rep.Total.QualityCounts)
	for i, g := range rep.Duplicates.Groups {
		sim := ""
		if g.Evidence == analysis.EvidenceNearbySimilarName {
			sim = strconv.FormatFloat(g.NameSimilarity, 'f', -1, 64)
		}
		for _, a := range g.Assets {
			row := append([]string{"held_twice", a.Partner}, make([]string, 10)...)
			cw.Write(append(row, strconv.Itoa(i+1), g.Evidence, g.Suggestion, a.UPRN, sim,
				strconv.FormatInt(a.ID, 10), a.AssetCode, a.Name, strconv.FormatFloat(a.DistanceM, 'f', -1, 64)))
		}
	}
	cw.Flush()
	return cw.Error()
}
