package httpapi

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/placetrust/placetrust/internal/estate"
	"github.com/placetrust/placetrust/internal/transparency"
)

// importMappingInput is the body of PUT /api/v1/partners/{id}/import-mapping.
type importMappingInput struct {
	Map       []string `json:"map"`
	Delimiter string   `json:"delimiter"`
}

// mappings returns the import mapping service, or a 404 on a server
// built without one (as /api/v1/audit without its service).
func (s *Server) mappings() (estate.ImportMappingService, error) {
	if s.svc.ImportMappings == nil {
		return nil, echo.ErrNotFound
	}
	return s.svc.ImportMappings, nil
}

// getImportMapping answers GET /api/v1/partners/{id}/import-mapping.
func (s *Server) getImportMapping(c echo.Context) error {
	if err := checkParams(c.QueryParams()); err != nil {
		return err
	}
	svc, err := s.mappings()
	if err != nil {
		return err
	}
	m, err := svc.FindImportMapping(c.Request().Context(), c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, m)
}

// putImportMapping answers PUT /api/v1/partners/{id}/import-mapping: the
// mapping replaces any saved one. Last write wins, without If-Match: a
// mapping is a few lines set rarely by the partner's own staff, and the
// audit trail keeps every version.
func (s *Server) putImportMapping(c echo.Context) error {
	if err := checkParams(c.QueryParams()); err != nil {
		return err
	}
	svc, err := s.mappings()
	if err != nil {
		return err
	}
	partner := c.Param("id")
	// Who may is said before what is wrong with the body, as the service
	// would, since the body is checked here first.
	if err := estate.CheckImportMappingAccess(actorOf(c), partner, true); err != nil {
		return err
	}
	var in importMappingInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	items, err := transparency.MappingItems(in.Map...)
	if err != nil {
		return invalid("map", strings.TrimPrefix(err.Error(), "transparency: "))
	}
	if comma, err := transparency.ParseDelimiter(in.Delimiter); err == nil && comma == '\t' {
		in.Delimiter = "\t" // as the command line saves it; other values are checked by Validate
	}
	m := &estate.ImportMapping{Partner: partner, Map: items, Delimiter: in.Delimiter}
	if err := svc.SetImportMapping(c.Request().Context(), m); err != nil {
		return err
	}
	return c.JSON(http.StatusOK, m)
}

// deleteImportMapping answers DELETE /api/v1/partners/{id}/import-mapping.
func (s *Server) deleteImportMapping(c echo.Context) error {
	if err := checkParams(c.QueryParams()); err != nil {
		return err
	}
	svc, err := s.mappings()
	if err != nil {
		return err
	}
	if err := svc.DeleteImportMapping(c.Request().Context(), c.Param("id")); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// importMapping settles which mapping an import's CSV is read with,
// before its body is read. An import giving map, preset or delimiter
// reads with exactly those; one giving none of them reads with the
// partner's saved mapping, if it has one, and returns it (its notice goes
// into the report). With save_mapping=true it also returns the mapping to
// save once the import commits: what the import gives, which must then
// be something.
func (s *Server) importMapping(ctx context.Context, q url.Values, partner, format string, opts *transparency.Options) (saved, save *estate.ImportMapping, err error) {
	doSave := false
	if v := q.Get("save_mapping"); v != "" {
		if doSave, err = strconv.ParseBool(v); err != nil {
			return nil, nil, invalid("save_mapping", "must be true or false")
		}
	}
	// map= with nothing counts: it reads the file with no mapping at all,
	// the way to leave a saved one out. An empty preset or delimiter is
	// no setting, as csvOptions reads them.
	given := q.Has("map") || q.Get("preset") != "" || q.Get("delimiter") != ""
	switch {
	case doSave && s.svc.ImportMappings == nil:
		return nil, nil, invalid("save_mapping", "is not available on this server")
	case doSave && format == "geojson":
		return nil, nil, invalid("save_mapping", "is for CSV files and workbooks: a GeoJSON file is read without a mapping")
	case doSave && !given:
		return nil, nil, invalid("save_mapping", "needs map, preset or delimiter: the mapping to save for the partner")
	case doSave:
		if err := estate.CheckImportMappingAccess(estate.ActorFromContext(ctx), partner, true); err != nil {
			return nil, nil, err
		}
		items, err := transparency.SavedItemsFor(q.Get("preset"), q["map"])
		if err != nil {
			return nil, nil, invalid("map", strings.TrimPrefix(err.Error(), "transparency: "))
		}
		save = &estate.ImportMapping{Partner: partner, Map: items}
		if q.Get("delimiter") != "" {
			save.Delimiter = string(opts.Comma)
		}
		if err := save.Validate(); err != nil {
			return nil, nil, err
		}
		return nil, save, nil
	case given || format == "geojson" || s.svc.ImportMappings == nil:
		return nil, nil, nil
	}
	saved, err = s.svc.ImportMappings.FindImportMapping(ctx, partner)
	if estate.ErrorCode(err) == estate.ENOTFOUND {
		return nil, nil, nil
	} else if err != nil {
		return nil, nil, err
	}
	if err := opts.UseSaved(saved); err != nil {
		return nil, nil, err
	}
	return saved, nil, nil
}

// saveImportMapping saves the import's mapping for the partner once the
// import has committed, and says so in the report. The import stands
// whatever happens here, so a failure is a notice, not an error status.
func (s *Server) saveImportMapping(ctx context.Context, m *estate.ImportMapping, rep *estate.ImportReport) {
	if err := s.svc.ImportMappings.SetImportMapping(ctx, m); err != nil {
		if estate.ErrorCode(err) == estate.EINTERNAL {
			s.log.ErrorContext(ctx, "saving an import mapping", "partner", m.Partner, "err", err)
		}
		rep.Notices = append(rep.Notices, "the import mapping was not saved: "+estate.ProblemText(err))
		return
	}
	rep.Notices = append(rep.Notices, "import mapping saved for partner "+m.Partner+": "+strings.Join(m.Map, ", "))
}

// savedMappingHint adds to the error of a file that could not be read
// with the partner's saved mapping which mapping that was, as the report
// would have, and how to read the file without it.
func savedMappingHint(err error, saved *estate.ImportMapping) error {
	var e *estate.Error
	if saved == nil || !errors.As(err, &e) || e.Code != estate.EINVALID {
		return err
	}
	hinted := *e
	hinted.Message += " (" + saved.Notice() + "; give map, preset or delimiter to read the file otherwise)"
	return &hinted
}
