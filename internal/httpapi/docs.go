package httpapi

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

type healthStatus struct {
	Status string `json:"status"`
}

func (s *Server) health(c echo.Context) error {
	if s.svc.Ping != nil {
		if err := s.svc.Ping(c.Request().Context()); err != nil {
			s.log.Error("health check failed", "err", err)
			return c.JSON(http.StatusServiceUnavailable, healthStatus{Status: "unavailable"})
		}
	}
	return c.JSON(http.StatusOK, healthStatus{Status: "ok"})
}

func (s *Server) spec(c echo.Context) error {
	return c.Blob(http.StatusOK, "application/yaml", s.svc.Spec)
}
