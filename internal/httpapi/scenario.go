package httpapi

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/placetrust/placetrust/internal/analysis"
	"github.com/placetrust/placetrust/internal/estate"
)

// scenarioValues reads an analysis's inputs: the query string of a GET, or
// the flat JSON object of a POST ({"p_green": 0.8, "partner": ["a"]}),
// with the same names either way, so a finance lead can save a scenario
// and replay it.
func scenarioValues(c echo.Context) (url.Values, error) {
	if c.Request().Method != http.MethodPost {
		return c.QueryParams(), nil
	}
	if len(c.QueryParams()) > 0 {
		return nil, invalid(firstKey(c.QueryParams()), "goes in the JSON body of a POST, not the query string")
	}
	var body map[string]json.RawMessage
	if err := bindJSON(c, &body); err != nil {
		return nil, err
	}
	q := url.Values{}
	for k, raw := range body {
		var list []any
		if json.Unmarshal(raw, &list) == nil {
			parts := make([]string, len(list))
			for i, v := range list {
				parts[i] = fmt.Sprint(v)
			}
			q.Set(k, strings.Join(parts, ","))
			continue
		}
		var v any
		if err := json.Unmarshal(raw, &v); err != nil {
			return nil, invalid(k, "is not a JSON value")
		}
		switch v.(type) {
		case map[string]any, nil:
			return nil, invalid(k, "must be a number, a string or an array")
		}
		q.Set(k, strings.Trim(string(raw), `"`))
	}
	return q, nil
}

// scenario reads an analysis's inputs, refuses names outside known and
// the filter names, and parses the filter every analysis shares.
func scenario(c echo.Context, known []string) (url.Values, analysis.Filter, error) {
	q, err := scenarioValues(c)
	if err != nil {
		return nil, analysis.Filter{}, err
	}
	if err := checkParams(q, concat(known, analysisFilterNames)...); err != nil {
		return nil, analysis.Filter{}, err
	}
	f, err := analysisFilter(q)
	return q, f, err
}

func firstKey(q url.Values) string {
	for k := range q {
		return k
	}
	return ""
}

// overlay sets the JSON fields of dst named in q, parsing each as a
// number; the field names are the parameter names, so the structs'
// documented defaults stay in one place.
func overlay(dst any, q url.Values, names []string) error {
	b, err := json.Marshal(dst)
	if err != nil {
		return err
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	for _, name := range names {
		s := q.Get(name)
		if s == "" {
			continue
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return invalid(name, "must be a number")
		}
		m[name] = f
	}
	if b, err = json.Marshal(m); err != nil {
		return invalid("body", "holds a number out of range")
	}
	if err := json.Unmarshal(b, dst); err != nil {
		return jsonError(err)
	}
	return nil
}

// jsonNames lists the JSON field names of v's flattened fields.
func jsonNames(v any) []string {
	b, _ := json.Marshal(v)
	var m map[string]any
	_ = json.Unmarshal(b, &m)
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

var (
	receiptParamNames    = jsonNames(analysis.DefaultReceiptParams())
	colocationParamNames = jsonNames(analysis.DefaultColocationParams())
	analysisFilterNames  = []string{"bbox", "partner", "rag", "tag"}
)

func receiptParams(q url.Values) (analysis.ReceiptParams, error) {
	p := analysis.DefaultReceiptParams()
	return p, overlay(&p, q, receiptParamNames)
}

func colocationParams(q url.Values) (analysis.ColocationParams, error) {
	p := analysis.DefaultColocationParams()
	if s := q.Get("min_partners"); s != "" {
		if n, err := strconv.Atoi(s); err != nil || n < 0 {
			return p, invalid("min_partners", "must be a whole number")
		}
	}
	return p, overlay(&p, q, colocationParamNames)
}

func analysisFilter(q url.Values) (analysis.Filter, error) {
	f := analysis.Filter{
		Partners: listValues(q, "partner"),
		RAGs:     enumValues[estate.RAG](q, "rag"),
		Tags:     listValues(q, "tag"),
	}
	if s := q.Get("bbox"); s != "" {
		b, err := parseBBox(s)
		if err != nil {
			return f, err
		}
		f.BBox = b
	}
	return f, f.Validate()
}

func concat(lists ...[]string) []string {
	var out []string
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}
