package httpapi

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/placetrust/placetrust/internal/analysis"
)

// The disposal programme's analyses: receipts by financial year,
// estimate against outcome, and what-if scenarios run unsaved.

func (s *Server) receiptYears(c echo.Context) error {
	q, f, err := scenario(c, concat(receiptParamNames, []string{"group_by", "as_at"}))
	if err != nil {
		return err
	}
	p, err := receiptParams(q)
	if err != nil {
		return err
	}
	rep, err := s.svc.Analyses.Profile(c.Request().Context(), p, q.Get("as_at"), f, analysis.GroupBy(q.Get("group_by")))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, rep)
}

func (s *Server) outcomes(c echo.Context) error {
	q, f, err := scenario(c, receiptParamNames)
	if err != nil {
		return err
	}
	p, err := receiptParams(q)
	if err != nil {
		return err
	}
	rep, err := s.svc.Analyses.Outcome(c.Request().Context(), p, f)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, rep)
}

// scenarioRunNames are what a scenario's run takes besides the filter.
var scenarioRunNames = concat(colocationParamNames, []string{"as_at", "hubs"})

// runScenario runs an unsaved what-if: a JSON object of rules and, flat
// beside them as every analysis takes them, the assumptions, the filter,
// as_at and hubs.
func (s *Server) runScenario(c echo.Context) error {
	b, err := readBody(c)
	if err != nil {
		return err
	}
	var body map[string]json.RawMessage
	if err := decodeStrict(b, &body); err != nil {
		return err
	}
	var rules analysis.ScenarioRules
	if raw, ok := body["rules"]; ok {
		if err := decodeStrict(raw, &rules); err != nil {
			return err
		}
		delete(body, "rules")
	}
	rest, _ := json.Marshal(body)
	q, err := valuesFromJSON(rest)
	if err != nil {
		return err
	}
	return s.scenarioAnswer(c, q, rules)
}

// scenarioAnswer runs rules with the settings and filter in q.
func (s *Server) scenarioAnswer(c echo.Context, q url.Values, rules analysis.ScenarioRules) error {
	f, err := analysisQuery.parse(q, scenarioRunNames...)
	if err != nil {
		return err
	}
	p, err := colocationParams(q)
	if err != nil {
		return err
	}
	hubs := false
	if v := q.Get("hubs"); v != "" {
		if hubs, err = strconv.ParseBool(v); err != nil {
			return invalid("hubs", "must be true or false")
		}
	}
	rep, err := s.svc.Analyses.Scenario(c.Request().Context(), p, q.Get("as_at"), f.Selection, rules, hubs)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, rep)
}
