package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/placetrust/placetrust/internal/estate"
)

// formatOf is the --format given, or else the one FILE's name says.
func formatOf(format string, files []string) string {
	if format != "" || len(files) != 1 {
		return format
	}
	switch strings.ToLower(filepath.Ext(files[0])) {
	case ".xlsx", ".xlsm":
		return "xlsx"
	}
	return "lga-csv"
}

// spoolStdin copies a workbook on standard input to a temporary file,
// removed when the import ends.
func spoolStdin() (io.Reader, string, int64, func() error, error) {
	f, err := os.CreateTemp("", "placetrust-import-*.xlsx")
	if err != nil {
		return nil, "", 0, nil, fmt.Errorf("import: %w", err)
	}
	remove := func() error {
		f.Close()
		return os.Remove(f.Name())
	}
	n, err := io.Copy(f, os.Stdin)
	if err == nil {
		_, err = f.Seek(0, io.SeekStart)
	}
	if err != nil {
		remove()
		return nil, "", 0, nil, fmt.Errorf("import: standard input: %w", err)
	}
	return f, f.Name(), n, remove, nil
}

// printColumns says where the header was found and which column went to
// which field, then the columns not read, so a file read the wrong way
// shows at once.
func printColumns(w io.Writer, rep *estate.ImportReport) {
	if len(rep.Columns) == 0 {
		return
	}
	where := fmt.Sprintf("header on row %d", rep.HeaderRow)
	if rep.Sheet != "" {
		where += fmt.Sprintf(" of sheet %q", rep.Sheet)
	}
	fmt.Fprintf(w, "%s; columns read:\n", where)
	var unread []string
	for _, c := range rep.Columns {
		if c.Field == "" {
			u := fmt.Sprintf("%s %q", columnLetters(c.Position), c.Column)
			if c.How == "ignored" {
				u += " (known, not kept)"
			}
			unread = append(unread, u)
			continue
		}
		fmt.Fprintf(w, "  %-3s %-40q -> %s (%s)\n", columnLetters(c.Position), shortText(c.Column), c.Field, c.How)
	}
	if len(unread) > 0 {
		fmt.Fprintf(w, "columns not read: %s\n", strings.Join(unread, ", "))
	}
}

// columnLetters names a column as a spreadsheet does: 1 A, 27 AA.
func columnLetters(n int) string {
	s := ""
	for ; n > 0; n = (n - 1) / 26 {
		s = string(rune('A'+(n-1)%26)) + s
	}
	return s
}

func shortText(s string) string {
	if r := []rune(s); len(r) > 38 {
		return string(r[:37]) + "…"
	}
	return s
}
