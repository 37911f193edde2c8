package main

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/placetrust/placetrust/internal/estate"
)

// printWarningGroups lists the import's warnings by kind, one line each
// with the first rows and an example, rather than one line per row: a
// file's few warnings that matter would be lost among hundreds alike.
// The --report file has every row's own.
func printWarningGroups(w io.Writer, groups []estate.WarningGroup) {
	if len(groups) == 0 {
		return
	}
	fmt.Fprintln(w, "warnings by kind (--report lists each row's):")
	for _, g := range groups {
		rows := make([]string, len(g.Rows))
		for i, r := range g.Rows {
			rows[i] = strconv.Itoa(r)
		}
		where := "row "
		if g.RowCount > 1 {
			where = "rows "
		}
		where += strings.Join(rows, ", ")
		if g.RowCount > len(g.Rows) {
			where += fmt.Sprintf(" and %d more", g.RowCount-len(g.Rows))
		}
		fmt.Fprintf(w, "  %s: %d (%s), e.g. %s\n", g.Kind, g.Count, where, g.Example)
	}
}

// printSummary says what the import did, and lists the first wrong rows.
func printSummary(w io.Writer, rep *estate.ImportReport) {
	what := "imported"
	switch {
	case rep.DryRun:
		what = "dry run, nothing written"
	case !rep.Committed:
		what = "nothing written"
	}
	fmt.Fprintf(w, "%s: %d rows: %d inserted, %d updated, %d unchanged, %d skipped, %d wrong, %d warnings (%s)\n",
		rep.Partner, rep.Total, rep.Inserted, rep.Updated, rep.Unchanged, rep.Skipped, rep.Errors, rep.Warnings, what)
	for _, n := range rep.Notices {
		fmt.Fprintf(w, "note: %s\n", n)
	}
	printWarningGroups(w, rep.WarningGroups)
	shown := 0
	for _, r := range rep.Rows {
		if r.Outcome != estate.OutcomeError {
			continue
		}
		if shown++; shown > 20 {
			fmt.Fprintf(w, "... and %d more wrong rows (see --report)\n", rep.Errors-20)
			break
		}
		fmt.Fprintf(w, "row %d %s: %s\n", r.Row, r.AssetCode, r.Reason)
	}
}

// cliError shows a domain error's safe message, which reads better on a
// terminal than the wrapped chain.
func cliError(err error) error {
	var e *estate.Error
	if err == nil || !errors.As(err, &e) {
		return err
	}
	return errors.New(estate.ProblemText(err))
}
