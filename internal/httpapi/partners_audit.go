package httpapi

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/placetrust/placetrust/internal/estate"
)

type adminEventPage struct {
	Events []*estate.AdminEvent `json:"events"`
	Links  []link               `json:"links"`
}

// adminAudit answers GET /api/v1/audit: the trail of partner and token
// changes, newest first, for admins. Asset changes are each asset's
// /history.
func (s *Server) adminAudit(c echo.Context) error {
	if s.svc.Audit == nil {
		return echo.ErrNotFound
	}
	q := c.QueryParams()
	if err := checkParams(q, "entity", "id", "limit", "cursor"); err != nil {
		return err
	}
	limit, before, err := eventPaging(q)
	if err != nil {
		return err
	}
	f := estate.AdminEventFilter{Entity: q.Get("entity"), EntityID: q.Get("id"), Before: before, Limit: limit}
	evs, err := s.svc.Audit.FindAdminEvents(c.Request().Context(), f)
	if err != nil {
		return err
	}
	var last int64
	if len(evs) > 0 {
		last = evs[len(evs)-1].ID
	}
	return c.JSON(http.StatusOK, adminEventPage{Events: evs, Links: s.eventLinks(c, len(evs) == limit, last)})
}
