package httpapi

import (
	"io"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/placetrust/placetrust/internal/estate"
)

type partnerList struct {
	Partners []*estate.Partner `json:"partners"`
}

func (s *Server) listPartners(c echo.Context) error {
	if err := checkParams(c.QueryParams()); err != nil {
		return err
	}
	ps, err := s.svc.Partners.FindPartners(c.Request().Context())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, partnerList{Partners: ps})
}

func (s *Server) getPartner(c echo.Context) error {
	if err := checkParams(c.QueryParams()); err != nil {
		return err
	}
	p, err := s.svc.Partners.FindPartnerByID(c.Request().Context(), c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, p)
}

// partnerInput is what clients send to create a partner.
type partnerInput struct {
	ID   string             `json:"id"`
	Name string             `json:"name"`
	Kind estate.PartnerKind `json:"kind"`
	URI  string             `json:"uri"`
}

func (s *Server) createPartner(c echo.Context) error {
	var in partnerInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	p := &estate.Partner{ID: in.ID, Name: in.Name, Kind: in.Kind, URI: in.URI}
	if err := s.svc.Partners.CreatePartner(c.Request().Context(), p); err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, s.baseURL(c)+"/api/v1/partners/"+p.ID)
	return c.JSON(http.StatusCreated, p)
}

func (s *Server) updatePartner(c echo.Context) error {
	var upd estate.PartnerUpdate
	if err := bindJSON(c, &upd); err != nil {
		return err
	}
	p, err := s.svc.Partners.UpdatePartner(c.Request().Context(), c.Param("id"), upd)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, p)
}

func (s *Server) deletePartner(c echo.Context) error {
	if err := s.svc.Partners.DeletePartner(c.Request().Context(), c.Param("id")); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// readBody reads the request body, which the body limit middleware caps.
func readBody(c echo.Context) ([]byte, error) {
	ct := c.Request().Header.Get(echo.HeaderContentType)
	if ct != "" && !jsonContentType(ct) {
		return nil, echo.NewHTTPError(http.StatusUnsupportedMediaType,
			"Send JSON: Content-Type application/json, application/geo+json or application/merge-patch+json.")
	}
	b, err := io.ReadAll(c.Request().Body)
	if err != nil {
		return nil, err
	}
	return b, nil
}

func bindJSON(c echo.Context, v any) error {
	b, err := readBody(c)
	if err != nil {
		return err
	}
	return decodeStrict(b, v)
}
