package httpapi

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/placetrust/placetrust/internal/analysis"
	"github.com/placetrust/placetrust/internal/estate"
)

// Saved scenarios: /api/v1/scenarios, with If-Match on every change as
// the assets have. Saving or running one never changes an asset.

type scenarioList struct {
	Scenarios []*estate.Scenario `json:"scenarios"`
}

// scenarioInput is what clients send to save a scenario.
type scenarioInput struct {
	Partner     string                `json:"partner"`
	Name        string                `json:"name"`
	Description string                `json:"description"`
	SharedWith  []string              `json:"shared_with"`
	Rules       []estate.ScenarioRule `json:"rules"`
	Params      map[string]float64    `json:"params"`
}

func scenarioID(c echo.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, estate.Errorf(estate.ENOTFOUND, "Scenario %q not found: scenario ids are positive whole numbers.", c.Param("id"))
	}
	return id, nil
}

func (s *Server) listScenarios(c echo.Context) error {
	if err := checkParams(c.QueryParams()); err != nil {
		return err
	}
	list, err := s.svc.Scenarios.FindScenarios(c.Request().Context())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, scenarioList{Scenarios: list})
}

func (s *Server) getScenario(c echo.Context) error {
	if err := checkParams(c.QueryParams()); err != nil {
		return err
	}
	id, err := scenarioID(c)
	if err != nil {
		return err
	}
	sc, err := s.svc.Scenarios.FindScenario(c.Request().Context(), id)
	if err != nil {
		return err
	}
	return sendScenario(c, http.StatusOK, sc)
}

func sendScenario(c echo.Context, status int, sc *estate.Scenario) error {
	c.Response().Header().Set("ETag", etag(sc.Version))
	return c.JSON(status, sc)
}

// readScenario reads a scenario's body and checks its parameters the
// way a run reads them, so a saved scenario always runs.
func readScenario(c echo.Context) (*estate.Scenario, error) {
	var in scenarioInput
	if err := bindJSON(c, &in); err != nil {
		return nil, err
	}
	if in.Params == nil {
		in.Params = map[string]float64{}
	}
	if err := checkSavedParams(in.Params); err != nil {
		return nil, err
	}
	return &estate.Scenario{Partner: in.Partner, Name: in.Name, Description: in.Description,
		SharedWith: in.SharedWith, Rules: in.Rules, Params: in.Params}, nil
}

// checkSavedParams refuses a parameter that is not a receipt assumption
// or that the receipts analysis would refuse, named params.NAME.
func checkSavedParams(params map[string]float64) error {
	for k := range params {
		if !contains(receiptParamNames, k) {
			return invalid("params."+k, "is not a receipt assumption")
		}
	}
	if _, err := receiptParams(paramValues(params)); err != nil {
		fields := estate.ErrorFields(err)
		for i := range fields {
			fields[i].Field = "params." + fields[i].Field
		}
		return &estate.Error{Code: estate.EINVALID, Message: "The scenario's assumptions are not valid.", Fields: fields}
	}
	return nil
}

func paramValues(params map[string]float64) url.Values {
	q := url.Values{}
	for k, v := range params {
		q.Set(k, strconv.FormatFloat(v, 'g', -1, 64))
	}
	return q
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (s *Server) createScenario(c echo.Context) error {
	sc, err := readScenario(c)
	if err != nil {
		return err
	}
	if err := s.svc.Scenarios.CreateScenario(c.Request().Context(), sc); err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, s.baseURL(c)+"/api/v1/scenarios/"+strconv.FormatInt(sc.ID, 10))
	return sendScenario(c, http.StatusCreated, sc)
}

func (s *Server) putScenario(c echo.Context) error {
	id, err := scenarioID(c)
	if err != nil {
		return err
	}
	version, err := versionFrom(c.Request())
	if err != nil {
		return err
	}
	sc, err := readScenario(c)
	if err != nil {
		return err
	}
	sc.ID = id
	if err := s.svc.Scenarios.UpdateScenario(c.Request().Context(), sc, version); err != nil {
		return err
	}
	return sendScenario(c, http.StatusOK, sc)
}

func (s *Server) deleteScenario(c echo.Context) error {
	id, err := scenarioID(c)
	if err != nil {
		return err
	}
	version, err := versionFrom(c.Request())
	if err != nil {
		return err
	}
	if err := s.svc.Scenarios.DeleteScenario(c.Request().Context(), id, version); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// runSavedScenario runs a saved scenario: its rules and assumptions, with
// the filter, as_at, hubs and co-location settings of the query (GET) or
// the flat JSON body (POST); an assumption given there wins over the
// saved one.
func (s *Server) runSavedScenario(c echo.Context) error {
	id, err := scenarioID(c)
	if err != nil {
		return err
	}
	q, err := scenarioValues(c)
	if err != nil {
		return err
	}
	sc, err := s.svc.Scenarios.FindScenario(c.Request().Context(), id)
	if err != nil {
		return err
	}
	for k, v := range paramValues(sc.Params) {
		if q.Get(k) == "" {
			q[k] = v
		}
	}
	return s.scenarioAnswer(c, q, analysis.ScenarioRules(sc.Rules))
}
