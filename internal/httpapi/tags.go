package httpapi

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/placetrust/placetrust/internal/estate"
)

// Tags listed by default and at most: a register's vocabulary is small,
// and suggestions beyond a few hundred help nobody.
const (
	defaultTagLimit = 100
	maxTagLimit     = 1000
)

// tagList is the /api/v1/tags document.
type tagList struct {
	Tags []estate.TagCount `json:"tags"`
}

// listTags answers /api/v1/tags: the tags on the assets the caller may
// see, most used first, for filters and suggestions.
func (s *Server) listTags(c echo.Context) error {
	q := c.QueryParams()
	if err := checkParams(q, "limit"); err != nil {
		return err
	}
	limit, err := parseLimit(q.Get("limit"), maxTagLimit)
	if err != nil {
		return err
	}
	if limit == 0 {
		limit = defaultTagLimit
	}
	tags, err := s.svc.Tags.FindTags(c.Request().Context(), limit)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, tagList{Tags: tags})
}
