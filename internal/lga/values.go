package lga

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// cleanUPRN returns a UPRN as text, leading zeros kept. A placeholder
// (0, N/A, -) says there is none: blank, with a warning. Anything else
// that is not a UPRN (letters, more than 12 digits, a spreadsheet's
// 1.0E+11) is reported and not kept (keep false), so a stored UPRN is not
// lost to a garbled cell. A spreadsheet's trailing ".0" is dropped.
func cleanUPRN(s string) (uprn, warning string, keep bool) {
	if s == "" {
		return "", "", true
	}
	if allDigits(s) && len(s) <= 12 && strings.Trim(s, "0") != "" {
		return s, "", true
	}
	if d, found := strings.CutSuffix(s, ".0"); found && allDigits(d) && len(d) <= 12 && strings.Trim(d, "0") != "" {
		return d, fmt.Sprintf("UPRN %q read as %s", s, d), true
	}
	if placeholder(s) || strings.Trim(s, "0") == "" {
		return "", fmt.Sprintf("UPRN %q is a placeholder, not a UPRN: left blank", s), true
	}
	return "", fmt.Sprintf("UPRN %q is not a UPRN (1 to 12 digits): ignored", shorten(s)), false
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

var (
	fullPostcodeRE = regexp.MustCompile(`^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$`)
	outwardRE      = regexp.MustCompile(`^[A-Z]{1,2}[0-9][A-Z0-9]?$`)
	// A postcode with words around it: "WF5 9EE (FOR SAT NAV)".
	embeddedPostcodeRE = regexp.MustCompile(`\b([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})\b`)
)

// cleanPostcode writes a postcode as "OUT IN" in capitals. It puts right
// the letter O typed for a zero at the start of the inward code, keeps the
// outward code of a postcode cut short ("WA14 1"), and otherwise gives up
// with a warning.
func cleanPostcode(s string) (pc, warning string, ok bool) {
	if s == "" {
		return "", "", true
	}
	u := strings.Join(strings.Fields(strings.ToUpper(s)), " ")
	if m := fullPostcodeRE.FindStringSubmatch(u); m != nil {
		return m[1] + " " + m[2], "", true
	}
	if outwardRE.MatchString(u) {
		return u, "", true
	}
	out, in, _ := strings.Cut(u, " ")
	if len(in) == 3 && in[0] == 'O' {
		if fixed := out + " 0" + in[1:]; fullPostcodeRE.MatchString(fixed) {
			return fixed, fmt.Sprintf("postcode %q read as %s (letter O for zero)", s, fixed), true
		}
	}
	if outwardRE.MatchString(out) && in != "" && len(in) < 3 {
		return out, fmt.Sprintf("postcode %q is cut short: kept the outward code %s", s, out), true
	}
	if m := embeddedPostcodeRE.FindStringSubmatch(u); m != nil {
		pc := m[1] + " " + m[2]
		return pc, fmt.Sprintf("postcode %q read as %s", shorten(s), pc), true
	}
	return "", fmt.Sprintf("postcode %q is not a UK postcode: left blank", shorten(s)), false
}

// number reads a figure as published: "1,047.5", "£250,000", "415 m2".
// The unit, if any, is returned lower-cased without spaces or dots.
func number(s string) (v float64, unit string, ok bool) {
	if v, err := strconv.ParseFloat(s, 64); err == nil && !math.IsNaN(v) && !math.IsInf(v, 0) {
		return v, "", true
	}
	m := quantityRE.FindStringSubmatch(s)
	if m == nil {
		return 0, "", false
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(m[1], ",", ""), 64)
	if err != nil {
		return 0, "", false
	}
	unit = strings.NewReplacer(" ", "", ".", "", "²", "2").Replace(strings.ToLower(m[2]))
	return v, unit, true
}

// quantityRE finds the first number in a cell and the unit after it, up
// to a bracket or slash that starts the same figure in other units:
// "0.537 hectares (1.33 acres)" -> 0.537, "hectares"; "415 m2 / 4467 sq
// ft" -> 415, "m2 ". The unit may hold digits, as m2 and ft2 do.
var quantityRE = regexp.MustCompile(`^\s*£?\s*([0-9][0-9,]*(?:\.[0-9]+)?|\.[0-9]+)\s*([^(/]*)`)

// Conversions to square metres and hectares.
const (
	sqFtToM2 = 0.09290304
	acreToHa = 0.40468564224
)

// area reads an area in the unit wanted ("m2" or "ha"), converting from
// the units councils write; a bare number is taken to be in the wanted
// unit, as the Transparency Code asks.
func area(s, want string) (float64, bool) {
	v, unit, ok := number(s)
	if !ok || v < 0 {
		return 0, false
	}
	var m2 float64
	switch unit {
	case "":
		return v, true
	case "m2", "sqm", "sqmetres", "sqmeters", "squaremetres", "squaremeters", "metressquared", "sqmetre":
		m2 = v
	case "ft2", "sqft", "sqfeet", "squarefeet", "squarefoot", "sqfoot":
		m2 = v * sqFtToM2
	case "ha", "hectare", "hectares", "hect":
		m2 = v * 10000
	case "acre", "acres", "ac":
		m2 = v * acreToHa * 10000
	default:
		return 0, false
	}
	if want == "ha" {
		return m2 / 10000, true
	}
	return m2, true
}

// wholePounds reads money as whole pounds.
func wholePounds(s string) (int64, bool) {
	v, unit, ok := number(s)
	if !ok || unit != "" || v < 0 || v > 1e15 {
		return 0, false
	}
	return int64(math.Round(v)), true
}

// isoDate reads a date as YYYY-MM-DD, also from the British DD/MM/YYYY
// and from a timestamp.
func isoDate(s string) (string, bool) {
	for _, layout := range []string{time.DateOnly, "02/01/2006", "2/1/2006", "02-01-2006", "02.01.2006", time.RFC3339, "2006-01-02 15:04:05", "2006-01-02T15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format(time.DateOnly), true
		}
	}
	return "", false
}

// oneLine folds the line breaks of a single-line field into ", ".
func oneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	lines := strings.FieldsFunc(s, func(r rune) bool { return r == '\r' || r == '\n' })
	out := lines[:0]
	for _, l := range lines {
		if l = strings.Trim(strings.TrimSpace(l), ","); l != "" {
			out = append(out, strings.TrimSpace(l))
		}
	}
	return strings.Join(out, ", ")
}

func shorten(s string) string {
	if len(s) <= 60 {
		return s
	}
	return s[:57] + "..."
}
