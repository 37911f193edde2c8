package main

import (
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
