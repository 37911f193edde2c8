package transparency

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/placetrust/placetrust/internal/estate"
)

// cleanUPRN returns a UPRN as text, leading zeros kept. A placeholder
// (0, N/A, -) says there is none: blank, with a warning. Anything else
// that is not a UPRN (letters, more than 12 digits, a spreadsheet's
// 1.0E+11) is reported and not kept (keep false), so a stored UPRN is not
// lost to a garbled cell. A spreadsheet's trailing ".0" is dropped.
func cleanUPRN(s string) (uprn string, w warning, keep bool) {
	if s == "" {
		return "", w, true
	}
	if allDigits(s) && len(s) <= 12 && strings.Trim(s, "0") != "" {
		return s, w, true
	}
	if d, found := strings.CutSuffix(s, ".0"); found && allDigits(d) && len(d) <= 12 && strings.Trim(d, "0") != "" {
		return d, warnf(estate.WarnValueCorrected, "UPRN %q read as %s", s, d), true
	}
	if placeholder(s) || strings.Trim(s, "0") == "" {
		return "", warnf(estate.WarnUPRNPlaceholder, "UPRN %q is a placeholder, not a UPRN: left blank", s), true
	}
	return "", warnf(estate.WarnUnreadableValue, "UPRN %q is not a UPRN (1 to 12 digits): ignored", shorten(s)), false
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
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
func cleanPostcode(s string) (pc string, w warning, ok bool) {
	if s == "" {
		return "", w, true
	}
	if pc, ok := wellFormedPostcode(s); ok {
		return pc, w, true
	}
	u := strings.Join(strings.Fields(strings.ToUpper(s)), " ")
	if m := fullPostcodeRE.FindStringSubmatch(u); m != nil {
		return m[1] + " " + m[2], w, true
	}
	if outwardRE.MatchString(u) {
		return u, w, true
	}
	out, in, _ := strings.Cut(u, " ")
	if len(in) == 3 && in[0] == 'O' {
		if fixed := out + " 0" + in[1:]; fullPostcodeRE.MatchString(fixed) {
			return fixed, warnf(estate.WarnValueCorrected, "postcode %q read as %s (letter O for zero)", s, fixed), true
		}
	}
	if outwardRE.MatchString(out) && in != "" && len(in) < 3 {
		return out, warnf(estate.WarnValueCorrected, "postcode %q is cut short: kept the outward code %s", s, out), true
	}
	if m := embeddedPostcodeRE.FindStringSubmatch(u); m != nil {
		pc := m[1] + " " + m[2]
		return pc, warnf(estate.WarnValueCorrected, "postcode %q read as %s", shorten(s), pc), true
	}
	return "", warnf(estate.WarnUnreadableValue, "postcode %q is not a UK postcode: left blank", shorten(s)), false
}

// wellFormedPostcode matches fullPostcodeRE by hand against s as it
// stands, for the postcode most rows hold: capitals, one space or none.
// Such a cell needs none of cleanPostcode's tidying, so this returns what
// the regexp would; any other cell is left to the regexps.
func wellFormedPostcode(s string) (string, bool) {
	n := len(s)
	if n < 5 || n > 8 {
		return "", false
	}
	out, in := s[:n-3], s[n-3:]
	spaced := out[len(out)-1] == ' '
	if spaced {
		out = out[:len(out)-1]
	}
	if !isUpper(in[1]) || !isUpper(in[2]) || !isDigit(in[0]) || !outwardCode(out) {
		return "", false
	}
	if spaced {
		return s, true
	}
	return out + " " + in, true
}

// outwardCode matches outwardRE by hand: one or two letters, a digit,
// then perhaps a letter or digit.
func outwardCode(s string) bool {
	i := 0
	for i < len(s) && isUpper(s[i]) {
		i++
	}
	if i == 0 || i > 2 || i == len(s) || !isDigit(s[i]) {
		return false
	}
	rest := s[i+1:]
	return rest == "" || len(rest) == 1 && (isUpper(rest[0]) || isDigit(rest[0]))
}

func isUpper(c byte) bool  { return c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isLetter(c byte) bool { return isUpper(c) || c >= 'a' && c <= 'z' }

// number reads a figure as published: "1,047.5", "£250,000", "415 m2".
// The unit, if any, is returned lower-cased without spaces or dots.
func number(s string) (v float64, unit string, ok bool) {
	if v, err := strconv.ParseFloat(s, 64); err == nil && !math.IsNaN(v) && !math.IsInf(v, 0) {
		return v, "", true
	}
	figure, unit, ok := splitQuantity(s)
	if !ok {
		return 0, "", false
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(figure, ",", ""), 64)
	if err != nil {
		return 0, "", false
	}
	if unit != "" {
		unit = unitSpelling.Replace(strings.ToLower(unit))
	}
	return v, unit, true
}

// quantityRE finds the first number in a cell and the unit after it, up
// to a bracket or slash that starts the same figure in other units:
// "0.537 hectares (1.33 acres)" -> 0.537, "hectares"; "415 m2 / 4467 sq
// ft" -> 415, "m2 ". The unit may hold digits, as m2 and ft2 do.
var quantityRE = regexp.MustCompile(`^\s*£?\s*([0-9][0-9,]*(?:\.[0-9]+)?|\.[0-9]+)\s*([^(/]*)`)

// unitSpelling folds "Sq. Ft" to "sqft" and "m²" to "m2".
var unitSpelling = strings.NewReplacer(" ", "", ".", "", "²", "2")

// splitQuantity returns quantityRE's two submatches.
func splitQuantity(s string) (figure, unit string, ok bool) {
	if figure, unit, ok := splitQuantityFast(s); ok {
		return figure, unit, true
	}
	m := quantityRE.FindStringSubmatch(s)
	if m == nil {
		return "", "", false
	}
	return m[1], m[2], true
}

// splitQuantityFast is quantityRE matched by hand for a cell that starts
// with a digit, as nearly all do; it returns false for any other, left to
// the regexp. Each step takes as much as it can, as the regexp's greedy
// operators do: whatever follows the figure matches, so none gives back.
func splitQuantityFast(s string) (figure, unit string, ok bool) {
	if s == "" || !isDigit(s[0]) {
		return "", "", false
	}
	i := 1
	for i < len(s) && (isDigit(s[i]) || s[i] == ',') {
		i++
	}
	if i+1 < len(s) && s[i] == '.' && isDigit(s[i+1]) {
		i += 2
		for i < len(s) && isDigit(s[i]) {
			i++
		}
	}
	j := i
	for j < len(s) && strings.IndexByte("\t\n\f\r ", s[j]) >= 0 { // regexp's \s
		j++
	}
	unit = s[j:]
	if k := strings.IndexAny(unit, "(/"); k >= 0 {
		unit = unit[:k]
	}
	return s[:i], unit, true
}

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
	if strings.IndexByte(s, '\n') < 0 && strings.IndexByte(s, '\r') < 0 { // ContainsAny is slower, on every cell
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
