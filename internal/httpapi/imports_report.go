package httpapi

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"

	"github.com/labstack/echo/v4"

	"github.com/placetrust/placetrust/internal/estate"
)

// fullReport reads report=: summary (the default) lists the first
// DefaultImportReportRows rows and every wrong one, as a million-row
// report is over 100 MB of JSON; full lists every row.
func fullReport(v string) (bool, error) {
	switch v {
	case "", "summary":
		return false, nil
	case "full":
		return true, nil
	}
	return false, invalid("report", "must be summary or full")
}

// rowSpool keeps every row's report in a file in the spool folder while
// the import runs, so a full report of any size costs no memory and is
// sent whole, with the right status, once the import has ended.
type rowSpool struct {
	f   *os.File
	w   *bufio.Writer
	n   int
	err error // the first failure to write, which ends the spooling
}

func (s *Server) newRowSpool() (*rowSpool, error) {
	f, err := s.spools.create("report-*")
	if err != nil {
		return nil, err
	}
	return &rowSpool{f: f, w: bufio.NewWriterSize(f, 64<<10)}, nil
}

// add is the import's OnRow: it writes the rows as the elements of a JSON
// array, without the brackets.
func (r *rowSpool) add(row estate.ImportRow) {
	if r.err != nil {
		return
	}
	b, err := json.Marshal(row)
	if err != nil {
		r.err = err
		return
	}
	if r.n > 0 {
		r.w.WriteByte(',')
	}
	r.n++
	if _, err := r.w.Write(b); err != nil {
		r.err = err
	}
}

// rewind readies the rows to be read back.
func (r *rowSpool) rewind() error {
	if r.err != nil {
		return r.err
	}
	if err := r.w.Flush(); err != nil {
		return err
	}
	_, err := r.f.Seek(0, io.SeekStart)
	return err
}

// Close removes the file.
func (r *rowSpool) Close() error {
	err := r.f.Close()
	os.Remove(r.f.Name())
	return err
}

// importProblem is a refused import: the problem, and the per-row report
// that says which rows were wrong.
type importProblem struct {
	Problem
	Report *estate.ImportReport `json:"report,omitempty"`
}

// writeImportReport answers an import with its report: 200, or the
// refusal's problem carrying it. With rows (report=full) the report lists
// every row, streamed from the spool; without, the summary's rows.
func (s *Server) writeImportReport(c echo.Context, refused *Problem, rep *estate.ImportReport, rows *rowSpool) error {
	if rows != nil {
		if err := rows.rewind(); err != nil {
			// The import has ended (and may have committed): the summary
			// says what it did, and why the full list is missing.
			s.log.Error("import: the full report could not be spooled", "err", err,
				"request_id", c.Response().Header().Get(echo.HeaderXRequestID))
			rep.Notices = append(rep.Notices, "the full report could not be kept on the server: the rows listed are the first ones and every wrong one")
			rows = nil
		}
	}
	res := c.Response()
	status := http.StatusOK
	res.Header().Set(echo.HeaderContentType, echo.MIMEApplicationJSON)
	if refused != nil {
		status = refused.Status
		res.Header().Set(echo.HeaderContentType, "application/problem+json")
	}
	if rows == nil {
		res.WriteHeader(status)
		if refused != nil {
			return json.NewEncoder(res).Encode(importProblem{Problem: *refused, Report: rep})
		}
		return json.NewEncoder(res).Encode(rep)
	}
	head := []byte("{")
	if refused != nil {
		p, err := json.Marshal(refused)
		if err != nil {
			return err
		}
		head = append(p[:len(p)-1], `,"report":{`...)
	}
	tail, err := json.Marshal(withoutRows{ImportReport: rep})
	if err != nil {
		return err
	}
	res.WriteHeader(status)
	w := bufio.NewWriterSize(res, 64<<10)
	w.Write(head)
	w.WriteString(`"rows":[`)
	if _, err := io.Copy(w, rows.f); err != nil {
		return fmt.Errorf("httpapi: import: report: %w", err)
	}
	w.WriteString("],")
	w.Write(tail[1:]) // the report's other members and its closing brace
	if refused != nil {
		w.WriteByte('}')
	}
	w.WriteByte('\n')
	return w.Flush()
}

// withoutRows is an import report whose rows are sent apart: its Rows
// hides the report's own, and omitempty leaves it out. Omitted is zero, as
// the full report leaves no row out.
type withoutRows struct {
	*estate.ImportReport
	Rows    []estate.ImportRow `json:"rows,omitempty"`
	Omitted int                `json:"omitted,omitempty"`
}
