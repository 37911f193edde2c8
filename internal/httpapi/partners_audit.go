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
	limit, err := parseLimit(q.Get("limit"), 1000)
	if err != nil {
		return err
	}
	if limit == 0 {
		limit = 100
	}
	before, err := decodeCursor(q.Get("cursor"))
	if err != nil {
		return err
	}
	f := estate.AdminEventFilter{Entity: q.Get("entity"), EntityID: q.Get("id"), Before: before, Limit: limit}
	evs, err := s.svc.Audit.FindAdminEvents(c.Request().Context(), f)
	if err != nil {
		return err
	}
	self := s.baseURL(c) + c.Request().URL.Path
	page := adminEventPage{Events: evs, Links: []link{{Href: self + queryString(q), Rel: "self", Type: echo.MIMEApplicationJSON}}}
	if len(evs) == limit {
		next := cloneValues(q)
		next.Set("cursor", encodeCursor(evs[len(evs)-1].ID))
		page.Links = append(page.Links, link{Href: self + queryString(next), Rel: "next", Type: echo.MIMEApplicationJSON})
	}
	return c.JSON(http.StatusOK, page)
}
