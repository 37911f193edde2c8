package httpapi

import (
	"net/http"
	"net/url"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/placetrust/placetrust/internal/analysis"
)

// qualityParamNames are the data quality view's own parameters, beside
// the analyses' filter.
var qualityParamNames = []string{"stale_months", "as_of", "within", "name_similarity", "limit"}

func (s *Server) quality(c echo.Context) error {
	q, f, err := scenario(c, qualityParamNames)
	if err != nil {
		return err
	}
	p, err := qualityParams(q)
	if err != nil {
		return err
	}
	rep, err := s.svc.Analyses.Quality(c.Request().Context(), p, f)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, rep)
}

// qualityParams reads the quality settings onto their defaults, as the
// other analyses' are read (overlay); ranges are the analysis's to check.
// as_of left out is the service's now.
func qualityParams(q url.Values) (analysis.QualityParams, error) {
	p := analysis.DefaultQualityParams(time.Time{})
	if err := overlay(&p, q, []string{"stale_months", "within", "name_similarity", "limit"}); err != nil {
		return p, err
	}
	if s := q.Get("as_of"); s != "" {
		t, ok := analysis.ParseAsOf(s)
		if !ok {
			return p, invalid("as_of", "must be a date (2026-12-07) or an RFC 3339 time (2026-12-07T09:00:00Z)")
		}
		p.AsOf = t
	}
	return p, nil
}
