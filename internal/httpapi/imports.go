package httpapi

import (
	"encoding/json"
	"errors"
	"iter"
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/lga"
)

// importProblem is a refused import: the problem, and the per-row report
// that says which rows were wrong.
type importProblem struct {
	Problem
	Report *estate.ImportReport `json:"report,omitempty"`
}

// postImport loads a partner's file sent as the request body, all rows or
// none, and answers with the per-row report.
func (s *Server) postImport(c echo.Context) error {
	q := c.QueryParams()
	if err := checkParams(q, "partner", "format", "dry_run", "map", "preset", "delimiter"); err != nil {
		return err
	}
	partner := q.Get("partner")
	if !estate.ValidSlug(partner) {
		return invalid("partner", "is required: the id of the partner whose assets these are")
	}
	if !actorOf(c).CanEdit(partner) {
		return estate.Errorf(estate.EFORBIDDEN, "You may not import assets for partner %q.", partner)
	}
	if _, err := s.svc.Partners.FindPartnerByID(c.Request().Context(), partner); err != nil {
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
	items, err := s.importItems(c, partner)
	if err != nil {
		return err
	}
	rep, err := s.svc.Imports.ImportAssets(c.Request().Context(), partner, items, estate.ImportOptions{DryRun: dryRun})
	if err != nil {
		if rep == nil || estate.ErrorCode(err) != estate.EINVALID {
			return err
		}
		p := problemFor(err)
		p.Instance = c.Request().URL.Path
		c.Response().Header().Set(echo.HeaderContentType, "application/problem+json")
		c.Response().WriteHeader(p.Status)
		return json.NewEncoder(c.Response()).Encode(importProblem{Problem: p, Report: rep})
	}
	return c.JSON(http.StatusOK, rep)
}

// importItems reads the body in the format asked for; the reader streams,
// so a large file is never held whole.
func (s *Server) importItems(c echo.Context, partner string) (iter.Seq2[*estate.ImportItem, error], error) {
	q := c.QueryParams()
	body := c.Request().Body
	switch format := q.Get("format"); format {
	case "", "lga-csv":
		maps := q["map"]
		if name := q.Get("preset"); name != "" {
			p, ok := lga.Presets[name]
			if !ok {
				return nil, invalid("preset", "must be one of "+strings.Join(lga.PresetNames(), ", "))
			}
			maps = append([]string{p}, maps...)
		}
		m, err := lga.ParseMapping(maps...)
		if err != nil {
			return nil, invalid("map", err.Error())
		}
		opts := lga.Options{Partner: partner, Mapping: m}
		if d := q.Get("delimiter"); d != "" {
			if d == "tab" {
				d = "\t"
			}
			if r := []rune(d); len(r) == 1 {
				opts.Comma = r[0]
			} else {
				return nil, invalid("delimiter", "must be one character, or tab")
			}
		}
		r, err := lga.NewReader(body, opts)
		if err != nil {
			return nil, fileError(err)
		}
		return r.Items(), nil
	case "geojson":
		r, err := lga.NewGeoJSONReader(body, partner)
		if err != nil {
			return nil, fileError(err)
		}
		return r.Items(), nil
	default:
		return nil, invalid("format", "must be lga-csv or geojson")
	}
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
