package httpapi

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/placetrust/placetrust/internal/estate"
)

type tokenInput struct {
	Name    string      `json:"name"`
	Role    estate.Role `json:"role"`
	Partner string      `json:"partner"`
}

// createdToken carries the secret, shown only in this response.
type createdToken struct {
	*estate.Token
	Secret string `json:"token"`
}

func (s *Server) createToken(c echo.Context) error {
	var in tokenInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	t := &estate.Token{Name: in.Name, Role: in.Role, Partner: in.Partner}
	secret, err := s.svc.Tokens.CreateToken(c.Request().Context(), t)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusCreated, createdToken{Token: t, Secret: secret})
}

type tokenList struct {
	Tokens []*estate.Token `json:"tokens"`
}

func (s *Server) listTokens(c echo.Context) error {
	if err := checkParams(c.QueryParams()); err != nil {
		return err
	}
	ts, err := s.svc.Tokens.FindTokens(c.Request().Context())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, tokenList{Tokens: ts})
}

func (s *Server) revokeToken(c echo.Context) error {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return estate.Errorf(estate.ENOTFOUND, "Token %q not found.", c.Param("id"))
	}
	if err := s.svc.Tokens.RevokeToken(c.Request().Context(), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
