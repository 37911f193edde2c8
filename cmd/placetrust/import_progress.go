package main

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
)

// reportWriter streams each row's outcome to a CSV file.
type reportWriter struct{ w *csv.Writer }

// openReport opens the report file, or stdout for "-".
func openReport(path string, stdout io.Writer) (*reportWriter, func() error, error) {
	if path == "" {
		return &reportWriter{}, func() error { return nil }, nil
	}
	var w io.Writer = stdout
	closeFile := func() error { return nil }
	if path != "-" {
		f, err := os.Create(path)
		if err != nil {
			return nil, nil, fmt.Errorf("import: report: %w", err)
		}
		w, closeFile = f, f.Close
	}
	rw := &reportWriter{w: csv.NewWriter(w)}
	rw.w.Write([]string{"row", "line", "asset_code", "asset_id", "outcome", "reason", "changed", "warnings"})
	return rw, func() error {
		rw.w.Flush()
		if err := rw.w.Error(); err != nil {
			closeFile()
			return fmt.Errorf("import: report: %w", err)
		}
		return closeFile()
	}, nil
}

func (rw *reportWriter) write(r estate.ImportRow) {
	if rw.w == nil {
		return
	}
	id := ""
	if r.AssetID != 0 {
		id = strconv.FormatInt(r.AssetID, 10)
	}
	rw.w.Write([]string{strconv.Itoa(r.Row), strconv.Itoa(r.Line), r.AssetCode, id, string(r.Outcome),
		r.Reason, strings.Join(r.Changed, ";"), strings.Join(r.Warnings, "; ")})
}

// progress draws a progress line on stderr while an import runs, only
// when stderr is a terminal, so logs and pipes get just the summary.
type progress struct {
	w      io.Writer
	on     bool
	size   int64
	readAt atomic.Int64
	rows   int
	shown  time.Time
}

func newProgress(stderr io.Writer, size int64) *progress {
	p := &progress{w: stderr, size: size}
	if f, ok := stderr.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			p.on = true
		}
	}
	return p
}

func (p *progress) row() {
	p.rows++
	if !p.on || p.rows%1000 != 0 || time.Since(p.shown) < 200*time.Millisecond {
		return
	}
	p.shown = time.Now()
	if p.size > 0 {
		fmt.Fprintf(p.w, "\rimporting: %d rows, %.0f%% of %.1f MB ", p.rows, 100*float64(p.readAt.Load())/float64(p.size), float64(p.size)/1e6)
	} else {
		fmt.Fprintf(p.w, "\rimporting: %d rows, %.1f MB read ", p.rows, float64(p.readAt.Load())/1e6)
	}
}

func (p *progress) setRead(n int64) { p.readAt.Store(n) }

func (p *progress) done() {
	if p.on && !p.shown.IsZero() {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

// countingReader tells the progress line how far through the file the
// reader is. The reading goroutine updates it; the writing one shows it,
// so it is only an estimate.
type countingReader struct {
	r        io.Reader
	progress *progress
	n        atomic.Int64
}

func (c *countingReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	c.progress.setRead(c.n.Add(int64(n)))
	return n, err
}
