package httpapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"slices"
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
	b, err := readBody(c)
	if err != nil {
		return nil, err
	}
	return valuesFromJSON(b)
}

// valuesFromJSON reads a flat JSON object as scenarioValues does.
func valuesFromJSON(b []byte) (url.Values, error) {
	var body map[string]json.RawMessage
	if err := decodeStrict(b, &body); err != nil {
		return nil, err
	}
	if k := repeatedKey(b); k != "" {
		// Go keeps the last of a repeated member silently; a scenario
		// that says two things is a mistake to report, as in a query.
		return nil, invalid(k, "is given more than once: give one value")
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

// repeatedKey returns a member name the JSON object b holds twice, or "".
func repeatedKey(b []byte) string {
	dec := json.NewDecoder(bytes.NewReader(b))
	if _, err := dec.Token(); err != nil { // the opening brace, checked by decodeStrict
		return ""
	}
	seen := map[string]bool{}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return ""
		}
		k, _ := t.(string)
		if seen[k] {
			return k
		}
		seen[k] = true
		var skip json.RawMessage
		if dec.Decode(&skip) != nil {
			return ""
		}
	}
	return ""
}

// scenario reads an analysis's inputs, refuses names outside known and
// the filter's and single-valued names given twice, and parses the
// filter every analysis shares.
func scenario(c echo.Context, known []string) (url.Values, estate.Selection, error) {
	q, err := scenarioValues(c)
	if err != nil {
		return nil, estate.Selection{}, err
	}
	f, err := analysisQuery.parse(q, known...)
	return q, f.Selection, err
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
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return invalid(name, "must be a finite number")
		}
		m[name] = f
	}
	if b, err = json.Marshal(m); err != nil {
		return err // every value is finite: cannot happen
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
	slices.Sort(out)
	return out
}

var (
	receiptParamNames    = jsonNames(analysis.DefaultReceiptParams())
	colocationParamNames = jsonNames(analysis.DefaultColocationParams())
)

// given reports which parameters the request set, so an order error
// between a set and a default parameter names the one the user set.
func given(q url.Values) func(string) bool {
	return func(name string) bool { return q.Get(name) != "" }
}

func receiptParams(q url.Values) (analysis.ReceiptParams, error) {
	p := analysis.DefaultReceiptParams()
	if err := overlay(&p, q, receiptParamNames); err != nil {
		return p, err
	}
	return p, p.ValidateGiven(given(q))
}

func colocationParams(q url.Values) (analysis.ColocationParams, error) {
	p := analysis.DefaultColocationParams()
	if s := q.Get("min_partners"); s != "" {
		// A whole number, written 3 or, from a JSON body, 3.0.
		if n, err := strconv.ParseFloat(s, 64); err != nil || n != math.Trunc(n) || n < 2 || n > analysis.MaxMinPartners {
			return p, invalid("min_partners", fmt.Sprintf("must be a whole number from 2 to %d", analysis.MaxMinPartners))
		}
	}
	if err := overlay(&p, q, colocationParamNames); err != nil {
		return p, err
	}
	return p, p.ValidateGiven(given(q))
}

func concat(lists ...[]string) []string {
	var out []string
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}
