package transparency

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// A cell's number format decides how Excel shows a number. The register
// wants some cells as shown and others as stored:
//
//   - dates: ISO 8601 (2006-01-02), whatever the locale's display;
//   - percentages, times, and codes padded with zeros ("00000"): as shown,
//     since the stored number loses the % or the zeros;
//   - every other number (fixed decimals, thousands, currency,
//     scientific, fractions): as stored, since its display rounds, and
//     a UPRN shown 200001887481.00 or 1.00E+11 is 200001887481.

// formatKind is how a cell style's numbers are read.
type formatKind int

const (
	formatStored formatKind = iota
	formatDate
	formatPercent
	formatTime
	formatCode // an integer padded with zeros, perhaps between literals
)

// cellFormat is a cell style's number format, as the reader uses it.
type cellFormat struct {
	kind formatKind
	code string // the format code, for percentages, times and codes
}

// builtInCodes are the codes of the built-in formats shown as they are.
var builtInCodes = map[int]string{
	9: "0%", 10: "0.00%", 18: "h:mm AM/PM", 19: "h:mm:ss AM/PM", 20: "h:mm", 21: "h:mm:ss",
	32: "h:mm", 33: "h:mm:ss", 34: "h:mm", 35: "h:mm:ss", 45: "mm:ss", 46: "[h]:mm:ss", 47: "mm:ss.0",
}

// builtInKind classes the formats Excel numbers without writing them.
func builtInKind(id int) formatKind {
	switch {
	case id >= 14 && id <= 17, id == 22, id >= 27 && id <= 31, id == 36, id >= 50 && id <= 58:
		return formatDate
	case id == 9, id == 10:
		return formatPercent
	case id >= 18 && id <= 21, id >= 32 && id <= 35, id >= 45 && id <= 47:
		return formatTime
	}
	return formatStored
}

// codeKind classes a format code by its first section, read without its
// quoted text, escaped characters and [bracketed] colours and locales.
func codeKind(code string) formatKind {
	f, elapsed := strings.ToLower(bareFormat(code)), false
	for _, b := range []string{"[h]", "[hh]", "[m]", "[mm]", "[s]", "[ss]"} {
		elapsed = elapsed || strings.Contains(strings.ToLower(code), b)
	}
	switch {
	case f == "general" || f == "@" || f == "":
		return formatStored
	case elapsed:
		return formatTime
	case strings.ContainsAny(f, "yd"):
		return formatDate
	case strings.ContainsAny(f, "hs") && strings.Contains(f, "m"):
		return formatTime
	case strings.Contains(f, "m") && !strings.ContainsAny(f, "0#?"):
		return formatDate // month names
	case strings.Contains(f, "%"):
		return formatPercent
	case strings.Count(f, "0") >= 2 && !strings.ContainsAny(f, "#?.,e/"):
		return formatCode
	}
	return formatStored
}

// bareFormat is a format code's first section without its literals:
// quoted text, escaped characters, [brackets], spacing and fill.
func bareFormat(code string) string {
	var b strings.Builder
	for i := 0; i < len(code); i++ {
		switch c := code[i]; c {
		case ';':
			return b.String()
		case '"':
			j := strings.IndexByte(code[i+1:], '"')
			if j < 0 {
				return b.String()
			}
			i += j + 1
		case '\\', '_', '*':
			i++
		case '[':
			j := strings.IndexByte(code[i:], ']')
			if j < 0 {
				return b.String()
			}
			i += j
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// show writes a number cell's stored text v as the reader wants it.
func (f cellFormat) show(v string, date1904 bool) string {
	if f.kind == formatStored {
		return storedNumber(v)
	}
	n, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return v
	}
	switch f.kind {
	case formatDate:
		if t, err := excelize.ExcelDateToTime(n, date1904); err == nil {
			return t.Format(time.DateOnly)
		}
	case formatPercent:
		dec := 0
		if bare := bareFormat(f.code); strings.Contains(bare, ".") {
			dec = strings.Count(bare[strings.IndexByte(bare, '.'):], "0")
		}
		return strconv.FormatFloat(n*100, 'f', dec, 64) + "%"
	case formatTime:
		secs := int64(math.Round(n * 86400))
		h, m, s := secs/3600, secs/60%60, secs%60
		if !strings.Contains(strings.ToLower(f.code), "[h") {
			h %= 24
		}
		if strings.Contains(strings.ToLower(bareFormat(f.code)), "s") {
			return fmt.Sprintf("%02d:%02d:%02d", h, m, s)
		}
		return fmt.Sprintf("%02d:%02d", h, m)
	case formatCode:
		return showCode(f.code, n)
	}
	return storedNumber(v)
}

// storedNumber writes a stored number as Excel would show it in a wide
// General column: to 15 significant digits, without an exponent, so a
// UPRN reads whole and 0.80800000000000005 reads 0.808.
func storedNumber(v string) string {
	if len(v) <= 15 && !strings.ContainsAny(v, "Ee") {
		return v
	}
	n, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return v
	}
	s := strconv.FormatFloat(n, 'g', 15, 64)
	if strings.ContainsAny(s, "e") {
		s = strconv.FormatFloat(n, 'f', -1, 64)
	}
	return s
}

// showCode writes n as a code format shows it: an integer padded with
// zeros to the format's width, with the format's literal text around it
// ("AB"0000 shows 12 as AB0012).
func showCode(code string, n float64) string {
	digits := strconv.FormatInt(int64(math.Round(math.Abs(n))), 10)
	if w := strings.Count(bareFormat(code), "0"); len(digits) < w {
		digits = strings.Repeat("0", w-len(digits)) + digits
	}
	var b strings.Builder
	placed := false
	for i := 0; i < len(code) && code[i] != ';'; i++ {
		switch c := code[i]; {
		case c == '"':
			j := strings.IndexByte(code[i+1:], '"')
			if j < 0 {
				j = len(code) - i - 1
			}
			b.WriteString(code[i+1 : i+1+j])
			i += j + 1
		case c == '\\' && i+1 < len(code):
			b.WriteByte(code[i+1])
			i++
		case c == '0':
			if !placed {
				b.WriteString(digits)
				placed = true
			}
		case c == '-' || c == ' ' || c == '/' || c == '(' || c == ')':
			b.WriteByte(c) // shown as they are, as Excel does
		}
	}
	return b.String()
}
