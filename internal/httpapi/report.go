package httpapi

import (
	"bytes"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/placetrust/placetrust/internal/board"
)

// Hubs the board report lists at most, and by default.
const (
	maxBoardHubs     = 50
	defaultBoardHubs = 10
)

// boardReport serves the printable board report (internal/board) for the
// filter, as_at, top and co-location settings in the query.
func (s *Server) boardReport(c echo.Context) error {
	q, f, err := scenario(c, concat(colocationParamNames, []string{"as_at", "top"}))
	if err != nil {
		return err
	}
	p, err := colocationParams(q)
	if err != nil {
		return err
	}
	top := defaultBoardHubs
	if v := q.Get("top"); v != "" {
		if top, err = strconv.Atoi(v); err != nil || top < 0 || top > maxBoardHubs {
			return invalid("top", "must be a whole number from 0 to "+strconv.Itoa(maxBoardHubs))
		}
	}
	figures, err := s.svc.Analyses.Board(c.Request().Context(), p, q.Get("as_at"), f, top)
	if err != nil {
		return err
	}
	// Rendered whole before the status goes out, so a failure is still
	// a problem answer, not half a page.
	names, err := board.PartnerNames(c.Request().Context(), s.svc.Partners)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := board.Render(&buf, figures, board.Meta{Filter: f, Generated: time.Now().UTC(), PartnerNames: names}); err != nil {
		return err
	}
	c.Response().Header().Set("Content-Security-Policy", board.CSP)
	return c.HTMLBlob(http.StatusOK, buf.Bytes())
}
