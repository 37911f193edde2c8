package httpapi

import (
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/importfile"
	"github.com/placetrust/placetrust/internal/metrics"
	"github.com/placetrust/placetrust/internal/transparency"
)

// importDeadline replaces the server's read and write timeouts for an
// import: a 256 MB file takes minutes on a slow link, and the import of a
// large file takes more than the two minutes other responses get.
const importDeadline = 15 * time.Minute

// postImport loads a partner's file sent as the request body, all rows or
// none, and answers with the per-row report.
func (s *Server) postImport(c echo.Context) error {
	q := c.QueryParams()
	if err := checkParams(q, "partner", "format", "dry_run", "map", "preset", "delimiter", "report", "save_mapping", "repeated_codes", "sheet"); err != nil {
		return err
	}
	partner := q.Get("partner")
	if !estate.ValidSlug(partner) {
		return invalid("partner", "is required: the id of the partner whose assets these are")
	}
	// Who may is said before anything about the file, which is read next.
	if err := estate.CheckImportAccess(actorOf(c), partner); err != nil {
		return err
	}
	owner, err := s.svc.Partners.FindPartnerByID(c.Request().Context(), partner)
	if err != nil {
		if estate.ErrorCode(err) == estate.ENOTFOUND {
			return invalid("partner", "names no partner: create it first")
		}
		return err
	}
	dryRun := false
	if v := q.Get("dry_run"); v != "" {
		var err error
		if dryRun, err = strconv.ParseBool(v); err != nil {
			return invalid("dry_run", "must be true or false")
		}
	}
	format, err := importFormat(q.Get("format"), c.Request().Header.Get(echo.HeaderContentType))
	if err != nil {
		return err
	}
	csvOpts, err := csvOptions(q, partner)
	if err != nil {
		return err
	}
	csvOpts.PartnerName = owner.Name
	saved, save, err := s.importMapping(c.Request().Context(), q, partner, format, &csvOpts)
	if err != nil {
		return err
	}
	full, err := fullReport(q.Get("report"))
	if err != nil {
		return err
	}
	repeated, err := estate.ParseRepeatedCodes(q.Get("repeated_codes"))
	if err != nil {
		return invalid("repeated_codes", "must be refuse, suffix or skip")
	}
	// Not supported by every writer (an HTTP/2 test recorder): the
	// server's own timeouts then stand.
	rc := http.NewResponseController(c.Response())
	_ = rc.SetReadDeadline(time.Now().Add(importDeadline))
	_ = rc.SetWriteDeadline(time.Now().Add(importDeadline))
	up, err := s.beginUpload(c)
	if err != nil {
		return err
	}
	defer up.end()
	opts := estate.ImportOptions{DryRun: dryRun}
	var rows *rowSpool
	if full {
		if rows, err = s.newRowSpool(); err != nil {
			return err
		}
		defer rows.Close()
		opts.OnRow = rows.add
	}
	rep, err := s.importBody(c, up, importRequest{partner: partner, format: format, csv: csvOpts,
		saved: saved, repeated: repeated, opts: opts})
	s.cfg.Metrics.ObserveImport(importOutcome(rep, err), rep)
	if save != nil && err == nil && rep != nil && rep.Committed {
		s.saveImportMapping(c.Request().Context(), save, rep)
	}
	var refused *Problem
	if err != nil {
		if rep == nil || estate.ErrorCode(err) != estate.EINVALID {
			return err
		}
		p := problemFor(err)
		p.Instance = c.Request().URL.Path
		refused = &p
	}
	return s.writeImportReport(c, refused, rep, rows)
}

// importBody reads the request's file and imports it: from here on,
// every end is an import's outcome for the metrics. A file read with the
// partner's saved mapping says so in the report, or in the error when it
// cannot be read at all.
func (s *Server) importBody(c echo.Context, up *upload, r importRequest) (*estate.ImportReport, error) {
	body, err := s.spool(c, up)
	if err != nil {
		return nil, err
	}
	defer body.Close()
	items, rd, err := importfile.Open(r.format, body, body.Name(), r.csv)
	if err != nil {
		return nil, savedMappingHint(fileError(err), r.saved)
	}
	if rd != nil {
		defer rd.Close()
	}
	if r.saved != nil {
		items = estate.WithNotice(items, r.saved.Notice())
	}
	rep, err := s.svc.Imports.ImportAssets(c.Request().Context(), r.partner, r.repeated.Items(items), r.opts)
	if rd != nil {
		rd.Describe(rep)
	}
	return rep, err
}

// importRequest is what an import was asked to do, read from the query.
type importRequest struct {
	partner, format string
	csv             transparency.Options
	saved           *estate.ImportMapping // the partner's saved mapping, when the file is read with it
	repeated        estate.RepeatedCodes
	opts            estate.ImportOptions
}

// importOutcome names how an import ended for the metrics: refused when
// the client is answered with a 4xx (a bad file or rows, or too large),
// failed for anything else that went wrong (the client leaving midway
// included).
func importOutcome(rep *estate.ImportReport, err error) string {
	switch {
	case err == nil && rep != nil && rep.DryRun:
		return metrics.ImportDryRun
	case err == nil:
		return metrics.ImportCommitted
	case problemFor(err).Status < 500:
		return metrics.ImportRefused
	}
	return metrics.ImportFailed
}

// xlsxType is the media type of an Excel workbook.
const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// importFormat is the format= asked for, or else the one the body's
// Content-Type names. Other media types are refused with a 415, as is a
// Content-Type naming another format than format= does.
func importFormat(format, contentType string) (string, error) {
	if format != "" && format != "lga-csv" && format != "geojson" && format != "xlsx" {
		return "", invalid("format", "must be lga-csv, xlsx or geojson")
	}
	mt, _, err := mime.ParseMediaType(contentType)
	var typed string
	switch {
	case err != nil:
	case mt == "text/csv":
		typed = "lga-csv"
	case mt == "application/geo+json" || mt == "application/json":
		typed = "geojson"
	case mt == xlsxType:
		typed = "xlsx"
	}
	switch {
	case typed == "":
		return "", echo.NewHTTPError(http.StatusUnsupportedMediaType,
			fmt.Sprintf("Send the file as Content-Type text/csv (Transparency Code CSV), %s (an Excel workbook) or application/geo+json (a GeoJSON FeatureCollection), not %q.", xlsxType, contentType))
	case format != "" && format != typed:
		return "", echo.NewHTTPError(http.StatusUnsupportedMediaType,
			fmt.Sprintf("format=%s, but the Content-Type %q is for %s: send the file with the Content-Type of its format.", format, contentType, typed))
	}
	return typed, nil
}

// csvOptions reads the CSV parameters, checked before the body is read.
func csvOptions(q url.Values, partner string) (transparency.Options, error) {
	maps, err := transparency.PresetSpecs(q.Get("preset"), q["map"])
	if err != nil {
		return transparency.Options{}, invalid("preset", "must be one of "+strings.Join(transparency.PresetNames(), ", "))
	}
	m, err := transparency.ParseMapping(maps...)
	if err != nil {
		return transparency.Options{}, invalid("map", strings.TrimPrefix(err.Error(), "transparency: "))
	}
	opts := transparency.Options{Partner: partner, Mapping: m, Sheet: q.Get("sheet")}
	if name := q.Get("preset"); name != "" && len(q["map"]) == 0 {
		opts.Preset = name
	}
	if opts.Comma, err = transparency.ParseDelimiter(q.Get("delimiter")); err != nil {
		return transparency.Options{}, invalid("delimiter", "must be one character, or tab")
	}
	return opts, nil
}

// fileError names the body as the field at fault when a file cannot be
// read at all; a body over the size limit stays a 413.
func fileError(err error) error {
	var he *echo.HTTPError
	if errors.As(err, &he) {
		return he
	}
	if estate.ErrorCode(err) == estate.EINVALID {
		return err
	}
	return invalid("body", "could not be read as the format given: "+estate.ProblemText(err))
}
